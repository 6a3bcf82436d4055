package io.syncline.sql.postgresql;

import io.syncline.core.FieldType;
import io.syncline.core.WriteLockHolder;
import io.syncline.sql.ColumnKind;
import io.syncline.sql.DatabaseLock;
import io.syncline.sql.Dialect;
import io.syncline.sql.SqlText;
import io.syncline.sql.TableShape;
import io.syncline.sql.Upserts;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * PostgreSQL: NUMERIC for decimals (exact, any scale), JSONB for JSON, rows locked with {@code FOR
 * UPDATE} before apply changes them. JSONB hands back its own spelling ({@code {"a": 1}}), so JSON
 * columns are re-canonicalised on read. Large reads stream through a cursor, which the driver only
 * opens inside a transaction.
 */
public final class PostgresDialect extends Dialect {

  @Override
  public boolean handles(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Override
  public String vendor() {
    return "postgresql";
  }

  /**
   * Keeps the URL's {@code currentSchema}, the one parameter that names a different place on the
   * same server: two sessions in schemas {@code app} and {@code app_test} of one database would
   * otherwise read alike at the prompt and in the log. {@code
   * jdbc:postgresql://db:5432/test?user=u&currentSchema=app} gives {@code
   * postgresql://db:5432/test?currentSchema=app}.
   */
  @Override
  public String describe(String maskedUrl) {
    String name = super.describe(maskedUrl);
    int query = maskedUrl.indexOf('?');
    if (query < 0) {
      return name;
    }
    for (String parameter : maskedUrl.substring(query + 1).split("&")) {
      if (parameter.startsWith("currentSchema=")
          && parameter.length() > "currentSchema=".length()) {
        return name + "?" + parameter;
      }
    }
    return name;
  }

  @Override
  public String columnType(FieldType type, boolean key) {
    return switch (type) {
      case INTEGER -> "BIGINT";
      case DECIMAL -> "NUMERIC";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case JSON -> "JSONB";
      default -> "TEXT";
    };
  }

  /** Longer names are cut to 63 bytes of UTF-8 (NAMEDATALEN - 1) with only a NOTICE. */
  @Override
  public Optional<String> identifierProblem(String identifier) {
    Optional<String> problem = super.identifierProblem(identifier);
    int bytes = identifier.getBytes(StandardCharsets.UTF_8).length;
    if (problem.isEmpty() && bytes > 63) {
      return Optional.of("is " + bytes + " bytes; PostgreSQL keeps identifiers up to 63 bytes");
    }
    return problem;
  }

  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    return Upserts.onConflict(this, table, keyColumns, otherColumns);
  }

  /**
   * The driver's {@code setReadOnly} only marks transactions it begins itself (its default {@code
   * readOnlyMode=transaction} leaves auto-commit statements writable), so the session is made
   * read-only on the server as well: every transaction, auto-commit ones included, refuses writes
   * with SQLSTATE 25006. A statement can set it back ({@code SET default_transaction_read_only =
   * off}, {@code RESET ALL}); see {@link #sessionReadOnly}.
   *
   * <p>Strings are read the standard way ({@code standard_conforming_strings}, a backslash is a
   * character), as {@link SqlText} reads them: with it off, {@code 'a\'} would not end where
   * SqlText sees it end, and a second statement could hide in what SqlText takes for a string.
   */
  @Override
  public List<String> setup(boolean readOnly) {
    return readOnly
        ? List.of(
            "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY",
            "SET standard_conforming_strings = on")
        : List.of();
  }

