package io.syncline.sql.sqlite;

import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.WriteLockHolder;
import io.syncline.sql.ColumnKind;
import io.syncline.sql.DatabaseLock;
import io.syncline.sql.Dialect;
import io.syncline.sql.SqlCall;
import io.syncline.sql.SqlText;
import io.syncline.sql.Upserts;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.sqlite.SQLiteConfig;

/**
 * SQLite, the embedded default.
 *
 * <p>Types: SQLite keeps a value's own storage class whatever the column says, so the column types
 * below are chosen for their affinity. BOOLEAN is stored as 0/1. DATE is ISO text ({@code
 * 2025-08-18} is no number, so the NUMERIC affinity of the DATE type name leaves it text). DECIMAL
 * is NUMERIC: whole numbers are exact to 64 bits; other numbers become REAL, exact to 15
 * significant digits — a value needing more reads back rounded and shows as a difference. (TEXT
 * affinity would keep every digit, but then the column sorts and sums as text in SQL, which
 * surprises anyone querying it.) JSON is TEXT so that a JSON number is never turned into a REAL.
 *
 * <p>Apply's transaction begins IMMEDIATE: it takes the write lock at once, so the rows it re-reads
 * to guard an update cannot change before the commit, and a busy database fails at the start rather
 * than half-way.
 *
 * <p>Foreign keys: SQLite checks them only on a connection that asks ({@code PRAGMA foreign_keys =
 * ON}); Syncline's connections ask, as the other databases check them always. A child table apply
 * creates refers to its parent's (see {@code NewTable}), and a user who sees the {@code FOREIGN
 * KEY} expects it to hold, in Syncline's writes and in the {@code sql} command's alike. So every
 * write Syncline makes goes in foreign-key order: apply and rollback delete children before their
 * parents and insert parents before their children, {@code copy} copies parents first and empties
 * children first. The driver takes the setting over the URL's ({@code ?foreign_keys=false} does not
 * turn it off): rows an earlier writer left without their parent stay, and only a write that would
 * leave one more is refused.
 *
 * <p>Journal: the default rollback journal. Apply writes in one large transaction, which WAL,
 * {@code synchronous=NORMAL} and a larger page cache do not make faster (the README's Benchmark
 * section has the numbers), and WAL would leave {@code -wal} and {@code -shm} files beside the
 * user's database file.
 */
public final class SqliteDialect extends Dialect {

  /**
   * {@code json_array} spells REAL values as {@code sqlite3_column_text} does (%!.15g). A JSON
   * field's text goes in as a string, read back as the driver reads the column, not checked and
   * parsed by SQLite ({@code CASE WHEN json_valid(c) THEN json(c) ELSE c END}): that parse costs
   * SQLite far more than unescaping the strings costs the reader (see the README's Benchmark
   * section).
   */
  @Override
  public Optional<String> rowAsJsonArray(List<Field> fields) {
    StringBuilder sql = new StringBuilder("json_array(");
    for (int i = 0; i < fields.size(); i++) {
      String column = quote(fields.get(i).column());
      sql.append(i == 0 ? "" : ", ");
      sql.append(column);
    }
    return Optional.of(sql.append(')').toString());
  }

  @Override
  public boolean handles(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:sqlite:");
  }

  @Override
  public String vendor() {
    return "sqlite";
  }

  /**
   * {@code jdbc:sqlite::memory:}, {@code ?mode=memory} and {@code jdbc:sqlite:} (a temporary file).
   */
  @Override
  public boolean sharedByConnections(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    return !path.isEmpty() && !path.contains(":memory:") && !path.contains("mode=memory");
  }

