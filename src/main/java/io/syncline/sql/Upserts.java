package io.syncline.sql;

import java.util.Collections;
import java.util.List;

/** The {@code INSERT ... ON CONFLICT (key) DO UPDATE} form that SQLite and PostgreSQL share. */
public final class Upserts {
  private Upserts() {}

  public static String onConflict(
      Dialect dialect, String table, List<String> keyColumns, List<String> otherColumns) {
    return onConflict(dialect, table, keyColumns, otherColumns, 1);
  }

  /** As {@link #onConflict(Dialect, String, List, List)}, for {@code rows} rows. */
  public static String onConflict(
      Dialect dialect, String table, List<String> keyColumns, List<String> otherColumns, int rows) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.quote(table)).append(" (");
    appendList(dialect, sql, keyColumns, otherColumns);
    sql.append(") VALUES ").append(rows(keyColumns.size() + otherColumns.size(), rows));
    sql.append(" ON CONFLICT (");
    appendList(dialect, sql, keyColumns, List.of());
    sql.append(") DO ");
    if (otherColumns.isEmpty()) {
      return sql.append("NOTHING").toString();
    }
    sql.append("UPDATE SET ");
    for (int i = 0; i < otherColumns.size(); i++) {
      String column = dialect.quote(otherColumns.get(i));
      sql.append(i == 0 ? "" : ", ").append(column).append(" = excluded.").append(column);
    }
    return sql.toString();
  }

  /** {@code (?, ?), (?, ?)}: {@code rows} rows of {@code columns} parameters. */
  public static String rows(int columns, int rows) {
    String row = "(" + marks(columns) + ")";
    return String.join(", ", Collections.nCopies(rows, row));
  }

  /** {@code ?, ?, ?} */
  public static String marks(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static void appendList(
      Dialect dialect, StringBuilder sql, List<String> first, List<String> second) {
    boolean any = false;
    for (List<String> part : List.of(first, second)) {
      for (String column : part) {
        sql.append(any ? ", " : "").append(dialect.quote(column));
        any = true;
      }
    }
  }
}