  /**
   * The session's default, which {@code SET SESSION CHARACTERISTICS}, {@code SET
   * default_transaction_read_only} and {@code RESET} change ({@code BEGIN READ WRITE} changes only
   * its own transaction, which ends with the statement); and the strings {@link #setup} chose.
   */
  @Override
  public boolean sessionReadOnly(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT current_setting('default_transaction_read_only') = 'on'"
                    + " AND current_setting('standard_conforming_strings') = 'on'")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * The server by the moment it started and its port (the same whichever address or host name
   * reached it; a replica or a copy restored from a backup started at another moment), then the
   * database and schema copy reads and writes.
   */
  @Override
  public Identity identity(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT pg_postmaster_start_time()::text, current_setting('port'),"
                    + " current_database(), current_schema()")) {
      rs.next();
      String database = rs.getString(3);
      String schema = rs.getString(4);
      return new Identity(
          "postgresql:" + rs.getString(1) + "/" + rs.getString(2) + "/" + database + "/" + schema,
          "PostgreSQL database "
              + database
              + ", schema "
              + schema
              + ", on the server of port "
              + rs.getString(2)
              + " started at "
              + rs.getString(1));
    }
  }

  /** {@code E'\''} escape strings, {@code $tag$ ... $tag$} strings, nested comments. */
  /** PostgreSQL's DDL is transactional: a rollback script and its history row commit together. */
  @Override
  public boolean transactionalDdl() {
    return true;
  }

  @Override
  public SqlText.Lexis lexis() {
    return LEXIS;
  }

  private static final SqlText.Lexis LEXIS =
      SqlText.Lexis.of(
          SqlText.Spelling.ESCAPE_STRINGS,
          SqlText.Spelling.DOLLAR_QUOTES,
          SqlText.Spelling.NESTED_COMMENTS);

  @Override
  public String lockClause() {
    return " FOR UPDATE";
  }

  @Override
  public int nullType(FieldType type) {
    return type == FieldType.JSON ? Types.OTHER : super.nullType(type);
  }

  @Override
  public void bindJson(PreparedStatement statement, int index, String json) throws SQLException {
    statement.setObject(index, json, Types.OTHER);
  }

  @Override
  public boolean jsonReadsAsWritten() {
    return false;
  }

  @Override
  public boolean streamsInTransaction() {
    return true;
  }

  @Override
  public String columnType(ColumnKind kind, boolean key) {
    return kind == ColumnKind.TIMESTAMPTZ ? "TIMESTAMPTZ" : super.columnType(kind, key);
  }

  @Override
  public String emptyTable(String table) {
    return "TRUNCATE " + quote(table);
  }

  /**
   * COPY through the driver's CopyManager into a temporary table shaped like the target, then one
   * {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}: COPY cannot upsert, and the staging table
   * lets it carry the rows anyway. The staging table is dropped at the end of the transaction,
   * committed or not.
   */
  @Override
  public void bulkUpsert(Connection connection, TableShape table, List<Object[]> rows)
      throws SQLException {
    String stage = quote("syncline_stage");
    StringBuilder columns = new StringBuilder();
    for (String column : table.columns()) {
      columns.append(columns.length() == 0 ? "" : ", ").append(quote(column));
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TEMPORARY TABLE "
              + stage
              + " (LIKE "
              + quote(table.name())
              + " INCLUDING DEFAULTS) ON COMMIT DROP");
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      copy.copyIn(
          "COPY " + stage + " (" + columns + ") FROM STDIN WITH (FORMAT csv)",
          new StringReader(csv(table, rows)));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), "08000", e);
    }
    StringBuilder upsert =
        new StringBuilder("INSERT INTO ")
            .append(quote(table.name()))
            .append(" (")
            .append(columns)
            .append(") SELECT ")
            .append(columns)
            .append(" FROM ")
            .append(stage)
            .append(" ON CONFLICT (");
    List<String> keys = table.keyColumns();
    for (int i = 0; i < keys.size(); i++) {
      upsert.append(i == 0 ? "" : ", ").append(quote(keys.get(i)));
    }
    upsert.append(") DO ");
    List<String> others = table.otherColumns();
    if (others.isEmpty()) {
      upsert.append("NOTHING");
    } else {
      upsert.append("UPDATE SET ");
      for (int i = 0; i < others.size(); i++) {
        String column = quote(others.get(i));
        upsert.append(i == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
      }
    }
    try (Statement statement = connection.createStatement()) {
      statement.executeUpdate(upsert.toString());
      statement.execute("DROP TABLE " + stage);
    }
  }

  /**
   * Rows as COPY's CSV: NULL is an empty unquoted field, every text is quoted (so an empty string
   * stays a string), booleans are {@code t}/{@code f}, times ISO-8601.
   */
  private static String csv(TableShape table, List<Object[]> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 64);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        Object value = row[i];
        if (value == null) {
          continue;
        }
        switch (table.kinds().get(i)) {
          case BOOLEAN -> out.append((Boolean) value ? 't' : 'f');
          case DECIMAL -> out.append(((BigDecimal) value).toPlainString());
          case INTEGER -> out.append(value);
          default -> {
            String text = value.toString();
            out.append('"');
            for (int c = 0; c < text.length(); c++) {
              char ch = text.charAt(c);
              out.append(ch == '"' ? "\"\"" : String.valueOf(ch));
            }
            out.append('"');
          }
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The first key of Syncline's advisory locks ("SYNC"); the second is the schema's hash. */
  private static final int LOCK_CLASS = 0x53594e43;

  /**
   * A session-level advisory lock on this connection, keyed by the current schema, so that two
   * machines sharing the database take turns; it goes with the connection if the process dies. The
   * connection's {@code application_name} is set to the holder ({@code syncline 4711@build-1
   * apply}), which is what a waiting process reads from {@code pg_stat_activity}.
   */
  @Override
  public Optional<DatabaseLock> tryWriteLock(
      Connection connection, String url, WriteLockHolder holder) throws SQLException {
    try (PreparedStatement name =
        connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
      name.setString(1, holder.clientName());
      name.execute();
    }
    int key = schemaKey(connection);
    try (PreparedStatement lock =
        connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
      lock.setInt(1, LOCK_CLASS);
      lock.setInt(2, key);
      try (ResultSet rs = lock.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(
        () -> {
          try (PreparedStatement unlock =
              connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            unlock.setInt(1, LOCK_CLASS);
            unlock.setInt(2, key);
            unlock.execute();
          } catch (SQLException e) {
            // The lock ends with the connection; a connection that fails here is gone or going.
          }
        });
  }

  /**
   * The holder's {@code application_name}, user, client address and the time its lock was taken
   * (its backend's last state change, as close as PostgreSQL keeps).
   */
  @Override
  public Optional<String> writeLockHolder(Connection connection, String url) throws SQLException {
    String sql =
        "SELECT a.application_name, a.usename, a.client_addr, a.pid, a.backend_start"
            + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid";
    try (PreparedStatement holder = connection.prepareStatement(sql)) {
      holder.setLong(1, Integer.toUnsignedLong(LOCK_CLASS));
      holder.setLong(2, Integer.toUnsignedLong(schemaKey(connection)));
      try (ResultSet rs = holder.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String name = rs.getString(1);
        return Optional.of(
            (name == null || name.isEmpty() ? "a client" : name)
                + " (PostgreSQL backend "
                + rs.getLong(4)
                + ", user "
                + rs.getString(2)
                + (rs.getString(3) == null ? "" : " from " + rs.getString(3))
                + ", connected since "
                + rs.getTimestamp(5).toInstant().truncatedTo(ChronoUnit.SECONDS)
                + ")");
      }
    }
  }

  private static int schemaKey(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
      rs.next();
      String schema = rs.getString(1);
      return (schema == null ? "" : schema).hashCode() & 0x7fffffff;
    }
  }
}
