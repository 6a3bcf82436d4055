package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Child records at the prompt: the children transcript's two epics, their tasks kept as a child
 * table on SQLite, with one conflict at child depth: epics/EP-1.tasks/EP-1-T1.title.
 */
class ChildPromptTest extends AtTheTerminal {
  @BeforeEach
  void aConflictInATask() throws IOException {
    Path epics = Path.of("src/test/resources/transcripts/children/epics");
    Files.createDirectories(work.resolve("epics"));
    for (String name : new String[] {"EP-1.json", "EP-2.json"}) {
      Files.copy(epics.resolve(name), work.resolve("epics").resolve(name));
    }
    sessions.startIn(work);
    run(
        "connect jdbc:sqlite:plan.db",
        "load 'epics/*.json' --key epic_key --children tasks",
        "apply",
        "system sed -i 's/\"Write the parser\"/\"Write the parser (file)\"/' epics/EP-1.json",
        "sql UPDATE epics__tasks SET title = 'Write the parser (db)' WHERE task_key = 'EP-1-T1'",
        "load");
  }

  @Test
  void tabCompletesAListOfARecordThenItsKeysThenTheirFields() {
    String screen = type("diff epics/EP-1.t\tEP-1-T1.ti\t\nexit --force\n");

    assertThat(screen)
        .contains("diff epics/EP-1.tasks/EP-1-T1.title")
        .contains(
            "epics/EP-1.tasks/EP-1-T1.title  conflict    ((( \"Write the parser\" )))"
                + " \"Write the parser (file)\" /// \"Write the parser (db)\"");
  }

  @Test
  void tabOffersTheKeysOfOneRecordsListOnly() {
    String screen = type("diff epics/EP-2.tasks/\t\t\u0015exit --force\n");

    assertThat(screen)
        .contains("epics/EP-2.tasks/EP-2-T1")
        .contains("epics/EP-2.tasks/EP-2-T3")
        .doesNotContain("epics/EP-2.tasks/EP-1-T1");
  }

  @Test
  void aTaskDeletedInTheFileAndEditedInTheDatabaseIsShownWithoutItsEpicsKey() {
    run(
        "system sed -i '/EP-2-T2/d' epics/EP-2.json",
        "sql UPDATE epics__tasks SET title = 'Export YAML 1.2' WHERE task_key = 'EP-2-T2'",
        "load");

    String screen = type("resolve epics/EP-2\nd\nexit --force\n");

    assertThat(screen)
        .contains("[1/1] epics/EP-2.tasks/EP-2-T2 (whole record)")
        .contains("\"title\": \"Export YAML 1.2\"")
        .doesNotContain("\"epic_key\"");
  }

  @Test
  void stepsThroughAConflictInATaskAndJournalsItsAnswer() {
    String screen = type("resolve epics/EP-1.tasks\nd\nexit --force\n");

    assertThat(screen)
        .contains(
            "[1/1] epics/EP-1.tasks/EP-1-T1.title (text)\n"
                + "  base  \"Write the parser\"\n"
                + "  file  \"Write the parser (file)\"\n"
                + "  db    \"Write the parser (db)\"")
        .contains("1 of 1 conflict(s) decided");
    assertThat(sessions.current().journal().lines())
        .contains("resolve epics/EP-1.tasks/EP-1-T1.title --take db");
  }
}
