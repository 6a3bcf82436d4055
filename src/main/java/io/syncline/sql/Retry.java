package io.syncline.sql;

import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * Runs work again after an error the dialect calls transient (a deadlock, a serialization failure,
 * a lock timeout, a lost connection), waiting 100 ms, 200 ms, 400 ms, ... between attempts; any
 * other error, or the last attempt's, is thrown as it is.
 */
final class Retry {
  static final int ATTEMPTS = 5;
  private static final long FIRST_WAIT_MILLIS = 100;

  /** One attempt. */
  interface Attempt {
    void run() throws SQLException;
  }

  /** What a retry does before it waits: roll back, reconnect when the connection was lost. */
  interface Recovery {
    void recover(SQLException failure) throws SQLException;
  }

  private final Dialect dialect;
  private final LongConsumer sleeper;

  Retry(Dialect dialect) {
    this(dialect, Retry::sleep);
  }

  Retry(Dialect dialect, LongConsumer sleeper) {
    this.dialect = dialect;
    this.sleeper = sleeper;
  }

  void run(Attempt work, Recovery recovery) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        work.run();
        return;
      } catch (SQLException e) {
        recovery.recover(e);
        if (attempt == ATTEMPTS || !isTransient(e)) {
          throw e;
        }
        sleeper.accept(FIRST_WAIT_MILLIS << (attempt - 1));
      }
    }
  }

  /** Whether the error, or the one a batch failed with, is transient. */
  boolean isTransient(SQLException e) {
    for (SQLException cause = e; cause != null; cause = cause.getNextException()) {
      if (dialect.isTransient(cause)) {
        return true;
      }
      if (cause.getNextException() == cause) {
        break;
      }
    }
    return false;
  }

  /** Whether the connection itself was lost (SQLSTATE class 08): a new one is needed. */
  static boolean connectionLost(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
