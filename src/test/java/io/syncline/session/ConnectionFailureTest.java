package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.sql.Servers;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that is down, a wrong password, a missing database: one line with the URL masked, and
 * the session keeps the connection it had.
 */
class ConnectionFailureTest {
  static final String PASSWORD = "Wr0ng-pa55word";
  @TempDir Path dir;
  Session session;

  @BeforeEach
  void connectToSqlite() {
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:keep.db", null, null, false);
  }

  @AfterEach
  void close() {
    session.close();
  }

  void assertOneMaskedLineAndTheSessionStillWorks(Throwable failure, String url) {
    assertThat(failure).isInstanceOf(SynclineException.class);
    assertThat(failure.getMessage())
        .startsWith("cannot open " + url.replace(PASSWORD, "***") + ": ")
        .doesNotContain("\n")
        .doesNotContain(PASSWORD);
    assertThat(session.database().orElseThrow().describe()).isEqualTo("sqlite:keep.db");
    assertThat(session.sql("SELECT 1 AS one"))
        .isEqualTo(new QueryResult.ResultTable(List.of("one"), List.of(List.of("1")), false));
  }

  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aServerThatIsDown() throws Exception {
    String url =
        "jdbc:postgresql://127.0.0.1:" + closedPort() + "/test?user=ann&password=" + PASSWORD;

    Throwable failure = catchFailure(() -> session.connect(url, null, null, false));

    assertOneMaskedLineAndTheSessionStillWorks(failure, url);
    assertThat(failure.getMessage()).contains("refused");
  }

  @Test
  void aMissingDatabase() {
    Servers.run(Servers.POSTGRES, Servers.POSTGRES_USER); // skips the test without PostgreSQL
    String url =
        "jdbc:postgresql://127.0.0.1:5432/no_such_db_here?user=postgres&password=" + PASSWORD;

    Throwable failure = catchFailure(() -> session.connect(url, null, null, false));

    assertOneMaskedLineAndTheSessionStillWorks(failure, url);
    assertThat(failure.getMessage()).contains("no_such_db_here").contains("does not exist");
  }

  @Test
  void aWrongPassword() {
    Servers.Scratch server = Servers.mariadb();
    server.create();
    String user = "u" + Servers.newName().substring(2, 12);
    try {
      Servers.run(
          Servers.MARIADB,
          Servers.MARIADB_USER,
          "CREATE USER '" + user + "'@'%' IDENTIFIED BY 'the-right-one'",
          "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY 'the-right-one'");
      String url = server.url();

      Throwable failure = catchFailure(() -> session.connect(url, user, PASSWORD, false));

      assertOneMaskedLineAndTheSessionStillWorks(failure, url);
      assertThat(failure.getMessage()).containsIgnoringCase("access denied");
    } finally {
      Servers.run(
          Servers.MARIADB,
          Servers.MARIADB_USER,
          "DROP USER IF EXISTS '" + user + "'@'%'",
          "DROP USER IF EXISTS '" + user + "'@'localhost'");
      server.drop();
    }
  }

  @Test
  void aFailedCopyLeavesTheSessionAsItWas() throws Exception {
    String url = "jdbc:mariadb://127.0.0.1:" + closedPort() + "/x?password=" + PASSWORD;
    CopyRequest request =
        new CopyRequest(
            url, null, "jdbc:sqlite:dev.db", null, List.of(), java.util.Map.of(), false, null);

    Throwable failure = catchFailure(() -> session.copy(request, Progress.NONE));

    assertOneMaskedLineAndTheSessionStillWorks(failure, url);
  }

  @Test
  void theMappingsDatabaseIsShownMaskedByMappingShowAndWhenNotConnected() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("syncline.yml"),
        "database: \"jdbc:h2:./app;USER=sa;PASSWORD="
            + PASSWORD
            + ";IFEXISTS=TRUE\"\n"
            + "entities: {}\n");
    Session fresh = new Session(dir, Clock.systemUTC());
    try {
      assertThat(fresh.mappingYaml())
          .contains("database: jdbc:h2:./app;USER=sa;PASSWORD=***;IFEXISTS=TRUE")
          .doesNotContain(PASSWORD);
      Throwable failure = catchFailure(() -> fresh.sql("SELECT 1"));
      assertThat(failure.getMessage())
          .contains("jdbc:h2:" + dir.resolve("app") + ";USER=sa;PASSWORD=***")
          .doesNotContain(PASSWORD);
    } finally {
      fresh.close();
    }
  }

  static Throwable catchFailure(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("expected a failure");
  }
}
