package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Change;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The epic {@code EP-7} with six tasks kept as the child table {@code framework_tasks}, synced,
 * then edited on both sides at child depth: a task's field changed, a task inserted, deleted,
 * moved. What the next load lists (by id, kind and direction), and after apply the file's bytes
 * (only the changed lines differ: the file is compared with the whole expected text), the table's
 * rows, and a next load with nothing to do.
 */
class ChildSyncTest extends InWorkingDirectory {
  /** Epics with their tasks kept in framework_tasks, on SQLite: the other child tests' too. */
  static final String MAPPING =
      """
      database: jdbc:sqlite:plan.db
      entities:
        epic:
          files: epics/*.json
          key: epic_key
          table: framework_epics
          children:
            tasks:
              key: task_key
              table: framework_tasks
      """;

  /** A task as the file and the table hold it. */
  record Task(String key, String title, boolean done) {
    Task titled(String newTitle) {
      return new Task(key, newTitle, done);
    }

    Task finished() {
      return new Task(key, title, true);
    }
  }

  /**
   * One side's edit: what it does to the list of tasks (the model, and the file's edit), the SQL
   * that makes it in the table, and the changes the next load lists for it when the other side
   * touches other tasks.
   */
  record Edit(String name, UnaryOperator<List<Task>> tasks, String sql, String fileChange) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final Edit NOTHING = new Edit("nothing", t -> t, null, null);

  // The file's edits touch T1 to T3, the database's T4 to T6: two people, different tasks.
  static final List<Edit> FILE_EDITS =
      List.of(
          NOTHING,
          new Edit(
              "edits T1.title",
              t -> replace(t, "T1", x -> x.titled("Task 1 (file)")),
              null,
              "epic/EP-7.tasks/T1.title UPDATE to-db"),
          new Edit(
              "inserts T7 after T1",
              t -> insertAfter(t, "T1", new Task("T7", "New in file", false)),
              null,
              "epic/EP-7.tasks/T7 INSERT to-db"),
          new Edit("deletes T2", t -> remove(t, "T2"), null, "epic/EP-7.tasks/T2 DELETE to-db"),
          new Edit(
              "moves T3 to the end",
              t -> moveToEnd(t, "T3"),
              null,
              "epic/EP-7.tasks/T3.position UPDATE to-db"));

  static final List<Edit> DATABASE_EDITS =
      List.of(
          NOTHING,
          new Edit(
              "edits T4.done",
              t -> replace(t, "T4", Task::finished),
              "UPDATE framework_tasks SET done = 1 WHERE epic_key = 'EP-7' AND task_key = 'T4'",
              "epic/EP-7.tasks/T4.done UPDATE to-file"),
          new Edit(
              "inserts T8 after T4",
              t -> insertAfter(t, "T4", new Task("T8", "New in db", false)),
              "INSERT INTO framework_tasks (epic_key, task_key, position, title, done)"
                  + " VALUES ('EP-7', 'T8', 4.5, 'New in db', 0)",
              "epic/EP-7.tasks/T8 INSERT to-file"),
          new Edit(
              "deletes T5",
              t -> remove(t, "T5"),
              "DELETE FROM framework_tasks WHERE epic_key = 'EP-7' AND task_key = 'T5'",
              "epic/EP-7.tasks/T5 DELETE to-file"),
          new Edit(
              "moves T6 to the front",
              t -> moveToFront(t, "T6"),
              "UPDATE framework_tasks SET position = 0 WHERE epic_key = 'EP-7' AND task_key = 'T6'",
              "epic/EP-7.tasks/T6.position UPDATE to-file"));

