package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.Records;
import io.syncline.core.UnableToApplyChange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Re-reads an entity's rows before apply changes them, inside apply's transaction: one prepared
 * SELECT, locking where the dialect can ({@link Dialect#lockClause}). A row that no longer reads as
 * the text {@code diff} saw, or an inserted key found taken, means the database moved since, and
 * the whole apply is refused with {@link #MOVED} rather than overwrite it.
 */
final class RowGuard implements AutoCloseable {
  static final String MOVED = "the row changed since `diff`; run `load` again to see the new state";

  /** Keys per {@code IN} list; far within every database's limit on parameters. */
  static final int IN_LIST = 500;

  private final Connection connection;
  private final Dialect dialect;
  private final RowBinder binder;
  private final Entity entity;
  private final RowText row;
  private final PreparedStatement select;

  RowGuard(Connection connection, Dialect dialect, Entity entity, RowText row) throws SQLException {
    this.connection = connection;
    this.dialect = dialect;
    this.binder = new RowBinder(dialect);
    this.entity = entity;
    this.row = row;
    this.select =
        connection.prepareStatement(
            "SELECT "
                + row.columns().selectList(dialect)
                + " FROM "
                + dialect.quote(entity.table())
                + binder.whereKey(entity)
                + dialect.lockClause());
  }

  /**
   * {@link #check} for each key, {@link #IN_LIST} rows a query ({@code WHERE k IN (?, ...)}, or
   * {@code WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) ...} for a key of two columns), so that
   * re-syncing ten thousand changed rows re-reads them in twenty queries rather than ten thousand.
   */
  void checkAll(Map<String, String> expected) throws SQLException {
    if (expected.size() == 1) {
      for (Map.Entry<String, String> row : expected.entrySet()) {
        check(row.getKey(), row.getValue());
      }
      return;
    }
    List<Map.Entry<String, String>> rows = new ArrayList<>();
    for (Map.Entry<String, String> row : expected.entrySet()) {
      if (row.getValue() != null) {
        rows.add(row);
      }
    }
    // SQLite refuses an expression deeper than 1,000: a hundred (a = ? AND b = ?) joined by OR
    // stay far within that.
    int chunk = entity.key().size() == 1 ? IN_LIST : IN_LIST / 5;
    for (int from = 0; from < rows.size(); from += chunk) {
      checkChunk(rows.subList(from, Math.min(rows.size(), from + chunk)));
    }
  }

  private void checkChunk(List<Map.Entry<String, String>> rows) throws SQLException {
    String sql =
        "SELECT "
            + row.columns().selectList(dialect)
            + " FROM "
            + dialect.quote(entity.table())
            + " WHERE "
            + keysIn(rows.size())
            + dialect.lockClause();
    Map<String, String> actual = new HashMap<>();
    try (PreparedStatement chunk = connection.prepareStatement(sql)) {
      int index = 1;
      for (Map.Entry<String, String> row : rows) {
        index = binder.bindKey(chunk, index, entity, row.getKey(), Records.parse(row.getValue()));
      }
      try (ResultSet rs = chunk.executeQuery()) {
        while (rs.next()) {
          String text = row.text(rs);
          actual.put(row.key(), text);
        }
      }
    }
    for (Map.Entry<String, String> row : rows) {
      if (!Records.same(actual.get(row.getKey()), row.getValue())) {
        throw moved(row.getKey());
      }
    }
  }

  /** The condition that a row's key is one of {@code count} bound in order. */
  private String keysIn(int count) {
    if (entity.key().size() == 1) {
      return dialect.quote(RowBinder.keyField(entity, 0).column())
          + " IN ("
          + String.join(", ", Collections.nCopies(count, "?"))
          + ")";
    }
    String one = binder.whereKey(entity).substring(" WHERE ".length());
    return String.join(" OR ", Collections.nCopies(count, "(" + one + ")"));
  }

  /** Refuses unless the row under {@code key} reads as {@code expected} (null: no row). */
  void check(String key, String expected) throws SQLException {
    if (expected == null) {
      return;
    }
    binder.bindKey(select, 1, entity, key, Records.parse(expected));
    String actual = null;
    try (ResultSet rs = select.executeQuery()) {
      if (rs.next()) {
        actual = row.text(rs);
      }
    }
    if (!Records.same(actual, expected)) {
      throw moved(key);
    }
  }

  /**
   * Refuses when a key about to be inserted is taken: row by row for a few inserts, by reading
   * every key of the table for many.
   */
  void checkFree(Map<String, String> inserts) throws SQLException {
    if (inserts.size() <= RowWriter.BATCH) {
      for (Map.Entry<String, String> insert : inserts.entrySet()) {
        binder.bindKey(select, 1, entity, insert.getKey(), Records.parse(insert.getValue()));
        try (ResultSet rs = select.executeQuery()) {
          if (rs.next()) {
            throw moved(insert.getKey());
          }
        }
      }
      return;
    }
    Set<String> taken = new HashSet<>();
    List<Field> keyFields = new ArrayList<>();
    for (int k = 0; k < entity.key().size(); k++) {
      keyFields.add(RowBinder.keyField(entity, k));
    }
    RowText keys = new RowText(new RowColumns(entity.withFields(keyFields), null), dialect);
    String sql =
        "SELECT " + keys.columns().selectList(dialect) + " FROM " + dialect.quote(entity.table());
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        keys.text(rs);
        taken.add(keys.key());
      }
    }
    for (String key : inserts.keySet()) {
      if (taken.contains(key)) {
        throw moved(key);
      }
    }
  }

  /** The refusal of the apply: the row under {@code key} is not as {@code diff} saw it. */
  static UnableToApplyChange moved(Entity entity, String key) {
    return new UnableToApplyChange("table " + entity.table(), key, MOVED, null);
  }

  private UnableToApplyChange moved(String key) {
    return moved(entity, key);
  }

  @Override
  public void close() throws SQLException {
    select.close();
  }
}
