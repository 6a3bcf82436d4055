package io.syncline.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Writes another package adds to an apply's transaction, such as the base store's. */
@FunctionalInterface
public interface SqlWork {
  void run(Connection connection) throws SQLException;

  /** This work, then {@code next}, in the same transaction. */
  default SqlWork andThen(SqlWork next) {
    return connection -> {
      run(connection);
      next.run(connection);
    };
  }
}
