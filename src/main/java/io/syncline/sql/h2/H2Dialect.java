package io.syncline.sql.h2;

import io.syncline.core.FieldType;
import io.syncline.sql.Dialect;
import java.util.List;

/**
 * H2 2.x.
 *
 * <p>DECIMAL is DECFLOAT, H2's exact decimal of any scale ({@code NUMERIC} without a scale would
 * drop the fraction). TEXT and JSON are CHARACTER VARYING (up to a million characters); H2's own
 * JSON type is left alone because it stores a bound string as a JSON string, not as the JSON it
 * holds. H2 treats {@code Connection.setReadOnly} as a hint only, so on a read-only connection it
 * is Syncline's own refusal that keeps writes out. DDL commits at once in H2, so a created table
 * stays when the rest of apply rolls back; it is empty and harmless.
 */
public final class H2Dialect extends Dialect {

  @Override
  public boolean handles(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  @Override
  public boolean sharedByConnections(String url) {
    return !url.startsWith("jdbc:h2:mem:");
  }

  /**
   * Opens H2 with unquoted identifiers folded to lower case, as PostgreSQL does: Syncline creates
   * lower-case tables such as {@code country}, and {@code sql SELECT * FROM country} must find
   * them. A URL that sets {@code DATABASE_TO_LOWER} or {@code DATABASE_TO_UPPER} itself is kept.
   */
  @Override
  public java.sql.Connection connect(String url, String user, String password, boolean readOnly)
      throws java.sql.SQLException {
    String upper = url.toUpperCase(java.util.Locale.ROOT);
    boolean chosen = upper.contains("DATABASE_TO_LOWER") || upper.contains("DATABASE_TO_UPPER");
    return super.connect(chosen ? url : url + ";DATABASE_TO_LOWER=TRUE", user, password, readOnly);
  }

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
    return sql.append(") VALUES (")
        .append(io.syncline.sql.Upserts.marks(count))
        .append(')')
        .toString();
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
  public java.util.Optional<io.syncline.sql.DatabaseLock> tryWriteLock(
      java.sql.Connection connection, String url, io.syncline.core.WriteLockHolder holder) {
    return file(url)
        .map(file -> lockFileBeside(file, holder))
        .orElse(java.util.Optional.of(io.syncline.sql.DatabaseLock.NONE));
  }

  @Override
  public java.util.Optional<String> writeLockHolder(java.sql.Connection connection, String url) {
    return file(url).flatMap(io.syncline.sql.Dialect::lockFileHolder);
  }

  /**
   * {@code jdbc:h2:file:/a/app;MODE=x}, {@code jdbc:h2:./app}, {@code jdbc:h2:~/app} → the path H2
   * makes its {@code .mv.db} from; empty for {@code mem:}, {@code tcp:} and {@code ssl:}.
   */
  private static java.util.Optional<java.nio.file.Path> file(String url) {
    String rest = url.substring("jdbc:h2:".length());
    int params = rest.indexOf(';');
    rest = params < 0 ? rest : rest.substring(0, params);
    if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
      return java.util.Optional.empty();
    }
    rest = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
    if (rest.startsWith("~")) {
      rest = System.getProperty("user.home") + rest.substring(1);
    }
    return java.util.Optional.of(java.nio.file.Path.of(rest));
  }
}
