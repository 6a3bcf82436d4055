package io.syncline.state;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.TableCopy;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
  static final String PACK = "syncline_base_pack";
  static final String COPY = "syncline_copy";
  static final String CHECKPOINT = "syncline_checkpoint";
  static final String UNDO = "syncline_undo";
  private static final int BATCH = 1000;
  static final int PACK_RECORDS = 1000;

  private final Database database;
  private final Clock clock;
  private final int packFrom;
  private boolean migrated;

  public StateStore(Database database) {
    this(database, Clock.systemUTC());
  }

  public StateStore(Database database, Clock clock) {
    this(database, clock, 10_000);
  }

  /** {@code packFrom}: how many base changes at once are written as packs (see writeBase). */
  StateStore(Database database, Clock clock, int packFrom) {
    this.database = database;
    this.clock = clock;
    this.packFrom = packFrom;
  }

  /** Restore points and the undo images of applies, kept in this store's database. */
  public Checkpoints checkpoints() {
    return new Checkpoints(database, this, clock);
  }

  /** Key → canonical base text of every record of the entity; empty before the first sync. */
  public Snapshot base(Entity entity) {
    return storedBase(entity).records();
  }

  /**
   * The entity's base as stored, read but not yet decoded: reading needs the connection and is
   * quick; decoding a million records takes a core for a second or two and needs nothing, so a load
   * decodes on one thread while another reads the table.
   */
  public StoredBase storedBase(Entity entity) {
    return storedBase(entity, Long.MAX_VALUE);
  }

  /** The first packs or rows of the base, {@code atLeast} records when there are so many. */
  public StoredBase storedBase(Entity entity, long atLeast) {
    if (!ready("cannot read the base of " + entity.name())) {
      return new StoredBase(entity.name(), List.of(), List.of(), 0);
    }
    return database.callStreaming(
        "cannot read the base of " + entity.name(), c -> readBase(c, entity.name(), atLeast));
  }

  /**
   * The packs, in order, and the rows that override them (an empty text: the record is gone).
   *
   * @param count how many records the packs and rows hold, to size the snapshot
   */
  public record StoredBase(String entity, List<byte[]> packs, List<String[]> rows, long count) {
    /** All the records. */
    public Snapshot records() {
      Snapshot snapshot = new Snapshot((int) Math.min(count, 1 << 28)); // sized: no rehashing
      for (int i = 0; i < packs.size(); i++) {
        BasePack.decode(packs.get(i), snapshot, "pack " + i + " of " + entity);
      }
      for (String[] row : rows) {
        if (row[1].isEmpty()) {
          snapshot.remove(row[0]);
        } else {
          snapshot.set(row[0], row[1]);
        }
      }
      return snapshot;
    }

    /** At least {@code count} records (when there are so many), from the first packs or rows. */
    public Snapshot sample(int count) {
      Snapshot sample = new Snapshot();
      for (int i = 0; i < packs.size() && sample.size() < count; i++) {
        BasePack.decode(packs.get(i), sample, "pack " + i + " of " + entity);
      }
      for (int i = 0; i < rows.size() && sample.size() < count; i++) {
        if (!rows.get(i)[1].isEmpty()) {
          sample.set(rows.get(i)[0], rows.get(i)[1]);
        }
      }
      return sample;
    }
  }

  private StoredBase readBase(Connection c, String entity) throws SQLException {
    return readBase(c, entity, Long.MAX_VALUE);
  }

  private StoredBase readBase(Connection c, String entity, long atLeast) throws SQLException {
    Dialect dialect = database.dialect();
    boolean packed = dialect.columns(c, PACK).isPresent(); // a store from before packs has none
    long records = count(c, "SELECT COUNT(*) FROM ", BASE, entity);
    List<byte[]> packs = new ArrayList<>();
    if (packed) {
      records += count(c, "SELECT SUM(" + dialect.quote("record_count") + ") FROM ", PACK, entity);
      String select =
          select(dialect, "pack_no", "records")
              + dialect.quote(PACK)
              + whereEntity(dialect)
              + " ORDER BY "
              + dialect.quote("pack_no");
      try (PreparedStatement statement = c.prepareStatement(select)) {
        statement.setFetchSize(1);
        statement.setString(1, entity);
        try (ResultSet rs = statement.executeQuery()) {
          long read = 0;
          while (read < atLeast && rs.next()) {
            packs.add(rs.getBytes(2));
            read += BasePack.count(packs.get(packs.size() - 1));
          }
        }
      }
    }
    List<String[]> rows = new ArrayList<>();
    String select =
        select(dialect, "record_key", "canonical") + dialect.quote(BASE) + whereEntity(dialect);
    try (PreparedStatement statement = c.prepareStatement(select)) {
      statement.setFetchSize(dialect.fetchSize());
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        while (rows.size() < atLeast && rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return new StoredBase(entity, packs, rows, records);
  }

  private static String select(Dialect dialect, String first, String second) {
    return "SELECT " + dialect.quote(first) + ", " + dialect.quote(second) + " FROM ";
  }

  private static String whereEntity(Dialect dialect) {
    return " WHERE " + dialect.quote("entity") + " = ?";
  }

  /**
   * Work for {@link Database#apply} that makes the base what the plans say: each {@code
   * plan.base()} entry upserted with its checksum, or deleted when its text is null.
   *
   * <p>A few changes go to rows of {@code syncline_base}, one per record. Many (at least {@code
   * packFrom}, and at least a quarter of what is packed already) rewrite the entity's whole base as
   * packs of {@link #PACK_RECORDS} records: the first sync of a million records writes a thousand
   * rows, not a million, and the rows that pile up between are folded in the same way.
   */
  public SqlWork writeBase(List<EntityPlan> plans) {
    migrateForWrite();
    Map<String, CompletableFuture<List<byte[]>>> firstPacks = new HashMap<>();
    for (EntityPlan plan : plans) {
      if (plan.base().size() >= packFrom && !plan.base().containsValue(null)) {
        // Likely a first sync: encode its packs on the other core while the rows are inserted.
        // Thrown away when the table already has a base.
        Map<String, String> entries = plan.base();
        firstPacks.put(
            plan.entity().name(),
            CompletableFuture.supplyAsync(
                () -> encodePacks(entries.entrySet().iterator()),
                io.syncline.runtime.Background.BULK));
      }
    }
    return c -> {
      try {
        for (EntityPlan plan : plans) {
          if (!plan.base().isEmpty()) {
            writeBase(c, plan.entity().name(), plan.base(), firstPacks.get(plan.entity().name()));
          }
        }
      } finally {
        firstPacks.values().forEach(packs -> packs.cancel(false));
      }
    };
  }

  private void writeBase(
      Connection c,
      String entity,
      Map<String, String> entries,
      CompletableFuture<List<byte[]>> encodedFirstPacks)
      throws SQLException {
    Dialect dialect = database.dialect();
    long packed = count(c, "SELECT SUM(" + dialect.quote("record_count") + ") FROM ", PACK, entity);
    long rows = count(c, "SELECT COUNT(*) FROM ", BASE, entity);
    long pending = entries.size() + rows;
    if (pending >= packFrom && pending >= packed / 4) {
      if (packed + rows == 0 && encodedFirstPacks != null) {
        // the first sync: the plan's bases are the whole base, packed as they are
        insertPacks(c, entity, encodedFirstPacks.join());
        return;
      }
      Snapshot all =
          packed + rows == 0 ? new Snapshot(entries.size()) : readBase(c, entity).records();
      entries.forEach(
          (key, text) -> {
            if (text == null) {
              all.remove(key);
            } else {
              all.set(key, text);
            }
          });
      for (String table : List.of(BASE, PACK)) {
        try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM " + dialect.quote(table) + whereEntity(dialect))) {
          delete.setString(1, entity);
          delete.executeUpdate();
        }
      }
      insertPacks(c, entity, encodePacks(records(all)));
    } else {
      writeRows(c, entity, entries, packed > 0);
    }
  }

  private long count(Connection c, String select, String table, String entity) throws SQLException {
    Dialect dialect = database.dialect();
    try (PreparedStatement statement =
        c.prepareStatement(select + dialect.quote(table) + whereEntity(dialect))) {
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The records, in their order, as packs of {@link #PACK_RECORDS}, walked a pack at a time. */
  private static List<byte[]> encodePacks(java.util.Iterator<Map.Entry<String, String>> records) {
    List<byte[]> packs = new ArrayList<>();
    while (records.hasNext()) {
      List<Map.Entry<String, String>> pack = new ArrayList<>(PACK_RECORDS);
      while (pack.size() < PACK_RECORDS && records.hasNext()) {
        pack.add(records.next());
      }
      packs.add(BasePack.encode(pack));
    }
    return packs;
  }

  /** Key and text of each record of {@code snapshot}, in its order. */
  private static java.util.Iterator<Map.Entry<String, String>> records(Snapshot snapshot) {
    return java.util.stream.IntStream.iterate(
            snapshot.first(0), e -> e >= 0, e -> snapshot.first(e + 1))
        .mapToObj(e -> Map.entry(snapshot.key(e), snapshot.text(e)))
        .iterator();
  }

  private void insertPacks(Connection c, String entity, List<byte[]> packs) throws SQLException {
    Dialect dialect = database.dialect();
    String insert =
        "INSERT INTO "
            + dialect.quote(PACK)
            + " ("
            + dialect.quote("entity")
            + ", "
            + dialect.quote("pack_no")
            + ", "
            + dialect.quote("record_count")
            + ", "
            + dialect.quote("records")
            + ") VALUES (?, ?, ?, ?)";
    try (PreparedStatement statement = c.prepareStatement(insert)) {
      for (int pack = 0; pack < packs.size(); pack++) {
        statement.setString(1, entity);
        statement.setInt(2, pack);
        statement.setInt(3, BasePack.count(packs.get(pack)));
        statement.setBytes(4, packs.get(pack));
        statement.executeUpdate();
      }
    }
  }

  /**
   * Upserts a row per record, batched; a gone record's row is deleted, or, when a pack may hold the
   * record, kept with an empty text that hides it.
   */
  private void writeRows(
      Connection c, String entity, Map<String, String> entries, boolean packsExist)
      throws SQLException {
    Dialect dialect = database.dialect();
    List<String> keyColumns = List.of("entity", "record_key");
    List<String> otherColumns = List.of("canonical", "checksum");
    String delete =
        "DELETE FROM "
            + dialect.quote(BASE)
            + whereEntity(dialect)
            + " AND "
            + dialect.quote("record_key")
            + " = ?";
    int upserts = 0;
    for (String canonical : entries.values()) {
      upserts += canonical != null || packsExist ? 1 : 0;
    }
    try (RowBatch up =
            new RowBatch(
                c,
                dialect,
                batch -> dialect.upsert(BASE, keyColumns, otherColumns, batch),
                4,
                upserts);
        PreparedStatement down = c.prepareStatement(delete)) {
      int downs = 0;
      Checksums checksums = new Checksums();
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        if (entry.getValue() == null && !packsExist) {
          down.setString(1, entity);
          down.setString(2, entry.getKey());
          down.addBatch();
          if (++downs % BATCH == 0) {
            down.executeBatch();
          }
        } else {
          String text = entry.getValue() == null ? "" : entry.getValue();
          int i = up.next();
          PreparedStatement statement = up.statement();
          statement.setString(i, entity);
          statement.setString(i + 1, entry.getKey());
          statement.setString(i + 2, text);
          statement.setString(i + 3, checksums.of(text));
          up.added(entry.getKey());
        }
      }
      if (downs % BATCH != 0) {
        down.executeBatch();
      }
      up.finish();
    }
  }

  /** The checksum kept beside each base text: CRC32C of its UTF-8 bytes, 8 hex digits. */
  public static String checksum(String canonical) {
    return new Checksums().of(canonical);
  }

  /**
   * Checksums of many texts with one CRC and one buffer: a million base texts would otherwise cost
   * a million byte arrays (and String.format, once, took a tenth of writing a base).
   */
  private static final class Checksums {
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[1024];

    String of(String canonical) {
      crc.reset();
      int length = canonical.length();
      if (buffer.length < length) {
        buffer = new byte[Math.max(length, buffer.length * 2)];
      }
      for (int i = 0; i < length; i++) {
        char c = canonical.charAt(i);
        if (c >= 0x80) { // not ASCII: let the JDK encode it
          crc.reset();
          crc.update(canonical.getBytes(StandardCharsets.UTF_8));
          return hex(crc.getValue());
        }
        buffer[i] = (byte) c;
      }
      crc.update(buffer, 0, length);
      return hex(crc.getValue());
    }
  }

  private static String hex(long value) {
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
    return recordApply(summary, null);
  }

  /**
   * As {@link #recordApply(AppliedSummary)}, with the apply's own id ({@code runId}), which its
   * intent file and its undo images name too.
   */
  public SqlWork recordApply(AppliedSummary summary, String runId) {
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
            "outcome",
            "run_id");
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
        statement.setString(i++, summary.outcome());
        statement.setString(i, runId);
        statement.executeUpdate();
      }
    };
  }

  /**
   * Work for {@link Database#apply} that adds one row per table of a copy into this database to the
   * audit log ({@code syncline_copy}): the source's masked URL, the counts, both checksums.
   */
  public SqlWork recordCopy(Instant startedAt, String maskedSource, List<TableCopy> tables) {
    migrateForWrite();
    Dialect dialect = database.dialect();
    List<String> columns =
        List.of(
            "started_at",
            "finished_at",
            "os_user",
            "host",
            "source",
            "table_name",
            "source_rows",
            "copied_rows",
            "failed_rows",
            "target_rows",
            "source_checksum",
            "target_checksum",
            "outcome");
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(COPY)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i)));
    }
    String insert =
        sql.append(") VALUES (")
            .append(String.join(", ", java.util.Collections.nCopies(columns.size(), "?")))
            .append(')')
            .toString();
    return c -> {
      try (PreparedStatement statement = c.prepareStatement(insert)) {
        for (TableCopy table : tables) {
          int i = 1;
          statement.setString(i++, startedAt.toString());
          statement.setString(i++, clock.instant().toString());
          statement.setString(i++, System.getProperty("user.name"));
          statement.setString(i++, host());
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
   * Migrates the store now when the connection may write, so that reads on other connections
   * afterwards find its tables complete.
   */
  public void prepare() {
    ready("cannot read Syncline's tables in " + database.maskedUrl());
  }

  /**
   * Whether the store can be read: migrated now if the connection may write; on a read-only
   * connection, whether the tables are there (false: read as empty).
   */
  boolean ready(String what) {
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

  void migrateForWrite() {
    if (migrated) {
      return;
    }
    if (database.readOnly()) {
      throw ReadOnlyConnection.ownTablesNeedWritable();
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
              + SynclineException.firstLine(e.getMessage()),
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
