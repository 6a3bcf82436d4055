package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.runtime.Crash;
import io.syncline.sql.Servers;
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
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills the packaged jar in the middle of {@code apply} and checks that the next {@code connect}
 * leaves both sides agreeing: every row and every file byte as they were before the apply, or all
 * as they are after it, and the base with them (the next diff shows the same changes as before, or
 * none). On SQLite, and on PostgreSQL where the transaction the killed process left open is the
 * server's to roll back ({@code SYNCLINE_TEST_SERVERS=required} makes that half run, not skip).
 *
 * <p>Each case prepares its own starting state, in-process: a list file of cities and a directory
 * with a file per note, synced, then edited on both sides so that the apply rewrites the list file,
 * creates a note file, deletes one, and writes rows of both tables. It runs {@code apply} in a
 * child JVM that dies at a crash point ({@link Crash}) or is killed with SIGKILL at a random moment
 * after the intent appears, then connects in-process.
 *
 * <p>Where a kill landed is read from what it left, before the next connect touches anything: the
 * intent still there (inside the apply, not after it), and how many files already differ from
 * before (none: before the first rename; some: among the renames, the database not committed; all,
 * and the run id in the log: after the commit). The notice of the next connect must name the same
 * place: "finished", or "undone" with that many files put back.
 */
class CrashIT {
  static final Path JAR = Path.of("target/syncline.jar").toAbsolutePath();
  static final int CITIES = 5_000;
  static final Pattern PUT_BACK = Pattern.compile("undone: .*; (\\d+) file\\(s\\) put back");

  @TempDir static Path work;
  static final Map<Server, State> AFTER = new EnumMap<>(Server.class);
  static final AtomicInteger CASES = new AtomicInteger();

  enum Server {
    SQLITE,
    POSTGRES
  }

  /** Every row of both tables, and every file's bytes (outside {@code .syncline}). */
  record State(String rows, Map<String, String> files) {}

  /** One case's directory and database, with the state apply starts from. */
  record Case(Path dir, String url, Servers.Scratch scratch, State before, List<String> pending)
      implements AutoCloseable {
    String user() {
      return scratch == null ? null : scratch.user();
    }

    String connectLine() {
      return "connect '" + url + "'" + (user() == null ? "" : " --user " + user());
    }

    Session session() {
      Session session = new Session(dir, Clock.systemUTC());
      session.connect(url, user(), null, false);
      return session;
    }

    State state() throws IOException, SQLException {
      return CrashIT.state(
          dir, scratch == null ? "jdbc:sqlite:" + dir.resolve("sync.db") : url, user());
    }

    @Override
    public void close() {
      if (scratch != null) {
        scratch.drop();
      }
    }
  }

  /** A directory and database of its own, synced and then edited on both sides. */
  static Case prepare(Server server) throws Exception {
    Path dir = work.resolve(server.name().toLowerCase() + "-" + CASES.incrementAndGet());
    Servers.Scratch scratch = null;
    String url = "jdbc:sqlite:sync.db";
    if (server == Server.POSTGRES) {
      scratch = Servers.postgres();
      scratch.create();
      url = scratch.url();
    }
    Files.createDirectories(dir.resolve("notes"));
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
    Files.writeString(dir.resolve("cities.json"), cities.append("  ]\n}\n"));
    for (int i = 1; i <= 4; i++) {
      Files.writeString(
          dir.resolve("notes/n" + i + ".json"),
          "{\n  \"id\": \"n" + i + "\",\n  \"text\": \"note " + i + "\"\n}\n");
    }
    Case unsynced = new Case(dir, url, scratch, null, null);
    List<String> pending;
    try (Session session = unsynced.session()) {
      loadBoth(session);
      session.apply();
      // edits on both sides, not yet synced
      Path file = dir.resolve("cities.json");
      String text = Files.readString(file);
      for (int i = 3; i < CITIES; i += 10) {
        text = text.replace("\"name\": \"city " + i + "\"", "\"name\": \"town " + i + "\"");
      }
      Files.writeString(file, text);
      session.sql("UPDATE city SET people = people + 1 WHERE id % 10 = 5");
      session.sql("INSERT INTO note (id, text) VALUES ('n9', 'from the database')");
      session.sql("DELETE FROM note WHERE id = 'n2'");
      Files.writeString(
          dir.resolve("notes/n1.json"), "{\n  \"id\": \"n1\",\n  \"text\": \"edited\"\n}\n");
      loadBoth(session);
      pending = pending(session);
    }
    return new Case(dir, url, scratch, unsynced.state(), pending);
  }

