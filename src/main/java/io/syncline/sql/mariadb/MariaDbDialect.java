package io.syncline.sql.mariadb;

import io.syncline.core.FieldType;
import io.syncline.core.WriteLockHolder;
import io.syncline.sql.ColumnKind;
import io.syncline.sql.DatabaseLock;
import io.syncline.sql.Dialect;
import io.syncline.sql.SqlText;
import io.syncline.sql.Upserts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

/**
 * MariaDB and MySQL through the MariaDB driver.
 *
 * <p>Backtick quoting. A TEXT key column is VARCHAR(255), since an index cannot hold a whole TEXT;
 * other text is MEDIUMTEXT (16 MB). DECIMAL is DECIMAL(65,30): exact, 35 digits before the point
 * and 30 after. DDL commits at once in MariaDB, so a table created by an apply that later rolls
 * back stays, empty.
 */
public final class MariaDbDialect extends Dialect {

  @Override
  public boolean handles(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
  }

  /** MySQL too: the SQL of Syncline's own tables is the same. */
  @Override
  public String vendor() {
    return "mariadb";
  }

  /** The MariaDB driver takes {@code jdbc:mysql:} URLs only when told to. */
  @Override
  protected Properties connectionProperties(String user, String password) {
    Properties properties = super.connectionProperties(user, password);
    properties.setProperty("permitMysqlScheme", "true");
    return properties;
  }

  /**
   * Never several statements in one string: the driver asks the server for that when {@code
   * allowMultiQueries} or {@code rewriteBatchedStatements} is on, and then {@code SELECT 1; DELETE
   * FROM t} runs both. A setting in the URL outweighs the connection properties, so these go at the
   * end of the URL, where they outweigh the URL's own.
   */
  @Override
  public Connection connect(String url, String user, String password, boolean readOnly)
      throws SQLException {
    String oneStatement =
        (url.indexOf('?') < 0 ? "?" : "&")
            + "allowMultiQueries=false&rewriteBatchedStatements=false";
    return super.connect(url + oneStatement, user, password, readOnly);
  }

