package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Progress;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out the database side of plans inside a transaction {@link Database#apply} holds open.
 *
 * <p>Every update and delete is guarded: the row is re-read (locked where the dialect can) and
 * compared with the text the diff saw; an insert must find its key free. Anything else means the
 * database moved since {@code diff}, and the whole apply is refused rather than overwrite it.
 * Updates and deletes go in JDBC batches of {@link #BATCH}, and each must report exactly one row;
 * inserts go through a {@link RowBatch}, bound from values read straight from the record text
 * ({@link RowValues}).
 */
final class RowWriter {
  static final int BATCH = 1000;
  static final String MOVED = "the row changed since `diff`; run `load` again to see the new state";

  private final Connection connection;
  private final Dialect dialect;
  private final Progress progress;
  private Progress.Counter counter;

  RowWriter(Connection connection, Dialect dialect, Progress progress) {
    this.connection = connection;
    this.dialect = dialect;
    this.progress = progress;
  }

  /**
   * {@code CREATE TABLE "t" ("k" TEXT NOT NULL, "v" NUMERIC, PRIMARY KEY ("k"))} or {@code ALTER
   * TABLE "t" ADD COLUMN "v" NUMERIC}, one per column.
   */
  void schema(SchemaChange change) {
    Entity entity = change.entity();
    List<String> statements = new ArrayList<>();
    if (change.newTable()) {
      StringBuilder sql = new StringBuilder("CREATE TABLE ").append(dialect.quote(entity.table()));
      sql.append(" (");
      List<String> keyColumns = new ArrayList<>();
      for (Field field : change.columns()) {
        boolean key = entity.key().contains(field.name());
        sql.append(dialect.quote(field.column())).append(' ');
        sql.append(dialect.columnType(field.type(), key)).append(key ? " NOT NULL, " : ", ");
        if (key) {
          keyColumns.add(dialect.quote(field.column()));
        }
      }
      statements.add(
          sql.append("PRIMARY KEY (")
              .append(String.join(", ", keyColumns))
              .append("))")
              .append(dialect.tableOptions())
              .toString());
    } else {
      for (Field field : change.columns()) {
        statements.add(
            "ALTER TABLE "
                + dialect.quote(entity.table())
                + " ADD COLUMN "
                + dialect.quote(field.column())
                + ' '
                + dialect.columnType(field.type(), false));
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw failure(entity, null, e);
    }
  }

  void write(EntityPlan plan, boolean newTable) {
    Entity entity = plan.entity();
    boolean fileSources = !newTable && plan.touchesFiles();
    if (!fileSources && !plan.touchesDatabase()) {
      return;
    }
    try {
      Set<String> present =
          newTable ? null : dialect.columns(connection, entity.table()).orElse(null);
      RowFormat format = new RowFormat(entity, dialect, present);
      try (Guard guard = newTable ? null : new Guard(entity, format)) {
        if (fileSources) {
          fileSources(plan, guard);
        }
        if (plan.touchesDatabase()) {
          rows(plan, guard);
        }
      }
    } catch (SQLException e) {
      throw failure(entity, null, e);
    }
  }

  /** The database's own changes, counted by the progress bar. */
  private void rows(EntityPlan plan, Guard guard) throws SQLException {
    counter =
        progress.start(
            "writing table " + plan.entity().table(),
            "rows",
            plan.databaseDeletes().size()
                + plan.databaseUpdates().size()
                + plan.databaseInserts().size());
    try {
      deletes(plan, guard);
      updates(plan, guard);
      inserts(plan, guard);
    } finally {
      counter.end();
    }
  }

  /**
   * Refuses unless the rows the file changes were computed from still read as {@code diff} saw
   * them: run before any row or file is written, so a row changed in between is not overwritten in
   * the file by its old value. A record the file gains must come from the same row; one it drops
   * must still have no row (unless the database drops that row too, which its own guard checks).
   */
  private void fileSources(EntityPlan plan, Guard guard) throws SQLException {
    Map<String, String> expected = new LinkedHashMap<>();
    plan.fileInserts()
        .forEach((key, text) -> expected.put(key, plan.expectedDatabase().getOrDefault(key, text)));
    plan.fileUpdates().keySet().forEach(key -> expected.put(key, plan.expectedDatabase().get(key)));
    guard.checkAll(expected);
    Map<String, String> absent = new LinkedHashMap<>();
    plan.fileDeletes()
        .forEach(
            (key, text) -> {
              if (plan.expectedDatabase().get(key) == null) {
                absent.put(key, text);
              }
            });
    guard.checkFree(absent);
  }

  private void deletes(EntityPlan plan, Guard guard) throws SQLException {
    if (plan.databaseDeletes().isEmpty()) {
      return;
    }
    Entity entity = plan.entity();
    String sql = "DELETE FROM " + dialect.quote(entity.table()) + where(entity);
    if (guard != null) {
      Map<String, String> expected = new LinkedHashMap<>();
      plan.databaseDeletes()
          .forEach(
              (key, text) -> expected.put(key, plan.expectedDatabase().getOrDefault(key, text)));
      guard.checkAll(expected);
    }
    try (Batch batch = new Batch(entity, sql, true)) {
      for (Map.Entry<String, String> delete : plan.databaseDeletes().entrySet()) {
        String key = delete.getKey();
        String expected = plan.expectedDatabase().getOrDefault(key, delete.getValue());
        bindKey(batch.statement, 1, entity, key, Records.parse(expected));
        batch.add(key);
        counter.add(1);
      }
      batch.flush();
    }
  }

  /** Each UPDATE sets only the changed columns; rows changing the same columns share a batch. */
  private void updates(EntityPlan plan, Guard guard) throws SQLException {
    Entity entity = plan.entity();
    Map<List<Field>, Batch> batches = new LinkedHashMap<>();
    if (guard != null) {
      Map<String, String> expected = new LinkedHashMap<>();
      plan.databaseUpdates()
          .keySet()
          .forEach(key -> expected.put(key, plan.expectedDatabase().get(key)));
      guard.checkAll(expected);
    }
    try {
      for (Map.Entry<String, Map<String, String>> update : plan.databaseUpdates().entrySet()) {
        String key = update.getKey();
        String expected = plan.expectedDatabase().get(key);
        if (expected == null) {
          throw new UnableToApplyChange("table " + entity.table(), key, MOVED, null);
        }
        List<Field> changed = new ArrayList<>();
        for (Field field : entity.fileFields()) {
          if (update.getValue().containsKey(field.name())) {
            changed.add(field);
          }
        }
        if (changed.isEmpty()) {
          continue;
        }
        Batch batch = batches.get(changed);
        if (batch == null) {
          batch = new Batch(entity, updateSql(entity, changed), true);
          batches.put(changed, batch);
        }
        int index = 1;
        for (Field field : changed) {
          String text = update.getValue().get(field.name());
          bind(
              batch.statement,
              index++,
              entity,
              key,
              field,
              text == null ? Value.NULL : CanonicalJson.parse(text));
        }
        bindKey(batch.statement, index, entity, key, Records.parse(expected));
        batch.add(key);
        counter.add(1);
      }
      for (Batch batch : batches.values()) {
        batch.flush();
      }
    } finally {
      for (Batch batch : batches.values()) {
        batch.statement.close();
      }
    }
  }

  private void inserts(EntityPlan plan, Guard guard) throws SQLException {
    if (plan.databaseInserts().isEmpty()) {
      return;
    }
    Entity entity = plan.entity();
    if (guard != null) {
      guard.checkFree(plan.databaseInserts());
    }
    List<Field> fields = entity.fileFields();
    StringBuilder columns = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      columns.append(i == 0 ? "" : ", ").append(dialect.quote(fields.get(i).column()));
    }
    String start = "INSERT INTO " + dialect.quote(entity.table()) + " (" + columns + ") VALUES ";
    RowValues reader = new RowValues(fields);
    // Walked once, a chunk at a time: a first sync's million records are never all strings at once.
    java.util.Iterator<Map.Entry<String, String>> records =
        plan.databaseInserts().entrySet().iterator();
    int n = plan.databaseInserts().size();
    try (RowBatch batch =
        new RowBatch(
            connection,
            dialect,
            rows -> start + Upserts.rows(fields.size(), rows),
            fields.size(),
            n)) {
      try {
        // Each chunk is read on the other core while the chunk before is bound and sent.
        java.util.concurrent.CompletableFuture<RowValues.Chunk> ahead =
            n > RowValues.CHUNK ? reader.readAhead(records, RowValues.CHUNK) : null;
        for (int from = 0; from < n; from += RowValues.CHUNK) {
          int to = Math.min(n, from + RowValues.CHUNK);
          RowValues.Chunk chunk =
              ahead == null ? reader.read(records, to - from) : RowValues.joined(ahead);
          ahead = to < n ? reader.readAhead(records, Math.min(n, to + RowValues.CHUNK) - to) : null;
          for (int r = 0; r < to - from; r++) {
            insert(batch, entity, fields, chunk.records().get(r), chunk.values()[r]);
          }
        }
        batch.finish();
      } catch (BatchUpdateException e) {
        throw failure(entity, batch.failedRows(e), e);
      }
    }
  }

  /** Binds one inserted record from its values, or, when it has none, from its parsed text. */
  private void insert(
      RowBatch batch,
      Entity entity,
      List<Field> fields,
      Map.Entry<String, String> record,
      Object[] values)
      throws SQLException {
    String key = record.getKey();
    int index = batch.next();
    PreparedStatement statement = batch.statement();
    if (values != null) {
      for (int i = 0; i < fields.size(); i++) {
        bindRead(statement, index + i, fields.get(i).type(), values[i]);
      }
    } else {
      Value.Obj parsed = Records.parse(record.getValue());
      for (int i = 0; i < fields.size(); i++) {
        Field field = fields.get(i);
        bind(statement, index + i, entity, key, field, parsed.get(field.name()));
      }
    }
    batch.added(key);
    counter.add(1);
  }

  /** Binds a value {@link RowValues} read, by its field's type. */
  private void bindRead(PreparedStatement statement, int index, FieldType type, Object value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, dialect.nullType(type));
      return;
    }
    switch (type) {
      case TEXT -> statement.setString(index, (String) value);
      case DATE -> dialect.bindDate(statement, index, (String) value);
      case INTEGER, DECIMAL -> {
        if (value instanceof Long whole) {
          statement.setLong(index, whole);
        } else if (value instanceof String digits) {
          dialect.bindDecimal(statement, index, digits);
        } else {
          bindNumber(statement, index, (BigDecimal) value);
        }
      }
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
      default -> dialect.bindJson(statement, index, (String) value);
    }
  }

  private String updateSql(Entity entity, List<Field> changed) {
    StringBuilder sql =
        new StringBuilder("UPDATE ").append(dialect.quote(entity.table())).append(" SET ");
    for (int i = 0; i < changed.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(changed.get(i).column())).append(" = ?");
    }
    return sql.append(where(entity)).toString();
  }

  /** {@code WHERE "k1" = ? AND "k2" = ?} */
  private String where(Entity entity) {
    StringBuilder sql = new StringBuilder(" WHERE ");
    for (int k = 0; k < entity.key().size(); k++) {
      Field field = keyField(entity, k);
      sql.append(k == 0 ? "" : " AND ").append(dialect.quote(field.column())).append(" = ?");
    }
    return sql.toString();
  }

  private static Field keyField(Entity entity, int k) {
    String name = entity.key().get(k);
    return entity.field(name).orElseGet(() -> new Field(name, null, FieldType.TEXT, null));
  }

  /** Binds the key fields of {@code record} from {@code index} on; returns the next index. */
  private int bindKey(
      PreparedStatement statement, int index, Entity entity, String key, Value.Obj record)
      throws SQLException {
    for (int k = 0; k < entity.key().size(); k++) {
      Field field = keyField(entity, k);
      bind(statement, index++, entity, key, field, record.get(field.name()));
    }
    return index;
  }

  /** Binds a value by its field's type; refuses a value the column cannot hold as it is. */
  void bind(
      PreparedStatement statement, int index, Entity entity, String key, Field field, Value value)
      throws SQLException {
    if (value instanceof Value.Null) {
      statement.setNull(index, dialect.nullType(field.type()));
      return;
    }
    switch (field.type()) {
      case TEXT -> {
        if (!(value instanceof Value.Text text)) {
          throw wrongType(entity, key, field, value);
        }
        statement.setString(index, text.value());
      }
      case INTEGER, DECIMAL -> {
        if (!(value instanceof Value.Num number) || !field.type().accepts(value)) {
          throw wrongType(entity, key, field, value);
        }
        bindNumber(statement, index, number.value());
      }
      case BOOLEAN -> {
        if (!(value instanceof Value.Bool bool)) {
          throw wrongType(entity, key, field, value);
        }
        statement.setBoolean(index, bool.value());
      }
      case DATE -> {
        if (!field.type().accepts(value)) {
          throw wrongType(entity, key, field, value);
        }
        dialect.bindDate(statement, index, ((Value.Text) value).value());
      }
      default -> dialect.bindJson(statement, index, value.canonical());
    }
  }

  private void bindNumber(PreparedStatement statement, int index, BigDecimal exact)
      throws SQLException {
    Long whole = whole(exact);
    if (whole != null) {
      statement.setLong(index, whole);
    } else {
      dialect.bindDecimal(statement, index, exact);
    }
  }

  /** The number as a long when it is whole and fits, else null. */
  private static Long whole(BigDecimal number) {
    if (number.signum() == 0) {
      return 0L;
    }
    BigDecimal stripped = number.stripTrailingZeros();
    if (stripped.scale() > 0 || stripped.precision() - stripped.scale() > 18) {
      return null;
    }
    return stripped.longValueExact();
  }

  private static UnableToApplyChange wrongType(
      Entity entity, String key, Field field, Value value) {
    return new UnableToApplyChange(
        "table " + entity.table(),
        key,
        "field "
            + field.name()
            + " holds "
            + value.display()
            + ", which is not "
            + field.type().lowerName()
            + " as its column "
            + field.column()
            + " requires",
        null);
  }

  UnableToApplyChange failure(Entity entity, String key, SQLException e) {
    return new UnableToApplyChange(
        "table " + entity.table(),
        key == null ? null : DriverMessages.cut(key, DriverMessages.VALUE_LIMIT),
        reason(dialect, e),
        e);
  }

  /** {@code SQLSTATE 22001: value too long for type character varying(5)} */
  static String reason(Dialect dialect, SQLException e) {
    SQLException first = e;
    if (e instanceof BatchUpdateException && e.getNextException() != null) {
      first = e.getNextException();
    }
    String message =
        first.getMessage() == null
            ? first.getClass().getSimpleName()
            : SynclineException.firstLine(first.getMessage());
    if (message.endsWith("; SQL statement:")) {
      message = message.substring(0, message.length() - "; SQL statement:".length());
    }
    String state = first.getSQLState() == null ? "" : "SQLSTATE " + first.getSQLState() + ": ";
    return state
        + DriverMessages.shown(message)
        + (dialect.isTransient(first) ? " (the database was busy; try again)" : "");
  }

  /**
   * Re-reads rows before apply changes them: one prepared SELECT, locking where the dialect can.
   */
  private final class Guard implements AutoCloseable {
    /** Keys per {@code IN} list; far within every database's limit on parameters. */
    static final int IN_LIST = 500;

    private final Entity entity;
    private final RowFormat format;
    private final PreparedStatement select;

    Guard(Entity entity, RowFormat format) throws SQLException {
      this.entity = entity;
      this.format = format;
      this.select =
          connection.prepareStatement(
              "SELECT "
                  + format.selectList()
                  + " FROM "
                  + dialect.quote(entity.table())
                  + where(entity)
                  + dialect.lockClause());
    }

    /**
     * {@link #check} for each key, {@link #IN_LIST} rows a query ({@code WHERE k IN (?, ...)}, or
     * {@code WHERE (a = ? AND b = ?) OR (a = ? AND b = ?) ...} for a key of two columns), so that
     * re-syncing ten thousand changed rows re-reads them in twenty queries rather than ten
     * thousand.
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
              + format.selectList()
              + " FROM "
              + dialect.quote(entity.table())
              + " WHERE "
              + keysIn(rows.size())
              + dialect.lockClause();
      Map<String, String> actual = new HashMap<>();
      try (PreparedStatement chunk = connection.prepareStatement(sql)) {
        int index = 1;
        for (Map.Entry<String, String> row : rows) {
          index = bindKey(chunk, index, entity, row.getKey(), Records.parse(row.getValue()));
        }
        try (ResultSet rs = chunk.executeQuery()) {
          while (rs.next()) {
            String text = format.text(rs);
            actual.put(format.lastKey(), text);
          }
        }
      }
      for (Map.Entry<String, String> row : rows) {
        if (!Records.same(actual.get(row.getKey()), row.getValue())) {
          throw new UnableToApplyChange("table " + entity.table(), row.getKey(), MOVED, null);
        }
      }
    }

    /** The condition that a row's key is one of {@code count} bound in order. */
    private String keysIn(int count) {
      if (entity.key().size() == 1) {
        return dialect.quote(keyField(entity, 0).column())
            + " IN ("
            + String.join(", ", java.util.Collections.nCopies(count, "?"))
            + ")";
      }
      String one = where(entity).substring(" WHERE ".length());
      return String.join(" OR ", java.util.Collections.nCopies(count, "(" + one + ")"));
    }

    /** Refuses unless the row under {@code key} reads as {@code expected} (null: no row). */
    void check(String key, String expected) throws SQLException {
      if (expected == null) {
        return;
      }
      bindKey(select, 1, entity, key, Records.parse(expected));
      String actual = null;
      try (ResultSet rs = select.executeQuery()) {
        if (rs.next()) {
          actual = format.text(rs);
        }
      }
      if (!Records.same(actual, expected)) {
        throw new UnableToApplyChange("table " + entity.table(), key, MOVED, null);
      }
    }

    /**
     * Refuses when a key about to be inserted is taken: row by row for a few inserts, by reading
     * every key of the table for many.
     */
    void checkFree(Map<String, String> inserts) throws SQLException {
      if (inserts.size() <= BATCH) {
        for (Map.Entry<String, String> insert : inserts.entrySet()) {
          bindKey(select, 1, entity, insert.getKey(), Records.parse(insert.getValue()));
          try (ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
              throw new UnableToApplyChange(
                  "table " + entity.table(), insert.getKey(), MOVED, null);
            }
          }
        }
        return;
      }
      Set<String> taken = new HashSet<>();
      List<Field> keyFields = new ArrayList<>();
      for (int k = 0; k < entity.key().size(); k++) {
        keyFields.add(keyField(entity, k));
      }
      RowFormat keyFormat = new RowFormat(entity.withFields(keyFields), dialect, null);
      String sql = "SELECT " + keyFormat.selectList() + " FROM " + dialect.quote(entity.table());
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          taken.add(keyFormat.key(rs));
        }
      }
      for (String key : inserts.keySet()) {
        if (taken.contains(key)) {
          throw new UnableToApplyChange("table " + entity.table(), key, MOVED, null);
        }
      }
    }

    @Override
    public void close() throws SQLException {
      select.close();
    }
  }

  /** A prepared statement filled row by row and sent {@link #BATCH} rows at a time. */
  private final class Batch implements AutoCloseable {
    final PreparedStatement statement;
    private final Entity entity;
    private final boolean exactlyOne;
    private final List<String> keys = new ArrayList<>();

    Batch(Entity entity, String sql, boolean exactlyOne) throws SQLException {
      this.entity = entity;
      this.exactlyOne = exactlyOne;
      this.statement = connection.prepareStatement(sql);
    }

    void add(String key) throws SQLException {
      statement.addBatch();
      keys.add(key);
      if (keys.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      if (keys.isEmpty()) {
        return;
      }
      int[] counts;
      try {
        counts = statement.executeBatch();
      } catch (BatchUpdateException e) {
        throw failure(entity, failedKey(e.getUpdateCounts()), e);
      } catch (SQLException e) {
        throw failure(entity, keys.size() == 1 ? keys.get(0) : null, e);
      }
      for (int i = 0; exactlyOne && i < counts.length; i++) {
        if (counts[i] != 1 && counts[i] != Statement.SUCCESS_NO_INFO) {
          throw new UnableToApplyChange(
              "table " + entity.table(),
              keys.get(i),
              "expected 1 modified row, got " + counts[i],
              null);
        }
      }
      keys.clear();
    }

    /** Drivers report either the rows done before the failure or every row with a failure mark. */
    private String failedKey(int[] counts) {
      if (counts == null) {
        return null;
      }
      if (counts.length < keys.size()) {
        return keys.get(counts.length);
      }
      for (int i = 0; i < counts.length && i < keys.size(); i++) {
        if (counts[i] == Statement.EXECUTE_FAILED) {
          return keys.get(i);
        }
      }
      return null;
    }

    /** Closes without sending: rows still waiting are only sent by {@link #flush}. */
    @Override
    public void close() throws SQLException {
      statement.close();
    }
  }
}
