package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Change;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.Side;
import io.syncline.session.ChildSyncTest.Task;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random edits of one epic's tasks on both sides (a title or {@code done} changed, a task inserted,
 * deleted, moved), then one sync with every conflict settled by one side: the result agrees with a
 * plain model of the three-way rules over tasks, and the two sides agree with each other, byte for
 * byte in the file, row for row in the table, with nothing left for the next load.
 *
 * <p>The model, per task (B base, F file, D database; inserted keys are new on their side only):
 *
 * <pre>
 *   in B, F and D         each field: F = B → D's; D = B → F's; otherwise the side taken
 *   deleted on one side   gone when the other side left it alone; else the side taken decides
 *   inserted on one side  there, with its fields
 * </pre>
 *
 * and the order: when only one side inserted or moved tasks, the tasks in the order that side has
 * them. Run on SQLite, a few dozen times (each try is a whole session).
 */
class ChildSyncPropertiesTest {
  /** One edit: 0 title, 1 done, 2 insert after, 3 delete, 4 move before; targets by index. */
  record Op(int kind, int target, int to) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 9),
            Arbitraries.integers().between(0, 9))
        .as(Op::new)
        .list()
        .ofMaxSize(4);
  }

  @Property(tries = 40)
  void aSyncOfRandomChildEditsAgreesWithThePlainModel(
      @ForAll("ops") List<Op> inFile, @ForAll("ops") List<Op> inDatabase, @ForAll boolean takeFile)
      throws IOException {
    Path dir = Files.createTempDirectory("children");
    try (Session session = synced(dir)) {
      List<Task> base = ChildSyncTest.start().subList(0, 4);
      Touched fileTouched = new Touched();
      List<Task> file = new ArrayList<>(base);
      int n = 0;
      for (Op op : inFile) {
        fileEdit(file, op, "F" + ++n, fileTouched);
      }
      Files.writeString(dir.resolve("epics/EP-7.json"), ChildSyncTest.epic(file));
      Touched dbTouched = new Touched();
      n = 0;
      for (Op op : inDatabase) {
        databaseEdit(session, op, "D" + ++n, dbTouched);
      }
      List<Task> database = rows(session);

      session.loadAll(Progress.NONE);
      for (Change change : session.changes().changes()) {
        if (change.isConflict()) {
          session.changes().resolve(change.id(), takeFile ? Side.FILE : Side.DATABASE);
        }
      }
      session.apply();

      List<Task> after = rows(session);
      assertThat(Files.readString(dir.resolve("epics/EP-7.json")))
          .as("the file says what the table says")
          .isEqualTo(ChildSyncTest.epic(after));
      session.loadAll(Progress.NONE);
      assertThat(session.changes().changes()).as("a next load").isEmpty();
      assertModel(base, file, database, fileTouched, dbTouched, takeFile, after);
    } finally {
      delete(dir);
    }
  }

  /** Whether a side's edits changed the order: a task inserted or moved. */
  static final class Touched {
    boolean reordered;
  }

  static void assertModel(
      List<Task> base,
      List<Task> file,
      List<Task> database,
      Touched fileTouched,
      Touched dbTouched,
      boolean takeFile,
      List<Task> after) {
    Map<String, Task> b = byKey(base);
    Map<String, Task> f = byKey(file);
    Map<String, Task> d = byKey(database);
    Map<String, Task> a = byKey(after);
    Set<String> keys = new HashSet<>(b.keySet());
    keys.addAll(f.keySet());
    keys.addAll(d.keySet());
    for (String key : keys) {
      Expected expected =
          expected(b.get(key), f.get(key), d.get(key), fileTouched, dbTouched, key, takeFile);
      if (expected.orGone() && a.get(key) == null) {
        continue;
      }
      assertThat(a.get(key))
          .as("task %s: base %s, file %s, database %s", key, b.get(key), f.get(key), d.get(key))
          .isEqualTo(expected.task());
    }
    if (!dbTouched.reordered) {
      assertThat(keysIn(after, f.keySet()))
          .as("the file's order")
          .isEqualTo(keysIn(file, a.keySet()));
    }
    if (!fileTouched.reordered) {
      assertThat(keysIn(after, d.keySet()))
          .as("the database's order")
          .isEqualTo(keysIn(database, a.keySet()));
    }
  }

  /**
   * A task as the model has it after the sync; {@code orGone}: or deleted. A delete on one side
   * against a move on the other is left open: moving T2 after T3 and moving T3 before T2 make the
   * same list, and the positions keep one of the two (the longest run of unmoved tasks), so either
   * task may be the one that moved.
   */
  record Expected(Task task, boolean orGone) {}

  static Expected expected(
      Task base,
      Task file,
      Task db,
      Touched fileTouched,
      Touched dbTouched,
      String key,
      boolean takeFile) {
    if (base == null) {
      return new Expected(file != null ? file : db, false);
    }
    if (file == null && db == null) {
      return new Expected(null, false);
    }
    if (file == null || db == null) {
      Task kept = file != null ? file : db;
      Touched keeper = file != null ? fileTouched : dbTouched;
      if (!kept.equals(base)) {
        return new Expected(takeFile == (file != null) ? kept : null, false);
      }
      return new Expected(keeper.reordered ? kept : null, keeper.reordered);
    }
    String title = merge(base.title(), file.title(), db.title(), takeFile);
    boolean done = merge(base.done(), file.done(), db.done(), takeFile);
    return new Expected(new Task(key, title, done), false);
  }

  static <T> T merge(T base, T file, T db, boolean takeFile) {
    if (file.equals(base)) {
      return db;
    }
    if (db.equals(base)) {
      return file;
    }
    return takeFile ? file : db;
  }

  static List<String> keysIn(List<Task> tasks, Set<String> among) {
    return tasks.stream().map(Task::key).filter(among::contains).toList();
  }

  static Map<String, Task> byKey(List<Task> tasks) {
    Map<String, Task> out = new LinkedHashMap<>();
    tasks.forEach(t -> out.put(t.key(), t));
    return out;
  }

  // ---- the two sides' edits

  static void fileEdit(List<Task> tasks, Op op, String newKey, Touched touched) {
    if (tasks.isEmpty() && op.kind() != 2) {
      return;
    }
    int i = tasks.isEmpty() ? 0 : op.target() % tasks.size();
    switch (op.kind()) {
      case 0 -> {
        Task t = tasks.get(i);
        tasks.set(i, t.titled(t.title() + " f"));
      }
      case 1 -> {
        Task t = tasks.get(i);
        tasks.set(i, new Task(t.key(), t.title(), !t.done()));
      }
      case 2 -> {
        tasks.add(tasks.isEmpty() ? 0 : i + 1, new Task(newKey, "New " + newKey, false));
        touched.reordered = true;
      }
      case 3 -> tasks.remove(i);
      default -> {
        Task t = tasks.remove(i);
        int to = op.to() % (tasks.size() + 1);
        tasks.add(to, t);
        if (to != i) { // a move to where it was is no edit
          touched.reordered = true;
        }
      }
    }
  }

  static void databaseEdit(Session session, Op op, String newKey, Touched touched) {
    List<String> keys = new ArrayList<>();
    List<BigDecimal> positions = new ArrayList<>();
    QueryResult.ResultTable table =
        (QueryResult.ResultTable)
            session.sql(
                "SELECT task_key, position FROM framework_tasks WHERE epic_key = 'EP-7'"
                    + " ORDER BY position");
    for (List<String> row : table.rows()) {
      keys.add(row.get(0));
      positions.add(new BigDecimal(row.get(1)));
    }
    if (keys.isEmpty() && op.kind() != 2) {
      return;
    }
    int i = keys.isEmpty() ? 0 : op.target() % keys.size();
    String where =
        " WHERE epic_key = 'EP-7' AND task_key = '" + (keys.isEmpty() ? "" : keys.get(i)) + "'";
    switch (op.kind()) {
      case 0 -> {
        session.sql("UPDATE framework_tasks SET title = title || ' d'" + where);
      }
      case 1 -> {
        session.sql("UPDATE framework_tasks SET done = 1 - done" + where);
      }
      case 2 -> {
        BigDecimal at = between(positions, keys.isEmpty() ? 0 : i + 1);
        session.sql(
            "INSERT INTO framework_tasks (epic_key, task_key, position, title, done) VALUES ('EP-7', '"
                + newKey
                + "', "
                + at.toPlainString()
                + ", 'New "
                + newKey
                + "', 0)");
        touched.reordered = true;
      }
      case 3 -> session.sql("DELETE FROM framework_tasks" + where);
      default -> {
        BigDecimal was = positions.remove(i);
        BigDecimal at = between(positions, op.to() % (positions.size() + 1));
        session.sql("UPDATE framework_tasks SET position = " + at.toPlainString() + where);
        if (at.compareTo(was) != 0) { // a move to where it was is no edit
          touched.reordered = true;
        }
      }
    }
  }

  /**
   * A position before the element at {@code index} of {@code positions} and after the one before.
   */
  static BigDecimal between(List<BigDecimal> positions, int index) {
    if (positions.isEmpty()) {
      return BigDecimal.ONE;
    }
    if (index == 0) {
      return positions.get(0).subtract(BigDecimal.ONE);
    }
    if (index == positions.size()) {
      return positions.get(index - 1).add(BigDecimal.ONE);
    }
    return positions.get(index - 1).add(positions.get(index)).divide(BigDecimal.valueOf(2));
  }

  // ---- the fixture

  /** A session on a new folder whose EP-7 has four tasks, loaded and applied. */
  static Session synced(Path dir) throws IOException {
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(dir.resolve("syncline.yml"), ChildSyncTest.MAPPING);
    Files.writeString(
        dir.resolve("epics/EP-7.json"), ChildSyncTest.epic(ChildSyncTest.start().subList(0, 4)));
    Session session = new Session(dir, Clock.systemUTC());
    session.loadAll(Progress.NONE);
    session.apply();
    return session;
  }

  /** EP-7's tasks in the table, in position order; positions distinct. */
  static List<Task> rows(Session session) {
    QueryResult.ResultTable table =
        (QueryResult.ResultTable)
            session.sql(
                "SELECT task_key, title, done, position FROM framework_tasks"
                    + " WHERE epic_key = 'EP-7' ORDER BY position");
    assertThat(table.rows().stream().map(r -> r.get(3)).distinct().count())
        .as("positions of %s", table.rows())
        .isEqualTo(table.rows().size());
    return table.rows().stream()
        .map(r -> new Task(r.get(0), r.get(1), r.get(2).equals("1")))
        .toList();
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
