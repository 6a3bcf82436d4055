package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An entity synced with one table, then mapped to another ({@code table:} changed): its base was
 * agreed with the first table, so read against the second every record would look deleted there and
 * apply would delete it from the files. The load sets the base aside and says so; the entity syncs
 * as at first contact, and the apply replaces its whole base.
 */
class BaseTableTest {
  @TempDir Path dir;
  final List<Runnable> cleanUps = new ArrayList<>();
  Servers.Target target;

  @AfterEach
  void cleanUp() {
    cleanUps.forEach(Runnable::run);
  }

  Session session(String mapping) throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), mapping);
    Session session = new Session(dir, Clock.systemUTC());
    session.connect(target.url(), target.user(), null, false);
    return session;
  }

  static String flat(String table) {
    return "entities:\n  c:\n    files: c.json\n    key: id\n    table: " + table + "\n";
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aFlatEntityMappedToAnotherTableSyncsAsAtFirstContact(String kind) throws IOException {
    target = Servers.empty(kind, dir, "c", cleanUps);
    Path file = dir.resolve("c.json");
    Files.writeString(
        file,
        "[{\"id\": 1, \"n\": \"a\"}, {\"id\": 2, \"n\": \"b\"}, {\"id\": 9, \"n\": \"i\"}]\n");
    try (Session session = session(flat("ta"))) {
      session.loadAll(Progress.NONE);
      session.apply();
      session.sql("CREATE TABLE tb (id INTEGER PRIMARY KEY, n VARCHAR(10))");
      session.sql("INSERT INTO tb (id, n) VALUES (2, 'b'), (3, 'c')");
    }
    // 9 leaves the files as the table changes: its base, agreed with ta, must not outlive it
    Files.writeString(file, "[{\"id\": 1, \"n\": \"a\"}, {\"id\": 2, \"n\": \"b\"}]\n");
    try (Session session = session(flat("tb"))) {
      session.loadAll(Progress.NONE);
      assertThat(session.takeNotice())
          .contains(
              "c: table tb is not the table its base was agreed with (ta); synced as a first"
                  + " contact, and the next apply replaces c's base");
      assertThat(changes(session)).containsExactly("c/1 INSERT to-db", "c/3 INSERT to-file");
      session.apply();
      assertThat(rows(session, "SELECT id, n FROM tb ORDER BY id"))
          .containsExactly(List.of("1", "a"), List.of("2", "b"), List.of("3", "c"));
      assertThat(Files.readString(file)).contains("\"id\": 1").contains("\"id\": 3");
    }
    try (Session session = session(flat("tb"))) {
      session.loadAll(Progress.NONE);
      assertThat(session.takeNotice()).isEmpty();
      assertThat(changes(session)).as("a next load").isEmpty();
      // a row of 9 new in tb is new to the files: no base of ta's left says it was deleted there
      session.sql("INSERT INTO tb (id, n) VALUES (9, 'i')");
      session.loadAll(Progress.NONE);
      assertThat(changes(session)).containsExactly("c/9 INSERT to-file");
    }
  }

  @Test
  void aBaseFromBeforeTablesWereRecordedIsTrusted() throws IOException {
    target = Servers.empty("sqlite", dir, "c", cleanUps);
    Path file = dir.resolve("c.json");
    Files.writeString(file, "[{\"id\": 1, \"n\": \"a\"}, {\"id\": 2, \"n\": \"b\"}]\n");
    try (Session session = session(flat("ta"))) {
      session.loadAll(Progress.NONE);
      session.apply();
      session.sql("DELETE FROM syncline_base_table"); // as a store from before the table was
    }
    Files.writeString(file, "[{\"id\": 1, \"n\": \"a\"}]\n");
    try (Session session = session(flat("ta"))) {
      session.loadAll(Progress.NONE);
      assertThat(session.takeNotice()).isEmpty();
      assertThat(changes(session)).containsExactly("c/2 DELETE to-db");
      session.apply();
      assertThat(rows(session, "SELECT entity, table_name FROM syncline_base_table"))
          .containsExactly(List.of("c", "ta"));
    }
  }

  static String epics(String tasksTable) {
    return """
        entities:
          epic:
            files: e/*.json
            key: epic_key
            table: epics
            children:
              tasks:
                key: task_key
                table: %s
        """
        .formatted(tasksTable);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aChildEntityMappedToAnotherTableSyncsAsAtFirstContact(String kind) throws IOException {
    target = Servers.empty(kind, dir, "epics", cleanUps);
    Files.createDirectories(dir.resolve("e"));
    Path file = dir.resolve("e/EP-1.json");
    String epic =
        """
        {"epic_key": "EP-1", "title": "Billing", "tasks": [
          {"task_key": "T1", "title": "draft"},
          {"task_key": "T2", "title": "review"}
        ]}
        """;
    Files.writeString(file, epic);
    try (Session session = session(epics("tasks_a"))) {
      session.loadAll(Progress.NONE);
      session.apply();
    }
    try (Session session = session(epics("tasks_b"))) {
      session.loadAll(Progress.NONE);
      assertThat(session.takeNotice())
          .contains(
              "epic.tasks: table tasks_b is not the table its base was agreed with (tasks_a);"
                  + " synced as a first contact, and the next apply replaces epic.tasks's base");
      assertThat(changes(session))
          .containsExactly("epic/EP-1.tasks/T1 INSERT to-db", "epic/EP-1.tasks/T2 INSERT to-db");
      session.apply();
      assertThat(rows(session, "SELECT task_key, title FROM tasks_b ORDER BY task_key"))
          .containsExactly(List.of("T1", "draft"), List.of("T2", "review"));
      assertThat(Files.readString(file)).isEqualTo(epic);
    }
    try (Session session = session(epics("tasks_b"))) {
      session.loadAll(Progress.NONE);
      assertThat(changes(session)).as("a next load").isEmpty();
    }
  }

  static List<String> changes(Session session) {
    return session.changes().changes().stream().map(ChildSyncTest::describe).toList();
  }

  static List<List<String>> rows(Session session, String query) {
    return ((QueryResult.ResultTable) session.sql(query)).rows();
  }
}
