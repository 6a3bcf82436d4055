package io.syncline.core;

import java.util.List;

/** What the {@code sql} command got back: rows, or the number of rows a statement changed. */
public sealed interface QueryResult {

  /**
   * Rows as display strings, a SQL NULL as {@code null}.
   *
   * @param truncated whether the statement returned more than {@link Database#QUERY_ROW_LIMIT} rows
   *     and only those were kept
   */
  record ResultTable(List<String> columns, List<List<String>> rows, boolean truncated)
      implements QueryResult {
    public ResultTable {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  /** A statement that returns no rows; {@code count} is what the database reported. */
  record UpdateCount(long count) implements QueryResult {}
}