  /**
   * {@code SET SESSION TRANSACTION READ WRITE} lifts the session's read-only, and MariaDB's DDL
   * commits at once; {@code transaction_read_only} was {@code tx_read_only} before 11.1.
   */
  @Override
  public boolean sessionReadOnly(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT VARIABLE_VALUE FROM information_schema.SESSION_VARIABLES"
                    + " WHERE VARIABLE_NAME IN ('TX_READ_ONLY', 'TRANSACTION_READ_ONLY')")) {
      boolean any = false;
      while (rs.next()) {
        if (!"ON".equalsIgnoreCase(rs.getString(1))) {
          return false;
        }
        any = true;
      }
      return any;
    }
  }

  /**
   * The server by host name, port and data directory (the same whichever address reached it), then
   * the database.
   */
  @Override
  public Identity identity(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@hostname, @@port, @@datadir, DATABASE()")) {
      rs.next();
      String server = rs.getString(1) + ":" + rs.getString(2) + rs.getString(3);
      return new Identity(
          "mariadb:" + server + "/" + rs.getString(4),
          "database " + rs.getString(4) + " on the MariaDB server " + server);
    }
  }

  /**
   * Backslash escapes in both quotes, {@code `names`}, {@code #} comments, {@code -- } only before
   * a space, and {@code /*! ... *&#47;}, which the server runs.
   */
  @Override
  public SqlText.Lexis lexis() {
    return LEXIS;
  }

  private static final SqlText.Lexis LEXIS =
      SqlText.Lexis.of(
          SqlText.Spelling.BACKSLASH_ESCAPES,
          SqlText.Spelling.BACKTICKS,
          SqlText.Spelling.HASH_COMMENTS,
          SqlText.Spelling.DASH_COMMENT_NEEDS_SPACE,
          SqlText.Spelling.EXECUTABLE_COMMENTS);

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  /**
   * MariaDB refuses names longer than 64 characters, characters beyond the Basic Multilingual Plane
   * (its names are utf8mb3) and a space at the end; said here before any SQL runs.
   */
  @Override
  public Optional<String> identifierProblem(String identifier) {
    Optional<String> problem = super.identifierProblem(identifier);
    if (problem.isPresent()) {
      return problem;
    }
    int characters = identifier.codePointCount(0, identifier.length());
    if (characters > 64) {
      return Optional.of(
          "is " + characters + " characters; MariaDB keeps identifiers up to 64 characters");
    }
    OptionalInt wide = identifier.codePoints().filter(c -> c > 0xFFFF).findFirst();
    if (wide.isPresent()) {
      return Optional.of(
          "holds "
              + new String(Character.toChars(wide.getAsInt()))
              + ", a character MariaDB cannot keep in a name (only those up to U+FFFF)");
    }
    if (identifier.endsWith(" ")) {
      return Optional.of("ends with a space, which MariaDB does not allow in a name");
    }
    return Optional.empty();
  }

  @Override
  public String columnType(FieldType type, boolean key) {
    return switch (type) {
      case INTEGER -> "BIGINT";
      case DECIMAL -> "DECIMAL(65,30)";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case JSON -> key ? "VARCHAR(255)" : "JSON";
      default -> key ? "VARCHAR(255)" : "MEDIUMTEXT";
    };
  }

  /**
   * Binary collation: keys compare exactly, as Syncline compares them ({@code EP-7} is not {@code
   * ep-7}); the server's default collation would fold case and accents.
   */
  @Override
  public String tableOptions() {
    return " DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin";
  }

  /** {@code INSERT INTO `t` (`k`, `v`) VALUES (?, ?) ON DUPLICATE KEY UPDATE `v` = VALUES(`v`)} */
  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table)).append(" (");
    int count = 0;
    for (List<String> part : List.of(keyColumns, otherColumns)) {
      for (String column : part) {
        sql.append(count++ == 0 ? "" : ", ").append(quote(column));
      }
    }
    sql.append(") VALUES (").append(Upserts.marks(count)).append(')');
    sql.append(" ON DUPLICATE KEY UPDATE ");
    List<String> updated = otherColumns.isEmpty() ? keyColumns : otherColumns;
    for (int i = 0; i < updated.size(); i++) {
      String column = quote(updated.get(i));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = VALUES(").append(column).append(')');
    }
    return sql.toString();
  }

  /**
   * The table from {@code information_schema}, the name bound as a value: the driver's {@code
   * getColumns} writes the pattern into its own SQL, where a backslash in the name is read as an
   * escape. The rows are then checked for the name as the server compares table names: as given
   * where {@code lower_case_table_names} is 0 (Linux), ignoring case otherwise.
   */
  @Override
  public Optional<Table> table(Connection connection, String table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name, data_type, column_type, table_name, @@lower_case_table_names"
                + " FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ?"
                + " ORDER BY ordinal_position")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (sameName(rs.getString(4), table, rs.getInt(5))) {
            columns.add(declared(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    List<String> key = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_name, table_name, @@lower_case_table_names"
                + " FROM information_schema.key_column_usage"
                + " WHERE table_schema = DATABASE() AND table_name = ?"
                + " AND constraint_name = 'PRIMARY'"
                + " ORDER BY ordinal_position")) {
      statement.setString(1, table);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          if (sameName(rs.getString(2), table, rs.getInt(3))) {
            key.add(rs.getString(1));
          }
        }
      }
    }
    return Optional.of(new Table(table, columns, key));
  }

  /**
   * The referred column's own type, character set and collation: InnoDB refuses a foreign key
   * between text columns of different collations ("Foreign key constraint is incorrectly formed"),
   * and a table Syncline did not create has the server's default collation, not the binary one
   * Syncline gives its own ({@link #tableOptions}).
   */
  @Override
  public String referringColumnType(
      Connection connection, String parentTable, String parentColumn, String type)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT column_type, character_set_name, collation_name"
                + " FROM information_schema.columns"
                + " WHERE table_schema = DATABASE() AND table_name = ? AND column_name = ?")) {
      statement.setString(1, parentTable);
      statement.setString(2, parentColumn);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next()) {
          return type;
        }
        return rs.getString(1)
            + (rs.getString(2) == null
                ? ""
                : " CHARACTER SET " + rs.getString(2) + " COLLATE " + rs.getString(3));
      }
    }
  }

  private static boolean sameName(String found, String table, int lowerCaseTableNames) {
    return lowerCaseTableNames == 0 ? found.equals(table) : found.equalsIgnoreCase(table);
  }

  /**
   * The column as the driver's {@code getColumns} reports it (with its default {@code
   * tinyInt1isBit}), from {@code information_schema}'s {@code data_type} and {@code column_type}:
   *
   * <pre>
   *   tinyint, tinyint(1)      → TINYINT "TINYINT", BOOLEAN "BOOLEAN"
   *   json (stored as longtext) → LONGVARCHAR "LONGTEXT"
   *   datetime(6), year        → TIMESTAMP "DATETIME", DATE "YEAR"
   * </pre>
   */
  private static Column declared(String name, String dataType, String columnType) {
    String type = dataType.toLowerCase(Locale.ROOT);
    if (type.equals("tinyint") && columnType.toLowerCase(Locale.ROOT).startsWith("tinyint(1)")) {
      return new Column(name, Types.BOOLEAN, "BOOLEAN");
    }
    int jdbcType =
        switch (type) {
          case "bit" -> Types.BIT;
          case "tinyint" -> Types.TINYINT;
          case "smallint" -> Types.SMALLINT;
          case "mediumint", "int", "integer" -> Types.INTEGER;
          case "bigint" -> Types.BIGINT;
          case "decimal", "numeric" -> Types.DECIMAL;
          case "double" -> Types.DOUBLE;
          case "float" -> Types.REAL;
          case "date", "year" -> Types.DATE;
          case "datetime", "timestamp" -> Types.TIMESTAMP;
          case "time" -> Types.TIME;
          case "char" -> Types.CHAR;
          case "varchar", "tinytext", "enum", "set" -> Types.VARCHAR;
          case "text", "mediumtext", "longtext" -> Types.LONGVARCHAR;
          case "binary" -> Types.BINARY;
          case "varbinary" -> Types.VARBINARY;
          case "tinyblob", "blob", "mediumblob", "longblob" -> Types.LONGVARBINARY;
          default -> Types.OTHER;
        };
    return new Column(name, jdbcType, type.toUpperCase(Locale.ROOT));
  }

  /**
   * Table names are file names to MariaDB: compared as given where {@code lower_case_table_names}
   * is 0 (Linux), ignoring case where it is 1 (Windows) or 2 (macOS).
   */
  @Override
  public boolean sameTable(Connection connection, String a, String b) throws SQLException {
    if (a.equals(b)) {
      return true;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT @@lower_case_table_names")) {
      return rs.next()
          && rs.getInt(1) != 0
          && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }
  }

  /** The server refuses writes in every later transaction of the session (error 1792). */
  @Override
  public List<String> setup(boolean readOnly) {
    return readOnly ? List.of("SET SESSION TRANSACTION READ ONLY") : List.of();
  }

  @Override
  public String lockClause() {
    return " FOR UPDATE";
  }

  /** DATETIME(6) holds no zone: a TIMESTAMPTZ is kept as its UTC time. */
  @Override
  public String columnType(ColumnKind kind, boolean key) {
    return kind == ColumnKind.TIMESTAMP || kind == ColumnKind.TIMESTAMPTZ
        ? "DATETIME(6)"
        : super.columnType(kind, key);
  }

  @Override
  public Object read(ResultSet rs, int index, ColumnKind kind) throws SQLException {
    if (kind == ColumnKind.TIMESTAMPTZ) {
      LocalDateTime utc = rs.getObject(index, LocalDateTime.class);
      return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
    return super.read(rs, index, kind);
  }

  @Override
  public void bind(PreparedStatement statement, int index, ColumnKind kind, Object value)
      throws SQLException {
    if (kind == ColumnKind.TIMESTAMPTZ && value != null) {
      statement.setObject(index, LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
      return;
    }
    super.bind(statement, index, kind, value);
  }

  /** InnoDB's snapshot taken now, for every table read afterwards in the transaction. */
  @Override
  public void beginSnapshot(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (Statement statement = connection.createStatement()) {
      statement.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
    }
  }

  /** 500 rows to a statement, within the server's 65535 placeholders. */
  @Override
  public int rowsPerStatement(int columns) {
    return Math.max(1, Math.min(500, 65_535 / Math.max(1, columns)));
  }

  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns, int rows) {
    String one = upsert(table, keyColumns, otherColumns);
    if (rows == 1) {
      return one;
    }
    int values = one.indexOf(" VALUES (");
    int onDuplicate = one.indexOf(" ON DUPLICATE KEY UPDATE ");
    return one.substring(0, values)
        + " VALUES "
        + Upserts.rows(keyColumns.size() + otherColumns.size(), rows)
        + one.substring(onDuplicate);
  }

  @Override
  public boolean isTransient(SQLException e) {
    return super.isTransient(e) || e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
  }

  /**
   * A named lock of the server ({@code GET_LOCK}), named after the database: {@code syncline:app}.
   * It belongs to this connection and goes with it if the process dies. Names are at most 64
   * characters; a longer database name is cut and its hash appended.
   */
  @Override
  public Optional<DatabaseLock> tryWriteLock(
      Connection connection, String url, WriteLockHolder holder) throws SQLException {
    String name = lockName(connection);
    try (PreparedStatement lock = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
      lock.setString(1, name);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next() || rs.getInt(1) != 1) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(
        () -> {
          try (PreparedStatement release = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            release.setString(1, name);
            release.execute();
          } catch (SQLException e) {
            // The lock ends with the connection; a connection that fails here is gone or going.
          }
        });
  }

  /**
   * MariaDB tells only the connection holding a named lock: its id, user and client host, and how
   * long its current statement has run. The holder's process id is not among them.
   */
  @Override
  public Optional<String> writeLockHolder(Connection connection, String url) throws SQLException {
    try (PreparedStatement holder =
        connection.prepareStatement(
            "SELECT p.ID, p.USER, p.HOST FROM information_schema.PROCESSLIST p"
                + " WHERE p.ID = IS_USED_LOCK(?)")) {
      holder.setString(1, lockName(connection));
      try (ResultSet rs = holder.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            "MariaDB connection "
                + rs.getLong(1)
                + " of "
                + rs.getString(2)
                + "@"
                + rs.getString(3));
      }
    }
  }

  private static String lockName(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT DATABASE()")) {
      rs.next();
      String name = "syncline:" + rs.getString(1);
      return name.length() <= 64
          ? name
          : name.substring(0, 55) + ":" + Integer.toHexString(name.hashCode());
    }
  }
}
