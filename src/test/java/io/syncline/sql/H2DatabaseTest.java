package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class H2DatabaseTest extends DatabaseContract {
  private final String name = "t" + UUID.randomUUID().toString().replace("-", "");

  @Override
  protected String url() {
    return "jdbc:h2:mem:" + name;
  }

  @Override
  protected boolean databaseEnforcesReadOnly() {
    return false;
  }

  @Test
  void theDescriptionNamesTheInMemoryDatabase() {
    assertThat(db.describe()).isEqualTo("h2:mem:" + name);
  }

  @Test
  void aNameOver256CharactersIsRefusedWithTheLimit() {
    assertThat(db.identifierProblem("a".repeat(257)))
        .contains("is 257 characters; H2 keeps identifiers up to 256 characters");
    assertThat(db.identifierProblem("a".repeat(256))).isEmpty();
  }
}
