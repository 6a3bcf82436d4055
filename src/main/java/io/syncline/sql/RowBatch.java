package io.syncline.sql;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Sends a known number of rows of one INSERT (or upsert) through JDBC batches, several rows to a
 * statement where the dialect says that pays ({@link Dialect#rowsPerStatement}).
 *
 * <p>Why several rows to a statement: sqlite-jdbc runs a batch row by row, resetting and stepping
 * the statement across JNI for each; several rows to a statement cross once for all of them, and
 * past a few dozen rows there is nothing more to gain (the README's Benchmark section has the
 * numbers). A statement's rows succeed or fail together, so where the driver says which statement
 * of a batch failed, {@link #failedRows} names its first row and how many came with it.
 * (sqlite-jdbc does not say: a failed INSERT there throws a plain exception, and the message names
 * the table only, as it did with one row per statement.)
 *
 * <p>Use: for each row, bind its columns from {@link #next}, then call {@link #added}; at the end
 * {@link #finish}. The last statement carries the rows left over and is prepared when needed.
 */
public final class RowBatch implements AutoCloseable {
  /** Rows sent per JDBC batch. */
  static final int BATCH_ROWS = 1000;

  private final Connection connection;
  private final IntFunction<String> sql;
  private final int columns;
  private final int perStatement;
  private final List<String> keys = new ArrayList<>();
  private PreparedStatement statement;
  private int rowsInStatement;
  private int filled;
  private int remaining;

  /**
   * @param sql the statement for a number of rows, {@code INSERT ... VALUES (?, ?), (?, ?)}
   * @param columns the parameters of one row
   * @param total the rows that will be added, exactly
   */
  public RowBatch(
      Connection connection, Dialect dialect, IntFunction<String> sql, int columns, int total) {
    this.connection = connection;
    this.sql = sql;
    this.columns = columns;
    this.perStatement = Math.max(1, dialect.rowsPerStatement(columns));
    this.remaining = total;
  }

  /** The statement the next row is bound to. */
  public PreparedStatement statement() {
    return statement;
  }

  /**
   * Makes the statement ready for the next row and gives the index of that row's first parameter.
   */
  public int next() throws SQLException {
    if (remaining <= 0) {
      throw new IllegalStateException("more rows added than announced");
    }
    if (filled == 0) {
      int rows = Math.min(perStatement, remaining);
      if (statement == null || rows != rowsInStatement) {
        send();
        if (statement != null) {
          statement.close();
        }
        statement = connection.prepareStatement(sql.apply(rows));
        rowsInStatement = rows;
      }
    }
    return filled * columns + 1;
  }

  /** Counts the row just bound; {@code key} names it if its statement fails. */
  public void added(String key) throws SQLException {
    keys.add(key);
    filled++;
    remaining--;
    if (filled == rowsInStatement) {
      statement.addBatch();
      filled = 0;
      if (keys.size() >= BATCH_ROWS) {
        send();
      }
    }
  }

  /** Sends what is waiting; every announced row must have been added. */
  public void finish() throws SQLException {
    if (remaining != 0 || filled != 0) {
      throw new IllegalStateException(remaining + " announced rows were not added");
    }
    send();
  }

  private void send() throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    statement.executeBatch();
    keys.clear();
  }

  /**
   * The rows of the statement a batch failed at, for the message: {@code a}, or {@code a (or one of
   * the 49 rows after it)}; null when the driver does not say.
   */
  public String failedRows(BatchUpdateException e) {
    int[] counts = e.getUpdateCounts();
    if (counts == null) {
      return null;
    }
    int failed = counts.length;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == Statement.EXECUTE_FAILED) {
        failed = i;
        break;
      }
    }
    int first = failed * rowsInStatement;
    if (first >= keys.size()) {
      return null;
    }
    int others = Math.min(rowsInStatement, keys.size() - first) - 1;
    return others == 0
        ? keys.get(first)
        : keys.get(first) + " (or one of the " + others + " rows after it)";
  }

  /** Closes without sending: rows still waiting are only sent by {@link #finish}. */
  @Override
  public void close() throws SQLException {
    if (statement != null) {
      statement.close();
    }
  }
}