  @Override
  public Connection connect(String url, String user, String password, boolean readOnly)
      throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(readOnly);
    // A read-only connection cannot take the write lock that IMMEDIATE asks for.
    config.setTransactionMode(
        readOnly ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true); // see the class comment
    return DriverManager.getConnection(url, config.toProperties());
  }

  /**
   * With foreign keys off, as SQLite's own procedure for changing a table's schema asks: a script
   * that rebuilds a referenced table (create the new one, copy the rows, drop the old one, rename
   * the new one) drops a parent its children still refer to by name, which with foreign keys on is
   * refused, deferred or not. They are turned on again afterwards, however the script ended; {@code
   * PRAGMA foreign_key_check} in {@code sql} lists any row the script left without its parent. The
   * pragma does nothing inside a transaction, so it is run here, before Flyway begins one.
   */
  @Override
  public <T> T migrating(Connection connection, SqlCall<T> work) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA foreign_keys = OFF");
    }
    try {
      return work.call(connection);
    } finally {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA foreign_keys = ON");
      }
    }
  }

  /**
   * A 64 MiB page cache for a connection that writes (SQLite's default is 2 MiB): an apply that
   * updates ten thousand rows scattered through a large table dirties as many pages, and with the
   * default cache SQLite spills them to the file mid-transaction, syncing its journal each time.
   * Pages are only taken as they are used.
   */
  @Override
  public List<String> setup(boolean readOnly) {
    return readOnly ? List.of() : List.of("PRAGMA cache_size = -65536");
  }

  /**
   * The file the connection has open, by its file key (device and inode), so that {@code ./a.db},
   * the absolute path, a symbolic or a hard link all name the same file. A database in memory or in
   * a temporary file is the connection's own and matches nothing.
   */
  @Override
  public Identity identity(Connection connection) throws SQLException {
    String file = null;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
      while (rs.next()) {
        if ("main".equals(rs.getString("name"))) {
          file = rs.getString("file");
        }
      }
    }
    if (file == null || file.isEmpty()) {
      String own = "connection " + System.identityHashCode(connection);
      return new Identity("sqlite:" + own, "an SQLite database in memory");
    }
    Path path = Path.of(file);
    try {
      Path real = path.toRealPath();
      Object key = Files.readAttributes(real, BasicFileAttributes.class).fileKey();
      return new Identity("sqlite:" + (key != null ? key : real), "the SQLite file " + real);
    } catch (IOException e) {
      Path absolute = path.toAbsolutePath().normalize();
      return new Identity("sqlite:" + absolute, "the SQLite file " + absolute);
    }
  }

  /**
   * The file is opened with SQLite's read-only flag, which no statement can lift; a database
   * attached later ({@code ATTACH}) is opened with the same flag.
   */
  @Override
  public boolean sessionReadOnly(Connection connection) {
    return true;
  }

  /** {@code `name`} and {@code [name]} as well as {@code "name"}. */
  /** SQLite's DDL is transactional: a rollback script and its history row commit together. */
  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public SqlText.Lexis lexis() {
    return LEXIS;
  }

  private static final SqlText.Lexis LEXIS =
      SqlText.Lexis.of(SqlText.Spelling.BACKTICKS, SqlText.Spelling.BRACKETS);

  @Override
  public String describe(String maskedUrl) {
    String path = maskedUrl.substring("jdbc:sqlite:".length());
    int params = path.indexOf('?');
    path = params < 0 ? path : path.substring(0, params);
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return "sqlite:" + (path.startsWith(":") ? path : path.substring(slash + 1));
  }

  /**
   * The table from {@code pragma_table_info(?)}, the name bound as a value: the driver's {@code
   * getColumns} splices the name into its own SQL, so a table named {@code a'b}, {@code a_b} or
   * {@code a%b} breaks it, and reads {@code a\b} as {@code ab}. SQLite finds the table as it finds
   * it in a statement (ignoring ASCII case), so a table created as {@code Items} answers for {@code
   * items}. The pragma's {@code pk} is the column's place in the primary key, 0 outside it.
   */
  @Override
  public Optional<Table> table(Connection connection, String table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    Map<Integer, String> keyByPlace = new TreeMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT name, type, pk FROM pragma_table_info(?)")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          String name = rs.getString(1);
          columns.add(declared(name, rs.getString(2)));
          if (rs.getInt(3) > 0) {
            keyByPlace.put(rs.getInt(3), name);
          }
        }
      }
    }
    return columns.isEmpty()
        ? Optional.empty()
        : Optional.of(new Table(table, columns, List.copyOf(keyByPlace.values())));
  }

  /**
   * The foreign keys from {@code pragma_foreign_key_list(?)}, the name bound as a value, for the
   * reason {@link #table} gives: the driver's {@code getImportedKeys} splices the name into its own
   * SQL, and a quote in it breaks the statement. {@code id} numbers the constraint, {@code seq} its
   * columns; {@code to} is null for {@code REFERENCES p} without columns (the parent's key).
   */
  @Override
  public List<ForeignKey> foreignKeys(Connection connection, String table) throws SQLException {
    Map<Integer, List<String[]>> byConstraint = new TreeMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)"
                + " ORDER BY id, seq")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          byConstraint
              .computeIfAbsent(rs.getInt(1), id -> new ArrayList<>())
              .add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
    }
    List<ForeignKey> keys = new ArrayList<>();
    byConstraint.values().forEach(columns -> keys.add(ForeignKey.of(table, columns)));
    return keys;
  }

  /**
   * The column as the driver's {@code getColumns} reports it, from the type it was declared with:
   * the name up to a parenthesis, in capitals; the JDBC type by the words in it, as SQLite picks a
   * column's affinity.
   *
   * <pre>
   *   BIGINT, bool           → INTEGER    "BIGINT", "BOOL"
   *   VARCHAR(20), TEXT, BLOB → VARCHAR    "VARCHAR", "TEXT", "BLOB"
   *   NUMERIC(10,2), DOUBLE  → FLOAT      "NUMERIC", "DOUBLE"
   *   DATE, JSON, (none)     → VARCHAR    "DATE", "JSON", ""
   * </pre>
   */
  private static Column declared(String name, String declaredType) {
    String type = declaredType == null ? "" : declaredType.toUpperCase(Locale.ROOT);
    int parenthesis = type.indexOf('(');
    String typeName = (parenthesis < 0 ? type : type.substring(0, parenthesis)).trim();
    int jdbcType;
    if (type.contains("INT") || type.contains("BOOL")) {
      jdbcType = Types.INTEGER;
    } else if (type.contains("CHAR")
        || type.contains("CLOB")
        || type.contains("TEXT")
        || type.contains("BLOB")) {
      jdbcType = Types.VARCHAR;
    } else if (type.contains("REAL")
        || type.contains("FLOA")
        || type.contains("DOUB")
        || type.contains("DEC")
        || type.contains("NUM")) {
      jdbcType = Types.FLOAT;
    } else {
      jdbcType = Types.VARCHAR;
    }
    return new Column(name, jdbcType, typeName);
  }

  /**
   * SQLite finds a table ignoring the case of ASCII letters, quoted or not: {@code Items} is {@code
   * items}, {@code É} is not {@code é}.
   */
  @Override
  public boolean sameTable(Connection connection, String a, String b) {
    return asciiLowerCase(a).equals(asciiLowerCase(b));
  }

  private static String asciiLowerCase(String name) {
    StringBuilder lower = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      lower.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return lower.toString();
  }

  /**
   * SQLite's own tables ({@code sqlite_sequence}, {@code sqlite_stat1}): SQLite reserves every name
   * that starts with {@code sqlite_}, in any case.
   */
  @Override
  public boolean systemTable(String name) {
    return name.toLowerCase(Locale.ROOT).startsWith("sqlite_");
  }

  @Override
  public String columnType(FieldType type, boolean key) {
    return switch (type) {
      case INTEGER -> "INTEGER";
      case DECIMAL -> "NUMERIC";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      default -> "TEXT";
    };
  }

  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    return Upserts.onConflict(this, table, keyColumns, otherColumns);
  }

  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns, int rows) {
    return Upserts.onConflict(this, table, keyColumns, otherColumns, rows);
  }

  /**
   * 50 rows, within SQLite's 32766 parameters: with one statement per row, crossing JNI to reset
   * and step each statement is a large part of an insert's time (see {@code RowBatch}).
   */
  @Override
  public int rowsPerStatement(int columns) {
    return Math.max(1, Math.min(50, 32_766 / Math.max(1, columns)));
  }

  @Override
  public void bindDecimal(PreparedStatement statement, int index, BigDecimal value)
      throws SQLException {
    // Plain digits: the driver would send 1E+3, which SQLite reads as the REAL 1000.0.
    statement.setString(index, value.toPlainString());
  }

  /** The digits as they are: what the value's plain text would be. */
  @Override
  public void bindDecimal(PreparedStatement statement, int index, String digits)
      throws SQLException {
    statement.setString(index, digits);
  }

  @Override
  public void bindDate(PreparedStatement statement, int index, String isoDate) throws SQLException {
    statement.setString(index, isoDate);
  }

  @Override
  public String columnType(ColumnKind kind, boolean key) {
    return switch (kind) {
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMPTZ -> "TIMESTAMPTZ";
      // TEXT affinity (the name holds TEXT), so a JSON number stays text; "JSON" tells a later
      // copy what the column holds.
      case JSON -> "JSON TEXT";
      default -> super.columnType(kind, key);
    };
  }

  /**
   * Dates and times are ISO text here ({@code 2025-08-18 10:00:00}, {@code ...T10:00:00Z}), or
   * milliseconds since 1970 where a driver stored a timestamp as a number.
   */
  @Override
  public Object read(ResultSet rs, int index, ColumnKind kind) throws SQLException {
    if (kind == ColumnKind.BOOLEAN) {
      Object value = rs.getObject(index);
      return value == null
          ? null
          : value instanceof Number n
              ? n.longValue() != 0
              : Boolean.valueOf(value.toString().equalsIgnoreCase("true"));
    }
    if (kind != ColumnKind.TIMESTAMP && kind != ColumnKind.TIMESTAMPTZ) {
      return super.read(rs, index, kind);
    }
    Object value = rs.getObject(index);
    if (value == null) {
      return null;
    }
    Instant instant = null;
    if (value instanceof Number millis) {
      instant = Instant.ofEpochMilli(millis.longValue());
    } else {
      String text = value.toString().strip().replace(' ', 'T');
      try {
        TemporalAccessor parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(
                text, OffsetDateTime::from, LocalDateTime::from);
        if (parsed instanceof LocalDateTime local) {
          return kind == ColumnKind.TIMESTAMP ? local : local.toInstant(ZoneOffset.UTC);
        }
        instant = ((OffsetDateTime) parsed).toInstant();
      } catch (DateTimeParseException e) {
        throw new SQLException("not a timestamp: " + text, "22007", e);
      }
    }
    return kind == ColumnKind.TIMESTAMP
        ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
        : instant;
  }

  @Override
  public void bind(PreparedStatement statement, int index, ColumnKind kind, Object value)
      throws SQLException {
    if ((kind == ColumnKind.TIMESTAMP || kind == ColumnKind.TIMESTAMPTZ) && value != null) {
      statement.setString(index, value.toString());
      return;
    }
    super.bind(statement, index, kind, value);
  }

  /** A deferred transaction: SQLite's read lock from the first read to the end is the snapshot. */
  @Override
  public void beginSnapshot(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  /**
   * Tables of fewer rows are read in one pass: a second connection would cost more than it saves.
   */
  private static final long HALVES_FROM = 200_000;

  /**
   * Rowid ranges, when the table has a rowid, is large, and the database keeps a rollback journal.
   * There a reader's shared lock keeps every writer from committing, so two readers that both hold
   * one see the same database; in WAL mode readers do not hold writers back, and each could see
   * another commit, so the table is read in one pass.
   */
  @Override
  public List<String> halves(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
        if (!mode.next() || mode.getString(1).equalsIgnoreCase("wal")) {
          return List.of();
        }
      }
      try (ResultSet range =
          statement.executeQuery("SELECT min(rowid), max(rowid) FROM " + quote(table))) {
        if (!range.next() || range.getObject(1) == null) {
          return List.of();
        }
        long low = range.getLong(1);
        long high = range.getLong(2);
        if (high - low < HALVES_FROM) {
          return List.of();
        }
        long middle = low + (high - low) / 2;
        return List.of("rowid <= " + middle, "rowid > " + middle);
      }
    } catch (SQLException noRowid) {
      return List.of(); // a WITHOUT ROWID table, say
    }
  }

  /**
   * Takes a shared lock now or not at all: a writer waiting for the first reader to finish holds a
   * pending lock, and a second reader that waited for it would read the writer's commit.
   */
  @Override
  public boolean joinSnapshot(Connection second) throws SQLException {
    second.setAutoCommit(false);
    try (Statement statement = second.createStatement()) {
      statement.execute("PRAGMA busy_timeout = 0");
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rs.next();
      }
      statement.execute("PRAGMA busy_timeout = 5000");
      return true;
    } catch (SQLException busy) {
      if (isTransient(busy)) {
        return false;
      }
      throw busy;
    }
  }

  @Override
  public boolean isTransient(SQLException e) {
    int primary = e.getErrorCode() & 0xff;
    return primary == 5 || primary == 6; // SQLITE_BUSY, SQLITE_LOCKED
  }

  /**
   * A lock file beside the database file ({@code geo.db.syncline-lock}): SQLite's own write lock
   * lasts one transaction, and apply must hold its lock from before it prepares the files until
   * after the commit. (A transaction begun IMMEDIATE at the start would hold it, but would also
   * keep every other connection from writing while apply prepares, and a second apply would wait in
   * the busy timeout rather than learn who holds the database.) A database in memory or a temporary
   * one is this connection's alone: no lock.
   */
  @Override
  public Optional<DatabaseLock> tryWriteLock(
      Connection connection, String url, WriteLockHolder holder) {
    return file(url)
        .map(file -> lockFileBeside(file, holder))
        .orElse(Optional.of(DatabaseLock.NONE));
  }

  @Override
  public Optional<String> writeLockHolder(Connection connection, String url) {
    return file(url).flatMap(Dialect::lockFileHolder);
  }

  /** The database's file: {@code jdbc:sqlite:file:/a/geo.db?mode=rw} → {@code /a/geo.db}. */
  private Optional<Path> file(String url) {
    if (!sharedByConnections(url)) {
      return Optional.empty();
    }
    String path = url.substring("jdbc:sqlite:".length());
    path = path.startsWith("file:") ? path.substring("file:".length()) : path;
    int params = path.indexOf('?');
    return Optional.of(Path.of(params < 0 ? path : path.substring(0, params)));
  }
}
