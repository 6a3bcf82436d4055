package io.syncline.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction on one connection, from its start to its commit or rollback, after which the
 * connection is back in auto-commit, as every connection of this package rests. The only class that
 * calls {@link Connection#commit} or {@link Connection#rollback} ({@code ArchitectureTest} holds
 * it), so what happens to a transaction that ends in a failure is decided here once: it is rolled
 * back, and a rollback that fails too is not reported, since the failure that ended the work is
 * what the user needs to see (the database ends the transaction anyway when the connection goes).
 *
 * <pre>
 *   try (Transaction transaction = Transaction.begin(connection, dialect::begin)) {
 *     ... writes ...
 *     transaction.commit();
 *   } // not committed: rolled back
 * </pre>
 *
 * <p>Flyway's migrations commit their own, inside Flyway ({@link Database#selfCommitting}).
 * Flyway's {@code TransactionalExecutionTemplate} is the model here; here the start is the caller's
 * choice, since databases start apply's transaction ({@link Dialect#begin}) and copy's snapshot
 * ({@link Dialect#beginSnapshot}) each their own way.
 */
final class Transaction implements AutoCloseable {
  /** How a transaction starts on a connection. */
  @FunctionalInterface
  interface Start {
    void begin(Connection connection) throws SQLException;
  }

  /** Auto-commit off: the next statement starts the transaction. */
  static final Start PLAIN = connection -> connection.setAutoCommit(false);

  private final Connection connection;
  private boolean ended;

  private Transaction(Connection connection) {
    this.connection = connection;
  }

  /** Starts a transaction; one whose start fails is ended at once, and the failure thrown. */
  static Transaction begin(Connection connection, Start start) throws SQLException {
    Transaction transaction = new Transaction(connection);
    try {
      start.begin(connection);
    } catch (SQLException | RuntimeException e) {
      transaction.close();
      throw e;
    }
    return transaction;
  }

  /** The transaction a dialect already started on the connection ({@link Dialect#joinSnapshot}). */
  static Transaction begun(Connection connection) {
    return new Transaction(connection);
  }

  /** Runs {@code work} in a transaction of its own and commits it; rolled back if it fails. */
  static void committed(Connection connection, Start start, SqlWork work) throws SQLException {
    try (Transaction transaction = begin(connection, start)) {
      work.run(connection);
      transaction.commit();
    }
  }

  Connection connection() {
    return connection;
  }

  void commit() throws SQLException {
    connection.commit();
    ended = true;
  }

  /**
   * Ends a transaction that only read, throwing what the rollback throws: for a read whose result
   * is kept, a connection that fails here is a failure of the read.
   */
  void rollback() throws SQLException {
    ended = true;
    connection.rollback();
    connection.setAutoCommit(true);
  }

  /**
   * Rolls back unless committed or rolled back already, then puts auto-commit back; never throws.
   */
  @Override
  public void close() {
    try {
      if (!ended && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // see the class comment: the failure that ended the work is the one to report
    } finally {
      ended = true;
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // as above
      }
    }
  }
}
