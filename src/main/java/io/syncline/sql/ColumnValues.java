package io.syncline.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A row's column values as JDBC hands them out, numbered from 1: each column's text, or its object.
 * {@link RowText} reads a row through this, from a {@code ResultSet} or from an {@link ArrayRow}.
 */
interface ColumnValues {
  String getString(int column) throws SQLException;

  Object getObject(int column) throws SQLException;

  static ColumnValues of(ResultSet rs) {
    return new ColumnValues() {
      @Override
      public String getString(int column) throws SQLException {
        return rs.getString(column);
      }

      @Override
      public Object getObject(int column) throws SQLException {
        return rs.getObject(column);
      }
    };
  }
}
