package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.runtime.Crash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills the packaged jar in the middle of {@code apply} and checks that the next {@code connect}
 * leaves both sides agreeing: every row and every file byte as they were before the apply, or all
 * as they are after it, and the base with them (the next diff shows the same changes as before, or
 * none).
 *
 * <p>The starting state is prepared once, in-process: a list file of cities and a directory with a
 * file per note, synced, then edited on both sides so that the apply rewrites the list file,
 * creates a note file, deletes one, and writes rows of both tables. Each case copies it, runs
 * {@code apply} in a child JVM that dies at a crash point ({@link Crash}) or is killed with SIGKILL
 * at a random moment after it echoes {@code apply}, then connects in-process.
 */
class CrashIT {
  static final Path JAR = Path.of("target/syncline.jar").toAbsolutePath();
  static final int CITIES = 5_000;
  static final String SCRIPT =
      "connect jdbc:sqlite:sync.db\n"
          + "load cities.json --entity city --key id --at /cities\n"
          + "load 'notes/*.json' --entity note --key id\n"
          + "apply\n";

  @TempDir static Path work;
  static Path prepared;
  static State before;
  static State after;
  static List<String> pendingBefore;
  static long applyMillis;

  /** Every row of both tables, and every file's bytes (outside {@code .syncline}). */
  record State(String rows, Map<String, String> files) {}

  @BeforeAll
  static void prepare() throws Exception {
    prepared = work.resolve("prepared");
    Files.createDirectories(prepared.resolve("notes"));
    StringBuilder cities = new StringBuilder("{\n  \"cities\": [\n");
    for (int i = 0; i < CITIES; i++) {
      cities
          .append("    {\"id\": ")
          .append(i)
          .append(", \"name\": \"city ")
          .append(i)
          .append("\", \"people\": ")
          .append(i * 7)
          .append(i + 1 < CITIES ? "},\n" : "}\n");
    }
    Files.writeString(prepared.resolve("cities.json"), cities.append("  ]\n}\n"));
    for (int i = 1; i <= 4; i++) {
      Files.writeString(
          prepared.resolve("notes/n" + i + ".json"),
          "{\n  \"id\": \"n" + i + "\",\n  \"text\": \"note " + i + "\"\n}\n");
    }
    try (Session session = new Session(prepared, Clock.systemUTC())) {
      session.connect("jdbc:sqlite:sync.db", null, null, false);
      loadBoth(session);
      session.apply();
      // edits on both sides, not yet synced
      Path file = prepared.resolve("cities.json");
      String text = Files.readString(file);
      for (int i = 3; i < CITIES; i += 10) {
        text = text.replace("\"name\": \"city " + i + "\"", "\"name\": \"town " + i + "\"");
      }
      Files.writeString(file, text);
      session.sql("UPDATE city SET people = people + 1 WHERE id % 10 = 5");
      session.sql("INSERT INTO note (id, text) VALUES ('n9', 'from the database')");
      session.sql("DELETE FROM note WHERE id = 'n2'");
      Files.writeString(
          prepared.resolve("notes/n1.json"), "{\n  \"id\": \"n1\",\n  \"text\": \"edited\"\n}\n");
      loadBoth(session);
      pendingBefore = pending(session);
    }
    before = state(prepared);

    Path done = copy("done");
    try (Session session = new Session(done, Clock.systemUTC())) {
      session.connect("jdbc:sqlite:sync.db", null, null, false);
      loadBoth(session);
      long start = System.nanoTime();
      session.apply();
      applyMillis = (System.nanoTime() - start) / 1_000_000;
    }
    after = state(done);
    assertThat(after.files()).containsKey("notes/n9.json").doesNotContainKey("notes/n2.json");
    assertThat(after.rows()).isNotEqualTo(before.rows());
    assertThat(after.files().get("cities.json")).isNotEqualTo(before.files().get("cities.json"));
  }

  static void loadBoth(Session session) {
    session.load(new LoadRequest("cities.json", "city", List.of("id"), "/cities", null, null));
    session.load(new LoadRequest("notes/*.json", "note", List.of("id"), null, null, null));
  }

  static List<String> pending(Session session) {
    return session.changes().changes().stream()
        .map(c -> c.id() + " " + c.kind() + " " + c.direction())
        .toList();
  }

