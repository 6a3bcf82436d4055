package io.syncline.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** A read through the session's connection that returns a result; see {@link Database#call}. */
@FunctionalInterface
public interface SqlCall<T> {
  T call(Connection connection) throws SQLException;
}
