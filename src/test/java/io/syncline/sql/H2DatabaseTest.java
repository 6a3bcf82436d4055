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

  @Override
  protected boolean writeLockKeepsOthersOut() {
    return false; // a database in memory: only this process reaches it
  }
}
