package io.syncline.sql;

import io.syncline.core.Interruption;
import io.syncline.core.QueryResult;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.SynclineException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code sql} command on a {@link Database}'s connection: rows for a statement that returns
 * them, else the update count, each statement in its own transaction. One statement per call
 * ({@link SqlText#oneStatement}); only a {@code CREATE} on a writable connection goes as typed,
 * since the body of a trigger or a procedure holds {@code ;} ({@code CREATE TRIGGER ... BEGIN
 * UPDATE ...; END}).
 *
 * <p>On a read-only connection a statement that returns no rows, a {@code CALL} and an {@code
 * EXECUTE} are refused before they run, whatever runs is rolled back, and a session found writable
 * before or after the statement ({@code SET SESSION TRANSACTION READ WRITE} on MariaDB) costs the
 * connection: it is closed and a new read-only one opened in its place.
 */
final class SqlConsole {
  private final Database database;
  private final Dialect dialect;
  private final boolean readOnly;

  SqlConsole(Database database) {
    this.database = database;
    this.dialect = database.dialect();
    this.readOnly = database.readOnly();
  }

  QueryResult query(String sql) {
    if (!readOnly) {
      boolean create = SqlText.firstWord(sql, dialect.lexis()).equals("CREATE");
      return run(create ? sql : SqlText.oneStatement(sql, dialect.lexis()));
    }
    String statement = SqlText.oneStatement(sql, dialect.lexis());
    String verb = SqlText.firstWord(statement, dialect.lexis());
    if (verb.equals("CALL") || verb.equals("EXECUTE")) {
      // A MariaDB procedure can COMMIT and START TRANSACTION READ WRITE inside the one statement.
      throw ReadOnlyConnection.sqlCallsNoProcedure();
    }
    keepReadOnly();
    try {
      return run(statement);
    } finally {
      keepReadOnly();
    }
  }

  private QueryResult run(String sql) {
    // read each time: keepReadOnly may have replaced the connection
    Connection connection = database.connection();
    try {
      if (readOnly) {
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
          if (prepared.getMetaData() == null) {
            throw ReadOnlyConnection.sqlMayOnlyRead();
          }
        }
      }
      try (Transaction transaction = Transaction.begin(connection, dialect::begin);
          Statement statement = connection.createStatement()) {
        QueryResult result;
        Interruption.Registration cancel = Interruption.onRequest(statement::cancel);
        try {
          result =
              statement.execute(sql)
                  ? table(statement.getResultSet())
                  : new QueryResult.UpdateCount(statement.getLargeUpdateCount());
        } finally {
          cancel.close();
        }
        Interruption.check(); // cancelled after the rows came: still not committed
        if (readOnly && result instanceof QueryResult.UpdateCount) {
          throw ReadOnlyConnection.sqlMayOnlyRead();
        }
        if (!readOnly) {
          transaction.commit();
        }
        return result;
      }
    } catch (SQLException e) {
      if (Interruption.requested()) {
        throw new Interruption.Stopped("sql: cancelled at Ctrl-C; nothing of it was committed");
      }
      throw SqlExceptionTranslator.failure(
          "the database refused the statement" + (readOnly ? " (the connection is read-only)" : ""),
          dialect,
          e);
    }
  }

  /**
   * Replaces the connection when its session is writable, or when that cannot be told: a read-only
   * connection stays read-only or goes.
   */
  private void keepReadOnly() {
    boolean still;
    try {
      still = dialect.sessionReadOnly(database.connection());
    } catch (SQLException e) {
      still = false;
    }
    if (!still) {
      database.reconnect();
      throw new SynclineException(
          "the read-only session was made writable, so Syncline closed that connection and opened"
              + " a new read-only one; `sql` may only read here");
    }
  }

  private static QueryResult.ResultTable table(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      List<List<String>> rows = new ArrayList<>();
      boolean truncated = false;
      while (rs.next()) {
        if (rows.size() == Database.QUERY_ROW_LIMIT) {
          truncated = true;
          break;
        }
        List<String> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(Collections.unmodifiableList(row));
      }
      return new QueryResult.ResultTable(columns, rows, truncated);
    }
  }
}
