package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} and {@code export} of an entity with a child list (the epics' tasks in a table of
 * their own, compared and written back as the files hold them), a list inside a list included.
 */
class ChildVerifyExportTest extends InWorkingDirectory {
  static final String MAPPING =
      """
      entities:
        epic:
          files: epics/*.json
          key: epic_key
          table: epics
          children:
            tasks: {key: task_key, table: tasks}
      """;

  Path ep1;

  @BeforeEach
  void epicsSynced() throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    Files.createDirectories(dir.resolve("epics"));
    ep1 = dir.resolve("epics/EP-1.json");
    Files.writeString(
        ep1,
        """
        {
          "epic_key": "EP-1",
          "name": "Foundations",
          "tasks": [
            {"task_key": "T1", "title": "Build", "done": false},
            {"task_key": "T2", "title": "Test", "done": true}
          ]
        }
        """);
    Files.writeString(
        dir.resolve("epics/EP-2.json"),
        """
        {"epic_key": "EP-2", "name": "Search", "tasks": [{"task_key": "T1", "title": "Index", "done": false}]}
        """);
    session = open();
    session.loadAll(Progress.NONE);
    session.apply();
  }

  private Session open() {
    Session opened = new Session(dir, Clock.systemUTC());
    opened.loadMapping("syncline.yml");
    opened.connect("jdbc:sqlite:plan.db", null, null, false);
    return opened;
  }

  @Test
  void verifyNamesTheTaskThatDiffersInItsTable() {
    session.sql("UPDATE tasks SET title = 'Build it' WHERE epic_key = 'EP-1' AND task_key = 'T1'");

    Verification verification = session.verify(null);

    assertThat(verification.agrees()).isFalse();
    assertThat(verification.checks())
        .extracting(c -> c.entity().name(), c -> c.fileRecords(), c -> c.databaseRows())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("epic", 2, 2),
            org.assertj.core.groups.Tuple.tuple("epic.tasks", 3, 3));
    assertThat(verification.checks().get(1).differing()).containsExactly("EP-1/T1");
  }

  @Test
  void verifyCountsATaskDeletedFromTheTableAsOnlyInFiles() {
    session.sql("DELETE FROM tasks WHERE epic_key = 'EP-2'");

    Verification verification = session.verify("epic");

    assertThat(verification.checks().get(1).onlyInFiles()).containsExactly("EP-2/T1");
    assertThat(verification.checks().get(0).agrees()).isTrue();
  }

  @Test
  void aTaskInsertedBetweenTwoAgreesOnceWrittenToTheFile() {
    session.sql(
        "INSERT INTO tasks (epic_key, task_key, position, title, done)"
            + " VALUES ('EP-1', 'T9', 1.5, 'Review', 0)");
    session.loadAll(Progress.NONE);
    session.apply(); // the file now lists T1, T9, T2; the table keeps 1, 1.5, 2

    assertThat(session.verify(null).agrees()).isTrue();
  }

  @Test
  void exportPutsEachEpicsTasksBackInTheirListInOrder() throws IOException {
    session.sql("UPDATE tasks SET position = 0, title = 'Test first' WHERE task_key = 'T2'");
    session.close();
    session = open(); // nothing loaded: the tasks' fields come from the last sync

    session.export("epic", "out", null);

    String exported = Files.readString(dir.resolve("out/EP-1.json"));
    assertThat(exported.indexOf("Test first")).isPositive().isLessThan(exported.indexOf("Build"));
    assertThat(exported).doesNotContain("position");
    assertThat(exported.split("epic_key", -1)).hasSize(2); // the epic's own, not in its tasks
  }

  @Test
  void verifyComparesAChecklistInsideATaskAsATableOfItsOwn() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        MAPPING.replace(
            "tasks: {key: task_key, table: tasks}",
            "tasks: {key: task_key, table: tasks, children: {checks: {key: item}}}"));
    Files.writeString(
        dir.resolve("epics/EP-3.json"),
        """
        {"epic_key": "EP-3", "name": "Audit", "tasks": [{"task_key": "T1", "title": "Check",
          "checks": [{"item": "c1", "ok": false}, {"item": "c2", "ok": false}]}]}
        """);
    session.close();
    session = open();
    session.loadAll(Progress.NONE);
    session.apply();
    session.sql("UPDATE tasks__checks SET ok = TRUE WHERE item = 'c2'");

    Verification verification = session.verify("epic");

    assertThat(verification.checks())
        .extracting(c -> c.entity().name())
        .containsExactly("epic", "epic.tasks", "epic.tasks.checks");
    assertThat(verification.checks().get(2).differing()).containsExactly("EP-3/T1/c2");
  }
}
