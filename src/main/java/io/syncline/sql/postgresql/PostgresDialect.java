package io.syncline.sql.postgresql;

import io.syncline.core.FieldType;
import io.syncline.sql.Dialect;
import io.syncline.sql.Upserts;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

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

  @Override
  public String upsert(String table, List<String> keyColumns, List<String> otherColumns) {
    return Upserts.onConflict(this, table, keyColumns, otherColumns);
  }

  /**
   * The driver's {@code setReadOnly} only marks transactions it begins itself (its default {@code
   * readOnlyMode=transaction} leaves auto-commit statements writable), so the session is made
   * read-only on the server as well: every transaction, auto-commit ones included, refuses writes
   * with SQLSTATE 25006.
   */
  @Override
  public List<String> setup(boolean readOnly) {
    return readOnly ? List.of("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") : List.of();
  }

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
}
