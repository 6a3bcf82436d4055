package io.syncline.sql;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A table Syncline creates, for {@code apply} (an entity's table) and {@code copy} (the source's
 * table in the target) alike: its columns in order, each with its SQL type (from {@link
 * Dialect#columnType}) and whether it is part of the primary key, and for a child entity's table
 * the foreign key to its parent's. {@link #sql} is the one place {@code CREATE TABLE} is written.
 *
 * @param reference null: the table refers to no other
 */
record NewTable(String name, List<Column> columns, Reference reference) {
  NewTable {
    columns = List.copyOf(columns);
  }

  NewTable(String name, List<Column> columns) {
    this(name, columns, null);
  }

  /** A column: {@code type} as the dialect spells it; {@code key} when in the primary key. */
  record Column(String name, String type, boolean key) {}

  /**
   * A foreign key: {@code columns} of the new table refer to {@code parentColumns} of {@code
   * parent}, pairwise, in the order of the parent's primary key (or unique index), as MariaDB needs
   * it: it looks for an index whose columns start with the referred ones, in that order.
   */
  record Reference(List<String> columns, String parent, List<String> parentColumns) {
    Reference {
      columns = List.copyOf(columns);
      parentColumns = List.copyOf(parentColumns);
    }
  }

  /**
   * The statement, the primary key's columns in the order of the columns, then the foreign key, the
   * dialect's options after ({@link Dialect#tableOptions}). Declared in {@code CREATE TABLE}, since
   * SQLite adds no constraint to a table later:
   *
   * <pre>
   *   CREATE TABLE "t" ("k" TEXT NOT NULL, "v" NUMERIC, PRIMARY KEY ("k"))
   *   CREATE TABLE `t` (`a` VARCHAR(255) NOT NULL, `b` BIGINT NOT NULL, `c` MEDIUMTEXT,
   *     PRIMARY KEY (`a`, `b`)) DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin      (MariaDB)
   *   CREATE TABLE "epics__tasks" ("epic_key" TEXT NOT NULL, "position" NUMERIC NOT NULL, ...,
   *     PRIMARY KEY ("epic_key", "position"),
   *     FOREIGN KEY ("epic_key") REFERENCES "epics" ("epic_key"))                 (a child table)
   * </pre>
   */
  String sql(Dialect dialect) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.quote(name)).append(" (");
    List<String> keyColumns = new ArrayList<>();
    for (Column column : columns) {
      sql.append(dialect.quote(column.name())).append(' ').append(column.type());
      sql.append(column.key() ? " NOT NULL, " : ", ");
      if (column.key()) {
        keyColumns.add(column.name());
      }
    }
    sql.append("PRIMARY KEY ").append(dialect.quoteAll(keyColumns));
    if (reference != null) {
      // MariaDB names the constraint after the table (t_ibfk_1) and refuses the table when that
      // name is longer than it keeps: a long table's foreign key gets a name that fits.
      String implicit = name + "_ibfk_1";
      sql.append(", ");
      if (dialect.identifierProblem(implicit).isPresent()) {
        sql.append("CONSTRAINT ")
            .append(dialect.quote(fittingName(dialect, implicit, "fk", name)))
            .append(' ');
      }
      sql.append("FOREIGN KEY ")
          .append(dialect.quoteAll(reference.columns()))
          .append(" REFERENCES ")
          .append(dialect.quote(reference.parent()))
          .append(' ')
          .append(dialect.quoteAll(reference.parentColumns()));
    }
    return sql.append(')').append(dialect.tableOptions()).toString();
  }

  /**
   * {@code preferred} when the database keeps it as a name, else {@code syncline_KIND_} and the
   * CRC32C of {@code table}: a constraint's or index's name for a table whose own name leaves no
   * room (MariaDB keeps 64 characters, PostgreSQL 63 bytes and cuts longer ones silently).
   */
  static String fittingName(Dialect dialect, String preferred, String kind, String table) {
    if (dialect.identifierProblem(preferred).isEmpty()) {
      return preferred;
    }
    CRC32C crc = new CRC32C();
    crc.update(table.getBytes(StandardCharsets.UTF_8));
    return "syncline_" + kind + "_" + Long.toHexString(crc.getValue());
  }
}