  static Stream<Arguments> editsOfDifferentTasks() {
    List<Arguments> cases = new ArrayList<>();
    for (Edit inFile : FILE_EDITS) {
      for (Edit inDatabase : DATABASE_EDITS) {
        if (inFile != NOTHING || inDatabase != NOTHING) {
          cases.add(Arguments.of(inFile, inDatabase));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "file {0}, database {1}")
  @MethodSource("editsOfDifferentTasks")
  void twoPeopleEditingDifferentTasksOfOneEpicNeverConflict(Edit inFile, Edit inDatabase)
      throws IOException {
    synced();
    Files.writeString(file, epic(inFile.tasks().apply(start())));
    if (inDatabase.sql() != null) {
      session.sql(inDatabase.sql());
    }

    session.loadAll(Progress.NONE);

    List<String> expected = new ArrayList<>();
    Stream.of(inFile.fileChange(), inDatabase.fileChange())
        .filter(c -> c != null)
        .forEach(expected::add);
    assertThat(changes()).containsExactlyInAnyOrderElementsOf(expected);
    List<Task> after = inDatabase.tasks().apply(inFile.tasks().apply(start()));
    appliedAs(after);
  }

  /**
   * Both sides touch the same task. Each case: the file's tasks after its edit, the SQL of the
   * database's, what the load lists, the side each conflict is settled by (null: none listed), and
   * the tasks both sides hold after apply.
   */
  static Stream<Arguments> editsOfTheSameTask() {
    List<Task> t = start();
    return Stream.of(
        Arguments.of(
            "the same field changed differently is a conflict, the file's taken",
            replace(t, "T1", x -> x.titled("Task 1 (file)")),
            "UPDATE framework_tasks SET title = 'Task 1 (db)' WHERE epic_key = 'EP-7' AND task_key = 'T1'",
            List.of("epic/EP-7.tasks/T1.title CONFLICT"),
            Side.FILE,
            replace(t, "T1", x -> x.titled("Task 1 (file)"))),
        Arguments.of(
            "the same field changed differently is a conflict, the database's taken",
            replace(t, "T1", x -> x.titled("Task 1 (file)")),
            "UPDATE framework_tasks SET title = 'Task 1 (db)' WHERE epic_key = 'EP-7' AND task_key = 'T1'",
            List.of("epic/EP-7.tasks/T1.title CONFLICT"),
            Side.DATABASE,
            replace(t, "T1", x -> x.titled("Task 1 (db)"))),
        Arguments.of(
            "the same field changed alike is nothing to do",
            replace(t, "T1", x -> x.titled("Task 1 (both)")),
            "UPDATE framework_tasks SET title = 'Task 1 (both)' WHERE epic_key = 'EP-7' AND task_key = 'T1'",
            List.of(),
            null,
            replace(t, "T1", x -> x.titled("Task 1 (both)"))),
        Arguments.of(
            "two fields of one task changed on two sides both land",
            replace(t, "T1", x -> x.titled("Task 1 (file)")),
            "UPDATE framework_tasks SET done = 1 WHERE epic_key = 'EP-7' AND task_key = 'T1'",
            List.of(
                "epic/EP-7.tasks/T1.title UPDATE to-db", "epic/EP-7.tasks/T1.done UPDATE to-file"),
            null,
            replace(t, "T1", x -> x.titled("Task 1 (file)").finished())),
        Arguments.of(
            "deleted in the file, edited in the database: the file's delete taken",
            remove(t, "T2"),
            "UPDATE framework_tasks SET title = 'Task 2 (db)' WHERE epic_key = 'EP-7' AND task_key = 'T2'",
            List.of("epic/EP-7.tasks/T2 CONFLICT"),
            Side.FILE,
            remove(t, "T2")),
        Arguments.of(
            "deleted in the file, edited in the database: the database's task put back",
            remove(t, "T2"),
            "UPDATE framework_tasks SET title = 'Task 2 (db)' WHERE epic_key = 'EP-7' AND task_key = 'T2'",
            List.of("epic/EP-7.tasks/T2 CONFLICT"),
            Side.DATABASE,
            replace(t, "T2", x -> x.titled("Task 2 (db)"))),
        Arguments.of(
            "edited in the file, deleted in the database: the file's task put back",
            replace(t, "T2", x -> x.titled("Task 2 (file)")),
            "DELETE FROM framework_tasks WHERE epic_key = 'EP-7' AND task_key = 'T2'",
            List.of("epic/EP-7.tasks/T2 CONFLICT"),
            Side.FILE,
            replace(t, "T2", x -> x.titled("Task 2 (file)"))),
        Arguments.of(
            "edited in the file, deleted in the database: the database's delete taken",
            replace(t, "T2", x -> x.titled("Task 2 (file)")),
            "DELETE FROM framework_tasks WHERE epic_key = 'EP-7' AND task_key = 'T2'",
            List.of("epic/EP-7.tasks/T2 CONFLICT"),
            Side.DATABASE,
            remove(t, "T2")),
        Arguments.of(
            "deleted on both sides is nothing to do",
            remove(t, "T2"),
            "DELETE FROM framework_tasks WHERE epic_key = 'EP-7' AND task_key = 'T2'",
            List.of(),
            null,
            remove(t, "T2")),
        Arguments.of(
            "moved to the same place on both sides is nothing to do",
            moveToEnd(t, "T3"),
            "UPDATE framework_tasks SET position = 7 WHERE epic_key = 'EP-7' AND task_key = 'T3'",
            List.of(),
            null,
            moveToEnd(t, "T3")),
        Arguments.of(
            "moved to two places is a conflict of its position, the database's taken",
            moveToEnd(t, "T3"),
            "UPDATE framework_tasks SET position = 0 WHERE epic_key = 'EP-7' AND task_key = 'T3'",
            List.of("epic/EP-7.tasks/T3.position CONFLICT"),
            Side.DATABASE,
            moveToFront(t, "T3")),
        Arguments.of(
            "moved in the file, edited in the database: both land",
            moveToEnd(t, "T3"),
            "UPDATE framework_tasks SET title = 'Task 3 (db)' WHERE epic_key = 'EP-7' AND task_key = 'T3'",
            List.of(
                "epic/EP-7.tasks/T3.position UPDATE to-db",
                "epic/EP-7.tasks/T3.title UPDATE to-file"),
            null,
            moveToEnd(replace(t, "T3", x -> x.titled("Task 3 (db)")), "T3")),
        Arguments.of(
            "moved in the file, deleted in the database: the database's delete taken",
            moveToEnd(t, "T3"),
            "DELETE FROM framework_tasks WHERE epic_key = 'EP-7' AND task_key = 'T3'",
            List.of("epic/EP-7.tasks/T3 CONFLICT"),
            Side.DATABASE,
            remove(t, "T3")),
        Arguments.of(
            "the same task inserted alike on both sides is nothing to do",
            insertAfter(t, "T1", new Task("T7", "New", false)),
            "INSERT INTO framework_tasks (epic_key, task_key, position, title, done)"
                + " VALUES ('EP-7', 'T7', 1.5, 'New', 0)",
            List.of(),
            null,
            insertAfter(t, "T1", new Task("T7", "New", false))),
        Arguments.of(
            "two tasks inserted between the same neighbours: both kept, the file's first",
            insertAfter(t, "T1", new Task("T7", "New in file", false)),
            "INSERT INTO framework_tasks (epic_key, task_key, position, title, done)"
                + " VALUES ('EP-7', 'T8', 1.5, 'New in db', 0)",
            List.of("epic/EP-7.tasks/T7 INSERT to-db", "epic/EP-7.tasks/T8 INSERT to-file"),
            null,
            insertAfter(
                insertAfter(t, "T1", new Task("T7", "New in file", false)),
                "T7",
                new Task("T8", "New in db", false))),
        Arguments.of(
            "moved in the file to where the database inserted a task: both kept, the moved first",
            moveBefore(t, "T5", "T2"),
            "INSERT INTO framework_tasks (epic_key, task_key, position, title, done)"
                + " VALUES ('EP-7', 'T8', 1.5, 'New in db', 0)",
            List.of(
                "epic/EP-7.tasks/T5.position UPDATE to-db", "epic/EP-7.tasks/T8 INSERT to-file"),
            null,
            insertAfter(moveBefore(t, "T5", "T2"), "T5", new Task("T8", "New in db", false))),
        Arguments.of(
            "the last task changed in the file, deleted in the database, which added one at the end:"
                + " the file's task put back before it",
            replace(t, "T6", Task::finished),
            "DELETE FROM framework_tasks WHERE epic_key = 'EP-7' AND task_key = 'T6';"
                + " INSERT INTO framework_tasks (epic_key, task_key, position, title, done)"
                + " VALUES ('EP-7', 'T8', 6, 'New in db', 0)",
            List.of("epic/EP-7.tasks/T6 CONFLICT", "epic/EP-7.tasks/T8 INSERT to-file"),
            Side.FILE,
            insertAfter(
                replace(t, "T6", Task::finished), "T6", new Task("T8", "New in db", false))),
        Arguments.of(
            "the same key inserted with two titles is a conflict of the title",
            insertAfter(t, "T1", new Task("T7", "New in file", false)),
            "INSERT INTO framework_tasks (epic_key, task_key, position, title, done)"
                + " VALUES ('EP-7', 'T7', 1.5, 'New in db', 0)",
            List.of("epic/EP-7.tasks/T7.title CONFLICT"),
            Side.FILE,
            insertAfter(t, "T1", new Task("T7", "New in file", false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("editsOfTheSameTask")
  void editsOfTheSameTaskFollowTheThreeWayRules(
      String name,
      List<Task> inFile,
      String inDatabase,
      List<String> listed,
      Side take,
      List<Task> after)
      throws IOException {
    synced();
    Files.writeString(file, epic(inFile));
    for (String statement : inDatabase.split("; ")) {
      session.sql(statement);
    }

    session.loadAll(Progress.NONE);

    assertThat(changes()).containsExactlyInAnyOrderElementsOf(listed);
    for (String change : listed) {
      if (change.endsWith("CONFLICT")) {
        String id = change.substring(0, change.indexOf(' '));
        assertThat(session.changes().resolve(id, take)).isEqualTo(1);
      }
    }
    appliedAs(after);
  }

  // ---- the fixture

  Path file;
  Path other;

  static List<Task> start() {
    List<Task> tasks = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      tasks.add(new Task("T" + i, "Task " + i, false));
    }
    return tasks;
  }

  /** EP-7 and EP-8 (whose tasks have EP-7's keys) in files, loaded with their tasks and applied. */
  void synced() throws IOException {
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    file = dir.resolve("epics/EP-7.json");
    Files.writeString(file, epic(start()));
    other = dir.resolve("epics/EP-8.json");
    Files.writeString(other, epic("EP-8", start().subList(0, 2)));
    session = new Session(dir, Clock.systemUTC());
    session.loadAll(Progress.NONE);
    session.apply();
    session.loadAll(Progress.NONE);
    assertThat(session.changes().isEmpty()).isTrue();
  }

  /** Applies, then checks both sides hold {@code tasks}, and that a next load has nothing to do. */
  void appliedAs(List<Task> tasks) throws IOException {
    session.apply();
    assertThat(Files.readString(file)).isEqualTo(epic(tasks));
    assertThat(rows("EP-7")).isEqualTo(tasks.stream().map(ChildSyncTest::row).toList());
    assertThat(Files.readString(other)).isEqualTo(epic("EP-8", start().subList(0, 2)));
    assertThat(rows("EP-8")).hasSize(2);
    session.loadAll(Progress.NONE);
    assertThat(changes()).as("a next load").isEmpty();
  }

  /** What the session lists: id, kind, and direction where there is one. */
  List<String> changes() {
    return session.changes().changes().stream().map(ChildSyncTest::describe).toList();
  }

  static String describe(Change c) {
    return c.id() + " " + c.kind() + (c.direction() == null ? "" : " " + c.direction().label());
  }

  /** The epic's rows of framework_tasks in position order; positions distinct. */
  List<String> rows(String epic) {
    QueryResult.ResultTable table =
        (QueryResult.ResultTable)
            session.sql(
                "SELECT task_key, title, done, position FROM framework_tasks WHERE epic_key = '"
                    + epic
                    + "' ORDER BY position");
    Map<String, String> positions = new LinkedHashMap<>();
    List<String> rows = new ArrayList<>();
    for (List<String> row : table.rows()) {
      assertThat(positions.put(row.get(3), row.get(0)))
          .as("position %s taken twice", row.get(3))
          .isNull();
      rows.add(row.get(0) + " " + row.get(1) + " " + row.get(2));
    }
    return rows;
  }

  static String row(Task task) {
    return task.key() + " " + task.title() + " " + (task.done() ? "1" : "0");
  }

  static String epic(List<Task> tasks) {
    return epic("EP-7", tasks);
  }

  /** The epic's file as people write it: two spaces, one field a line. */
  static String epic(String key, List<Task> tasks) {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"epic_key\": \"").append(key).append("\",\n  \"name\": \"Scheduler\",\n");
    if (tasks.isEmpty()) {
      return out.append("  \"tasks\": []\n}\n").toString(); // as a list emptied is written
    }
    out.append("  \"tasks\": [\n");
    for (int i = 0; i < tasks.size(); i++) {
      Task t = tasks.get(i);
      out.append("    {\n      \"task_key\": \"").append(t.key()).append("\",\n");
      out.append("      \"title\": \"").append(t.title()).append("\",\n");
      out.append("      \"done\": ").append(t.done()).append("\n    }");
      out.append(i < tasks.size() - 1 ? ",\n" : "\n");
    }
    out.append("  ]\n}\n");
    return out.toString();
  }

  // ---- edits of the list of tasks, each returning a new list

  static List<Task> replace(List<Task> tasks, String key, UnaryOperator<Task> edit) {
    return tasks.stream().map(t -> t.key().equals(key) ? edit.apply(t) : t).toList();
  }

  static List<Task> remove(List<Task> tasks, String key) {
    return tasks.stream().filter(t -> !t.key().equals(key)).toList();
  }

  static List<Task> insertAfter(List<Task> tasks, String key, Task task) {
    List<Task> out = new ArrayList<>(tasks);
    out.add(indexOf(tasks, key) + 1, task);
    return List.copyOf(out);
  }

  static List<Task> moveBefore(List<Task> tasks, String key, String before) {
    List<Task> out = new ArrayList<>(tasks);
    Task moved = out.remove(indexOf(tasks, key));
    out.add(indexOf(out, before), moved);
    return List.copyOf(out);
  }

  static List<Task> moveToEnd(List<Task> tasks, String key) {
    List<Task> out = new ArrayList<>(tasks);
    out.add(out.remove(indexOf(tasks, key)));
    return List.copyOf(out);
  }

  static List<Task> moveToFront(List<Task> tasks, String key) {
    List<Task> out = new ArrayList<>(tasks);
    out.add(0, out.remove(indexOf(tasks, key)));
    return List.copyOf(out);
  }

  static int indexOf(List<Task> tasks, String key) {
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i).key().equals(key)) {
        return i;
      }
    }
    throw new IllegalArgumentException(key);
  }
}
