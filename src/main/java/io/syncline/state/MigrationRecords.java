package io.syncline.state;

import io.syncline.sql.Database;
import io.syncline.sql.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Syncline did to the user's own schema ({@code syncline_migration}), beside the user's Flyway
 * history: when {@code migrate up} applied each version (step 0), and which statements of a
 * rollback already ran where each DDL statement commits by itself (steps 1, 2, ...).
 */
public final class MigrationRecords {
  private final Database database;
  private final StoreSchema schema;
  private final Clock clock;
  private final String insert;
  private final String deleteVersion;
  private final String select;

  MigrationRecords(Database database, StoreSchema schema, Clock clock) {
    this.database = database;
    this.schema = schema;
    this.clock = clock;
    StoreSql sql = new StoreSql(database.dialect());
    insert = sql.insert("syncline_migration", List.of("version", "step", "statement", "at"));
    deleteVersion = sql.spell("DELETE FROM {syncline_migration} WHERE {version} = ?");
    select =
        sql.spell(
            "SELECT {version}, {step}, {statement}, {at} FROM {syncline_migration}"
                + " ORDER BY {version}, {step}");
  }

  /** The versions {@code migrate up} applied, each with when (at Syncline's clock). */
  public Map<String, Instant> appliedAt() {
    Map<String, Instant> applied = new LinkedHashMap<>();
    for (Row row : rows()) {
      if (row.step == 0) {
        applied.put(row.version, Instant.parse(row.at));
      }
    }
    return applied;
  }

  /** The rollback statements that ran of each version whose rollback stopped half way. */
  public Map<String, List<String>> rollbacksStopped() {
    Map<String, List<String>> stopped = new LinkedHashMap<>();
    for (Row row : rows()) {
      if (row.step > 0) {
        stopped.computeIfAbsent(row.version, v -> new ArrayList<>()).add(row.statement);
      }
    }
    return stopped;
  }

  /** Records, in its own transaction, that {@code migrate up} applied the versions now. */
  public void applied(List<String> versions) {
    schema.migrateForWrite();
    String now = clock.instant().toString();
    database.apply(
        List.of(),
        List.of(),
        c -> {
          for (String version : versions) {
            forget(version).run(c);
            insert(c, version, 0, null, now);
          }
        },
        null);
  }

  /** Work that records statement {@code step} of the version's rollback as run. */
  public SqlWork ran(String version, int step, String statement) {
    schema.migrateForWrite();
    return c -> insert(c, version, step, statement, clock.instant().toString());
  }

  /** Work that forgets the version: rolled back, or applied again. */
  public SqlWork forget(String version) {
    schema.migrateForWrite();
    return c -> {
      try (PreparedStatement delete = c.prepareStatement(deleteVersion)) {
        delete.setString(1, version);
        delete.executeUpdate();
      }
    };
  }

  private void insert(Connection c, String version, int step, String statement, String at)
      throws SQLException {
    try (PreparedStatement row = c.prepareStatement(insert)) {
      row.setString(1, version);
      row.setInt(2, step);
      row.setString(3, statement);
      row.setString(4, at);
      row.executeUpdate();
    }
  }

  private record Row(String version, int step, String statement, String at) {}

  private List<Row> rows() {
    if (!schema.ready("cannot read what Syncline migrated") || !schema.hasMigrationRecords()) {
      return List.of();
    }
    return database.call(
        "cannot read what Syncline migrated",
        c -> {
          List<Row> rows = new ArrayList<>();
          try (PreparedStatement statement = c.prepareStatement(select);
              ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              rows.add(new Row(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)));
            }
          }
          return rows;
        });
  }
}
