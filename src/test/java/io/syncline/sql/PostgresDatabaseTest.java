package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresDatabaseTest extends DatabaseContract {
  private final Servers.Scratch server = Servers.postgres();

  @Override
  protected void prepare() {
    server.create();
  }

  @Override
  protected void cleanUp() {
    server.drop();
  }

  /** The server trusts local connections, so the password is sent and not checked. */
  @Override
  protected String urlWithPassword() {
    return url() + (url().contains("?") ? "&" : "?") + "password=" + SECRET;
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
  void aNameOver63BytesIsRefusedWithTheLimit() {
    assertThat(db.identifierProblem("a".repeat(70)))
        .contains("is 70 bytes; PostgreSQL keeps identifiers up to 63 bytes");
    assertThat(db.identifierProblem("é".repeat(32)))
        .contains("is 64 bytes; PostgreSQL keeps identifiers up to 63 bytes");
    assertThat(db.identifierProblem("a".repeat(63))).isEmpty();
  }

  @Test
  void aReadOnlySessionMadeWritableIsReplacedBeforeItsNextStatement() {
    assertAReadOnlySessionMadeWritableIsReplaced(
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
  }
}