  /** The state a finished apply leaves, worked out once per server by applying in-process. */
  static synchronized State after(Server server) throws Exception {
    if (!AFTER.containsKey(server)) {
      try (Case done = prepare(server)) {
        try (Session session = done.session()) {
          loadBoth(session);
          session.apply();
        }
        State after = done.state();
        assertThat(after.files()).containsKey("notes/n9.json").doesNotContainKey("notes/n2.json");
        assertThat(after.rows()).isNotEqualTo(done.before().rows());
        assertThat(after.files().get("cities.json"))
            .isNotEqualTo(done.before().files().get("cities.json"));
        AFTER.put(server, after);
      }
    }
    return AFTER.get(server);
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

  static State state(Path dir, String url, String user) throws IOException, SQLException {
    StringBuilder rows = new StringBuilder();
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    try (Connection c = DriverManager.getConnection(url, properties);
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
    return new State(rows.toString(), files(dir));
  }

  static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(file).toString();
        // A temporary file beside its target (killed before its rename) is not a file written:
        // recovery removes it, and the test below checks that it did.
        if (!name.startsWith(".syncline")
            && !name.startsWith("sync.db")
            && !name.endsWith(".shell")
            && !name.endsWith(".syncline-tmp")
            && !name.endsWith(".syncline-lock")) {
          files.put(name, Files.readString(file));
        }
      }
    }
    return files;
  }

  /** How many of the files differ between two states (written, created or deleted). */
  static int filesChanged(Map<String, String> from, Map<String, String> to) {
    Set<String> names = new HashSet<>(from.keySet());
    names.addAll(to.keySet());
    return (int)
        names.stream().filter(n -> !java.util.Objects.equals(from.get(n), to.get(n))).count();
  }

  Process start(Case c, String crashAt) throws IOException {
    String script =
        c.connectLine()
            + "\n"
            + "load cities.json --entity city --key id --at /cities\n"
            + "load 'notes/*.json' --entity note --key id\n"
            + "apply\n";
    Files.writeString(c.dir().resolve("apply.shell"), script);
    ProcessBuilder builder =
        new ProcessBuilder(
                "java", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "script", "apply.shell")
            .directory(c.dir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log(c).toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    if (crashAt != null) {
      builder.environment().put("SYNCLINE_CRASH_AT", crashAt);
    }
    return builder.start();
  }

  static Path log(Case c) {
    return work.resolve(c.dir().getFileName() + ".log");
  }

  /**
   * Where the process stopped, read from what it left before anything else touches it: after the
   * apply (no intent), or inside it with so many files already written.
   */
  static String landing(Case c) throws IOException {
    if (!Files.exists(c.dir().resolve(".syncline/apply-intent"))) {
      return "after apply";
    }
    return "in apply, " + filesChanged(c.before().files(), files(c.dir())) + " file(s) written";
  }

  /**
   * Connects in-process, checks the sides agree as before or as after, and that the notice names
   * the place the process stopped ({@link #landing}); the outcome in a few words.
   */
  String recoverAndCheck(Case c, Server server, String landing) throws Exception {
    String notice;
    List<String> pending;
    try (Session session = c.session()) {
      notice = session.takeNotice().orElse("no notice");
      loadBoth(session);
      pending = pending(session);
    }
    State now = c.state();
    State after = after(server);
    assertThat(c.dir().resolve(".syncline/apply-intent")).doesNotExist();
    if (now.equals(after)) {
      assertThat(pending).as("the base follows the applied state").isEmpty();
    } else {
      assertThat(now.rows())
          .as("rows are as before when they are not as after")
          .isEqualTo(c.before().rows());
      assertThat(now.files()).as("files as before, as the rows").isEqualTo(c.before().files());
      assertThat(pending).as("the base is as before").isEqualTo(c.pending());
    }
    try (Stream<Path> walk = Files.walk(c.dir().resolve("notes"))) {
      assertThat(walk.map(p -> p.getFileName().toString()))
          .as("no temporary or lock files are left")
          .noneMatch(name -> name.endsWith(".syncline-tmp") || name.endsWith(".syncline-lock"));
    }
    String outcome = (now.equals(after) ? "after" : "before") + ": " + notice;
    int changed = filesChanged(c.before().files(), after.files());
    if (landing.equals("after apply")) {
      assertThat(outcome).isEqualTo("after: no notice");
    } else if (outcome.contains("was finished")) {
      assertThat(landing).as(outcome).isEqualTo("in apply, " + changed + " file(s) written");
      assertThat(outcome).startsWith("after: an apply interrupted at");
    } else {
      Matcher putBack = PUT_BACK.matcher(outcome);
      assertThat(putBack.find()).as(outcome).isTrue();
      assertThat(landing)
          .as("the files written are the files put back: " + outcome)
          .isEqualTo("in apply, " + putBack.group(1) + " file(s) written");
      assertThat(outcome).startsWith("before: an apply interrupted at");
    }
    return outcome;
  }

  /** Each crash point, on each server, and the files written by then. */
  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "SQLITE, intent, 0",
    "SQLITE, rows, 0",
    "SQLITE, backup, 0",
    "SQLITE, file, 1",
    "SQLITE, file:2, 2",
    "SQLITE, files, 3",
    "SQLITE, commit, 3",
    "POSTGRES, intent, 0",
    "POSTGRES, rows, 0",
    "POSTGRES, backup, 0",
    "POSTGRES, file, 1",
    "POSTGRES, file:2, 2",
    "POSTGRES, files, 3",
    "POSTGRES, commit, 3",
  })
  void aProcessKilledAtEachStepOfApplyIsFinishedOrUndoneByTheNextConnect(
      Server server, String point, int written) throws Exception {
    try (Case c = prepare(server)) {
      Process child = start(c, point);
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(log(c));
      assertThat(child.exitValue()).as(output).isEqualTo(Crash.STATUS);
      String landing = landing(c);
      assertThat(landing).isEqualTo("in apply, " + written + " file(s) written");

      String outcome = recoverAndCheck(c, server, landing);

      if (point.equals("commit")) {
        assertThat(outcome).startsWith("after: an apply interrupted at").contains("was finished");
      } else {
        assertThat(outcome).startsWith("before: an apply interrupted at").contains("was undone");
      }
    }
  }

  /**
   * The first run is not killed: it measures how long the intent file exists, which is how long
   * apply writes. The next runs are killed with SIGKILL at a random moment of that window, after
   * the intent appears. A kill that comes after the apply ended (this run was quicker) proves
   * nothing: that round is run again with half the window, until the kill lands inside the apply.
   */
  @ParameterizedTest
  @EnumSource(Server.class)
  void aProcessKilledWithSigkillAtRandomMomentsOfApplyLeavesBothSidesAgreeing(Server server)
      throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<String> outcomes = new ArrayList<>();
    long window = 0;
    for (int round = 0; round < 4; round++) {
      long bound = window;
      for (int attempt = 1; ; attempt++) {
        try (Case c = prepare(server)) {
          Path intent = c.dir().resolve(".syncline/apply-intent");
          Process child = start(c, null);
          long appeared = waitFor(() -> Files.exists(intent) || !child.isAlive());
          assertThat(child.isAlive() || child.exitValue() == 0)
              .as(Files.readString(log(c)))
              .isTrue();
          long delay = 0;
          if (round == 0) {
            waitFor(() -> !Files.exists(intent) || !child.isAlive());
            window = Math.max(1, (System.nanoTime() - appeared) / 1_000_000);
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
          } else {
            delay = random.nextLong(bound + 1);
            Thread.sleep(delay);
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
          }
          String landing = landing(c);
          String outcome = recoverAndCheck(c, server, landing);
          if (round > 0 && landing.equals("after apply")) {
            assertThat(attempt).as("kills that all landed after the apply ended").isLessThan(6);
            bound /= 2;
            continue;
          }
          if (round > 0) {
            assertThat(landing).startsWith("in apply");
          }
          outcomes.add(
              (round == 0 ? "not killed" : "killed " + delay + " ms into apply, " + landing)
                  + " → "
                  + outcome);
          break;
        }
      }
    }
    System.out.println(server + ": seed " + seed + ", apply writes for " + window + " ms");
    outcomes.forEach(System.out::println);
  }

  /** Polls every millisecond until the condition holds; the time it did, in nanoseconds. */
  static long waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited two minutes").isLessThan(deadline);
      Thread.sleep(1);
    }
    return System.nanoTime();
  }
}
