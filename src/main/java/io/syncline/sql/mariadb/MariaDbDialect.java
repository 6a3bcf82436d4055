package io.syncline.sql.mariadb;

import io.syncline.core.FieldType;
import io.syncline.sql.Dialect;
import java.sql.SQLException;
import java.util.List;
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

  /** The MariaDB driver takes {@code jdbc:mysql:} URLs only when told to. */
  @Override
  protected Properties connectionProperties(String user, String password) {
    Properties properties = super.connectionProperties(user, password);
    properties.setProperty("permitMysqlScheme", "true");
    return properties;
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
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
    sql.append(") VALUES (").append(io.syncline.sql.Upserts.marks(count)).append(')');
    sql.append(" ON DUPLICATE KEY UPDATE ");
    List<String> updated = otherColumns.isEmpty() ? keyColumns : otherColumns;
    for (int i = 0; i < updated.size(); i++) {
      String column = quote(updated.get(i));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = VALUES(").append(column).append(')');
    }
    return sql.toString();
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

  @Override
  public boolean isTransient(SQLException e) {
    return super.isTransient(e) || e.getErrorCode() == 1205 || e.getErrorCode() == 1213;
  }
}