  static Path copy(String name) throws IOException {
    Path target = work.resolve(name);
    try (Stream<Path> files = Files.walk(prepared)) {
      for (Path from : files.toList()) {
        Path to = target.resolve(prepared.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    return target;
  }

  static State state(Path dir) throws IOException, SQLException {
    StringBuilder rows = new StringBuilder();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sync.db"));
        Statement statement = c.createStatement()) {
      for (String table : List.of("city", "note")) {
        try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              rows.append(rs.getString(i)).append(i < meta.getColumnCount() ? "|" : "\n");
            }
          }
        }
      }
    }
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(file).toString();
        if (!name.startsWith(".syncline") && !name.startsWith("sync.db")) {
          files.put(name, Files.readString(file));
        }
      }
    }
    return new State(rows.toString(), files);
  }

  Process start(Path dir, String crashAt) throws IOException {
    Files.writeString(dir.resolve("apply.shell"), SCRIPT);
    ProcessBuilder builder =
        new ProcessBuilder(
                "java", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "script", "apply.shell")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve(dir.getFileName() + ".log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (crashAt != null) {
      builder.environment().put("SYNCLINE_CRASH_AT", crashAt);
    }
    return builder.start();
  }

  /** Connects in-process, checks the sides agree as before or as after; the notice's verdict. */
  String recoverAndCheck(Path dir) throws Exception {
    Files.delete(dir.resolve("apply.shell"));
    String notice;
    List<String> pending;
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.connect("jdbc:sqlite:sync.db", null, null, false);
      notice = session.takeNotice().orElse("no notice");
      loadBoth(session);
      pending = pending(session);
    }
    State now = state(dir);
    assertThat(dir.resolve(".syncline/apply-intent")).doesNotExist();
    if (now.equals(after)) {
      assertThat(pending).as("the base follows the applied state").isEmpty();
    } else {
      assertThat(now.rows())
          .as("rows are as before when they are not as after")
          .isEqualTo(before.rows());
      assertThat(now.files()).as("files as before, as the rows").isEqualTo(before.files());
      assertThat(pending).as("the base is as before").isEqualTo(pendingBefore);
    }
    try (Stream<Path> walk = Files.walk(dir.resolve("notes"))) {
      assertThat(walk.map(p -> p.getFileName().toString()))
          .as("no temporary or lock files are left")
          .noneMatch(name -> name.endsWith(".syncline-tmp") || name.endsWith(".syncline-lock"));
    }
    return (now.equals(after) ? "after" : "before") + ": " + notice;
  }

  @ParameterizedTest
  @ValueSource(strings = {"intent", "rows", "backup", "file", "file:2", "files", "commit"})
  void aProcessKilledAtEachStepOfApplyIsFinishedOrUndoneByTheNextConnect(String point)
      throws Exception {
    Path dir = copy("crash-" + point.replace(':', '-'));
    Process child = start(dir, point);
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(work.resolve(dir.getFileName() + ".log"));
    assertThat(child.exitValue()).as(output).isEqualTo(Crash.STATUS);

    String verdict = recoverAndCheck(dir);

    if (point.equals("commit")) {
      assertThat(verdict).startsWith("after: an apply interrupted at").contains("was finished");
    } else {
      assertThat(verdict).startsWith("before: an apply interrupted at").contains("was undone");
    }
  }

  /**
   * The first run is not killed: it measures how long the intent file exists, which is how long
   * apply writes. The next runs are killed with SIGKILL at a random moment of that window, after
   * the intent appears.
   */
  @Test
  void aProcessKilledWithSigkillAtRandomMomentsOfApplyLeavesBothSidesAgreeing() throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> verdicts = new ArrayList<>();
    long window = 0;
    for (int round = 0; round < 4; round++) {
      Path dir = copy("kill-" + round);
      Path intent = dir.resolve(".syncline/apply-intent");
      Process child = start(dir, null);
      long appeared = waitFor(() -> Files.exists(intent) || !child.isAlive());
      long delay = 0;
      if (round == 0) {
        waitFor(() -> !Files.exists(intent) || !child.isAlive());
        window = Math.max(1, (System.nanoTime() - appeared) / 1_000_000);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isZero();
      } else {
        delay = random.nextLong(window + 1);
        Thread.sleep(delay);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      }
      verdicts.add(
          (round == 0 ? "not killed" : "killed " + delay + " ms into apply")
              + " → "
              + recoverAndCheck(dir));
    }
    System.out.println("seed " + seed + ", apply writes for " + window + " ms");
    verdicts.forEach(System.out::println);
  }

  /** Polls every millisecond until the condition holds; the time it did, in nanoseconds. */
  static long waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited two minutes").isLessThan(deadline);
      Thread.sleep(1);
    }
    return System.nanoTime();
  }
}
