package io.syncline.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.DayCount;
import io.syncline.core.HolidayRules;
import io.syncline.core.PlannedDates;
import io.syncline.core.StartStrategy;
import io.syncline.core.WorkDuration;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Planned start and end dates with Brazil's holidays, each row worked out by hand on a calendar
 * against the government's lists (see {@link HolidaysTest}). The end is the start advanced by the
 * duration's whole days: the first day after the work.
 */
class WorkingDayPlansTest {

  @ParameterizedTest(name = "{1} as of {0}, \"{2}\" in {3} days, holidays {4}: {5} to {6}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # as of    | start        | duration     | days     | holidays    | start      | end
          # the seed's example: Monday plus 2 working days is Wednesday
          2025-08-17 | next_monday  | 2 dias       | BUSINESS | BR          | 2025-08-18 | 2025-08-20
          2025-08-18 | immediate    | 2 dias       | BUSINESS | BR          | 2025-08-18 | 2025-08-20
          2025-08-18 | next_monday  | 2 dias       | BUSINESS | BR          | 2025-08-25 | 2025-08-27
          2025-08-18 | immediate    | 1.5 semanas  | BUSINESS | BR          | 2025-08-18 | 2025-08-28
          2025-08-18 | immediate    | 0 dias       | BUSINESS | BR          | 2025-08-18 | 2025-08-18
          # weekends: a Friday plus one is Monday; a Saturday start moves to Monday
          2025-08-22 | immediate    | 1 dia        | BUSINESS | BR          | 2025-08-22 | 2025-08-25
          2025-08-23 | immediate    | 1 dia        | BUSINESS | BR          | 2025-08-25 | 2025-08-26
          2025-08-23 | immediate    | 2 weeks      | CALENDAR | BR          | 2025-08-23 | 2025-09-06
          # Carnival is no national holiday; with the optional days Monday to Wednesday are off
          2026-02-13 | immediate    | 2 dias       | BUSINESS | BR          | 2026-02-13 | 2026-02-17
          2026-02-13 | immediate    | 2 dias       | BUSINESS | BR+optional | 2026-02-13 | 2026-02-20
          2026-02-12 | next_monday  | 1 dia        | BUSINESS | BR          | 2026-02-16 | 2026-02-17
          2026-02-12 | next_monday  | 1 dia        | BUSINESS | BR+optional | 2026-02-19 | 2026-02-20
          2025-02-28 | immediate    | 1 semana     | BUSINESS | BR          | 2025-02-28 | 2025-03-07
          2025-02-28 | immediate    | 1 semana     | BUSINESS | BR+optional | 2025-02-28 | 2025-03-12
          # Corpus Christi is optional too
          2025-06-18 | immediate    | 1 dia        | BUSINESS | BR          | 2025-06-18 | 2025-06-19
          2025-06-18 | immediate    | 1 dia        | BUSINESS | BR+optional | 2025-06-18 | 2025-06-20
          # Good Friday, then Tiradentes on the Monday after in 2025
          2025-04-17 | immediate    | 1 dia        | BUSINESS | BR          | 2025-04-17 | 2025-04-22
          2025-04-17 | 2025-04-21   | 1 dia        | BUSINESS | BR          | 2025-04-22 | 2025-04-23
          2026-04-02 | next_workday | 3 dias       | BUSINESS | BR          | 2026-04-06 | 2026-04-09
          # 20 November, national since 2024: a Thursday in 2025, a Friday in 2026
          2025-11-19 | immediate    | 2 dias       | BUSINESS | BR          | 2025-11-19 | 2025-11-24
          2026-11-20 | immediate    | 1 dia        | BUSINESS | BR          | 2026-11-23 | 2026-11-24
          2025-11-15 | immediate    | 3 dias úteis | CALENDAR | BR          | 2025-11-17 | 2025-11-21
          2025-11-14 | next_workday | 2 weeks      | CALENDAR | BR          | 2025-11-17 | 2025-12-01
          # year ends: Christmas and New Year's Day skipped, into the next year's calendar
          2025-12-24 | immediate    | 3 dias       | BUSINESS | BR          | 2025-12-24 | 2025-12-30
          2025-12-24 | immediate    | 5 dias       | BUSINESS | BR          | 2025-12-24 | 2026-01-02
          2026-12-24 | immediate    | 1 semana     | BUSINESS | BR          | 2026-12-24 | 2027-01-04
          2025-12-24 | immediate    | 1 semana     | CALENDAR | BR          | 2025-12-24 | 2025-12-31
          # a state's holiday and the company's own days off
          2026-07-08 | immediate    | 1 dia        | BUSINESS | BR          | 2026-07-08 | 2026-07-09
          2026-07-08 | immediate    | 1 dia        | BUSINESS | BR-SP       | 2026-07-08 | 2026-07-10
          2025-12-29 | immediate    | 2 dias       | BUSINESS | BR+2025-12-31 | 2025-12-29 | 2026-01-02
          2025-12-25 | immediate    | 1 dia        | BUSINESS | none        | 2025-12-25 | 2025-12-26
          """)
  void plansSkipWeekendsAndHolidays(
      LocalDate asOf,
      String strategy,
      String duration,
      DayCount days,
      String holidays,
      LocalDate start,
      LocalDate end) {
    PlannedDates plan =
        PlannedDates.plan(
            WorkDuration.read(duration, days),
            StartStrategy.parse(strategy),
            asOf,
            Holidays.of(rules(holidays)));

    assertThat(plan.start()).isEqualTo(start);
    assertThat(plan.end()).isEqualTo(end);
  }

  /** {@code BR}, {@code BR+optional}, {@code BR+2025-12-31}: a region, then what is added. */
  static HolidayRules rules(String text) {
    String[] parts = text.split("\\+");
    HolidayRules rules = HolidayRules.of(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      rules =
          parts[i].equals("optional")
              ? rules.withOptionalDays()
              : rules.withDaysOff(Set.of(LocalDate.parse(parts[i])));
    }
    return rules;
  }
}
