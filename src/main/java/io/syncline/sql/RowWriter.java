package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Progress;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.Value;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Carries out the database side of plans inside a transaction {@link Database#apply} holds open:
 * the schema changes, then each plan's deletes, updates and inserts.
 *
 * <p>Every update and delete is guarded ({@link RowGuard}): the row is re-read and compared with
 * the text the diff saw; an insert must find its key free. Updates and deletes go in JDBC batches
 * of {@link #BATCH}, and each must report exactly one row; inserts go through a {@link RowBatch},
 * bound from values read straight from the record text ({@link RowValues}). Values are bound by
 * {@link RowBinder}.
 */
final class RowWriter {
  static final int BATCH = 1000;

  private final Connection connection;
  private final Dialect dialect;
  private final RowBinder binder;
  private final Progress progress;

  RowWriter(Connection connection, Dialect dialect, Progress progress) {
    this.connection = connection;
    this.dialect = dialect;
    this.binder = new RowBinder(dialect);
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
      try {
        NewTable.Reference reference =
            change.parent() == null ? null : reference(entity, change.parent(), statements);
        List<NewTable.Column> columns = new ArrayList<>();
        for (Field field : change.columns()) {
          boolean key = entity.key().contains(field.name());
          String type = dialect.columnType(field.type(), key);
          int referring = reference == null ? -1 : reference.columns().indexOf(field.column());
          if (referring >= 0) {
            type =
                dialect.referringColumnType(
                    connection, reference.parent(), reference.parentColumns().get(referring), type);
          }
          columns.add(new NewTable.Column(field.column(), type, key));
        }
        statements.add(new NewTable(entity.table(), columns, reference).sql(dialect));
      } catch (SQLException e) {
        throw failure(entity, null, e);
      }
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

  /**
   * The foreign key of a new child table: its parent key columns (the child's first key fields)
   * refer to the parent's key columns, in the order of the parent table's primary key, or else of a
   * unique index on them ({@code epic_key UNIQUE} beside a surrogate {@code id} primary key). A
   * parent table with neither (one Syncline did not create) gets a unique key first, added to
   * {@code statements} ({@link Dialect#uniqueKey}), since every database refers only to a primary
   * key or a unique one; its name is the table's and {@code __syncline_key}, or a shorter one where
   * that does not fit ({@link NewTable#fittingName}).
   */
  private NewTable.Reference reference(Entity child, Entity parent, List<String> statements)
      throws SQLException {
    List<String> columns = new ArrayList<>();
    List<String> parentColumns = new ArrayList<>();
    for (int i = 0; i < child.parent().parentKeyFields(); i++) {
      columns.add(RowBinder.keyField(child, i).column());
      parentColumns.add(RowBinder.keyField(parent, i).column());
    }
    List<String> primaryKey =
        dialect
            .table(connection, parent.table())
            .map(Dialect.Table::primaryKey)
            .orElseThrow(
                () ->
                    new UnableToApplyChange(
                        "table " + child.table(),
                        null,
                        "its parent's table "
                            + parent.table()
                            + " does not exist; apply the parent entity "
                            + parent.name()
                            + " with it",
                        null));
    List<List<String>> keys = new ArrayList<>(List.of(primaryKey));
    keys.addAll(dialect.uniqueKeys(connection, parent.table()));
    for (List<String> unique : keys) {
      if (unique.size() == parentColumns.size() && unique.containsAll(parentColumns)) {
        List<String> inKeyOrder = new ArrayList<>();
        for (String keyColumn : unique) {
          inKeyOrder.add(columns.get(parentColumns.indexOf(keyColumn)));
        }
        return new NewTable.Reference(inKeyOrder, parent.table(), unique);
      }
    }
    statements.add(
        dialect.uniqueKey(
            parent.table(),
            NewTable.fittingName(dialect, parent.table() + "__syncline_key", "key", parent.table()),
            parentColumns));
    return new NewTable.Reference(columns, parent.table(), parentColumns);
  }

  /**
   * Writes the plans' rows so that every foreign key from a child table to its parent's holds after
   * each statement (SQLite and MariaDB check at once, not at commit): every plan's file sources are
   * checked first, then the deletes go children first, then the updates and inserts parents first
   * ({@link WriteOrder}). A plan's rows are counted as {@code writing table T}.
   *
   * @param newTables the tables this apply created: nothing in them to guard
   */
  void write(List<EntityPlan> plans, Set<String> newTables) {
    List<TableWrite> writes = new ArrayList<>();
    try {
      for (EntityPlan plan : WriteOrder.parentsFirst(plans, p -> p.entity())) {
        TableWrite write = new TableWrite(plan, newTables.contains(plan.entity().table()));
        if (write.fileSources || plan.touchesDatabase()) {
          writes.add(write);
        }
      }
      for (TableWrite write : writes) {
        write.checkFileSources();
      }
      for (int i = writes.size() - 1; i >= 0; i--) {
        writes.get(i).deletes();
      }
      for (TableWrite write : writes) {
        write.updates();
        write.inserts();
        write.end();
      }
    } catch (RuntimeException e) {
      for (TableWrite write : writes) {
        try {
          write.close();
        } catch (RuntimeException closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
    for (TableWrite write : writes) {
      write.close();
    }
  }

  /** One plan's writes: its guard, and its rows' counter once it has begun. */
  private final class TableWrite {
    private final EntityPlan plan;
    private final Entity entity;
    private final boolean newTable;
    private final boolean fileSources;
    private RowGuard guard;
    private Progress.Counter counter;

    TableWrite(EntityPlan plan, boolean newTable) {
      this.plan = plan;
      this.entity = plan.entity();
      this.newTable = newTable;
      this.fileSources = !newTable && plan.touchesFiles();
    }

    /** The guard, made at first use: only a plan that writes rows or checks them needs one. */
    private RowGuard guard() throws SQLException {
      if (guard == null && !newTable) {
        Set<String> present = dialect.columns(connection, entity.table()).orElse(null);
        guard =
            new RowGuard(
                connection, dialect, entity, new RowText(new RowColumns(entity, present), dialect));
      }
      return guard;
    }

    /** The database's own changes, counted by the progress bar from the first row written. */
    private Progress.Counter counter() {
      if (counter == null) {
        counter =
            progress.start(
                "writing table " + entity.table(),
                "rows",
                plan.databaseDeletes().size()
                    + plan.databaseUpdates().size()
                    + plan.databaseInserts().size());
      }
      return counter;
    }

    void end() {
      if (counter != null) {
        counter.end();
      }
    }

    void close() {
      end();
      try {
        if (guard != null) {
          guard.close();
        }
      } catch (SQLException e) {
        throw failure(entity, null, e);
      }
    }

    /**
     * Refuses unless the rows the file changes were computed from still read as {@code diff} saw
     * them: run before any row or file is written, so a row changed in between is not overwritten
     * in the file by its old value. A record the file gains must come from the same row; one it
     * drops must still have no row (unless the database drops that row too, which its own guard
     * checks).
     */
    void checkFileSources() {
      if (!fileSources) {
        return;
      }
      try {
        Map<String, String> expected = new LinkedHashMap<>();
        plan.fileInserts()
            .forEach(
                (key, text) -> expected.put(key, plan.expectedDatabase().getOrDefault(key, text)));
        plan.fileUpdates()
            .keySet()
            .forEach(key -> expected.put(key, plan.expectedDatabase().get(key)));
        guard().checkAll(expected);
        Map<String, String> absent = new LinkedHashMap<>();
        plan.fileDeletes()
            .forEach(
                (key, text) -> {
                  if (plan.expectedDatabase().get(key) == null) {
                    absent.put(key, text);
                  }
                });
        guard().checkFree(absent);
      } catch (SQLException e) {
        throw failure(entity, null, e);
      }
    }

    void deletes() {
      if (plan.databaseDeletes().isEmpty()) {
        return;
      }
      String sql = "DELETE FROM " + dialect.quote(entity.table()) + binder.whereKey(entity);
      try {
        if (guard() != null) {
          Map<String, String> expected = new LinkedHashMap<>();
          plan.databaseDeletes()
              .forEach(
                  (key, text) ->
                      expected.put(key, plan.expectedDatabase().getOrDefault(key, text)));
          guard().checkAll(expected);
        }
        try (Batch batch = new Batch(entity, sql, true)) {
          for (Map.Entry<String, String> delete : plan.databaseDeletes().entrySet()) {
            String key = delete.getKey();
            String expected = plan.expectedDatabase().getOrDefault(key, delete.getValue());
            binder.bindKey(batch.statement, 1, entity, key, Records.parse(expected));
            batch.add(key);
            counter().add(1);
          }
          batch.flush();
        }
      } catch (SQLException e) {
        throw failure(entity, null, e);
      }
    }

    /** Each UPDATE sets only the changed columns; rows changing the same columns share a batch. */
    void updates() {
      if (plan.databaseUpdates().isEmpty()) {
        return;
      }
      Map<List<Field>, Batch> batches = new LinkedHashMap<>();
      try {
        if (guard() != null) {
          Map<String, String> expected = new LinkedHashMap<>();
          plan.databaseUpdates()
              .keySet()
              .forEach(key -> expected.put(key, plan.expectedDatabase().get(key)));
          guard().checkAll(expected);
        }
        try {
          for (Map.Entry<String, FieldUpdates> update : plan.databaseUpdates().entrySet()) {
            String key = update.getKey();
            String expected = plan.expectedDatabase().get(key);
            if (expected == null) {
              throw RowGuard.moved(entity, key);
            }
            List<Field> changed = new ArrayList<>();
            for (Field field : entity.fileFields()) {
              if (update.getValue().contains(field.name())) {
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
              binder.bind(
                  batch.statement,
                  index++,
                  entity,
                  key,
                  field,
                  update.getValue().get(field.name()).value());
            }
            binder.bindKey(batch.statement, index, entity, key, Records.parse(expected));
            batch.add(key);
            counter().add(1);
          }
          for (Batch batch : batches.values()) {
            batch.flush();
          }
        } finally {
          for (Batch batch : batches.values()) {
            batch.statement.close();
          }
        }
      } catch (SQLException e) {
        throw failure(entity, null, e);
      }
    }

    void inserts() {
      if (plan.databaseInserts().isEmpty()) {
        return;
      }
      try {
        if (guard() != null) {
          guard().checkFree(plan.databaseInserts());
        }
        insertRows();
      } catch (SQLException e) {
        throw failure(entity, null, e);
      }
    }

    private void insertRows() throws SQLException {
      refuseOrphans();
      List<Field> fields = ParentIds.insertOrder(entity, entity.fileFields());
      String start =
          "INSERT INTO "
              + dialect.quote(entity.table())
              + " ("
              + ParentIds.insertColumns(dialect, entity, fields)
              + ") VALUES ";
      String row = ParentIds.insertRow(dialect, entity, fields);
      RowValues reader = new RowValues(fields);
      // Walked once, a chunk at a time: a first sync's million records are never all strings at
      // once.
      Iterator<Map.Entry<String, String>> records = plan.databaseInserts().entrySet().iterator();
      int n = plan.databaseInserts().size();
      Progress.Counter count = counter();
      try (RowBatch batch =
          new RowBatch(
              connection,
              dialect,
              rows -> start + String.join(", ", Collections.nCopies(rows, row)),
              fields.size(),
              n)) {
        try {
          // Each chunk is read on the other core while the chunk before is bound and sent.
          CompletableFuture<RowValues.Chunk> ahead =
              n > RowValues.CHUNK ? reader.readAhead(records, RowValues.CHUNK) : null;
          for (int from = 0; from < n; from += RowValues.CHUNK) {
            int to = Math.min(n, from + RowValues.CHUNK);
            RowValues.Chunk chunk =
                ahead == null ? reader.read(records, to - from) : RowValues.joined(ahead);
            ahead =
                to < n ? reader.readAhead(records, Math.min(n, to + RowValues.CHUNK) - to) : null;
            for (int r = 0; r < to - from; r++) {
              insert(batch, entity, fields, chunk.records().get(r), chunk.values()[r]);
              count.add(1);
            }
          }
          batch.finish();
        } catch (BatchUpdateException e) {
          throw failure(entity, batch.failedRows(e), e);
        }
      }
    }

    /**
     * For a table pointing at its parent by id: refuses, before any row is inserted, a record whose
     * parent has no row (or a row without an id) to point at, which the insert would leave pointing
     * nowhere (NULL) or fail on with the database's own words. Asked once per parent; the parents
     * this apply inserted are there already, inserted before their children.
     */
    private void refuseOrphans() throws SQLException {
      if (!ParentIds.byReference(entity)) {
        return;
      }
      Entity parent = entity.parent().byId();
      Set<String> found = new HashSet<>();
      try (PreparedStatement id = connection.prepareStatement(ParentIds.idQuery(dialect, entity))) {
        for (Map.Entry<String, String> insert : plan.databaseInserts().entrySet()) {
          Value.Obj record = Records.parse(insert.getValue());
          List<Value> parentKey = new ArrayList<>();
          for (int k = 0; k < entity.parent().parentKeyFields(); k++) {
            Field field = RowBinder.keyField(entity, k);
            parentKey.add(record.get(field.name()));
            binder.bind(id, k + 1, entity, insert.getKey(), field, record.get(field.name()));
          }
          if (found.contains(parentKey.toString())) {
            continue;
          }
          try (ResultSet rs = id.executeQuery()) {
            if (!rs.next() || rs.getObject(1) == null) {
              throw new UnableToApplyChange(
                  "table " + entity.table(),
                  insert.getKey(),
                  "its "
                      + parent.name()
                      + " has no row in "
                      + parent.table()
                      + " with an id ("
                      + entity.parent().reference().references()
                      + ") for "
                      + entity.parent().reference().column()
                      + " to hold; stage the "
                      + parent.name()
                      + "'s insert with it, or give its row an id",
                  null);
            }
          }
          found.add(parentKey.toString());
        }
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
        binder.bindRead(statement, index + i, fields.get(i).type(), values[i]);
      }
    } else {
      Value.Obj parsed = Records.parse(record.getValue());
      for (int i = 0; i < fields.size(); i++) {
        Field field = fields.get(i);
        binder.bind(statement, index + i, entity, key, field, parsed.get(field.name()));
      }
    }
    batch.added(key);
  }

  private String updateSql(Entity entity, List<Field> changed) {
    StringBuilder sql =
        new StringBuilder("UPDATE ").append(dialect.quote(entity.table())).append(" SET ");
    for (int i = 0; i < changed.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(changed.get(i).column())).append(" = ?");
    }
    return sql.append(binder.whereKey(entity)).toString();
  }

  UnableToApplyChange failure(Entity entity, String key, SQLException e) {
    return SqlExceptionTranslator.unableToApply(
        "table " + entity.table(),
        key == null ? null : DriverMessages.cut(key, DriverMessages.VALUE_LIMIT),
        dialect,
        e);
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
