package io.syncline.state;

import io.syncline.core.Counts;
import io.syncline.core.LogEntry;
import io.syncline.core.TableCopy;
import io.syncline.sql.Database;
import io.syncline.sql.SqlWork;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The audit log: a row per apply or rollback in {@code syncline_log}, a row per table of each copy
 * into this database in {@code syncline_copy}. Both rows start with who wrote when and where from.
 */
final class AuditLog {
  /** The columns both logs start with, bound by {@link #bindWho}. */
  private static final List<String> WHO = List.of("started_at", "finished_at", "os_user", "host");

  /**
   * An apply's row as it is written and read back; {@code run_id} is written after these (a store
   * from before checkpoints, read on a read-only connection, has no such column).
   */
  private static final List<String> APPLY =
      concat(
          WHO,
          "connection",
          "entities",
          "db_inserted",
          "db_updated",
          "db_deleted",
          "file_inserted",
          "file_updated",
          "file_deleted",
          "files",
          "detail",
          "outcome");

  private static final List<String> COPY =
      concat(
          WHO,
          "source",
          "table_name",
          "source_rows",
          "copied_rows",
          "failed_rows",
          "target_rows",
          "source_checksum",
          "target_checksum",
          "outcome");

  private final Database database;
  private final StoreSchema schema;
  private final Clock clock;

  private final String insertApply;
  private final String insertCopy;
  private final String selectApplies;
  private final String selectLastId;
  private final String selectRunsAfter;
  private final String countRun;

  AuditLog(Database database, StoreSchema schema, Clock clock) {
    this.database = database;
    this.schema = schema;
    this.clock = clock;
    StoreSql sql = new StoreSql(database.dialect());
    insertApply = sql.insert("syncline_log", concat(APPLY, "run_id"));
    insertCopy = sql.insert("syncline_copy", COPY);
    selectApplies =
        sql.spell(
            "SELECT {id}, " + StoreSql.names(APPLY) + " FROM {syncline_log} ORDER BY {id} DESC");
    selectLastId = sql.spell("SELECT MAX({id}) FROM {syncline_log}");
    selectRunsAfter =
        sql.spell(
            "SELECT {id}, {run_id}, {started_at} FROM {syncline_log} WHERE {id} > ? ORDER BY {id}");
    countRun = sql.spell("SELECT COUNT(*) FROM {syncline_log} WHERE {run_id} = ?");
  }

  /**
   * Work for {@link Database#apply} that adds the apply's row, {@code runId} its own id; the
   * summary is asked for when the work runs.
   */
  SqlWork recordApply(Supplier<AppliedSummary> summarized, String runId) {
    schema.migrateForWrite();
    String connection = database.maskedUrl();
    return c -> {
      AppliedSummary summary = summarized.get();
      try (PreparedStatement statement = c.prepareStatement(insertApply)) {
        int i = bindWho(statement, summary.startedAt());
        statement.setString(i++, connection);
        statement.setString(i++, String.join(",", summary.entities()));
        for (Counts counts : List.of(summary.toDatabase(), summary.toFiles())) {
          statement.setLong(i++, counts.inserted());
          statement.setLong(i++, counts.updated());
          statement.setLong(i++, counts.deleted());
        }
        statement.setString(i++, String.join("\n", summary.files()));
        statement.setString(i++, String.join("\n", summary.detail()));
        statement.setString(i++, summary.outcome());
        statement.setString(i, runId);
        statement.executeUpdate();
      }
    };
  }

  /** Work for {@link Database#apply} that adds a row per table of a copy into this database. */
  SqlWork recordCopy(Instant startedAt, String maskedSource, List<TableCopy> tables) {
    schema.migrateForWrite();
    return c -> {
      try (PreparedStatement statement = c.prepareStatement(insertCopy)) {
        for (TableCopy table : tables) {
          int i = bindWho(statement, startedAt);
          statement.setString(i++, maskedSource);
          statement.setString(i++, table.table());
          statement.setLong(i++, table.sourceRows());
          statement.setLong(i++, table.copied());
          statement.setLong(i++, table.failed());
          statement.setLong(i++, table.targetRows());
          statement.setString(i++, table.sourceChecksum());
          statement.setString(i++, table.targetChecksum());
          statement.setString(
              i,
              table.failed() > 0
                  ? table.failed() + " row(s) refused"
                  : table.agrees() ? "agrees" : "differs");
          statement.addBatch();
        }
        statement.executeBatch();
      }
    };
  }

  /** Binds the {@link #WHO} columns, now as the finish; the index of the next parameter. */
  private int bindWho(PreparedStatement statement, Instant startedAt) throws SQLException {
    statement.setString(1, startedAt.toString());
    statement.setString(2, clock.instant().toString());
    statement.setString(3, System.getProperty("user.name"));
    statement.setString(4, host());
    return WHO.size() + 1;
  }

  /** The applies and rollbacks, newest first. */
  List<LogEntry> applies() {
    if (!schema.ready("cannot read the log")) {
      return List.of();
    }
    return database.call(
        "cannot read the log",
        c -> {
          List<LogEntry> entries = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(selectApplies);
              ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              String entities = rs.getString(7);
              entries.add(
                  new LogEntry(
                      rs.getLong(1),
                      Instant.parse(rs.getString(2)),
                      Instant.parse(rs.getString(3)),
                      rs.getString(4),
                      rs.getString(5),
                      rs.getString(6),
                      entities.isEmpty() ? List.of() : Arrays.asList(entities.split(",")),
                      new Counts(rs.getLong(8), rs.getLong(9), rs.getLong(10)),
                      new Counts(rs.getLong(11), rs.getLong(12), rs.getLong(13)),
                      lines(rs.getString(14)),
                      lines(rs.getString(15)),
                      rs.getString(16)));
            }
          }
          return entries;
        });
  }

  /** The id of the last row, 0 when there is none: what a checkpoint taken now remembers. */
  long lastId(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(selectLastId);
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** An apply or rollback as logged; {@code runId} is null for one from before checkpoints. */
  record Run(long logId, String runId, Instant startedAt) {}

  /** The applies and rollbacks logged after {@code logId}, oldest first. */
  List<Run> runsAfter(Connection c, long logId) throws SQLException {
    List<Run> runs = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(selectRunsAfter)) {
      select.setLong(1, logId);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          runs.add(new Run(rs.getLong(1), rs.getString(2), Instant.parse(rs.getString(3))));
        }
      }
    }
    return runs;
  }

  /** Whether the apply with this id committed (its row is here). */
  boolean committed(String runId) {
    if (!schema.ready("cannot read the log") || !schema.hasCheckpoints()) {
      return false;
    }
    return database.call(
        "cannot read the log",
        c -> {
          try (PreparedStatement select = c.prepareStatement(countRun)) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() && rs.getLong(1) > 0;
            }
          }
        });
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  private static List<String> concat(List<String> first, String... then) {
    return Stream.concat(first.stream(), Stream.of(then)).toList();
  }

  private static String host() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return null;
    }
  }
}
