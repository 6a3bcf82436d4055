package io.syncline.sql.h2;

import io.syncline.core.FieldType;
import io.syncline.core.WriteLockHolder;
import io.syncline.sql.DatabaseLock;
import io.syncline.sql.Dialect;
import io.syncline.sql.SqlText;
import io.syncline.sql.Upserts;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * H2 2.x.
 *
 * <p>DECIMAL is DECFLOAT, H2's exact decimal of any scale ({@code NUMERIC} without a scale would
 * drop the fraction). TEXT and JSON are CHARACTER VARYING (up to a million characters); H2's own
 * JSON type is left alone because it stores a bound string as a JSON string, not as the JSON it
 * holds. H2 treats {@code Connection.setReadOnly} as a hint only, so a read-only connection opens
 * the database itself read-only ({@code ACCESS_MODE_DATA=r}). DDL commits at once in H2, so a
 * created table stays when the rest of apply rolls back; it is empty and harmless.
 */
public final class H2Dialect extends Dialect {

  /** H2 refers only to a primary key or a unique constraint, not to a unique index. */
  @Override
  public String uniqueKey(String table, String name, List<String> columns) {
    return "ALTER TABLE "
        + quote(table)
        + " ADD CONSTRAINT IF NOT EXISTS "
        + quote(name)
        + " UNIQUE "
        + quoteAll(columns);
  }

