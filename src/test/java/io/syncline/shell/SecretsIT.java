package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.sql.Database;
import io.syncline.sql.QueryResult;
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

  record Run(int exit, String out, String err) {}

  /** The lines as a script kept outside the searched directories (it holds the password). */
  private Run run(String... lines) throws IOException, InterruptedException {
    Path script = Files.createTempFile(scripts, "job", ".shell");
    Files.writeString(script, String.join("\n", lines) + "\n");
    ProcessBuilder builder =
        new ProcessBuilder("java", "-jar", JAR.toString(), "script", script.toString())
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().put("SECRET_PW", PASSWORD);
    builder.environment().put("HOME", home.toString());
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }
}
