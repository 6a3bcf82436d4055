package io.syncline.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A table Syncline creates, for {@code apply} (an entity's table) and {@code copy} (the source's
 * table in the target) alike: its columns in order, each with its SQL type (from {@link
 * Dialect#columnType}) and whether it is part of the primary key. {@link #sql} is the one place
 * {@code CREATE TABLE} is written.
 */
record NewTable(String name, List<Column> columns) {
  NewTable {
    columns = List.copyOf(columns);
  }

  /** A column: {@code type} as the dialect spells it; {@code key} when in the primary key. */
  record Column(String name, String type, boolean key) {}

  /**
   * The statement, the primary key's columns in the order of the columns, the dialect's options
   * after ({@link Dialect#tableOptions}):
   *
   * <pre>
   *   CREATE TABLE "t" ("k" TEXT NOT NULL, "v" NUMERIC, PRIMARY KEY ("k"))
   *   CREATE TABLE `t` (`a` VARCHAR(255) NOT NULL, `b` BIGINT NOT NULL, `c` MEDIUMTEXT,
   *     PRIMARY KEY (`a`, `b`)) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin      (MariaDB)
   * </pre>
   */
  String sql(Dialect dialect) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.quote(name)).append(" (");
    List<String> keyColumns = new ArrayList<>();
    for (Column column : columns) {
      sql.append(dialect.quote(column.name())).append(' ').append(column.type());
      sql.append(column.key() ? " NOT NULL, " : ", ");
      if (column.key()) {
        keyColumns.add(dialect.quote(column.name()));
      }
    }
    return sql.append("PRIMARY KEY (")
        .append(String.join(", ", keyColumns))
        .append("))")
        .append(dialect.tableOptions())
        .toString();
  }
}
