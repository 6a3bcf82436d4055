package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.QueryResult;
import io.syncline.sql.Database;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar through scenarios that handle a known password (in a URL, through
 * --password-env, in a copy's source and target, in a failed connect), then searches everything
 * Syncline wrote for it: standard output and error, every file under the working directory and the
 * home directory (databases, dead letters, backups, history), and Syncline's tables in the server.
 */
class SecretsIT {
  static final Path JAR = Path.of("target/syncline.jar").toAbsolutePath();
  static final String PASSWORD = "Pw-" + Servers.newName().substring(2, 14);

  @TempDir Path dir;
  @TempDir Path home;
  @TempDir Path scripts;
  final Servers.Scratch server = Servers.mariadb();
  String user;

  @AfterEach
  void dropUser() {
    if (user != null) {
      Servers.run(Servers.MARIADB, Servers.MARIADB_USER, "DROP USER IF EXISTS '" + user + "'@'%'");
      Servers.run(
          Servers.MARIADB, Servers.MARIADB_USER, "DROP USER IF EXISTS '" + user + "'@'localhost'");
      server.drop();
    }
  }

  @Test
  void noPasswordAppearsInAnythingSynclineWrote() throws Exception {
    server.create(); // skips the test when there is no MariaDB
    user = "u" + Servers.newName().substring(2, 12);
    String database = server.url().substring(Servers.MARIADB.length());
    for (String host : List.of("%", "localhost")) {
      Servers.run(
          Servers.MARIADB,
          Servers.MARIADB_USER,
          "CREATE USER '" + user + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'",
          "GRANT ALL ON " + database + ".* TO '" + user + "'@'" + host + "'");
    }
    String withPassword = server.url() + "?user=" + user + "&password=" + PASSWORD;
    Files.writeString(dir.resolve("rec.json"), "[{\"id\": 1, \"name\": \"one\", \"price\": -5}]");
    // The first script ends with a copy whose row the target refuses (a dead letter, exit 1);
    // the second with a connect with the wrong password (exit 1).
    Run first =
        run(
            "connect \"" + withPassword + "\"",
            "load rec.json --entity rec",
            "apply",
            "system sed -i 's/one/uno/' rec.json",
            "load rec.json --entity rec",
            "apply",
            "sql UPDATE rec SET name = 'eins' WHERE id = 1",
            "load rec.json --entity rec",
            "apply",
            "status",
            "connect \"" + server.url() + "\" --user " + user + " --password-env SECRET_PW",
            "sql SELECT * FROM rec",
            "copy --from \"" + withPassword + "\" --to jdbc:sqlite:dev.db",
            "sql DELETE FROM rec",
            "sql ALTER TABLE rec ADD CONSTRAINT positive CHECK (price > 0)",
            "copy --from jdbc:sqlite:dev.db --to \"" + withPassword + "\" --tables rec");
    Run second =
        run("connect \"" + server.url() + "?user=" + user + "&password=" + PASSWORD + "-wrong\"");

    // The scenarios ran as meant: the dead letter and the wrong password failed, as they should.
    assertThat(first.exit()).as(first.out() + first.err()).isEqualTo(1);
    assertThat(first.out()).contains("syncline> copy --from", "source and target agree");
    assertThat(first.err()).contains("1 row(s) could not be copied");
    assertThat(second.exit()).as(second.err()).isEqualTo(1);
    assertThat(second.err()).contains("cannot open ").containsIgnoringCase("access denied");
    assertThat(first.out() + first.err() + second.out() + second.err()).doesNotContain(PASSWORD);

    List<String> places = new ArrayList<>();
    for (Path root : List.of(dir, home)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          places.add(file.toString());
          String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(bytes).as(file.toString()).doesNotContain(PASSWORD);
        }
      }
    }
    assertThat(places)
        .anyMatch(p -> p.endsWith("dev.db"))
        .anyMatch(p -> p.contains("dead-letter"))
        .anyMatch(p -> p.contains("backups"));
    try (Database db = Database.open(server.url(), Servers.MARIADB_USER, null, true)) {
      for (String table : List.of("syncline_log", "syncline_copy", "syncline_base")) {
        QueryResult.ResultTable rows = (QueryResult.ResultTable) db.query("SELECT * FROM " + table);
        assertThat(rows.rows()).as(table).isNotEmpty();
        assertThat(rows.rows().toString()).as(table).doesNotContain(PASSWORD);
      }
      assertThat(db.query("SELECT connection FROM syncline_log").toString())
          .contains("password=***");
    }
  }

  /**
   * Every spelling of a secret, one value each (all holding {@link #PASSWORD}), through connect,
   * load, apply, log, log show, status, copy and journal save on SQLite, H2 and PostgreSQL, and
   * failing connects on each database; then every stream, file and Syncline table is searched.
   */
  @Test
  void everySpellingOfASecretIsMaskedInEveryOutputTableAndFile() throws Exception {
    Servers.Scratch postgres = Servers.postgres();
    postgres.create(); // skips the test when there is no PostgreSQL
    try {
      everySpelling(postgres.url());
    } finally {
      postgres.drop();
    }
  }

  private void everySpelling(String postgresUrl) throws Exception {
    String p = PASSWORD;
    String sqlite =
        "jdbc:sqlite:app.db?token="
            + p
            + "t&client_secret="
            + p
            + "s&apikey="
            + p
            + "k&keyStorePassword="
            + p
            + "ks&trustStorePassword="
            + p
            + "ts&sslpassword="
            + p
            + "sp&password="
            + p
            + "a;semi"
            + p
            + "&pwd="
            + p
            + "c%26"
            + p;
    // H2 reads ; as the end of a setting, so its password holds an & (and H2 keeps it).
    String h2 = "jdbc:h2:./h2db;USER=sa;PASSWORD=" + p + "h&amp" + p;
    String postgres =
        postgresUrl
            + "&user=postgres&password="
            + p
            + "q;semi"
            + p
            + "&sslpassword="
            + p
            + "r&sslkey=/nowhere/"
            + p;
    Files.writeString(dir.resolve("rec.json"), "[{\"id\": 1, \"name\": \"one\"}]");
    Run run =
        run(
            List.of(
                "connect \"" + sqlite + "\"",
                "load rec.json --entity rec",
                "apply",
                "log",
                "log show 1",
                "status",
                "journal save sqlite.shell",
                "connect \"" + h2 + "\"",
                "load rec.json --entity rec",
                "apply",
                "log",
                "connect \"" + postgres + "\"",
                "load rec.json --entity rec",
                "apply",
                "log",
                "log show 1",
                "copy --from \"" + h2 + "\" --to \"jdbc:sqlite:copy.db?apikey=" + p + "z\"",
                "copy --from \"jdbc:h2:./h2db;USER=sa\" --from-password-env H2_PW --to \""
                    + postgresUrl
                    + "&user=postgres&token="
                    + p
                    + "y\" --to-password-env PG_PW --replace",
                "status",
                "journal save all.shell"),
            "H2_PW",
            p + "h&amp" + p,
            "PG_PW",
            p + "x");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("password=***", "apikey=***", "PASSWORD=***", "sslpassword=***")
        .contains("source and target agree");
    List<String> failed = new ArrayList<>();
    for (String url :
        List.of(
            "jdbc:h2:./h2db;USER=sa;PASSWORD=" + p + "wrong;IFEXISTS=TRUE",
            "jdbc:h2:./h2db;USER=sa;PASSWORD=" + p + "w;" + p + "x",
            "jdbc:mariadb://root:" + p + "m@127.0.0.1:3306/x",
            "jdbc:mariadb://127.0.0.1:1/x?user=root&password=" + p + "n&connectTimeout=2000",
            "jdbc:mariadb:sequential://address=(host=127.0.0.1)(port=1)(password=" + p + "o)/x",
            "jdbc:postgresql://127.0.0.1:1/test?password=" + p + "p&connectTimeout=2",
            Servers.POSTGRES + "?user=postgres&password=" + p + "&currentSchema=nope&sslmode=x",
            "jdbc:sqlite:/no/such/dir/x.db?key=" + p + "s")) {
      Run failure = run(List.of("connect \"" + url + "\""));
      assertThat(failure.exit()).as(failure.out() + failure.err()).isEqualTo(1);
      failed.add(failure.err());
      assertThat(failure.err()).contains(": cannot open jdbc:");
      assertThat(failure.out() + failure.err()).doesNotContain(p);
    }
    assertThat(String.join("\n", failed)).contains("Wrong user name or password", "refused");
    assertThat(run.out() + run.err()).doesNotContain(p);
    assertNothingUnderTheDirectoriesHolds(p);
    assertThat(Files.readString(dir.resolve("all.shell"))).contains("PASSWORD=***");

    for (String url : List.of(h2.replace(";PASSWORD=" + p + "h&amp" + p, ""), postgresUrl)) {
      String absolute = url.replace("./h2db", dir.resolve("h2db").toString());
      String password = url.startsWith("jdbc:h2:") ? p + "h&amp" + p : null;
      try (Database db =
          Database.open(absolute, url.startsWith("jdbc:h2:") ? "sa" : "postgres", password, true)) {
        for (String table : List.of("syncline_log", "syncline_copy")) {
          if (url.startsWith("jdbc:h2:") && table.equals("syncline_copy")) {
            continue; // H2 was only a source
          }
          QueryResult.ResultTable rows =
              (QueryResult.ResultTable) db.query("SELECT * FROM " + table);
          assertThat(rows.rows()).as(table).isNotEmpty();
          assertThat(rows.rows().toString()).as(url + " " + table).doesNotContain(p);
        }
      }
    }
  }

  @Test
  void theDriversLogLinesNeverReachStandardOutputAndALongKeyIsCut() throws Exception {
    Servers.Scratch mariadb = Servers.mariadb();
    mariadb.create(); // skips the test when there is no MariaDB
    try {
      String key = "k".repeat(100_000);
      Files.writeString(dir.resolve("long.json"), "[{\"id\": \"" + key + "\", \"n\": 1}]");
      mariadb.sql("CREATE TABLE longkey (id VARCHAR(10) PRIMARY KEY, n INTEGER)");
      Run run =
          run(
              "connect \"" + mariadb.url() + "?user=" + Servers.MARIADB_USER + "\"",
              "load long.json --entity longkey --key id",
              "apply");

      assertThat(run.exit()).as(run.err()).isEqualTo(1);
      assertThat(run.out()).doesNotContain("WARN").doesNotContain("org.mariadb");
      assertThat(run.err())
          .contains("apply failed at table longkey record " + "k".repeat(79) + "…: SQLSTATE 22001")
          .doesNotContain("WARN")
          .doesNotContain("k".repeat(80));
      assertThat(run.err().lines()).hasSize(1);
    } finally {
      mariadb.drop();
    }
  }

  private void assertNothingUnderTheDirectoriesHolds(String secret) throws IOException {
    for (Path root : List.of(dir, home)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          assertThat(bytes).as(file.toString()).doesNotContain(secret);
        }
      }
    }
  }

  record Run(int exit, String out, String err) {}

  private Run run(String... lines) throws IOException, InterruptedException {
    return run(List.of(lines), "SECRET_PW", PASSWORD);
  }

  /**
   * The lines as a script kept outside the searched directories (it holds the password), with
   * environment variables given as name, value, name, value.
   */
  private Run run(List<String> lines, String... environment)
      throws IOException, InterruptedException {
    Path script = Files.createTempFile(scripts, "job", ".shell");
    Files.writeString(script, String.join("\n", lines) + "\n");
    ProcessBuilder builder =
        new ProcessBuilder("java", "-jar", JAR.toString(), "script", script.toString())
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    for (int i = 0; i + 1 < environment.length; i += 2) {
      builder.environment().put(environment[i], environment[i + 1]);
    }
    builder.environment().put("HOME", home.toString());
    // Standard error goes to a file, so that a long message cannot fill its pipe while
    // standard output is being read.
    Path errors = Files.createTempFile(scripts, "err", ".txt");
    builder.redirectError(errors.toFile());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    String err = Files.readString(errors, StandardCharsets.UTF_8);
    return new Run(process.exitValue(), out, err);
  }
}
