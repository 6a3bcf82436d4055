package io.syncline.state;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.sql.Database;
import io.syncline.sql.Dialect;
import io.syncline.sql.RowBatch;
import io.syncline.sql.SqlWork;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Syncline's own tables in the target database: the base of every record ({@code syncline_base})
 * and the audit log ({@code syncline_log}).
 *
 * <p>Migrated by Flyway through its API, with a history table of its own ({@code
 * syncline_schema_history}) and scripts per database under {@code
 * io/syncline/state/migration/<vendor>}; a user's {@code flyway_schema_history} is never read or
 * written. The first use migrates; a read-only connection is only refused when something must be
 * written, and reads an absent store as empty.
 *
 * <p>Writes are returned as {@link SqlWork} for {@link Database#apply}, so the base commits or
 * rolls back in the same transaction as the rows it describes.
 */
public final class StateStore {
  static final String HISTORY = "syncline_schema_history";
  static final String BASE = "syncline_base";
  static final String LOG = "syncline_log";
  private static final int BATCH = 1000;

  private final Database database;
  private final Clock clock;
  private boolean migrated;

  public StateStore(Database database) {
    this(database, Clock.systemUTC());
  }

  public StateStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Key → canonical base text of every record of the entity; empty before the first sync. */
  public Snapshot base(Entity entity) {
    if (!ready("cannot read the base of " + entity.name())) {
      return new Snapshot();
    }
    Dialect dialect = database.dialect();
    String sql =
        "SELECT "
            + dialect.quote("record_key")
            + ", "
            + dialect.quote("canonical")
            + " FROM "
            + dialect.quote(BASE)
            + " WHERE "
            + dialect.quote("entity")
            + " = ?";
    return database.callStreaming(
        "cannot read the base of " + entity.name(),
        c -> {
          Snapshot snapshot = new Snapshot();
          try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setFetchSize(dialect.fetchSize());
            select.setString(1, entity.name());
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                snapshot.put(rs.getString(1), rs.getString(2));
              }
            }
          }
          return snapshot;
        });
  }

  /**
   * Work for {@link Database#apply} that makes the base what the plans say: each {@code
   * plan.base()} entry upserted with its checksum, or deleted when its text is null. Batched.
   */
  public SqlWork writeBase(List<EntityPlan> plans) {
    migrateForWrite();
    Dialect dialect = database.dialect();
    List<String> keyColumns = List.of("entity", "record_key");
    List<String> otherColumns = List.of("canonical", "checksum");
    String delete =
        "DELETE FROM "
            + dialect.quote(BASE)
            + " WHERE "
            + dialect.quote("entity")
            + " = ? AND "
            + dialect.quote("record_key")
            + " = ?";
    return c -> {
      int total = 0;
      for (EntityPlan plan : plans) {
        for (String canonical : plan.base().values()) {
          total += canonical == null ? 0 : 1;
        }
      }
      try (RowBatch up =
              new RowBatch(
                  c,
                  dialect,
                  rows -> dialect.upsert(BASE, keyColumns, otherColumns, rows),
                  4,
                  total);
          PreparedStatement down = c.prepareStatement(delete)) {
        int downs = 0;
        CRC32C crc = new CRC32C();
        for (EntityPlan plan : plans) {
          String entity = plan.entity().name();
          for (Map.Entry<String, String> entry : plan.base().entrySet()) {
            if (entry.getValue() == null) {
              down.setString(1, entity);
              down.setString(2, entry.getKey());
              down.addBatch();
              if (++downs % BATCH == 0) {
                down.executeBatch();
              }
            } else {
              int i = up.next();
              PreparedStatement statement = up.statement();
              statement.setString(i, entity);
              statement.setString(i + 1, entry.getKey());
              statement.setString(i + 2, entry.getValue());
              statement.setString(i + 3, checksum(crc, entry.getValue()));
              up.added(entry.getKey());
            }
          }
        }
        if (downs % BATCH != 0) {
          down.executeBatch();
        }
        up.finish();
      }
    };
  }

  /** The checksum kept beside each base text: CRC32C of its UTF-8 bytes, 8 hex digits. */
  public static String checksum(String canonical) {
    return checksum(new CRC32C(), canonical);
  }

  /** As {@link #checksum(String)}; without String.format, which took a tenth of writing a base. */
  private static String checksum(CRC32C crc, String canonical) {
    crc.reset();
    crc.update(canonical.getBytes(StandardCharsets.UTF_8));
    long value = crc.getValue();
    char[] hex = new char[8];
    for (int i = 7; i >= 0; i--) {
      hex[i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(hex);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** Work for {@link Database#apply} that adds the apply's row to the audit log. */
  public SqlWork recordApply(AppliedSummary summary) {
    migrateForWrite();
    Dialect dialect = database.dialect();
    List<String> columns =
        List.of(
            "started_at",
            "finished_at",
            "os_user",
            "host",
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
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(LOG)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i)));
    }
    sql.append(") VALUES (")
        .append(String.join(", ", java.util.Collections.nCopies(columns.size(), "?")));
    String insert = sql.append(')').toString();
    String connection = database.maskedUrl();
    return c -> {
      try (PreparedStatement statement = c.prepareStatement(insert)) {
        int i = 1;
        statement.setString(i++, summary.startedAt().toString());
        statement.setString(i++, clock.instant().toString());
        statement.setString(i++, System.getProperty("user.name"));
        statement.setString(i++, host());
        statement.setString(i++, connection);
        statement.setString(i++, String.join(",", summary.entities()));
        for (Counts counts : List.of(summary.toDatabase(), summary.toFiles())) {
          statement.setLong(i++, counts.inserted());
          statement.setLong(i++, counts.updated());
          statement.setLong(i++, counts.deleted());
        }
        statement.setString(i++, String.join("\n", summary.files()));
        statement.setString(i++, String.join("\n", summary.detail()));
        statement.setString(i, summary.outcome());
        statement.executeUpdate();
      }
    };
  }

  /** The audit log, newest first. */
  public List<LogEntry> log() {
    if (!ready("cannot read the log")) {
      return List.of();
    }
    Dialect dialect = database.dialect();
    String sql =
        "SELECT "
            + dialect.quote("id")
            + ", "
            + dialect.quote("started_at")
            + ", "
            + dialect.quote("finished_at")
            + ", "
            + dialect.quote("os_user")
            + ", "
            + dialect.quote("host")
            + ", "
            + dialect.quote("connection")
            + ", "
            + dialect.quote("entities")
            + ", "
            + dialect.quote("db_inserted")
            + ", "
            + dialect.quote("db_updated")
            + ", "
            + dialect.quote("db_deleted")
            + ", "
            + dialect.quote("file_inserted")
            + ", "
            + dialect.quote("file_updated")
            + ", "
            + dialect.quote("file_deleted")
            + ", "
            + dialect.quote("outcome")
            + ", "
            + dialect.quote("files")
            + ", "
            + dialect.quote("detail")
            + " FROM "
            + dialect.quote(LOG)
            + " ORDER BY "
            + dialect.quote("id")
            + " DESC";
    return database.call(
        "cannot read the log",
        c -> {
          List<LogEntry> entries = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(sql);
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
                      lines(rs.getString(15)),
                      lines(rs.getString(16)),
                      rs.getString(14)));
            }
          }
          return entries;
        });
  }

  private static List<String> lines(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  /**
   * Whether the store can be read: migrated now if the connection may write; on a read-only
   * connection, whether the tables are there (false: read as empty).
   */
  private boolean ready(String what) {
    if (migrated) {
      return true;
    }
    if (!database.readOnly()) {
      migrateForWrite();
      return true;
    }
    return database.call(
        what,
        c ->
            database.dialect().columns(c, BASE).isPresent()
                && database.dialect().columns(c, LOG).isPresent());
  }

  private void migrateForWrite() {
    if (migrated) {
      return;
    }
    if (database.readOnly()) {
      throw new SynclineException(
          "the connection is read-only (connect ... --read-only); Syncline's own tables need a"
              + " writable one");
    }
    database.selfCommitting(
        "cannot prepare Syncline's tables in " + database.maskedUrl(), this::migrate);
    migrated = true;
  }

  private void migrate(Connection connection) throws SQLException {
    try {
      Flyway.configure(StateStore.class.getClassLoader())
          .dataSource(new SingleConnection(connection))
          .table(HISTORY)
          .locations("classpath:io/syncline/state/migration/" + vendor(connection))
          // A schema that already holds the user's tables has no history of ours yet: start ours
          // at version 0 rather than refuse, and never look at anyone else's history table.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .validateMigrationNaming(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new SynclineException(
          "cannot prepare Syncline's tables in "
              + database.maskedUrl()
              + ": "
              + firstLine(e.getMessage()),
          e);
    }
  }

  /**
   * The migration folder for the database, named as Spring Boot names vendors: {@code sqlite},
   * {@code h2}, {@code postgresql}, {@code mariadb}. MySQL shares MariaDB's migrations: the SQL is
   * the same. (Flyway itself does not expand a {@code {vendor}} placeholder; Boot does, and Boot is
   * not used here.)
   */
  private String vendor(Connection connection) throws SQLException {
    String product =
        connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    for (String vendor : List.of("sqlite", "h2", "postgresql", "mariadb", "mysql")) {
      if (product.contains(vendor)) {
        return vendor.equals("mysql") ? "mariadb" : vendor;
      }
    }
    throw new SynclineException(
        "Syncline keeps its own tables in SQLite, H2, PostgreSQL, MariaDB or MySQL, not in "
            + connection.getMetaData().getDatabaseProductName());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String text = message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  private static String host() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
