package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The rule that keeps CI from passing by skipping: only "nothing listens on the port" may skip a
 * server test, and not even that where {@code SYNCLINE_TEST_SERVERS=required}.
 */
class ServersTest {
  private static final String CLOSED_PORT = "jdbc:postgresql://127.0.0.1:1/test";

  @Test
  void aClosedPortSkipsOnlyWhereTheServersAreNotRequired() {
    if (Servers.required()) {
      assertThatThrownBy(() -> Servers.run(CLOSED_PORT, "postgres"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("cannot connect to the test server");
    } else {
      assertThatThrownBy(() -> Servers.run(CLOSED_PORT, "postgres"))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("connection refused");
    }
  }

  @Test
  void aRefusedConnectionIsRecognisedOnBothDrivers() {
    assertThat(Servers.refused(failureOf(CLOSED_PORT))).isTrue();
    assertThat(Servers.refused(failureOf("jdbc:mariadb://127.0.0.1:1/test?user=root"))).isTrue();
  }

  @Test
  void aMissingDatabaseOrAWrongUserFailsInsteadOfSkipping() {
    Servers.run(Servers.POSTGRES, Servers.POSTGRES_USER); // skips here without PostgreSQL
    Servers.run(Servers.MARIADB, Servers.MARIADB_USER); // and without MariaDB
    assertThatThrownBy(
            () -> Servers.run("jdbc:postgresql://127.0.0.1:5432/no_such_database", "postgres"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Servers.run(Servers.MARIADB, "no_such_user"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aServerLostAfterTheScratchPlaceWasMadeFailsTheTest() {
    Servers.Scratch lost =
        new Servers.Scratch(CLOSED_PORT, CLOSED_PORT, "postgres", "SELECT 1", "SELECT 1");
    assertThatThrownBy(lost::drop).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> lost.sql("SELECT 1")).isInstanceOf(IllegalStateException.class);
  }

  private static SQLException failureOf(String url) {
    try (var ignored = DriverManager.getConnection(url)) {
      throw new AssertionError("connected to " + url);
    } catch (SQLException e) {
      return e;
    }
  }
}
