package io.syncline.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Writes another package adds to an apply's transaction, such as the base store's. */
@FunctionalInterface
public interface SqlWork {
  void run(Connection connection) throws SQLException;
}
