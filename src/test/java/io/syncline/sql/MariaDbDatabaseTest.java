package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

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
}
