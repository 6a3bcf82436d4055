package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.QueryResult;
import io.syncline.core.WriteLockHolder;
import io.syncline.runtime.Crash;
import io.syncline.sql.Database;
import io.syncline.sql.DatabaseLock;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write lock between real processes (the operating system's file locks are per process): two
 * packaged jars applying to the same database and file at the same moment, a jar that finds the
 * lock held by another process, and a jar that finds the lock a killed one left.
 */
class WriteLockIT {
  static final int ITEMS = 3_000;

  /**
   * Two rounds per database keep CI short; {@code -Dsyncline.lock.rounds=N} runs more (the closing
   * note of the change that added this test ran it with 10).
   */
  static final int ROUNDS = Integer.getInteger("syncline.lock.rounds", 2);

  @TempDir Path work;

  /** A list of items, synced once with the database, in a directory of its own. */
  Path synced(String name, String url, String user) throws IOException {
    Path dir = work.resolve(name);
    Files.createDirectories(dir);
    StringBuilder items = new StringBuilder("[\n");
    for (int i = 0; i < ITEMS; i++) {
      items
          .append("  {\"id\": \"")
          .append(i)
          .append("\", \"name\": \"item ")
          .append(i)
          .append(i + 1 < ITEMS ? "\"},\n" : "\"}\n");
    }
    Files.writeString(dir.resolve("items.json"), items.append("]\n"));
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.connect(url, user, null, false);
      session.load(items());
      session.apply();
    }
    return dir;
  }

  static LoadRequest items() {
    return new LoadRequest("items.json", "item", List.of("id"), null, null, null);
  }

  static String connect(String url, String user) {
    return "connect " + url + (user == null ? "" : " --user " + user) + "\n";
  }

  Process jar(Path dir, String name, String script, String crashAt) throws IOException {
    return jar(dir, name, script, crashAt, "20");
  }

  Process jar(Path dir, String name, String script, String crashAt, String lockWait)
      throws IOException {
    Files.writeString(dir.resolve(name + ".shell"), script);
    ProcessBuilder builder =
        new ProcessBuilder(
                "java",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                CrashIT.JAR.toString(),
                "script",
                name + ".shell")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("SYNCLINE_LOCK_WAIT", lockWait);
    if (crashAt != null) {
      builder.environment().put("SYNCLINE_CRASH_AT", crashAt);
    }
    return builder.start();
  }

  static int finish(Process process) throws InterruptedException {
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished within a minute").isTrue();
    return process.exitValue();
  }

  @Test
  void twoProcessesApplyingAtOnceToSqliteLoseNoUpdate() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Path dir = work.resolve("sqlite-" + round);
      String url = "jdbc:sqlite:" + dir.resolve("items.db");
      twoWritersAtOnce(synced("sqlite-" + round, url, null), url, null);
    }
  }

  @Test
  void twoProcessesApplyingAtOnceToPostgresqlLoseNoUpdate() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      Servers.Scratch server = Servers.postgres();
      server.create();
      try {
        twoWritersAtOnce(
            synced("postgresql-" + round, server.url(), server.user()),
            server.url(),
            server.user());
      } finally {
        server.drop();
      }
    }
  }

  /**
   * The first process renames item 1 in the database and loads; then the second renames every other
   * item and loads (seeing item 1's rename too). The second applies first, the first a moment
   * later, while the second is still writing: both rewrite items.json, and without one writer at a
   * time the first's file, made before the second's was written, would end without the second's
   * renames while the base holds them, so the next sync would revert them. Whatever the order, no
   * edit may be lost: after a last load and apply here, the database and the file hold every name.
   */
  void twoWritersAtOnce(Path dir, String url, String user) throws Exception {
    String wait = "while [ ! -f %s ]; do sleep 0.005; done";
    Process first =
        jar(
            dir,
            "writer-1",
            connect(url, user)
                + "sql UPDATE item SET name = 'renamed by 1' WHERE id = '1'\n"
                + "load items.json --entity item --key id\n"
                + "system touch loaded-1; "
                + wait.formatted("go")
                + "; sleep 0.1\n"
                + "apply\n",
            null);
    Process second =
        jar(
            dir,
            "writer-2",
            connect(url, user)
                + "system "
                + wait.formatted("loaded-1")
                + "\n"
                + "sql UPDATE item SET name = 'renamed by 2' WHERE id <> '1'\n"
                + "load items.json --entity item --key id\n"
                + "system touch loaded-2; "
                + wait.formatted("go")
                + "\n"
                + "apply\n",
            null);
    List<Process> processes = List.of(first, second);
    CrashIT.waitFor(
        () ->
            Files.exists(dir.resolve("loaded-2"))
                || processes.stream().anyMatch(p -> !p.isAlive()));
    Files.writeString(dir.resolve("go"), "");
    List<Integer> exits = new ArrayList<>();
    for (Process process : processes) {
      exits.add(finish(process));
    }
    String logs =
        Files.readString(dir.resolve("writer-1.log"))
            + Files.readString(dir.resolve("writer-2.log"));
    assertThat(exits).as(logs).allMatch(code -> code == 0 || code == 1).contains(0);

    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.connect(url, user, null, false);
      session.load(items());
      assertThat(session.changes().summary().conflicts()).as(logs).isZero();
      session.apply();
      QueryResult.ResultTable rows =
          (QueryResult.ResultTable)
              session.sql("SELECT id, name FROM item WHERE id IN ('1', '2') ORDER BY id");
      assertThat(rows.rows().toString())
          .as(logs)
          .isEqualTo("[[1, renamed by 1], [2, renamed by 2]]");
    }
    String file = Files.readString(dir.resolve("items.json"));
    assertThat(file).as(logs).contains("\"renamed by 1\"").doesNotContain("\"item ");
    assertThat(file.split("renamed by 2", -1)).as(logs).hasSize(ITEMS);
  }

  @Test
  void aProcessFindingTheFilesLockedWaitsThenExitsWith4NamingTheHolder() throws Exception {
    String url = "jdbc:sqlite:items.db";
    Path dir = synced("held-files", url, null);
    long pid = ProcessHandle.current().pid();
    int exit;
    try (WriteLock held = WriteLock.take(dir, null, "apply", Duration.ZERO, Clock.systemUTC())) {
      Process second =
          jar(
              dir,
              "second",
              connect(url, null)
                  + "load items.json --entity item --key id\n"
                  + "sql UPDATE item SET name = 'x' WHERE id = '1'\nload items.json\napply\n",
              null,
              "2");
      exit = finish(second);
    }
    String log = Files.readString(dir.resolve("second.log"));
    assertThat(exit).as(log).isEqualTo(4);
    assertThat(log)
        .contains("another Syncline process holds the write lock of the files in")
        .contains("pid " + pid + " (")
        .contains("`apply` since")
        .contains("waited 2 s; nothing was changed");
    assertThat(Files.readString(dir.resolve("items.json"))).doesNotContain("\"x\"");
  }

  @Test
  void aProcessFindingThePostgresqlDatabaseLockedFromAnotherDirectoryExitsWith4() throws Exception {
    Servers.Scratch server = Servers.postgres();
    server.create();
    try {
      Path dir = synced("held-database", server.url(), server.user());
      long pid = ProcessHandle.current().pid();
      int exit;
      // Another machine's apply, as far as this directory can tell: the lock is the database's.
      try (Database elsewhere = Database.open(server.url(), server.user(), null, false);
          DatabaseLock held =
              elsewhere
                  .tryWriteLock(WriteLockHolder.thisProcess("apply", Instant.now()))
                  .orElseThrow()) {
        Process second =
            jar(
                dir,
                "second",
                connect(server.url(), server.user())
                    + "sql UPDATE item SET name = 'x' WHERE id = '1'\n"
                    + "load items.json --entity item --key id\napply\n",
                null,
                "2");
        exit = finish(second);
      }
      String log = Files.readString(dir.resolve("second.log"));
      assertThat(exit).as(log).isEqualTo(4);
      assertThat(log)
          .contains("another Syncline process holds the write lock of postgresql:")
          .contains("syncline " + pid + "@")
          .contains("PostgreSQL backend");
    } finally {
      server.drop();
    }
  }

  @Test
  void aLockLeftByAKilledProcessIsTakenOverAndSaidSo() throws Exception {
    String url = "jdbc:sqlite:items.db";
    Path dir = synced("stale", url, null);
    String edit =
        connect(url, null)
            + "sql UPDATE item SET name = 'x' WHERE id = '1'\n"
            + "load items.json --entity item --key id\napply\n";
    Process killed = jar(dir, "killed", edit, "rows");
    assertThat(finish(killed)).isEqualTo(Crash.STATUS);

    Process next = jar(dir, "next", edit, null);
    int exit = finish(next);

    String log = Files.readString(dir.resolve("next.log"));
    assertThat(exit).as(log).isZero();
    assertThat(log)
        .contains(
            "took over the write lock left by pid "
                + killed.pid()
                + " on "
                + WriteLockHolder.thisProcess("", Instant.now()).host()
                + " (no longer running)");
    assertThat(Files.readString(dir.resolve("items.json"))).contains("\"x\"");
  }
}
