package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.QueryResult;
import io.syncline.core.Snapshot;
import io.syncline.sql.sqlite.SqliteDialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest extends DatabaseContract {
  @TempDir Path dir;

  @Override
  protected String urlWithPassword() {
    return url() + "?password=" + SECRET;
  }

  @Override
  protected String url() {
    return "jdbc:sqlite:" + dir.resolve("test.db");
  }

  @Test
  void tablesNamedSqliteUnderscoreAreSqlitesOwnInAnyCase() {
    SqliteDialect dialect = new SqliteDialect();

    assertThat(dialect.systemTable("sqlite_sequence")).isTrue();
    assertThat(dialect.systemTable("SQLite_Stat1")).isTrue();
    assertThat(dialect.systemTable("counted")).isFalse();
    assertThat(dialect.systemTable("my_sqlite_cache")).isFalse();
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

  /**
   * The table is read one JSON array per row; what it gives must be what reading column by column
   * gives, for every kind of value SQLite lets a column hold, whatever its declared type.
   */
  @Test
  void rowsReadAsJsonArraysReadAsColumnByColumn() {
    createItems();
    db.query(
        "INSERT INTO \"sync items\" (\"id\", \"display name\", \"count\", \"price\","
            + " \"active\", \"due\", \"tags\") VALUES"
            + " ('plain', 'Widget', 3, 1.5, 1, '2025-08-18', '[\"a\",\"b\"]'),"
            + " ('quotes \"and\" \\ slash', 'tab\there' || char(10) || char(1), -7, 1e20, 0,"
            + "  '2025-08-18T10:00:00', '{\"b\": 1, \"a\": [2.50]}'),"
            + " ('unicode é €', 'emoji 😀 and 中文', 9223372036854775807, 0.1, 't', 20250818, 'not json'),"
            + " ('reals', 2.0, 2.0, -0.0, 0.5, 1.25, 3),"
            + " ('text in numbers', 42, 'many', 'some', 'yes', 'soon', 'null'),"
            + " ('nulls', NULL, NULL, NULL, NULL, NULL, NULL),"
            + " ('12', '', 0, 123456789.123456789, 2, '', '[]'),"
            + " ('json true', 'x', 1, 1, 1, '2025-01-01', 'true'),"
            + " ('json string', 'x', 1, 1, 1, '2025-01-01', '\"a\\\"b\"'),"
            + " ('json nested', 'x', 1, 1, 1, '2025-01-01', '{\"x\": {\"y\": [1, \"]}\", 2.50]}}')");

    assertThat(db.read(ITEM).keys()).hasSize(10);
    for (String key : db.read(ITEM).keys()) {
      assertThat(db.read(ITEM).get(key))
          .as(key)
          .isEqualTo(new TableReader(db).readColumnByColumn(ITEM).get(key));
    }
  }

  /** 250,000 rows written in SQL: more than the dialect reads in one pass. */
  private void manyItems() {
    createItems();
    db.query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250000)"
            + " INSERT INTO \"sync items\" (\"id\", \"display name\", \"count\", \"price\","
            + " \"active\", \"tags\") SELECT 'k' || i, 'name ' || i, i, i / 4.0, i % 2,"
            + " '[\"t' || (i % 5) || '\"]' FROM n");
  }

  @Test
  void aLargeTableReadInTwoHalvesHoldsWhatOnePassHolds() {
    manyItems();

    Snapshot halves = db.read(ITEM);
    Snapshot onePass = new TableReader(db).readColumnByColumn(ITEM);

    assertThat(halves.size()).isEqualTo(250_000);
    assertThat(new ArrayList<>(halves.keys())).isEqualTo(new ArrayList<>(onePass.keys()));
    for (String key : List.of("k1", "k125000", "k125001", "k250000")) {
      assertThat(halves.get(key)).as(key).isEqualTo(onePass.get(key));
    }
  }

  @Test
  void aLargeTableIsSplitInRowidHalvesExceptInWalMode() throws Exception {
    manyItems();
    try (Connection c = DriverManager.getConnection(url())) {
      c.setAutoCommit(false);
      assertThat(new SqliteDialect().halves(c, "sync items"))
          .containsExactly("rowid <= 125000", "rowid > 125000");
      c.rollback();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode = WAL");
      }
      assertThat(new SqliteDialect().halves(c, "sync items")).isEmpty();
    }
    assertThat(db.read(ITEM).size()).isEqualTo(250_000);
  }

  /**
   * A second reader that cannot have its lock now must not wait for it: by the time it had it, a
   * writer could have committed between the two halves.
   */
  @Test
  void aSecondReaderThatCannotJoinAtOnceIsRefusedWithoutWaiting() throws Exception {
    createItems();
    try (Connection writer = DriverManager.getConnection(url());
        Connection reader = DriverManager.getConnection(url())) {
      try (Statement s = writer.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");
      }
      long started = System.nanoTime();

      boolean joined = new SqliteDialect().joinSnapshot(reader);

      assertThat(joined).isFalse();
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_000); // busy timeout: 5 s
      try (Statement s = writer.createStatement()) {
        s.execute("ROLLBACK");
      }
    }
  }

  @Test
  void aTableHoldingABlobIsReadColumnByColumn() {
    createItems();
    db.query("INSERT INTO \"sync items\" (\"id\", \"display name\") VALUES ('b', x'00ff')");

    assertThat(db.read(ITEM).get("b"))
        .isEqualTo(new TableReader(db).readColumnByColumn(ITEM).get("b"));
  }

  @Test
  void theDescriptionIsTheFileName() {
    assertThat(db.describe()).isEqualTo("sqlite:test.db");
  }

  /** The one statement {@code sql} runs can hold {@code ;} in a trigger's body. */
  @Test
  void aTriggerWhoseBodyHoldsSeveralStatementsIsCreatedBySql() {
    db.query("CREATE TABLE counted (n INTEGER)");
    db.query("CREATE TABLE events (id INTEGER)");
    db.query(
        "CREATE TRIGGER count_events AFTER INSERT ON events BEGIN"
            + " DELETE FROM counted; INSERT INTO counted SELECT count(*) FROM events; END");

    db.query("INSERT INTO events VALUES (1), (2)");

    assertThat(((QueryResult.ResultTable) db.query("SELECT n FROM counted")).rows())
        .containsExactly(List.of("2"));
  }
}
