package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.DayCount;
import io.syncline.core.Enrichment;
import io.syncline.core.HolidayRules;
import io.syncline.core.ProgressRule;
import io.syncline.core.StartStrategy;
import io.syncline.core.UnableToReadFile;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code enrich:} block of an entity in {@code syncline.yml}, read strictly. */
class MappingFileEnrichTest {
  static final String ENTITY = "entities:\n  epic:\n    files: epics/*.json\n    key: epic_key\n";

  static Enrichment enrichment(String block) {
    return MappingFile.parse(ENTITY + block, "syncline.yml")
        .entity("epic")
        .orElseThrow()
        .enriched()
        .orElseThrow();
  }

  @Test
  void everySettingIsReadAndWrittenBackTheSame() {
    Enrichment read =
        enrichment(
            """
                enrich:
                  duration: duration
                  start: next_monday
                  days: business
                  holidays: {region: br-sp, optional_days: true, days_off: [2025-12-24, 2025-12-31]}
            """);

    assertThat(read)
        .isEqualTo(
            new Enrichment(
                "duration",
                "next_monday",
                DayCount.BUSINESS,
                HolidayRules.of("BR-SP")
                    .withOptionalDays()
                    .withDaysOff(
                        Set.of(LocalDate.parse("2025-12-24"), LocalDate.parse("2025-12-31")))));
    assertThat(read.strategy()).contains(new StartStrategy.NextMonday());
    String written =
        MappingFile.write(MappingFile.parse(ENTITY + "    enrich: {duration: d}\n", "a"));
    assertThat(written)
        .contains(
            """
                enrich:
                  duration: d
                  start: immediate
                  days: calendar
                  holidays: {region: none, optional_days: false, days_off: []}
            """);
    String full =
        MappingFile.write(
            MappingFile.parse(
                ENTITY
                    + "    enrich: {duration: d, holidays: {region: BR, days_off: [2025-12-24]}}\n",
                "a"));
    assertThat(MappingFile.write(MappingFile.parse(full, "b"))).isEqualTo(full);
  }

  @Test
  void theDefaultsAreImmediateCalendarDaysAndNoHolidays() {
    Enrichment read = enrichment("    enrich: {duration: duration}\n");

    assertThat(read.strategy()).contains(new StartStrategy.Immediate());
    assertThat(read.days()).isEqualTo(DayCount.CALENDAR);
    assertThat(read.holidays()).isEqualTo(HolidayRules.of("none"));
  }

  @Test
  void aRegionAloneAndAStartFromADateFieldAreRead() {
    Enrichment read = enrichment("    enrich: {duration: d, start: kickoff, holidays: BR}\n");

    assertThat(read.holidays()).isEqualTo(HolidayRules.of("BR"));
    assertThat(read.startField()).contains("kickoff");
    assertThat(read.strategy()).isEmpty();
    assertThat(enrichment("    enrich: {duration: d, start: 2025-09-01}\n").strategy())
        .contains(new StartStrategy.On(LocalDate.parse("2025-09-01")));
  }

  @Test
  void progressCountsAChildListAndIsWrittenBack() {
    String text =
        ENTITY
            + "    children: {tasks: {key: task_key}}\n"
            + "    enrich: {duration: d, progress: {children: tasks, done: status,"
            + " done_values: [done, closed], hours: estimate_hours}}\n";
    Enrichment read =
        MappingFile.parse(text, "syncline.yml")
            .entity("epic")
            .orElseThrow()
            .enriched()
            .orElseThrow();

    assertThat(read.progress())
        .isEqualTo(
            new ProgressRule("tasks", "status", List.of("done", "closed"), "estimate_hours"));
    assertThat(read.calculatedFields()).contains("progress_percentage", "stats");
    String written = MappingFile.write(MappingFile.parse(text, "syncline.yml"));
    assertThat(MappingFile.parse(written, "again").entity("epic").orElseThrow())
        .isEqualTo(MappingFile.parse(text, "syncline.yml").entity("epic").orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {duration: d, dayz: business}                   | entities.epic.enrich.dayz: unknown setting; expected one of days, duration, holidays, progress, start
          {start: next_monday}                            | entities.epic.enrich: say which field holds the duration text: duration: FIELD
          {duration: d, days: weekly}                     | entities.epic.enrich.days: `weekly` is not one of calendar, business
          {duration: d, start: 2025-02-30}                | entities.epic.enrich.start: expected immediate, next_monday, next_workday or a date YYYY-MM-DD, found "2025-02-30"
          {duration: d, holidays: brazil}                 | entities.epic.enrich.holidays: expected a country code such as BR, a subdivision such as BR-SP, or none; found "BRAZIL"
          {duration: d, holidays: {region: BR, days_off: [2025-12-24, soon]}} | entities.epic.enrich.holidays.days_off[1]: expected a date YYYY-MM-DD, found "soon"
          {duration: d, holidays: {region: BR, optional_days: yes please}}     | entities.epic.enrich.holidays.optional_days: expected true or false
          {duration: d, holidays: {region: BR, optional: true}}               | entities.epic.enrich.holidays.optional: unknown setting; expected one of days_off, optional_days, region
          {duration: d, progress: {children: tasks, done: done}}              | entities.epic.enrich.progress.children: progress counts the tasks of each record, which must be a child list: add children: {tasks: {key: KEY}} to the entity
          {duration: d, progress: {children: tasks, donee: done}}             | entities.epic.enrich.progress.donee: unknown setting; expected one of children, done, done_values, hours
          {duration: d, progress: {children: tasks}}                          | entities.epic.enrich.progress: expected {children: LIST, done: FIELD, done_values: [V, ...], hours: FIELD}
          {duration: d, progress: {children: tasks, done: s, done_values: x}}  | entities.epic.enrich.progress.done_values: expected a list of the values that mean done
          [duration]                                      | entities.epic.enrich: expected settings like {duration: FIELD, start: next_monday, days: business}
          """)
  void aMistakeIsNamedBySetting(String block, String message) {
    assertThatThrownBy(() -> enrichment("    enrich: " + block + "\n"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining(message);
  }

  @Test
  void aFieldEnrichmentFillsMustBeCalculated() {
    assertThatThrownBy(
            () ->
                enrichment(
                    "    fields: {planned_end_date: {layer: synced}}\n    enrich: {duration: d}\n"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining(
            "entities.epic.fields.planned_end_date: filled by enrich, so it is the database's:"
                + " declare it {layer: calculated} or leave the layer out");
    assertThat(
            enrichment(
                "    fields: {planned_end_date: {layer: calculated}}\n    enrich: {duration: d}\n"))
        .isNotNull();
    // as `mapping save` writes a field inferred from the files: it must read back
    assertThat(
            enrichment("    fields: {planned_end_date: {type: date}}\n    enrich: {duration: d}\n"))
        .isNotNull();
  }
}
