package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MariaDbDatabaseTest extends DatabaseContract {
  private final Servers.Scratch server = Servers.mariadb();

  @Override
  protected void prepare() {
    server.create();
  }

  @Override
  protected void cleanUp() {
    server.drop();
    Servers.run(Servers.MARIADB, server.user(), "DROP USER IF EXISTS 'syncline_pw'@'%'");
  }

  /** The user with a password Syncline's tests create on the server, named in the URL. */
  @Override
  protected String urlWithPassword() {
    server.sql(
        "CREATE USER IF NOT EXISTS 'syncline_pw'@'%' IDENTIFIED BY '" + SECRET + "'",
        "GRANT ALL ON " + url().substring(url().lastIndexOf('/') + 1) + ".* TO 'syncline_pw'@'%'");
    return url() + "?user=syncline_pw&password=" + SECRET;
  }

  @Override
  protected String userWithPassword() {
    return null; // the URL names it
  }

  @Override
  protected String url() {
    return server.url();
  }

  @Override
  protected String user() {
    return server.user();
  }

  @Test
  void aNameOver64CharactersOrBeyondTheBmpOrEndingInASpaceIsRefused() {
    assertThat(db.identifierProblem("é".repeat(65)))
        .contains("is 65 characters; MariaDB keeps identifiers up to 64 characters");
    assertThat(db.identifierProblem("é".repeat(64))).isEmpty();
    assertThat(db.identifierProblem("a\uD83D\uDE00")).get().asString().contains("U+FFFF");
    assertThat(db.identifierProblem("a ")).get().asString().contains("ends with a space");
  }

  @Test
  void aReadOnlySessionMadeWritableIsReplacedBeforeItsNextStatement() {
    assertAReadOnlySessionMadeWritableIsReplaced("SET SESSION TRANSACTION READ WRITE");
  }

  /**
   * Behind SqlText, the driver itself never sends several statements at once, even when the URL
   * asks for it: MariaDB's own reading of quotes can differ from SqlText's ({@code
   * NO_BACKSLASH_ESCAPES}).
   */
  @Test
  void severalStatementsNeverReachTheServerAtOnceWhateverTheUrlSays() {
    db.query("CREATE TABLE victim (id INT PRIMARY KEY)");
    db.query("INSERT INTO victim VALUES (1), (2), (3)");
    for (String asks : List.of("?allowMultiQueries=true", "?rewriteBatchedStatements=true")) {
      try (Database asking = Database.open(url() + asks, user(), null, false)) {
        assertThatThrownBy(
                () ->
                    asking.call(
                        "several",
                        c -> {
                          try (java.sql.Statement statement = c.createStatement()) {
                            return statement.execute("SELECT 1; DELETE FROM victim");
                          }
                        }))
            .isInstanceOf(SynclineException.class)
            .hasMessageContaining("SQL syntax");
      }
    }
    assertThat(((QueryResult.ResultTable) db.query("SELECT count(*) FROM victim")).rows())
        .containsExactly(List.of("3"));
  }

  @Override
  protected String holderMentions() {
    return "MariaDB connection"; // MariaDB tells the connection, not the process
  }

  /**
   * A procedure can end the read-only transaction and start a writable one; a read-only session
   * does not call procedures.
   */
  @Test
  void aReadOnlyConnectionDoesNotCallAProcedureThatWrites() {
    db.query("CREATE TABLE victim (id INT PRIMARY KEY)");
    db.query("INSERT INTO victim VALUES (1), (2), (3)");
    db.query(
        "CREATE PROCEDURE empty_victim() BEGIN COMMIT; START TRANSACTION READ WRITE;"
            + " DELETE FROM victim; COMMIT; SELECT 1; END");

    readOnly(
        readOnly -> {
          for (String call :
              List.of(
                  "CALL empty_victim()",
                  "EXECUTE IMMEDIATE 'CALL empty_victim()'",
                  "/* why */ call empty_victim()")) {
            assertThatThrownBy(() -> readOnly.query(call))
                .isInstanceOf(SynclineException.class)
                .hasMessage(
                    "the connection is read-only (connect ... --read-only); `sql` does not CALL or"
                        + " EXECUTE here, since a procedure can end the transaction and write");
          }
        });

    assertThat(((QueryResult.ResultTable) db.query("SELECT count(*) FROM victim")).rows())
        .containsExactly(List.of("3"));
  }
}
