package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EnrichmentTest {
  static final LocalDate SUNDAY = LocalDate.parse("2025-08-17");

  @Test
  void aRecordsPlanFollowsTheMappingsStartAndDayCount() {
    Enrichment enrichment =
        new Enrichment("duration", "next_monday", DayCount.BUSINESS, HolidayRules.of("none"));

    PlannedDates plan = enrichment.plan("1.5 semanas", null, SUNDAY, WorkingDays.WEEKDAYS);

    assertThat(plan.duration().days()).isEqualByComparingTo("7.5");
    assertThat(plan.start()).isEqualTo(LocalDate.parse("2025-08-18"));
    assertThat(plan.end()).isEqualTo(LocalDate.parse("2025-08-28"));
  }

  @Test
  void aStartFieldGivesTheDateAndWithoutOneThePlanStartsOnTheAsOfDay() {
    Enrichment enrichment = new Enrichment("duration", "kickoff", DayCount.CALENDAR, null);

    assertThat(
            enrichment
                .plan("2 weeks", LocalDate.parse("2025-09-01"), SUNDAY, WorkingDays.WEEKDAYS)
                .end())
        .isEqualTo(LocalDate.parse("2025-09-15"));
    assertThat(enrichment.plan("2 weeks", null, SUNDAY, WorkingDays.WEEKDAYS).start())
        .isEqualTo(SUNDAY);
    assertThat(enrichment.calculatedFields())
        .containsExactly("calculated_duration_days", "planned_start_date", "planned_end_date");
  }

  @Test
  void anUnreadableDurationIsLeftForTheCallerToPlace() {
    Enrichment enrichment = new Enrichment("duration", null, null, null);

    assertThatThrownBy(() -> enrichment.plan("soon", null, SUNDAY, WorkingDays.WEEKDAYS))
        .isInstanceOf(UnreadableDuration.class)
        .hasMessage("cannot read a duration from \"soon\"");
  }
}
