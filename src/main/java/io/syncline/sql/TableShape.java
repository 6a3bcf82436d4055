package io.syncline.sql;

import java.util.List;

/**
 * A table as {@code copy} moves it: its columns with the key columns first, their kinds, and how
 * many of the leading columns form the primary key. A row is an {@code Object[]} in this order.
 */
public record TableShape(String name, List<String> columns, List<ColumnKind> kinds, int keyCount) {
  public TableShape {
    columns = List.copyOf(columns);
    kinds = List.copyOf(kinds);
  }

  public List<String> keyColumns() {
    return columns.subList(0, keyCount);
  }

  public List<String> otherColumns() {
    return columns.subList(keyCount, columns.size());
  }
}
