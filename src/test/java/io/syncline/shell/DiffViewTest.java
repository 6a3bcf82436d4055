package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Calculations;
import io.syncline.core.ChangeSet;
import io.syncline.core.DayCount;
import io.syncline.core.Enrichment;
import io.syncline.core.Entity;
import io.syncline.core.EntityBuilder;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Progress;
import io.syncline.core.SchemaChange;
import io.syncline.core.Side;
import io.syncline.core.Snapshot;
import io.syncline.core.ThreeWayDiff;
import io.syncline.core.Value;
import io.syncline.session.Session;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffViewTest {
  static final Entity THING =
      entity("thing", "t.json", new Field("n", null, FieldType.INTEGER, null));

  /** An entity listed in {@code file}, keyed by a text id, with {@code other} beside it. */
  static Entity entity(String name, String file, Field other) {
    return EntityBuilder.entity(name).files(file).text("id").field(other).build();
  }

  static ChangeSet inserts(int count) {
    Snapshot file = new Snapshot();
    for (int i = 1; i <= count; i++) {
      file.put("k" + i, "{\"id\":\"k" + i + "\",\"n\":" + i + "}");
    }
    return new ChangeSet(
        List.of(ThreeWayDiff.of(THING, new Snapshot(), file, new Snapshot())), List.of());
  }

  @Test
  void aLongDiffShowsTheFirstRowsAndSaysHowManyMore() {
    String table = new DiffView(inserts(5), new Style(), false).table(null, 2);

    assertThat(table.lines())
        .containsExactly(
            "[x]  thing/k1  insert  to-db  {\"id\": \"k1\", \"n\": 1}",
            "[x]  thing/k2  insert  to-db  {\"id\": \"k2\", \"n\": 2}",
            "… 3 more; `diff ENTITY/KEY` narrows, `--limit 0` shows all",
            "5 change(s): 5 inserts; 5 staged");
  }

  @Test
  void theSummaryCountsASchemaChangeApartSoThePartsAddUp() {
    ChangeSet creating =
        new ChangeSet(inserts(250).diffs(), List.of(new SchemaChange(THING, true, THING.fields())));

    assertThat(Views.summaryLine(creating))
        .isEqualTo("250 change(s): 250 inserts; 250 staged; plus 1 schema change");
    assertThat(Views.summaryLine(new ChangeSet(List.of(), creating.schema())))
        .isEqualTo("1 schema change; no record changes");
  }

  @Test
  void theJsonFormatNamesEveryFieldTheContractPromises() {
    String json = DiffView.json(inserts(1), null);

    assertThat(json)
        .contains(
            "\"entity\": \"thing\"", "\"key\": \"k1\"", "\"field\": null", "\"kind\": \"insert\"")
        .contains(
            "\"direction\": \"to-db\"",
            "\"file\": {\"id\":\"k1\",\"n\":1}",
            "\"db\": null",
            "\"base\": null");
  }

  @Test
  void aMergedObjectShowsBothSidesAndWhatBothBecome() {
    Entity meta =
        EntityBuilder.entity("thing")
            .files("t.json")
            .text("id")
            .fields(FieldType.JSON, "meta")
            .build();
    ChangeSet changes =
        new ChangeSet(
            List.of(
                ThreeWayDiff.of(
                    meta,
                    one("{\"id\":\"k1\",\"meta\":{\"a\":1,\"b\":1}}"),
                    one("{\"id\":\"k1\",\"meta\":{\"a\":2,\"b\":1}}"),
                    one("{\"id\":\"k1\",\"meta\":{\"a\":1,\"b\":3}}"))),
            List.of());

    assertThat(new DiffView(changes, new Style(), false).table(null, 0).lines())
        .containsExactly(
            "[x]  thing/k1.meta  merge  both  {\"a\": 2, \"b\": 1} + {\"a\": 1, \"b\": 3} → {\"a\":"
                + " 2, \"b\": 3}",
            "1 change(s): 1 update; 1 staged");
  }

  static final Entity NOTE =
      entity("note", "n.json", new Field("text", null, FieldType.TEXT, null));

  /** One conflict on note/k1.text: base "short", file and database two long texts. */
  static ChangeSet longConflict() {
    String file = "the file's text, " + "which goes on and on ".repeat(4);
    String db = "the database's text, " + "which also goes on ".repeat(4);
    return new ChangeSet(
        List.of(
            ThreeWayDiff.of(
                NOTE,
                one("{\"id\":\"k1\",\"text\":\"short\"}"),
                one("{\"id\":\"k1\",\"text\":\"" + file + "\"}"),
                one("{\"id\":\"k1\",\"text\":\"" + db + "\"}"))),
        List.of());
  }

  /** One conflict on note/k1.text: base "b", file "f", database "d". */
  static ChangeSet shortConflict() {
    return new ChangeSet(
        List.of(
            ThreeWayDiff.of(
                NOTE,
                one("{\"id\":\"k1\",\"text\":\"b\"}"),
                one("{\"id\":\"k1\",\"text\":\"f\"}"),
                one("{\"id\":\"k1\",\"text\":\"d\"}"))),
        List.of());
  }

  @Test
  void aTypedDecisionShowsTheValueAndThatItWasTypedInEveryFormat() {
    ChangeSet changes = shortConflict();
    changes.resolve("note/k1.text", new Value.Text("mine"));

    assertThat(new DiffView(changes, new Style(), false).table(null, 0).lines())
        .first()
        .isEqualTo("[=]  note/k1.text  conflict  typed  ((( \"b\" ))) \"f\" /// \"d\" → \"mine\"");
    assertThat(new DiffView(changes, new Style(), false).conflicts().lines())
        .first()
        .isEqualTo("[=]  note/k1.text  conflict  typed  ((( \"b\" ))) \"f\" /// \"d\" → \"mine\"");
    assertThat(new DiffView(changes, new Style(), true).unified(null))
        .contains("  db:   \"d\"\n= typed: \"mine\"");
    assertThat(DiffView.json(changes, null))
        .contains("\"decided\": {\"from\": \"typed\", \"value\": \"mine\"}");
  }

  @Test
  void aTakenSideShowsTheSideAndItsValue() {
    ChangeSet changes = shortConflict();
    changes.resolve("note/k1.text", Side.DATABASE);

    assertThat(new DiffView(changes, new Style(), false).conflicts().lines())
        .first()
        .isEqualTo("[=]  note/k1.text  conflict  take db  ((( \"b\" ))) \"f\" /// \"d\" → \"d\"");
    assertThat(DiffView.json(changes, null))
        .contains("\"decided\": {\"from\": \"db\", \"value\": \"d\"}");
  }

  @Test
  void anUndecidedChangeHasNoDecisionInJson() {
    assertThat(DiffView.json(shortConflict(), null)).contains("\"decided\": null");
  }

  @Test
  void atThePromptEachLineFitsTheTerminalAndALineSaysWideShowsValuesWhole() {
    String table = new DiffView(longConflict(), new Style(), false, 80).table(null, 0);

    assertThat(table.lines())
        .containsExactly(
            "[!]  note/k1.text  conflict    ((( \"short\" ))) \"the file's t… /// \"the databas…",
            DiffView.CUT_HINT,
            "1 change(s): 1 conflict (1 unresolved); 0 staged");
    assertThat(Columns.of(table.lines().findFirst().orElseThrow())).isEqualTo(79);
  }

  @Test
  void aNarrowTerminalStillShowsTheStartOfEveryValue() {
    String table = new DiffView(longConflict(), new Style(), false, 40).table(null, 0);

    assertThat(table.lines().findFirst().orElseThrow())
        .isEqualTo("[!]  note/k1.text  conflict    ((( \"sh… ))) \"th… /// \"th…");
  }

  @Test
  void valuesThatFitAreNotCutAndNoHintIsShown() {
    String table = new DiffView(inserts(2), new Style(), false, 80).table(null, 0);

    assertThat(table.lines())
        .containsExactly(
            "[x]  thing/k1  insert  to-db  {\"id\": \"k1\", \"n\": 1}",
            "[x]  thing/k2  insert  to-db  {\"id\": \"k2\", \"n\": 2}",
            "2 change(s): 2 inserts; 2 staged");
  }

  @Test
  void wideShowsValuesWholeWhateverTheTerminalsWidth() {
    String table = new DiffView(longConflict(), new Style(), true, 40).table(null, 0);

    assertThat(table).contains("which goes on and on which goes on and on").doesNotContain("…");
    assertThat(table).doesNotContain(DiffView.CUT_HINT);
  }

  @Test
  void outsideATerminalValuesAreCutAtSixtyCharactersWithoutAHint() {
    String table = new DiffView(longConflict(), new Style(), false).table(null, 0);

    String first = table.lines().findFirst().orElseThrow();
    assertThat(first).contains("\"the file's text, which goes on and on which goes on and on… ///");
    assertThat(table).doesNotContain(DiffView.CUT_HINT);
  }

  /** A record {@code k1} with a list of 40 matches, scored "0-0" but for match 38. */
  static ChangeSet longList(String base, String file, String db) {
    Entity season = entity("note", "n.json", new Field("list", null, FieldType.JSON, null));
    return new ChangeSet(
        List.of(
            ThreeWayDiff.of(
                season,
                one("{\"id\":\"k1\",\"list\":" + ConflictViewTest.matches(40, 38, base) + "}"),
                one("{\"id\":\"k1\",\"list\":" + ConflictViewTest.matches(40, 38, file) + "}"),
                one("{\"id\":\"k1\",\"list\":" + ConflictViewTest.matches(40, 38, db) + "}"))),
        List.of());
  }

  @Test
  void longValuesAreCutWhereTheyDifferNotAtTheirSharedStart() {
    ChangeSet update = longList("1-0", "2-0", "1-0");
    String narrow = new DiffView(update, new Style(), false).table(null, 0);
    String terminal = new DiffView(update, new Style(), false, 100).table(null, 0);

    assertThat(narrow.lines().findFirst().orElseThrow())
        .contains("update  to-db  …\"score\": \"1-0\"")
        .contains(" → …\"score\": \"2-0\"");
    assertThat(terminal.lines().findFirst().orElseThrow()).contains("\"1-0\"").contains("\"2-0\"");
    assertThat(Columns.cutAround("[{\"a\":1},{\"a\":2}]", 14, 10)).isEqualTo("…{\"a\":2}]");
  }

  @Test
  void aConflictInsideALongListShowsItsPathAndTheValuesThere() {
    ChangeSet conflict = longList("1-0", "2-0", "1-1");

    assertThat(new DiffView(conflict, new Style(), false).conflicts().lines().findFirst())
        .contains(
            "[!]  note/k1.list  conflict    list[38].score: ((( \"1-0\" ))) \"2-0\" /// \"1-1\"");
    assertThat(new DiffView(conflict, new Style(), false).unified(null))
        .contains("  at:   list[38].score\n");
  }

  @Test
  void aMergeOfALongListShowsThePlacesEachSideChangedNotTheWholeValues() {
    Entity season = entity("note", "n.json", new Field("list", null, FieldType.JSON, null));
    String base = ConflictViewTest.matches(40, 38, "1-0");
    String file = base.replace("\"round\":2,\"score\":\"0-0\"", "\"round\":2,\"score\":\"3-3\"");
    String db = ConflictViewTest.matches(40, 38, "1-1");
    ChangeSet merge =
        new ChangeSet(
            List.of(
                ThreeWayDiff.of(
                    season,
                    one("{\"id\":\"k1\",\"list\":" + base + "}"),
                    one("{\"id\":\"k1\",\"list\":" + file + "}"),
                    one("{\"id\":\"k1\",\"list\":" + db + "}"))),
            List.of());

    assertThat(new DiffView(merge, new Style(), false).table(null, 0).lines().findFirst())
        .hasValue(
            "[x]  note/k1.list  merge  both  list[2].score \"0-0\" → \"3-3\" (file);"
                + " list[38].score \"1-0\" → \"1-1\" (db)");
    assertThat(new DiffView(merge, new Style(), true).table(null, 0))
        .contains("\"score\": \"3-3\"")
        .doesNotContain("(file)");
  }

  @Test
  void sharingGivesShortValuesWhatTheyNeedAndSplitsTheRest() {
    assertThat(Columns.share(List.of(3, 40, 40), 43, 8)).containsExactly(3, 20, 20);
    assertThat(Columns.share(List.of(40, 3), 100, 8)).containsExactly(40, 3);
    assertThat(Columns.share(List.of(40, 40), 4, 4)).containsExactly(4, 4);
    assertThat(Columns.share(List.of(7, 40, 40), 21, 4)).containsExactly(7, 7, 7);
    assertThat(Columns.cut("\"東京タワー\"", 6)).isEqualTo("\"東京…");
  }

  static Snapshot one(String record) {
    Snapshot snapshot = new Snapshot();
    snapshot.put("k1", record);
    return snapshot;
  }

  @Test
  void aCalculatedFieldShowsTheValueWorkedOutAndAFileEditAsIgnored() {
    Enrichment enrichment = new Enrichment("duration", "immediate", DayCount.CALENDAR, null);
    Entity epic =
        EntityBuilder.entity("epic")
            .files("e.json")
            .text("id")
            .field(new Field("duration", null, null, null))
            .build();
    epic =
        epic.withFields(enrichment.withCalculatedFields(epic.fields())).withEnrichment(enrichment);
    String row =
        "{\"calculated_duration_days\":7,\"duration\":\"1 week\",\"id\":\"E1\","
            + "\"planned_end_date\":\"2025-08-25\",\"planned_start_date\":\"2025-08-18\"}";
    Snapshot base = new Snapshot();
    base.put("E1", row);
    Snapshot database = new Snapshot();
    database.put("E1", row);
    Snapshot file = new Snapshot();
    file.put(
        "E1",
        row.replace("\"planned_end_date\":\"2025-08-25\"", "\"planned_end_date\":\"2025-12-24\""));
    Map<String, Map<String, Value>> values =
        Map.of(
            "E1",
            Map.of(
                "calculated_duration_days", new Value.Num(BigDecimal.valueOf(14)),
                "planned_start_date", new Value.Text("2025-08-18"),
                "planned_end_date", new Value.Text("2025-09-01")));
    ChangeSet changes =
        new ChangeSet(
            List.of(
                Calculations.of(
                    ThreeWayDiff.of(epic, base, file, database), base, file, database, values)),
            List.of());

    assertThat(new DiffView(changes, new Style(), false).table(null, 0).lines())
        .containsExactly(
            "[x]  epic/E1.calculated_duration_days  calculate  both  7 → 14",
            "[x]  epic/E1.planned_end_date          calculate  both  \"2025-08-25\" →"
                + " \"2025-09-01\" (the file's \"2025-12-24\" is ignored: calculated)",
            "2 change(s): 2 updates; 2 staged");
    assertThat(DiffView.json(changes, "epic/E1.planned_end_date"))
        .contains("\"kind\": \"calculate\"")
        .contains("\"decided\": {\"from\": \"calculated\", \"value\": \"2025-09-01\"}");
  }

  @Test
  void diffAndStatusNameADurationThatCannotBeRead(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "database: jdbc:sqlite:epics.db\nentities:\n  epic:\n    files: epics.json\n"
            + "    key: [id]\n    enrich: {duration: duration}\n");
    Files.writeString(
        dir.resolve("epics.json"),
        "[{\"id\": \"EP-4\", \"duration\": \"soon\"}, {\"id\": \"EP-5\", \"duration\": \"2 dias\"}]");
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.loadAll(LocalDate.parse("2025-08-18"), Progress.NONE);

      assertThat(Views.unreadable(session))
          .isEqualTo("[?]  epic/EP-4.duration: cannot read a duration from \"soon\"\n");
      assertThat(Views.status(session).lines())
          .contains("unreadable   epic/EP-4.duration: cannot read a duration from \"soon\"");
      assertThat(JsonView.status(session))
          .contains(
              "\"unreadable\": [\"epic/EP-4.duration: cannot read a duration from \\\"soon\\\"\"]");
    }
  }
}
