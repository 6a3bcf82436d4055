package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Epics with their tasks and each task's checklist, as a user keeps them on every database: the
 * tables the first apply creates refer to their parents', an epic deleted from the files goes with
 * its tasks and their checklists in one apply, a rollback puts their rows all back (parents first),
 * and one to before the first apply takes every row away again (children first).
 */
class ChildTablesSessionTest {
  @TempDir Path dir;
  final List<Runnable> cleanUps = new ArrayList<>();
  Session session;

  static final String MAPPING =
      """
      entities:
        epic:
          files: e/*.json
          key: epic_key
          table: epics
          children:
            tasks:
              key: task_key
              children:
                checklist: {}
      """;

  static final String EP1 =
      """
      {"epic_key": "EP-1", "title": "Billing", "tasks": [
        {"task_key": "T1", "checklist": [{"item": "draft"}, {"item": "review"}]},
        {"task_key": "T2"}
      ]}
      """;

  static final String EP2 =
      """
      {"epic_key": "EP-2", "title": "Search", "tasks": [
        {"task_key": "T1", "checklist": [{"item": "index"}]}
      ]}
      """;

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    cleanUps.forEach(Runnable::run);
  }

  void start(String kind) throws IOException {
    Servers.Target target = Servers.empty(kind, dir, "epics", cleanUps);
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    Files.createDirectories(dir.resolve("e"));
    Files.writeString(dir.resolve("e/EP-1.json"), EP1);
    Files.writeString(dir.resolve("e/EP-2.json"), EP2);
    session = new Session(dir, Clock.systemUTC());
    session.connect(target.url(), target.user(), null, false);
  }

  void load() {
    session.load(new LoadRequest("e/*.json", "epic", null, null, null, null));
  }

  List<List<String>> rows(String sql) {
    return ((QueryResult.ResultTable) session.sql(sql)).rows();
  }

  /** Every epic, task and checklist item in the database, parents before their children. */
  List<List<String>> everything() {
    List<List<String>> all = new ArrayList<>(rows("SELECT epic_key FROM epics ORDER BY epic_key"));
    all.addAll(rows("SELECT epic_key, task_key FROM epics__tasks ORDER BY epic_key, task_key"));
    all.addAll(
        rows(
            "SELECT epic_key, task_key, item FROM epics__tasks__checklist"
                + " ORDER BY epic_key, task_key, position"));
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void anEpicDeletedFromTheFilesGoesWithItsTasksAndRollbacksPutRowsBackInForeignKeyOrder(
      String kind) throws IOException {
    start(kind);
    load();
    session.checkpoint("no-epics");
    session.apply();
    List<List<String>> applied = everything();
    assertThat(applied)
        .contains(List.of("EP-2"), List.of("EP-2", "T1"), List.of("EP-2", "T1", "index"));
    assertThatThrownBy(
            () ->
                session.sql(
                    "INSERT INTO epics__tasks (epic_key, position, task_key)"
                        + " VALUES ('EP-9', 1, 'T1')"))
        .isInstanceOf(SynclineException.class);
    session.checkpoint("two-epics");

    Files.delete(dir.resolve("e/EP-2.json"));
    load();
    session.apply();

    assertThat(everything())
        .containsExactly(
            List.of("EP-1"),
            List.of("EP-1", "T1"),
            List.of("EP-1", "T2"),
            List.of("EP-1", "T1", "draft"),
            List.of("EP-1", "T1", "review"));

    session.rollback("two-epics", false);

    assertThat(everything()).isEqualTo(applied);

    session.rollback("no-epics", false);

    assertThat(everything()).isEmpty();
  }
}
