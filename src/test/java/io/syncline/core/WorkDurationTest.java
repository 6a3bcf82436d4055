package io.syncline.core;

import static io.syncline.core.DayCount.BUSINESS;
import static io.syncline.core.DayCount.CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkDurationTest {

  /** The text, the entity's day count, and what it reads as: days and how they are counted. */
  @ParameterizedTest(name = "\"{0}\" in {1} days is {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2 weeks                                          | CALENDAR | 14   | CALENDAR
          2 semanas                                        | CALENDAR | 14   | CALENDAR
          1 week                                           | CALENDAR | 7    | CALENDAR
          1 semana                                         | CALENDAR | 7    | CALENDAR
          1.5 semanas                                      | CALENDAR | 10.5 | CALENDAR
          1,5 semanas                                      | CALENDAR | 10.5 | CALENDAR
          3 dias                                           | CALENDAR | 3    | CALENDAR
          1 dia                                            | CALENDAR | 1    | CALENDAR
          3 days                                           | CALENDAR | 3    | CALENDAR
          1 day                                            | CALENDAR | 1    | CALENDAR
          0.5 dia                                          | CALENDAR | 0.5  | CALENDAR
          1 mês                                            | CALENDAR | 30   | CALENDAR
          1 mes                                            | CALENDAR | 30   | CALENDAR
          2 meses                                          | CALENDAR | 60   | CALENDAR
          2,5 meses                                        | CALENDAR | 75   | CALENDAR
          2.5 months                                       | CALENDAR | 75   | CALENDAR
          1 month                                          | CALENDAR | 30   | CALENDAR
          2 Semanas                                        | CALENDAR | 14   | CALENDAR
          DOIS MESES                                       | CALENDAR | 60   | CALENDAR
          This epic should take about 2 weeks to complete  | CALENDAR | 14   | CALENDAR
          cerca de 3 semanas para concluir                 | CALENDAR | 21   | CALENDAR
          1 semana e 2 dias                                | CALENDAR | 9    | CALENDAR
          2 weeks and 3 days                               | CALENDAR | 17   | CALENDAR
          1 month, 1 week and 2 days                       | CALENDAR | 39   | CALENDAR
          2 semanas + 3 dias                               | CALENDAR | 17   | CALENDAR
          uma semana e meia                                | CALENDAR | 10.5 | CALENDAR
          1 and a half weeks                               | CALENDAR | 10.5 | CALENDAR
          half a month                                     | CALENDAR | 15   | CALENDAR
          meio mês                                         | CALENDAR | 15   | CALENDAR
          about a week                                     | CALENDAR | 7    | CALENDAR
          10 dias úteis                                    | CALENDAR | 10   | BUSINESS
          10 dias uteis                                    | CALENDAR | 10   | BUSINESS
          1 dia útil                                       | CALENDAR | 1    | BUSINESS
          5 business days                                  | CALENDAR | 5    | BUSINESS
          3 working days                                   | CALENDAR | 3    | BUSINESS
          2 weeks                                          | BUSINESS | 10   | BUSINESS
          2 semanas                                        | BUSINESS | 10   | BUSINESS
          1.5 semanas                                      | BUSINESS | 7.5  | BUSINESS
          1,5 semanas                                      | BUSINESS | 7.5  | BUSINESS
          1 week                                           | BUSINESS | 5    | BUSINESS
          3 dias                                           | BUSINESS | 3    | BUSINESS
          2 days                                           | BUSINESS | 2    | BUSINESS
          1 mês                                            | BUSINESS | 20   | BUSINESS
          1 MÊS                                            | BUSINESS | 20   | BUSINESS
          1 mes                                            | BUSINESS | 20   | BUSINESS
          3 meses                                          | BUSINESS | 60   | BUSINESS
          2,5 meses                                        | BUSINESS | 50   | BUSINESS
          2.5 months                                       | BUSINESS | 50   | BUSINESS
          1 semana e 2 dias                                | BUSINESS | 7    | BUSINESS
          2 weeks and 3 days                               | BUSINESS | 13   | BUSINESS
          1 month and 2 weeks                              | BUSINESS | 30   | BUSINESS
          about 2 weeks to complete                        | BUSINESS | 10   | BUSINESS
          deve levar umas três semanas                     | BUSINESS | 15   | BUSINESS
          dois dias e meio                                 | BUSINESS | 2.5  | BUSINESS
          2 semanas e 3 dias úteis                         | BUSINESS | 13   | BUSINESS
          10 dias úteis                                    | BUSINESS | 10   | BUSINESS
          5 business days                                  | BUSINESS | 5    | BUSINESS
          30 dias corridos                                 | BUSINESS | 30   | CALENDAR
          30 calendar days                                 | BUSINESS | 30   | CALENDAR
          0 days                                           | BUSINESS | 0    | BUSINESS
          """)
  void readsDurationsInEnglishAndPortuguese(
      String text, DayCount entity, BigDecimal days, DayCount count) {
    WorkDuration duration = WorkDuration.read(text, entity);

    assertThat(duration.days()).isEqualByComparingTo(days);
    assertThat(duration.count()).isEqualTo(count);
  }

  @ParameterizedTest(name = "\"{0}\" is refused: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          soon                          | cannot read a duration from "soon"
          ''                            | cannot read a duration from ""
          2                             | cannot read a duration from "2"
          in a few weeks                | cannot read a duration from "in a few weeks"
          2 to 3 weeks                  | a range, not one duration; give one
          2-3 semanas                   | a range, not one duration; give one
          de 2 a 3 semanas              | a range, not one duration; give one
          2 ou 3 semanas                | a range, not one duration; give one
          2 weeks or 3 weeks            | more than one duration; join them with "and" to add them, or keep one
          2 weeks (10 days)             | more than one duration; join them with "and" to add them, or keep one
          2 weeks and 3 business days   | it mixes working days with calendar days; count them one way
          5000 months                   | longer than a century
          """)
  void refusesTextThatNamesNoOneDuration(String text, String reason) {
    assertThatThrownBy(() -> WorkDuration.read(text, CALENDAR))
        .isInstanceOf(UnreadableDuration.class)
        .hasMessageEndingWith(reason);
  }

  @Test
  void anUnreadableDurationIsReportedByRecordAndField() {
    UnreadableDuration failure = null;
    try {
      WorkDuration.read("soon", BUSINESS);
    } catch (UnreadableDuration e) {
      failure = e.at("epic/EP-4.duration");
    }

    assertThat(failure)
        .hasMessage("epic/EP-4.duration: cannot read a duration from \"soon\"")
        .extracting(UnreadableDuration::text)
        .isEqualTo("soon");
  }

  @ParameterizedTest(name = "{0} days span {1} whole days")
  @CsvSource({"7.5, 8", "10, 10", "0.5, 1", "0, 0", "2.01, 3"})
  void datesUseTheDaysRoundedUp(BigDecimal days, int whole) {
    assertThat(new WorkDuration(days, BUSINESS).wholeDays()).isEqualTo(whole);
  }
}
