package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
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

  @Test
  void aFileDatabaseIsLockedWithALockFileBesideIt(@org.junit.jupiter.api.io.TempDir Path dir) {
    String url = "jdbc:h2:file:" + dir.resolve("app");
    try (Database first = Database.open(url, null, null, false);
        Database second = Database.open(url, null, null, false);
        DatabaseLock held = first.tryWriteLock(HOLDER).orElseThrow()) {
      assertThat(dir.resolve("app.syncline-lock")).content().contains("pid 4711");
      assertThat(second.tryWriteLock(HOLDER)).isEmpty();
      assertThat(second.writeLockHolder()).hasValue(HOLDER.describe());
    }
  }
}
