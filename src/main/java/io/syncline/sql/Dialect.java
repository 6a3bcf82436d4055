package io.syncline.sql;

import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.LockFile;
import io.syncline.core.WriteLockHolder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What differs between databases, and nothing else: how to connect, quote, name column types, bind
 * dates, decimals and JSON, upsert, lock a row, and which errors are worth a retry.
 *
 * <p>One subclass per database in {@code sql/<database>/}, picked once by {@link #handles} when
 * {@link Database#open} sees the URL. Code outside those subclasses never asks which database it
 * talks to; it asks the dialect a question about behaviour instead.
 */
public abstract class Dialect {

  /** Whether this dialect speaks to the database the JDBC URL names. */
  public abstract boolean handles(String jdbcUrl);

  /**
   * The database's name as Spring Boot spells a vendor ({@code sqlite}, {@code h2}, {@code
   * postgresql}, {@code mariadb}): the folder of whatever is written for each database, such as the
   * migrations of Syncline's own tables.
   */
  public abstract String vendor();

  /** The SQL type of a new column holding {@code type}; {@code key} for primary-key columns. */
  public abstract String columnType(FieldType type, boolean key);

  /**
   * {@code INSERT ... or update on key} for one row: parameters are the key columns then the
   * others, in the given order.
   */
  public abstract String upsert(String table, List<String> keyColumns, List<String> otherColumns);

  /**
   * {@link #upsert(String, List, List)} for {@code rows} rows in one statement; only asked for more
   * than one row by dialects whose {@link #rowsPerStatement} says so.
   */
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns, int rows) {
    if (rows != 1) {
      throw new IllegalArgumentException("this dialect upserts one row per statement, not " + rows);
    }
    return upsert(table, keyColumns, otherColumns);
  }

  /**
   * How many rows of {@code columns} parameters one INSERT or upsert statement should carry ({@code
   * VALUES (?, ?), (?, ?)}); 1 sends each row as its own statement of a JDBC batch.
   */
  public int rowsPerStatement(int columns) {
    return 1;
  }

  /** Opens the connection, read-only where the database can enforce it. */
  public Connection connect(String url, String user, String password, boolean readOnly)
      throws SQLException {
    Connection connection = DriverManager.getConnection(url, connectionProperties(user, password));
    if (readOnly) {
      connection.setReadOnly(true);
    }
    return connection;
  }

  /** The driver's connection properties: the credentials, and whatever the driver needs. */
  protected Properties connectionProperties(String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return properties;
  }

  /**
   * The characters that separate the parameters of this database's URLs, so where a parameter's
   * value ends ({@link Urls#mask}). This default: {@code &}, parameters after a {@code ?} ({@code
   * jdbc:postgresql://db/app?user=ann&ssl=true}).
   */
  public String urlParameterSeparators() {
    return "&";
  }

  /** A short name for the prompt: {@code h2:mem:demo}, {@code postgresql://db:5432/app}. */
  public String describe(String maskedUrl) {
    String text = maskedUrl.startsWith("jdbc:") ? maskedUrl.substring(5) : maskedUrl;
    int params = indexOfAny(text, "?;");
    return params < 0 ? text : text.substring(0, params);
  }

  /** The identifier in double quotes, quotes inside doubled: {@code a"b} → {@code "a""b"}. */
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** Appended to {@code CREATE TABLE (...)}: storage options, such as a collation. */
  public String tableOptions() {
    return "";
  }

  /**
   * The column lists of the table's unique indexes (those of its unique constraints among them),
   * each in index order, for a foreign key to refer to. This one: {@code getIndexInfo}, which takes
   * names, not patterns, and gives a row per column.
   */
  public List<List<String>> uniqueKeys(Connection connection, String table) throws SQLException {
    Map<String, Map<Integer, String>> byIndex = new LinkedHashMap<>();
    try (ResultSet rs =
        connection
            .getMetaData()
            .getIndexInfo(connection.getCatalog(), connection.getSchema(), table, true, false)) {
      while (rs.next()) {
        String column = rs.getString("COLUMN_NAME");
        if (column != null && !rs.getBoolean("NON_UNIQUE")) {
          byIndex
              .computeIfAbsent(rs.getString("INDEX_NAME"), name -> new TreeMap<>())
              .put((int) rs.getShort("ORDINAL_POSITION"), column);
        }
      }
    }
    List<List<String>> keys = new ArrayList<>();
    byIndex.values().forEach(columns -> keys.add(List.copyOf(columns.values())));
    return keys;
  }

  /**
   * The statement that makes {@code columns} of an existing table unique, so that a foreign key can
   * refer to them. This one: a unique index, which SQLite, PostgreSQL and MariaDB accept as the
   * target of a foreign key.
   */
  public String uniqueKey(String table, String name, List<String> columns) {
    return "CREATE UNIQUE INDEX IF NOT EXISTS "
        + quote(name)
        + " ON "
        + quote(table)
        + ' '
        + quoteAll(columns);
  }

  /** The identifiers quoted, in parentheses: {@code ("a", "b")}. */
  public String quoteAll(List<String> identifiers) {
    return "(" + String.join(", ", identifiers.stream().map(this::quote).toList()) + ")";
  }

  /**
   * The type of a new column that refers to {@code parentColumn} of an existing table, where {@code
   * type} is what the field alone would get. This one: {@code type}, the referred column's type
   * mattering no more than the database's comparison of the two needs.
   */
  public String referringColumnType(
      Connection connection, String parentTable, String parentColumn, String type)
      throws SQLException {
    return type;
  }

  /**
   * Runs a user's schema migration or its rollback script on the connection, which is outside any
   * transaction here. This one: as it is.
   */
  public <T> T migrating(Connection connection, SqlCall<T> work) throws SQLException {
    return work.call(connection);
  }

  /** Appended to a {@code SELECT} of one row that apply is about to change. */
  public String lockClause() {
    return "";
  }

  /**
   * The column names of a table, exactly as stored, in their order, or empty when there is no such
   * table. Read through {@link #table}, so loading and copying see a table alike.
   */
  public Optional<Set<String>> columns(Connection connection, String table) throws SQLException {
    return table(connection, table)
        .map(found -> new LinkedHashSet<>(found.columns().stream().map(Column::name).toList()));
  }

  /**
   * The names of the tables (not views) in the connection's schema, exactly as stored. The schema
   * is a LIKE pattern to {@code getTables}, so it is escaped as {@link #table} escapes it.
   */
  public Set<String> tables(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = connection.getSchema();
    Set<String> names = new TreeSet<>();
    try (ResultSet rs =
        meta.getTables(
            connection.getCatalog(),
            literalPattern(schema, meta.getSearchStringEscape()),
            "%",
            new String[] {"TABLE"})) {
      while (rs.next()) {
        String found = rs.getString("TABLE_SCHEM");
        if (schema == null || found == null || schema.equals(found)) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return names;
  }

  /**
   * Whether a table {@link #tables} lists is the database's own rather than the user's, which
   * {@code copy} leaves out. This default: none is.
   */
  public boolean systemTable(String name) {
    return false;
  }

  /**
   * A table as the database declares it: its columns in their order and its primary key in key
   * order, or empty when there is no such table. The one place a table's shape is read, for {@code
   * load} and {@code copy} alike.
   *
   * <p>{@code getColumns} takes the schema and table as LIKE patterns: {@code a_b} would match
   * {@code axb}, {@code a%} every table starting with a, and the escape character itself ({@code
   * a\b}) would match {@code ab}. So both are escaped, and the rows are checked for the exact name
   * as well, in case a driver ignores the escape. {@code getPrimaryKeys} takes names, not patterns.
   */
  public Optional<Table> table(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String escape = meta.getSearchStringEscape();
    String catalog = connection.getCatalog();
    String schema = connection.getSchema();
    List<Column> columns = new ArrayList<>();
    try (ResultSet rs =
        meta.getColumns(
            catalog, literalPattern(schema, escape), literalPattern(table, escape), null)) {
      while (rs.next()) {
        if (table.equals(rs.getString("TABLE_NAME"))) {
          columns.add(
              new Column(
                  rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME")));
        }
      }
    }
    if (columns.isEmpty()) {
      return Optional.empty();
    }
    Map<Integer, String> keyBySeq = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        if (table.equals(rs.getString("TABLE_NAME"))) {
          keyBySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        }
      }
    }
    return Optional.of(new Table(table, columns, List.copyOf(keyBySeq.values())));
  }

  /**
   * The table's foreign keys to tables of the connection's schema, one per constraint, columns in
   * key order, as {@code copy} orders tables by them. This one: {@code getImportedKeys}, which
   * takes names, not patterns, and gives a row per column.
   */
  public List<ForeignKey> foreignKeys(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String schema = connection.getSchema();
    Map<String, List<String[]>> byConstraint = new LinkedHashMap<>();
    try (ResultSet rs = meta.getImportedKeys(connection.getCatalog(), schema, table)) {
      while (rs.next()) {
        String parentSchema = rs.getString("PKTABLE_SCHEM");
        if (!table.equals(rs.getString("FKTABLE_NAME"))
            || schema != null && parentSchema != null && !schema.equals(parentSchema)) {
          continue;
        }
        String parent = rs.getString("PKTABLE_NAME");
        byConstraint
            .computeIfAbsent(rs.getString("FK_NAME") + "\u0000" + parent, k -> new ArrayList<>())
            .add(
                new String[] {
                  parent, rs.getString("FKCOLUMN_NAME"), rs.getString("PKCOLUMN_NAME")
                });
      }
    }
    List<ForeignKey> keys = new ArrayList<>();
    byConstraint.values().forEach(columns -> keys.add(ForeignKey.of(table, columns)));
    return keys;
  }

  /**
   * A foreign key: {@code columns} of {@code table} refer to {@code parentColumns} of {@code
   * parent} (a parent column null where the database names none: SQLite's {@code REFERENCES p}).
   */
  public record ForeignKey(
      String table, List<String> columns, String parent, List<String> parentColumns) {
    public ForeignKey {
      columns = List.copyOf(columns);
      parentColumns = Collections.unmodifiableList(new ArrayList<>(parentColumns));
    }

    /** From rows of parent, column, parent column, in key order. */
    public static ForeignKey of(String table, List<String[]> rows) {
      return new ForeignKey(
          table,
          rows.stream().map(row -> row[1]).toList(),
          rows.get(0)[0],
          rows.stream().map(row -> row[2]).collect(Collectors.toList()));
    }
  }

  /**
   * A table as the database declares it: its columns in their order, and the columns of its primary
   * key in key order (empty when it has none).
   */
  public record Table(String name, List<Column> columns, List<String> primaryKey) {
    public Table {
      columns = List.copyOf(columns);
      primaryKey = List.copyOf(primaryKey);
    }
  }

  /**
   * A column as the database declares it: {@code jdbcType} ({@link java.sql.Types}) and {@code
   * typeName} as {@code DatabaseMetaData.getColumns} gives them in {@code DATA_TYPE} and {@code
   * TYPE_NAME}, which {@link ColumnKind#of} reads.
   */
  public record Column(String name, int jdbcType, String typeName) {}

  /**
   * Whether the database takes the two names, each quoted, for one table. This one: only when they
   * are equal, as quoted identifiers compare in PostgreSQL and H2.
   */
  public boolean sameTable(Connection connection, String a, String b) throws SQLException {
    return a.equals(b);
  }

  /**
   * Why the database would not keep {@code identifier} exactly as given as a table or column name,
   * or empty when it would: {@code is 70 bytes; PostgreSQL keeps identifiers up to 63 bytes}. Asked
   * before any SQL runs, since some databases cut a long name silently and the next statement then
   * looks for a column that has another name. This one refuses what no database here keeps: a NUL
   * character (it ends the name in the server or the driver) and half of a surrogate pair (it does
   * not survive the trip through UTF-8).
   */
  public Optional<String> identifierProblem(String identifier) {
    if (identifier.isEmpty()) {
      return Optional.of("is empty");
    }
    for (int i = 0; i < identifier.length(); i++) {
      char c = identifier.charAt(i);
      if (c == 0) {
        return Optional.of("holds a NUL character, which a database cannot keep in a name");
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < identifier.length()
          && Character.isLowSurrogate(identifier.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of(
            "holds half of a UTF-16 surrogate pair, which is no character a database can keep");
      }
    }
    return Optional.empty();
  }

  /** A metadata pattern that matches {@code name} only, or null for a null name. */
  private static String literalPattern(String name, String escape) {
    if (name == null || escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  /** The JDBC type of a NULL bound for a field of this type. */
  public int nullType(FieldType type) {
    return switch (type) {
      case INTEGER -> Types.BIGINT;
      case DECIMAL -> Types.NUMERIC;
      case BOOLEAN -> Types.BOOLEAN;
      case DATE -> Types.DATE;
      default -> Types.VARCHAR;
    };
  }

  public void bindDecimal(PreparedStatement statement, int index, BigDecimal value)
      throws SQLException {
    statement.setBigDecimal(index, value);
  }

  /**
   * Binds a decimal given as plain digits with a fraction ({@code 948.9}: no exponent, not whole),
   * as {@link #bindDecimal(PreparedStatement, int, BigDecimal)} binds its value.
   */
  public void bindDecimal(PreparedStatement statement, int index, String digits)
      throws SQLException {
    bindDecimal(statement, index, new BigDecimal(digits));
  }

  /** Binds an ISO date, {@code yyyy-mm-dd}. */
  public void bindDate(PreparedStatement statement, int index, String isoDate) throws SQLException {
    statement.setObject(index, LocalDate.parse(isoDate));
  }

  /** Binds canonical JSON text. */
  public void bindJson(PreparedStatement statement, int index, String json) throws SQLException {
    statement.setString(index, json);
  }

  /**
   * Whether a JSON column returns the text exactly as it was written. When it does, reads splice
   * the stored text into the record text without parsing it (PostgreSQL's JSONB does not: it
   * respaces and reorders).
   */
  public boolean jsonReadsAsWritten() {
    return true;
  }

  /**
   * An expression that gives a whole row as one JSON array of the fields' column values, as their
   * text reads through JDBC (strings quoted, numbers and NULL bare), or empty where reading column
   * by column is as fast. Reading a million rows of ten columns through SQLite's JNI bridge costs
   * ten million calls column by column, a million this way.
   */
  public Optional<String> rowAsJsonArray(List<Field> fields) {
    return Optional.empty();
  }

  /** Rows fetched per round trip on a large read. */
  public int fetchSize() {
    return 10_000;
  }

  /**
   * Whether another connection to the URL sees the same data, so that two reads can go side by
   * side; not so for a database in memory, which is the connection's own.
   */
  public boolean sharedByConnections(String url) {
    return true;
  }

  /** Whether a large read streams only inside a transaction (PostgreSQL's cursor rule). */
  public boolean streamsInTransaction() {
    return false;
  }

  /**
   * Whether DDL statements wait for the transaction's commit and go with its rollback (SQLite,
   * PostgreSQL). Where they do not (MariaDB commits before and after each one, H2 commits the open
   * transaction at each), a script of them runs one statement at a time, each recorded as it ends.
   */
  public boolean transactionalDdl() {
    return false;
  }

  /** Starts apply's transaction, taking the write lock early where the database has one. */
  public void begin(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  /**
   * Whether the error is one that goes away on its own: a deadlock (40P01), a serialization failure
   * (40001), a lock timeout (55P03), a lost connection (class 08), a busy file. Decided by SQLSTATE
   * and vendor codes, never by message text, which drivers translate. PostgreSQL's protocol
   * violation (08P01) is in class 08 but is the statement's fault (a NUL in a name), not busy.
   */
  public boolean isTransient(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("40")
            || state.equals("55P03")
            || state.startsWith("08") && !state.equals("08P01"));
  }

  // ---- copy ----

  /** The SQL type of a column {@code copy} creates; {@code key} for primary-key columns. */
  public String columnType(ColumnKind kind, boolean key) {
    return switch (kind) {
      case TIMESTAMP -> "TIMESTAMP";
      case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
      default -> columnType(kind.fieldType(), key);
    };
  }

  /** The column's value as the Java type its kind names (see {@link ColumnKind}), or null. */
  public Object read(ResultSet rs, int index, ColumnKind kind) throws SQLException {
    Object value =
        switch (kind) {
          case TEXT, JSON -> rs.getString(index);
          case INTEGER -> rs.getLong(index);
          case DECIMAL -> rs.getBigDecimal(index);
          case BOOLEAN -> rs.getBoolean(index);
          case DATE -> {
            String date = rs.getString(index);
            yield date == null || date.length() < 10 ? date : date.substring(0, 10);
          }
          case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
          case TIMESTAMPTZ -> {
            OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
            yield time == null ? null : time.toInstant();
          }
        };
    return rs.wasNull() ? null : value;
  }

  /** Binds a value of the kind (see {@link ColumnKind}); null binds SQL NULL. */
  public void bind(PreparedStatement statement, int index, ColumnKind kind, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, nullType(kind));
      return;
    }
    switch (kind) {
      case TEXT -> statement.setString(index, (String) value);
      case INTEGER -> statement.setLong(index, (Long) value);
      case DECIMAL -> bindDecimal(statement, index, (BigDecimal) value);
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      case DATE -> bindDate(statement, index, (String) value);
      case JSON -> bindJson(statement, index, (String) value);
      case TIMESTAMP -> statement.setObject(index, value);
      case TIMESTAMPTZ -> statement.setObject(index, ((Instant) value).atOffset(ZoneOffset.UTC));
    }
  }

  private int nullType(ColumnKind kind) {
    return switch (kind) {
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMPTZ -> Types.TIMESTAMP_WITH_TIMEZONE;
      default -> nullType(kind.fieldType());
    };
  }

  /**
   * Starts the read transaction {@code copy} reads every source table in, so they all come from one
   * consistent snapshot: REPEATABLE READ, where the database takes its snapshot at the first read
   * and keeps it to the end.
   */
  public void beginSnapshot(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
  }

  /**
   * Two halves of a large table, as conditions for a WHERE clause that together take every row, to
   * be read side by side on two connections; empty (the default) where the table is read in one
   * pass.
   */
  public List<String> halves(Connection connection, String table) throws SQLException {
    return List.of();
  }

  /**
   * Makes {@code second} read exactly what another connection, already reading in a transaction,
   * reads; or answers false (the table is then read in one pass) when that cannot be had at once.
   */
  public boolean joinSnapshot(Connection second) throws SQLException {
    return false;
  }

  /** The statement that empties a table for {@code copy --replace}, inside a transaction. */
  public String emptyTable(String table) {
    return "DELETE FROM " + quote(table);
  }

  /**
   * Upserts rows by primary key, by the fastest path this database has, in the caller's
   * transaction. This one: multi-row upsert statements in JDBC batches ({@link RowBatch}).
   */
  public void bulkUpsert(Connection connection, TableShape table, List<Object[]> rows)
      throws SQLException {
    int columns = table.columns().size();
    try (RowBatch batch =
        new RowBatch(
            connection,
            this,
            n -> upsert(table.name(), table.keyColumns(), table.otherColumns(), n),
            columns,
            rows.size())) {
      for (Object[] row : rows) {
        int first = batch.next();
        for (int i = 0; i < columns; i++) {
          bind(batch.statement(), first + i, table.kinds().get(i), row[i]);
        }
        batch.added(null);
      }
      batch.finish();
    }
  }

  /**
   * What the database says about itself that tells it apart from every other database, whatever the
   * URL's spelling: {@code copy} compares the source's with the target's and refuses to write to
   * its own source. Databases of different dialects never match.
   */
  public abstract Identity identity(Connection connection) throws SQLException;

  /**
   * A database's identity: {@code key} is compared, {@code description} names it in a message
   * ({@code the SQLite file /home/ann/prod.db}).
   */
  public record Identity(String key, String description) {}

  /**
   * Whether the session opened read-only is read-only still; asked before and after each statement
   * typed by a user on a read-only connection, since a statement can unset it ({@code SET SESSION
   * CHARACTERISTICS AS TRANSACTION READ WRITE}).
   */
  public abstract boolean sessionReadOnly(Connection connection) throws SQLException;

  /**
   * How this database's SQL spells literals, quoted names and comments, for reading where a
   * statement typed by a user ends ({@link SqlText}). This default: standard SQL.
   */
  public SqlText.Lexis lexis() {
    return STANDARD_LEXIS;
  }

  private static final SqlText.Lexis STANDARD_LEXIS = SqlText.Lexis.of();

  /** Statements run once after connecting, before any other use. */
  public List<String> setup(boolean readOnly) {
    return List.of();
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Tries once, without waiting, to take Syncline's write lock on the database the connection is
   * to, naming {@code holder}; empty when another process (or another session of this one) holds
   * it. The lock is the whole database's, not a transaction's: it is held from before {@code apply}
   * prepares its writes until after it committed, across machines where the database is a server's.
   * This default holds nothing, for a database only this connection reaches.
   */
  public Optional<DatabaseLock> tryWriteLock(
      Connection connection, String url, WriteLockHolder holder) throws SQLException {
    return Optional.of(DatabaseLock.NONE);
  }

  /**
   * Who holds the write lock {@link #tryWriteLock} found taken, in the database's words ("pid 4711
   * (ann on build-1, `apply` since ...)"); empty when the database cannot tell.
   */
  public Optional<String> writeLockHolder(Connection connection, String url) throws SQLException {
    return Optional.empty();
  }

  /**
   * The write lock as a lock file beside the database's file ({@code geo.db} → {@code
   * geo.db.syncline-lock}), for an embedded database whose own locks last one transaction.
   */
  protected static Optional<DatabaseLock> lockFileBeside(
      Path databaseFile, WriteLockHolder holder) {
    return LockFile.tryTake(besideFile(databaseFile), holder)
        .map(
            file ->
                new DatabaseLock() {
                  @Override
                  public void close() {
                    file.close();
                  }

                  @Override
                  public Optional<WriteLockHolder> leftBy() {
                    return file.leftBy();
                  }
                });
  }

  /** Who the lock file beside the database's file names as its holder. */
  protected static Optional<String> lockFileHolder(Path databaseFile) {
    return LockFile.holder(besideFile(databaseFile)).map(WriteLockHolder::describe);
  }

  private static Path besideFile(Path databaseFile) {
    Path file = databaseFile.toAbsolutePath().normalize();
    return file.resolveSibling(file.getFileName() + ".syncline-lock");
  }
}
