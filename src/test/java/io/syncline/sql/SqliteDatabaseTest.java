package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest extends DatabaseContract {
  @TempDir Path dir;

  @Override
  protected String url() {
    return "jdbc:sqlite:" + dir.resolve("test.db");
  }

  @Test
  void booleansStoredAsZeroOrOneReadAsFalseOrTrue() {
    createItems();
    db.query(
        "INSERT INTO \"sync items\" (\"id\", \"active\") VALUES ('one', 1), ('zero', 0), ('text', 'true')");
    assertThat(db.read(ITEM).get("one")).isEqualTo("{\"active\":true,\"id\":\"one\"}");
    assertThat(db.read(ITEM).get("zero")).isEqualTo("{\"active\":false,\"id\":\"zero\"}");
    assertThat(db.read(ITEM).get("text")).isEqualTo("{\"active\":true,\"id\":\"text\"}");
  }

  @Test
  void theDescriptionIsTheFileName() {
    assertThat(db.describe()).isEqualTo("sqlite:test.db");
  }
}
