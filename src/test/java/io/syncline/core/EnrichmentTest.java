package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
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

  static Value.Obj record(String json) {
    return (Value.Obj) CanonicalJson.parse(json);
  }

  static final Enrichment NEXT_MONDAY =
      new Enrichment("duration", "next_monday", DayCount.BUSINESS, HolidayRules.of("none"));

  @Test
  void aPlanOnceMadeIsKeptOnALaterDayWhileTheDurationStaysTheSame() {
    Value.Obj epic = record("{\"epic_key\": \"EP-1\", \"duration\": \"2 semanas\"}");
    Map<String, Value> first = NEXT_MONDAY.fill(epic, null, SUNDAY, WorkingDays.WEEKDAYS);
    assertThat(first.toString())
        .isEqualTo(
            "{calculated_duration_days=Num[value=10], planned_start_date=Text[value=2025-08-18],"
                + " planned_end_date=Text[value=2025-09-01]}");

    Value.Obj stored = new Value.Obj(first);
    LocalDate weekLater = SUNDAY.plusDays(7);
    assertThat(NEXT_MONDAY.fill(epic, stored, weekLater, WorkingDays.WEEKDAYS)).isEqualTo(first);

    Value.Obj longer = record("{\"epic_key\": \"EP-1\", \"duration\": \"3 semanas\"}");
    assertThat(NEXT_MONDAY.fill(longer, stored, weekLater, WorkingDays.WEEKDAYS))
        .containsEntry("planned_start_date", new Value.Text("2025-08-25"))
        .containsEntry("planned_end_date", new Value.Text("2025-09-15"));
  }

  @Test
  void aRecordWithoutADurationHasEmptyCalculatedFields() {
    assertThat(NEXT_MONDAY.fill(record("{\"epic_key\": \"EP-1\"}"), null, SUNDAY, null).values())
        .containsOnly(Value.NULL);
  }

  @Test
  void aChangedStartFieldMakesANewPlan() {
    Enrichment fromField = new Enrichment("duration", "kickoff", DayCount.CALENDAR, null);
    Value.Obj stored =
        record(
            "{\"calculated_duration_days\": 7, \"planned_start_date\": \"2025-09-01\","
                + " \"planned_end_date\": \"2025-09-08\"}");
    Value.Obj moved = record("{\"duration\": \"1 week\", \"kickoff\": \"2025-10-01\"}");

    assertThat(fromField.fill(moved, stored, SUNDAY, WorkingDays.WEEKDAYS))
        .containsEntry("planned_end_date", new Value.Text("2025-10-08"));
  }
}
