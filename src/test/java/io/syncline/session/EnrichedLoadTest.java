package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Entity;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code load} of an entity whose mapping has an {@code enrich:} block. */
class EnrichedLoadTest {
  @TempDir Path dir;

  static final String MAPPING =
      "database: jdbc:sqlite:epics.db\n"
          + "entities:\n"
          + "  epic:\n"
          + "    files: epics/*.json\n"
          + "    key: [epic_key]\n"
          + "    enrich:\n"
          + "      duration: duration\n"
          + "      start: next_monday\n"
          + "      days: business\n"
          + "      holidays: BR\n";

  void epic(String folder, String key, String duration) throws IOException {
    Path file = dir.resolve(folder).resolve(key + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "{\"epic_key\": \"" + key + "\", \"duration\": \"" + duration + "\"}\n");
  }

  @Test
  void anEntityLoadedFromAnotherPathKeepsItsEnrichment() throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    epic("archive", "EP-1", "2 semanas");
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(new LoadRequest("archive/*.json", "epic", null, null, null, null));

      Entity epic = session.mapping().entity("epic").orElseThrow();
      assertThat(epic.files()).isEqualTo("archive/*.json");
      assertThat(epic.enriched()).isPresent();
      assertThat(epic.enrichment().duration()).isEqualTo("duration");
      assertThat(epic.enrichment().strategy().orElseThrow().spelling()).isEqualTo("next_monday");
    }
  }

  /** The sample epics, with the mapping above. */
  void sampleEpics() throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    Files.createDirectories(dir.resolve("epics"));
    try (Stream<Path> samples = Files.list(Path.of("sample-data/epics"))) {
      for (Path sample : samples.filter(p -> p.toString().endsWith(".json")).toList()) {
        Files.copy(sample, dir.resolve("epics").resolve(sample.getFileName()));
      }
    }
  }

  static LoadRequest epicsAsOf(String day) {
    return new LoadRequest("epics/*.json", "epic", null, null, null, null, LocalDate.parse(day));
  }

  String plans(Session session) {
    QueryResult result =
        session.sql(
            "SELECT epic_key, duration, calculated_duration_days, planned_start_date,"
                + " planned_end_date FROM epic ORDER BY epic_key");
    return ((QueryResult.ResultTable) result)
        .rows().stream().map(Object::toString).collect(Collectors.joining("\n"));
  }

  /**
   * As of Friday 14 November 2025 the plans start on Monday the 17th; Thursday the 20th (Black
   * Consciousness Day, national since 2024) is no working day, so two weeks (ten working days: 17,
   * 18, 19, 21, 24 to 28 November, 1 December) end on Tuesday 2 December.
   */
  @Test
  void loadPlansEachEpicInBrazilianWorkingDaysAndWritesThePlanToBothSides() throws IOException {
    sampleEpics();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));
      session.apply();

      assertThat(plans(session))
          .isEqualTo(
              String.join(
                  "\n",
                  "[EP-1, 2 semanas, 10, 2025-11-17, 2025-12-02]",
                  "[EP-2, 1.5 weeks, 7.5, 2025-11-17, 2025-11-28]",
                  "[EP-3, 3 semanas, 15, 2025-11-17, 2025-12-09]",
                  "[EP-4, 4 weeks, 20, 2025-11-17, 2025-12-16]",
                  "[EP-5, 2 weeks, 10, 2025-11-17, 2025-12-02]",
                  "[EP-6, 1 semana, 5, 2025-11-17, 2025-11-25]",
                  "[EP-7, 10 días, 10, 2025-11-17, 2025-12-02]",
                  "[EP-8, 1 week, 5, 2025-11-17, 2025-11-25]",
                  "[EP-9, 2 semanas, 10, 2025-11-17, 2025-12-02]"));
      String file = Files.readString(dir.resolve("epics/EP-2.json"));
      assertThat(file)
          .contains("\"calculated_duration_days\": 7.5")
          .contains("\"planned_start_date\": \"2025-11-17\"")
          .contains("\"planned_end_date\": \"2025-11-28\"");
    }
  }

  @Test
  void aPlanStaysPutOnALaterDayAndMovesWhenItsDurationChanges() throws IOException {
    sampleEpics();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));
      session.apply();
    }
    Path ep6 = dir.resolve("epics/EP-6.json");
    Files.writeString(ep6, Files.readString(ep6).replace("\"1 semana\"", "\"2 semanas\""));

    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-21"));

      assertThat(session.changes().changes())
          .extracting(c -> c.id() + " " + c.kind().label() + " " + c.calculated())
          .containsExactly(
              "epic/EP-6.duration update null",
              "epic/EP-6.calculated_duration_days calculate 10",
              "epic/EP-6.planned_start_date calculate \"2025-11-24\"",
              "epic/EP-6.planned_end_date calculate \"2025-12-08\"");
      session.apply();
      assertThat(plans(session))
          .contains("[EP-1, 2 semanas, 10, 2025-11-17, 2025-12-02]")
          .contains("[EP-6, 2 semanas, 10, 2025-11-24, 2025-12-08]");
      session.load(epicsAsOf("2025-11-28"));
      assertThat(session.changes().isEmpty()).isTrue();
    }
  }

  @Test
  void recomputeMovesTheSelectedPlanOnPurposeAndLeavesTheOthers() throws IOException {
    sampleEpics();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));
      session.apply();
      session.load(epicsAsOf("2025-11-21"));
      assertThat(session.changes().isEmpty()).isTrue();

      long staged = session.recompute("epic/EP-8", LocalDate.parse("2025-12-01"));

      assertThat(staged).isEqualTo(2);
      assertThat(session.changes().changes())
          .extracting(c -> c.id() + " " + c.kind().label() + " " + c.calculated())
          .containsExactly(
              "epic/EP-8.planned_start_date calculate \"2025-12-08\"",
              "epic/EP-8.planned_end_date calculate \"2025-12-15\"");
      session.apply();
      assertThat(plans(session))
          .contains("[EP-1, 2 semanas, 10, 2025-11-17, 2025-12-02]")
          .contains("[EP-8, 1 week, 5, 2025-12-08, 2025-12-15]");
      assertThat(Files.readString(dir.resolve("epics/EP-8.json")))
          .contains("\"planned_start_date\": \"2025-12-08\"");
      session.load(epicsAsOf("2025-12-03"));
      assertThat(session.changes().isEmpty()).isTrue();
    }
  }

  @Test
  void recomputeOfARecordNotLoadedIsRefusedAndPlansNothing() throws IOException {
    sampleEpics();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));
      session.apply();

      assertThatThrownBy(() -> session.recompute("epic/EP-99", LocalDate.parse("2025-12-01")))
          .isInstanceOf(SynclineException.Usage.class)
          .hasMessage("no record epic/EP-99 in the loaded files; nothing was planned again");
      assertThat(session.changes().isEmpty()).isTrue();
      assertThat(session.recompute("epic", null)).isZero();
    }
  }

  @Test
  void aPlannedDateEditedInAFileIsIgnoredAndPutBack() throws IOException {
    sampleEpics();
    Path ep1 = dir.resolve("epics/EP-1.json");
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));
      session.apply();
      Files.writeString(ep1, Files.readString(ep1).replace("2025-12-02", "2025-12-24"));

      session.load(epicsAsOf("2025-11-14"));
      assertThat(session.changes().changes())
          .extracting(c -> c.id() + " " + c.file() + " " + c.database() + " " + c.calculated())
          .containsExactly(
              "epic/EP-1.planned_end_date \"2025-12-24\" \"2025-12-02\" \"2025-12-02\"");
      session.apply();
      assertThat(Files.readString(ep1)).contains("\"planned_end_date\": \"2025-12-02\"");
    }
  }

  @Test
  void anUnreadableDurationIsNamedByRecordAndTheRestOfTheLoadGoesOn() throws IOException {
    sampleEpics();
    Path ep4 = dir.resolve("epics/EP-4.json");
    Files.writeString(ep4, Files.readString(ep4).replace("\"4 weeks\"", "\"soon\""));
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));

      assertThat(session.unreadableDurations())
          .extracting(Throwable::getMessage)
          .containsExactly("epic/EP-4.duration: cannot read a duration from \"soon\"");
      assertThat(session.changes().changes())
          .extracting(c -> c.id())
          .doesNotContain("epic/EP-4.planned_start_date")
          .contains("epic/EP-4", "epic/EP-5.planned_start_date");
      session.apply();
      assertThat(plans(session))
          .contains("[EP-4, soon, null, null, null]")
          .contains("[EP-5, 2 weeks, 10, 2025-11-17, 2025-12-02]");
    }
  }

  @Test
  void enrichWritesCopiesWithTheCalculatedFieldsAndLeavesTheOriginals() throws IOException {
    sampleEpics();
    Path ep4 = dir.resolve("epics/EP-4.json");
    Files.writeString(ep4, Files.readString(ep4).replace("\"4 weeks\"", "\"soon\""));
    String original = Files.readString(dir.resolve("epics/EP-7.json"));
    try (Session session =
        new Session(dir, Clock.fixed(Instant.parse("2025-11-14T09:30:00Z"), ZoneOffset.UTC))) {
      EnrichedCopies copies = session.enrich("epic", "enriched", LocalDate.parse("2025-11-14"));

      assertThat(copies.written()).hasSize(9);
      assertThat(copies.unreadable())
          .extracting(Throwable::getMessage)
          .containsExactly("epic/EP-4.duration: cannot read a duration from \"soon\"");
    }
    assertThat(Files.readString(dir.resolve("epics/EP-7.json"))).isEqualTo(original);
    String copy = Files.readString(dir.resolve("enriched/EP-7.json"));
    assertThat(copy)
        .startsWith("{\n  \"epic\": {")
        .contains("\"duration\": \"10 días\"")
        .contains(
            "  \"calculated_fields\": {\n"
                + "    \"calculated_duration_days\": 10,\n"
                + "    \"planned_start_date\": \"2025-11-17\",\n"
                + "    \"planned_end_date\": \"2025-12-02\"\n"
                + "  },\n"
                + "  \"metadata\": {\n"
                + "    \"enriched_at\": \"2025-11-14T09:30:00Z\",\n"
                + "    \"calculation_strategy\": \"next_monday, business days, holidays BR\",\n"
                + "    \"data_source\": \"files\"\n"
                + "  }\n"
                + "}\n");
    assertThat(Files.readString(dir.resolve("enriched/EP-4.json")))
        .contains("\"planned_start_date\": null");
  }

  @Test
  void connectingToAnotherDatabaseDiffsAgainWithThePlansOfTheLoadsDay() throws IOException {
    sampleEpics();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epicsAsOf("2025-11-14"));
      session.connect("jdbc:sqlite:other.db", null, null, false);

      assertThat(session.changes().changes())
          .filteredOn(c -> c.id().equals("epic/EP-1.planned_end_date"))
          .extracting(c -> c.kind().label() + " " + c.file() + " " + c.calculated())
          .containsExactly("calculate null \"2025-12-02\"");
      session.apply();
      assertThat(plans(session)).contains("[EP-1, 2 semanas, 10, 2025-11-17, 2025-12-02]");
    }
  }
}
