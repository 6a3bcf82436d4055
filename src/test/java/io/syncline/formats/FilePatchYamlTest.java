package io.syncline.formats;

import static io.syncline.formats.FilePatchTest.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilePatchYamlTest {

  static final Entity LIST =
      FilePatchTest.entity(Layout.LIST, "/tasks", "name", "name", "cron", "enabled", "tags");
  static final Entity MAP =
      FilePatchTest.entity(Layout.MAP, "/tasks", "name", "name", "cron", "enabled", "tags");

  static final String TASKS =
      """
      # Nightly jobs; owned by ops.
      tasks:
        - name: backup   # the big one
          cron: "0 2 * * *"  # UTC
          enabled: true
          tags: [db, nightly]
        # reports come after backups
        - name: report
          cron: '0 6 * * 1'
          enabled: false
        - name: cleanup
          cron: 0 4 * * *
          tags:
            - disk
            - tmp
      """;

  static String list(
      String text,
      Map<String, FieldUpdates> updates,
      Map<String, String> inserts,
      Set<String> deletes) {
    return FilePatch.apply(text, true, LIST, "schedule.yml", updates, inserts, deletes);
  }

  @Test
  void updatingAQuotedScalarKeepsItsQuotesAndComment() {
    assertThat(list(TASKS, update("backup", "cron", "\"0 3 * * *\""), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("\"0 2 * * *\"  # UTC", "\"0 3 * * *\"  # UTC"));
    assertThat(list(TASKS, update("report", "cron", "\"it's\""), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("'0 6 * * 1'", "'it''s'"));
  }

  @Test
  void updatingAPlainScalarQuotesOnlyWhenNeeded() {
    assertThat(list(TASKS, update("cleanup", "cron", "\"@hourly\""), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("0 4 * * *", "\"@hourly\""));
    assertThat(list(TASKS, update("report", "enabled", "true"), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("enabled: false", "enabled: true"));
    assertThat(list(TASKS, update("backup", "name", "\"yes\""), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("name: backup   #", "name: \"yes\"   #"));
  }

  @Test
  void updatingAListKeepsItsStyle() {
    assertThat(list(TASKS, update("backup", "tags", "[\"db\",\"weekly\"]"), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("[db, nightly]", "[db, weekly]"));
    assertThat(list(TASKS, update("cleanup", "tags", "[\"disk\"]"), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("      - disk\n      - tmp\n", "      - disk\n"));
  }

  @Test
  void addingAnAbsentFieldAppendsALineAtTheMembersColumn() {
    assertThat(list(TASKS, update("report", "tags", "[\"weekly\"]"), Map.of(), Set.of()))
        .isEqualTo(
            TASKS.replace(
                "    enabled: false\n", "    enabled: false\n    tags:\n      - weekly\n"));
    assertThat(list(TASKS, update("cleanup", "enabled", "true"), Map.of(), Set.of()))
        .isEqualTo(TASKS + "    enabled: true\n");
  }

  @Test
  void insertingARecordFormatsItLikeItsSiblings() {
    assertThat(
            list(
                TASKS,
                Map.of(),
                Map.of(
                    "audit",
                    "{\"enabled\":true,\"cron\":\"@daily\",\"name\":\"audit\",\"note\":\"a: b\"}"),
                Set.of()))
        .isEqualTo(
            TASKS
                + """
              - name: audit
                cron: "@daily"
                enabled: true
                note: "a: b"
            """);
  }

  @Test
  void insertingIntoAnEmptyListMakesABlockList() {
    assertThat(
            list(
                "tasks: []  # none yet\nother: 1\n",
                Map.of(),
                Map.of("audit", "{\"name\":\"audit\",\"tags\":[\"x\"]}"),
                Set.of()))
        .isEqualTo("tasks:  # none yet\n  - name: audit\n    tags:\n      - x\nother: 1\n");
  }

  @Test
  void deletingRemovesTheRecordsLinesAndLeavesOtherComments() {
    assertThat(list(TASKS, Map.of(), Map.of(), Set.of("backup")))
        .isEqualTo(
            """
            # Nightly jobs; owned by ops.
            tasks:
              # reports come after backups
              - name: report
                cron: '0 6 * * 1'
                enabled: false
              - name: cleanup
                cron: 0 4 * * *
                tags:
                  - disk
                  - tmp
            """);
    assertThat(list(TASKS, Map.of(), Map.of(), Set.of("report")))
        .isEqualTo(
            TASKS.replace("  - name: report\n    cron: '0 6 * * 1'\n    enabled: false\n", ""));
    assertThat(list(TASKS, Map.of(), Map.of(), Set.of("cleanup")))
        .isEqualTo(
            TASKS.replace(
                "  - name: cleanup\n    cron: 0 4 * * *\n    tags:\n      - disk\n      - tmp\n",
                ""));
  }

  @Test
  void settingAFieldToNullRemovesItsLines() {
    assertThat(list(TASKS, update("cleanup", "tags", null), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("    tags:\n      - disk\n      - tmp\n", ""));
    assertThat(list(TASKS, update("report", "name", null), Map.of(), Set.of()))
        .isEqualTo(TASKS.replace("  - name: report\n    cron:", "  - cron:"));
  }

  static final String MAP_TEXT =
      """
      tasks:
        # the big one
        backup:
          cron: "0 2 * * *"
          enabled: true
        report:
          cron: 0 6 * * 1   # Mondays
      """;

  @Test
  void mapLayoutUpdatesInsertsAndDeletesByMemberName() {
    String result =
        FilePatch.apply(
            MAP_TEXT,
            true,
            MAP,
            "schedule.yaml",
            update("report", "cron", "\"0 7 * * 1\""),
            Map.of("cleanup", "{\"name\":\"cleanup\",\"cron\":\"@daily\",\"enabled\":false}"),
            Set.of("backup"));
    assertThat(result)
        .isEqualTo(
            """
        tasks:
          # the big one
          report:
            cron: 0 7 * * 1   # Mondays
          cleanup:
            cron: "@daily"
            enabled: false
        """);
  }

  @Test
  void crlfYamlStaysCrlf() {
    String text = TASKS.replace("\n", "\r\n");
    String result =
        list(
            text,
            update("report", "tags", "[\"weekly\"]"),
            Map.of("audit", "{\"name\":\"audit\"}"),
            Set.of("backup"));
    assertThat(result.replace("\r\n", "")).doesNotContain("\n");
    assertThat(result.replace("\r\n", "\n"))
        .isEqualTo(
            list(
                TASKS,
                update("report", "tags", "[\"weekly\"]"),
                Map.of("audit", "{\"name\":\"audit\"}"),
                Set.of("backup")));
  }

  @Test
  void unchangedYamlIsReturnedAsTheSameInstance() {
    assertThat(list(TASKS, update("backup", "cron", "\"0 2 * * *\""), Map.of(), Set.of()))
        .isSameAs(TASKS);
  }

  static final String NOTES =
      """
      tasks:
        - name: backup
          note: |
            first line
            second line
          # the folded one
          summary: >-
            runs every
            night
          kept: |+
            x

          cron: daily
      """;

  @Test
  void aChangedBlockScalarStaysABlockScalarOfItsStyleAndIndentation() {
    assertThat(list(NOTES, update("backup", "note", "\"one\\n\\ntwo\\n\""), Map.of(), Set.of()))
        .isEqualTo(NOTES.replace("first line\n      second line", "one\n\n      two"));
    assertThat(list(NOTES, update("backup", "note", "\"one\\ntwo\""), Map.of(), Set.of()))
        .isEqualTo(
            NOTES.replace(
                "note: |\n      first line\n      second line", "note: |-\n      one\n      two"));
    assertThat(list(NOTES, update("backup", "summary", "\"runs at\\nnoon\""), Map.of(), Set.of()))
        .isEqualTo(NOTES.replace("runs every\n      night", "runs at\n\n      noon"));
    assertThat(list(NOTES, update("backup", "kept", "\"y\\n\\n\""), Map.of(), Set.of()))
        .isEqualTo(NOTES.replace("|+\n      x\n", "|+\n      y\n"));
  }

  @Test
  void aBlockScalarRewrittenReadsBackAsTheNewValue() throws java.io.IOException {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("blocks");
    io.syncline.core.Entity entity =
        new io.syncline.core.Entity(
            "tasks",
            "n.yml",
            Layout.LIST,
            "/tasks",
            null,
            java.util.List.of("name"),
            java.util.List.of(),
            null);
    for (String value :
        java.util.List.of("one\ntwo\n", "one\ntwo", "a\n\n\nb\n", "tab\there\n", "x y")) {
      StringBuilder json = new StringBuilder();
      io.syncline.core.CanonicalJson.quote(value, json);
      for (String field : java.util.List.of("note", "summary")) {
        String after = list(NOTES, update("backup", field, json.toString()), Map.of(), Set.of());
        java.nio.file.Files.writeString(dir.resolve("n.yml"), after);
        String record = new RecordFiles(dir).read(entity).records().get("backup");
        assertThat(record).as(after).contains("\"" + field + "\":" + json);
        assertThat(after).as(after).doesNotContain(field + ": \"");
      }
    }
  }
}
