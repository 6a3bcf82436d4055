package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2DatabaseTest extends DatabaseContract {
  @TempDir Path dir;

  /** A database of its own: H2 keeps the password a database was created with. */
  @Override
  protected String urlWithPassword() {
    return "jdbc:h2:" + dir.resolve("secret") + ";USER=sa;PASSWORD=" + SECRET;
  }

  @Override
  protected String url() {
    return "jdbc:h2:" + dir.resolve("test");
  }

  @Test
  void theDescriptionNamesTheInMemoryDatabase() {
    String name = "t" + UUID.randomUUID().toString().replace("-", "");
    try (Database memory = Database.open("jdbc:h2:mem:" + name, null, null, false)) {
      assertThat(memory.describe()).isEqualTo("h2:mem:" + name);
    }
  }

  @Test
  void theDescriptionNamesAFileDatabaseByItsFileName() {
    assertThat(db.describe()).isEqualTo("h2:test");
  }

  /**
   * H2 keeps one open database per process, opened the way its first connection asked: one this
   * process has open for writing cannot also be read-only, so read-only is refused, not granted as
   * a writable connection.
   */
  @Test
  void aDatabaseThisProcessHasOpenForWritingIsNotOpenedReadOnly() {
    assertThatThrownBy(() -> open(true))
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("this Syncline process already has the database open for writing");
    String memory = "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "");
    assertThatThrownBy(() -> Database.open(memory, null, null, true))
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("cannot be opened read-only");
  }

  /** H2 hands out values of a read-only database's sequence, but never stores them. */
  @Test
  void aSequenceDoesNotAdvanceOnAReadOnlyConnection() {
    db.query("CREATE SEQUENCE counter");
    readOnly(
        readOnly -> {
          readOnly.query("SELECT NEXT VALUE FOR counter");
          readOnly.query("SELECT NEXT VALUE FOR counter");
        });
    assertThat(((QueryResult.ResultTable) db.query("SELECT NEXT VALUE FOR counter")).rows())
        .containsExactly(List.of("1"));
  }

  @Test
  void aNameOver256CharactersIsRefusedWithTheLimit() {
    assertThat(db.identifierProblem("a".repeat(257)))
        .contains("is 257 characters; H2 keeps identifiers up to 256 characters");
    assertThat(db.identifierProblem("a".repeat(256))).isEmpty();
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
