package io.syncline.sql;

import io.syncline.core.SynclineException;
import io.syncline.core.UnableToApplyChange;
import java.sql.BatchUpdateException;
import java.sql.SQLException;

/**
 * The one place a {@link SQLException} becomes what the user reads: the driver's first line, cut to
 * fit ({@link DriverMessages}), after its SQLSTATE, with a hint when the dialect calls the error
 * transient. Every class of this package that catches one throws what this builds, so a driver's
 * words are shown the same way whether {@code apply}, {@code copy} or {@code sql} met them.
 *
 * <pre>
 *   a PostgreSQL value too long  → SQLSTATE 22001: value too long for type character varying(5)
 *   a deadlock (40P01)           → SQLSTATE 40P01: deadlock detected (the database was busy; try again)
 * </pre>
 */
final class SqlExceptionTranslator {
  private SqlExceptionTranslator() {}

  /**
   * {@code SQLSTATE 22001: value too long for type character varying(5)}. A batch's own message
   * says only that the batch failed, so its first chained exception, which says why, is shown.
   */
  static String reason(Dialect dialect, SQLException e) {
    SQLException first = e;
    if (e instanceof BatchUpdateException && e.getNextException() != null) {
      first = e.getNextException();
    }
    String message =
        first.getMessage() == null
            ? first.getClass().getSimpleName()
            : SynclineException.firstLine(first.getMessage());
    // H2 puts the statement on the lines after this one
    if (message.endsWith("; SQL statement:")) {
      message = message.substring(0, message.length() - "; SQL statement:".length());
    }
    String state = first.getSQLState() == null ? "" : "SQLSTATE " + first.getSQLState() + ": ";
    return state
        + DriverMessages.shown(message)
        + (dialect.isTransient(first) ? " (the database was busy; try again)" : "");
  }

  /** {@code what: reason}, such as {@code cannot read table epic: SQLSTATE 42P01: ...}. */
  static SynclineException failure(String what, Dialect dialect, SQLException e) {
    return new SynclineException(what + ": " + reason(dialect, e), e);
  }

  /**
   * A failure inside apply's transaction, at {@code where} (for the record {@code key}, or null).
   */
  static UnableToApplyChange unableToApply(
      String where, String key, Dialect dialect, SQLException e) {
    return new UnableToApplyChange(where, key, reason(dialect, e), e);
  }

  /**
   * A connection that could not be opened, named by its URL with every secret masked; the driver's
   * message is cleaned of the URL's secrets too ({@link Urls#clean}), since some drivers repeat the
   * URL. Also for a driver that fails with an unchecked exception.
   */
  static SynclineException cannotOpen(String url, String password, Exception e) {
    return new SynclineException(
        "cannot open " + Urls.mask(url) + ": " + Urls.clean(firstMessage(e), url, password));
  }

  private static String firstMessage(Exception e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
