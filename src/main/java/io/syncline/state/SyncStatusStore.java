package io.syncline.state;

import io.syncline.core.RecordKey;
import io.syncline.core.SyncStatus;
import io.syncline.sql.Database;
import io.syncline.sql.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the last load of each entity saw: {@code syncline_sync}, a row per entity with the counts
 * and times, and {@code syncline_sync_record}, a row per record that was not in sync; the view
 * {@code syncline_sync_status} joins them for users' queries. Each write replaces the entity's rows
 * whole, so the tables always tell one load's story.
 */
final class SyncStatusStore {
  static final String SYNC = "syncline_sync";

  private static final int BATCH = 1000;
  private static final List<String> ENTITY_COLUMNS =
      List.of(
          "entity",
          "seen_at",
          "applied_at",
          "records",
          "in_sync",
          "changed_in_file",
          "changed_in_database",
          "changed_on_both",
          "conflicts",
          "listed");
  private static final List<SyncStatus.State> COUNTED =
      List.of(
          SyncStatus.State.FILE,
          SyncStatus.State.DATABASE,
          SyncStatus.State.BOTH,
          SyncStatus.State.CONFLICT);

  private final Database database;
  private final StoreSchema schema;
  private final String selectApplied;
  private final String deleteEntity;
  private final String deleteRecords;
  private final String insertEntity;
  private final String insertRecord;
  private final String selectEntity;
  private final String selectRecords;

  SyncStatusStore(Database database, StoreSchema schema) {
    this.database = database;
    this.schema = schema;
    StoreSql sql = new StoreSql(database.dialect());
    selectApplied = sql.spell("SELECT {applied_at} FROM {syncline_sync} WHERE {entity} = ?");
    deleteEntity = sql.spell("DELETE FROM {syncline_sync} WHERE {entity} = ?");
    deleteRecords = sql.spell("DELETE FROM {syncline_sync_record} WHERE {entity} = ?");
    insertEntity = sql.insert(SYNC, ENTITY_COLUMNS);
    insertRecord =
        sql.insert(
            "syncline_sync_record", List.of("entity", "record_key", "state", "agreed_checksum"));
    selectEntity =
        sql.spell(
            "SELECT "
                + StoreSql.names(ENTITY_COLUMNS)
                + " FROM {syncline_sync} WHERE {entity} = ?");
    selectRecords =
        sql.spell(
            "SELECT {record_key}, {state}, {agreed_checksum} FROM {syncline_sync_record}"
                + " WHERE {entity} = ?");
  }

  /**
   * Work that replaces the entity's status with this one, in one transaction of its own: a status
   * without {@code appliedAt} keeps the one stored (a load does not apply).
   */
  SqlWork write(SyncStatus status) {
    schema.migrateForWrite();
    return c -> {
      String applied =
          status.appliedAt() != null ? status.appliedAt().toString() : storedApplied(c, status);
      for (String delete : List.of(deleteRecords, deleteEntity)) {
        try (PreparedStatement statement = c.prepareStatement(delete)) {
          statement.setString(1, status.entity());
          statement.executeUpdate();
        }
      }
      insertEntity(c, status, applied);
      insertRecords(c, status);
    };
  }

  private String storedApplied(Connection c, SyncStatus status) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(selectApplied)) {
      statement.setString(1, status.entity());
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private void insertEntity(Connection c, SyncStatus status, String applied) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(insertEntity)) {
      statement.setString(1, status.entity());
      statement.setString(2, status.seenAt().toString());
      if (applied == null) {
        statement.setNull(3, Types.VARCHAR);
      } else {
        statement.setString(3, applied);
      }
      statement.setLong(4, status.records());
      statement.setLong(5, status.inSync());
      for (int i = 0; i < COUNTED.size(); i++) {
        statement.setLong(6 + i, status.counts().getOrDefault(COUNTED.get(i), 0L));
      }
      statement.setInt(10, status.listed() ? 1 : 0);
      statement.executeUpdate();
    }
  }

  private void insertRecords(Connection c, SyncStatus status) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(insertRecord)) {
      int pending = 0;
      for (SyncStatus.Entry entry : status.notInSync()) {
        statement.setString(1, status.entity());
        statement.setString(2, entry.key());
        statement.setString(3, entry.state().text());
        if (entry.agreedChecksum() == null) {
          statement.setNull(4, Types.VARCHAR);
        } else {
          statement.setString(4, entry.agreedChecksum());
        }
        statement.addBatch();
        if (++pending == BATCH) {
          statement.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        statement.executeBatch();
      }
    }
  }

  /** The entity's status as the last load left it; empty when none was recorded. */
  Optional<SyncStatus> read(String entity) {
    if (!schema.ready("cannot read the sync status of " + entity)) {
      return Optional.empty();
    }
    return database.call(
        "cannot read the sync status of " + entity,
        c -> database.dialect().columns(c, SYNC).isPresent() ? read(c, entity) : Optional.empty());
  }

  private Optional<SyncStatus> read(Connection c, String entity) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(selectEntity)) {
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Map<SyncStatus.State, Long> counts = new EnumMap<>(SyncStatus.State.class);
        for (int i = 0; i < COUNTED.size(); i++) {
          if (rs.getLong(6 + i) > 0) {
            counts.put(COUNTED.get(i), rs.getLong(6 + i));
          }
        }
        String applied = rs.getString(3);
        return Optional.of(
            new SyncStatus(
                entity,
                Instant.parse(rs.getString(2)),
                applied == null ? null : Instant.parse(applied),
                rs.getLong(4),
                rs.getLong(5),
                counts,
                rs.getInt(10) != 0,
                records(c, entity)));
      }
    }
  }

  private List<SyncStatus.Entry> records(Connection c, String entity) throws SQLException {
    List<SyncStatus.Entry> entries = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(selectRecords)) {
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new SyncStatus.Entry(
                  rs.getString(1), SyncStatus.State.of(rs.getString(2)), rs.getString(3)));
        }
      }
    }
    entries.sort((a, b) -> RecordKey.ORDER.compare(a.key(), b.key()));
    return entries;
  }
}