  @Override
  public boolean handles(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  @Override
  public String vendor() {
    return "h2";
  }

  /** Settings after the first {@code ;}, separated by {@code ;}: {@code jdbc:h2:./geo;USER=sa}. */
  @Override
  public String urlParameterSeparators() {
    return ";";
  }

  /**
   * A file database by its file name, as SQLite's: {@code jdbc:h2:/work/dir/geo;MODE=...} is {@code
   * h2:geo} (the session gives H2 absolute paths); {@code h2:mem:demo}, {@code h2:tcp://host/db}
   * and {@code h2:~/geo} as written.
   */
  @Override
  public String describe(String maskedUrl) {
    String shown = super.describe(maskedUrl);
    String path = shown.startsWith("h2:file:") ? shown.substring(8) : shown.substring(3);
    if (!path.startsWith("/") && !path.startsWith("./") && !path.startsWith("../")) {
      return shown;
    }
    return "h2:" + path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public boolean sharedByConnections(String url) {
    return !url.startsWith("jdbc:h2:mem:");
  }

  /**
   * Opens H2 with unquoted identifiers folded to lower case, as PostgreSQL does: Syncline creates
   * lower-case tables such as {@code country}, and {@code sql SELECT * FROM country} must find
   * them. A URL that sets {@code DATABASE_TO_LOWER} or {@code DATABASE_TO_UPPER} itself is kept.
   *
   * <p>Read-only opens the database read-only ({@code ACCESS_MODE_DATA=r}): H2 then refuses every
   * write and DDL, and never stores a sequence's advance. H2 keeps one open database per process,
   * opened the way its first connection asked, so a database this process already has open for
   * writing (the session's own connection, an in-memory database) cannot be had read-only; that is
   * refused, not opened writable.
   */
  @Override
  public Connection connect(String url, String user, String password, boolean readOnly)
      throws SQLException {
    String upper = url.toUpperCase(Locale.ROOT);
    boolean chosen = upper.contains("DATABASE_TO_LOWER") || upper.contains("DATABASE_TO_UPPER");
    String opened =
        (chosen ? url : url + ";DATABASE_TO_LOWER=TRUE") + (readOnly ? ";ACCESS_MODE_DATA=r" : "");
    Connection connection;
    try {
      connection = super.connect(opened, user, password, readOnly);
    } catch (SQLException e) {
      if (readOnly && url.startsWith("jdbc:h2:mem:") && e.getErrorCode() == DATABASE_IS_READ_ONLY) {
        throw new SQLException(
            "an H2 database in memory exists only while a connection holds it, so it cannot be"
                + " opened read-only; connect without --read-only",
            e.getSQLState(),
            e);
      }
      throw e;
    }
    if (readOnly && !sessionReadOnly(connection)) {
      connection.close();
      throw new SQLException(
          "this Syncline process already has the database open for writing, and H2 opens a"
              + " database one way per process; close that connection first (connect to another"
              + " database), or connect with --read-only from the start");
    }
    return connection;
  }

  /** H2 refuses names longer than its MAX_IDENTIFIER_LENGTH, 256 UTF-16 units by default. */
  @Override
  public Optional<String> identifierProblem(String identifier) {
    Optional<String> problem = super.identifierProblem(identifier);
    if (problem.isEmpty() && identifier.length() > 256) {
      return Optional.of(
          "is " + identifier.length() + " characters; H2 keeps identifiers up to 256 characters");
    }
    return problem;
  }

  /** H2's error 90097, "The database is read only". */
  private static final int DATABASE_IS_READ_ONLY = 90097;

  @Override
  public boolean sessionReadOnly(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT READONLY()")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * The database's file (its real path, so any spelling of it matches) or, in memory, its name,
   * which every connection of this process shares; then the schema.
   */
  @Override
  public Identity identity(Connection connection) throws SQLException {
    String path;
    String name;
    String schema;
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT DATABASE_PATH(), DATABASE(), CURRENT_SCHEMA")) {
      rs.next();
      path = rs.getString(1);
      name = rs.getString(2);
      schema = rs.getString(3);
    }
    if (path == null) {
      return new Identity(
          "h2:mem:" + name + "/" + schema,
          "the H2 database " + name + " in memory, schema " + schema);
    }
    Path file = Path.of(path + ".mv.db");
    String where;
    try {
      where = file.toRealPath().toString();
    } catch (IOException notHere) {
      where = path; // a server's file, by the server's path
    }
    return new Identity(
        "h2:" + where + "/" + schema, "the H2 database " + where + ", schema " + schema);
  }

  /** {@code $$ ... $$} strings and {@code //} comments. */
  @Override
  public SqlText.Lexis lexis() {
    return LEXIS;
  }

  private static final SqlText.Lexis LEXIS =
      SqlText.Lexis.of(SqlText.Spelling.DOLLAR_QUOTES, SqlText.Spelling.SLASH_COMMENTS);

  @Override
  public String columnType(FieldType type, boolean key) {
    return switch (type) {
      case INTEGER -> "BIGINT";
      case DECIMAL -> "DECFLOAT";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      default -> "CHARACTER VARYING";
    };
  }

  /** {@code MERGE INTO "t" ("k", "v") KEY ("k") VALUES (?, ?)} */
  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    StringBuilder sql = new StringBuilder("MERGE INTO ").append(quote(table)).append(" (");
    int count = 0;
    for (List<String> part : List.of(keyColumns, otherColumns)) {
      for (String column : part) {
        sql.append(count++ == 0 ? "" : ", ").append(quote(column));
      }
    }
    sql.append(") KEY (");
    for (int i = 0; i < keyColumns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(keyColumns.get(i)));
    }
    return sql.append(") VALUES (").append(Upserts.marks(count)).append(')').toString();
  }

  @Override
  public String lockClause() {
    return " FOR UPDATE";
  }

  /**
   * A file database: a lock file beside its files ({@code ./data/app} → {@code
   * ./data/app.syncline-lock}; H2's own locks last one transaction). A database in memory is this
   * process's alone. A server's database ({@code tcp:}, {@code ssl:}) takes no lock here: H2 has no
   * advisory lock that outlives a transaction, so there the lock in the working directory's {@code
   * .syncline/} is the only one.
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

  /**
   * {@code jdbc:h2:file:/a/app;MODE=x}, {@code jdbc:h2:./app}, {@code jdbc:h2:~/app} → the path H2
   * makes its {@code .mv.db} from; empty for {@code mem:}, {@code tcp:} and {@code ssl:}.
   */
  private static Optional<Path> file(String url) {
    String rest = url.substring("jdbc:h2:".length());
    int params = rest.indexOf(';');
    rest = params < 0 ? rest : rest.substring(0, params);
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
      return Optional.empty();
    }
    rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
    if (rest.startsWith("~")) {
      rest = System.getProperty("user.home") + rest.substring(1);
    }
    return Optional.of(Path.of(rest));
  }
}
