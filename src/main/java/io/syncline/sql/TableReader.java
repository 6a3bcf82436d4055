package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.Progress;
import io.syncline.core.RecordKey;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import io.syncline.runtime.Background;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Reads an entity's table through a {@link Database}, by the fastest of three ways the dialect
 * allows, each giving the same canonical record texts:
 *
 * <ol>
 *   <li>one JSON array per row, built by the database ({@link Dialect#rowAsJsonArray}), turned into
 *       record text without a tree per row ({@link ArrayRowText}, else {@link ArrayRow} read by
 *       {@link RowText});
 *   <li>the same, in two halves at once on two read-only connections in one snapshot ({@link
 *       Dialect#halves}, {@link Dialect#joinSnapshot}), for a large table;
 *   <li>column by column through the driver, where the dialect builds no JSON or a value only the
 *       driver spells right ({@link ArrayRow.NotPlain}).
 * </ol>
 *
 * <p>A table that does not exist yet reads as empty; a key found twice is refused.
 */
final class TableReader {
  /** The second half of a table read in halves, on the other core. */
  private static final Executor TABLE_HALF = Background.threads("syncline-table");

  private final Database database;
  private final Dialect dialect;

  TableReader(Database database) {
    this.database = database;
    this.dialect = database.dialect();
  }

  /** Every row as canonical record text by key text, counted as {@code reading table T}. */
  Snapshot read(Entity entity, Progress progress) {
    Progress.Counter counter = progress.start("reading table " + entity.table(), "rows", -1);
    try {
      try {
        Snapshot fast = readAsJsonRows(entity, counter);
        if (fast != null) {
          return fast;
        }
      } catch (ArrayRow.NotPlain notPlain) {
        // a value only the driver spells right: read the table again, column by column
      }
      counter.set(0);
      return readColumnByColumn(entity, counter);
    } finally {
      counter.end();
    }
  }

  /**
   * {@link #read} with one JSON array per row where the dialect can build it ({@link
   * Dialect#rowAsJsonArray}); null where it cannot, or where the table holds what JSON cannot (a
   * BLOB).
   */
  private Snapshot readAsJsonRows(Entity entity, Progress.Counter counter) {
    if (dialect.rowAsJsonArray(List.of()).isEmpty() || ParentIds.byReference(entity)) {
      return null; // a parent's key read through its id is a subquery, not a column
    }
    return database.callStreaming(
        "cannot read table " + entity.table(),
        c -> {
          Optional<Set<String>> columns = dialect.columns(c, entity.table());
          if (columns.isEmpty()) {
            return new Snapshot();
          }
          String select =
              "SELECT "
                  + dialect
                      .rowAsJsonArray(new RowColumns(entity, columns.get()).fields())
                      .orElseThrow()
                  + " FROM "
                  + dialect.quote(entity.table());
          try {
            Snapshot halves = readInHalves(c, entity, columns.get(), select, counter);
            return halves != null
                ? halves
                : readRows(c, select, entity, columns.get(), counter::add);
          } catch (SQLException jsonCannotSayIt) {
            return null;
          }
        });
  }

  /**
   * The table read in two halves at once on two read-only connections, in one snapshot of the
   * database ({@link Dialect#joinSnapshot}); null where the dialect does not split the table or the
   * second connection cannot join. Not on the session's connection: a writable SQLite connection
   * begins its transactions by taking the write lock.
   */
  private Snapshot readInHalves(
      Connection c, Entity entity, Set<String> columns, String select, Progress.Counter counter)
      throws SQLException {
    if (!database.sharedByConnections()) {
      return null;
    }
    // Worked out on the session's connection, so that a small table opens nothing more: any row
    // is in one half or the other, whatever the two readers then see.
    List<String> halves = dialect.halves(c, entity.table());
    if (halves.size() != 2) {
      return null;
    }
    try (Database first = database.alongside().orElseThrow()) {
      Transaction firstRead = Transaction.begin(first.connection(), Transaction.PLAIN);
      try {
        try (Statement statement = first.connection().createStatement();
            ResultSet lock = statement.executeQuery(select + " LIMIT 1")) {
          lock.next(); // the first reader's shared lock, which the second must join
        }
        try (Database second = database.alongside().orElseThrow()) {
          if (!dialect.joinSnapshot(second.connection())) {
            return null;
          }
          Transaction secondRead = Transaction.begun(second.connection());
          return readHalves(
              first.connection(), secondRead, halves, entity, columns, select, counter);
        }
      } finally {
        firstRead.rollback();
      }
    }
  }

  /** Reads the first half on {@code a} while the other thread reads the second in {@code b}. */
  private Snapshot readHalves(
      Connection a,
      Transaction b,
      List<String> halves,
      Entity entity,
      Set<String> columns,
      String select,
      Progress.Counter counter)
      throws SQLException {
    AtomicLong secondCount = new AtomicLong();
    CompletableFuture<Snapshot> rest =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return readRows(
                    b.connection(),
                    select + " WHERE " + halves.get(1),
                    entity,
                    columns,
                    secondCount::addAndGet);
              } catch (SQLException e) {
                throw new HalfFailed(e);
              }
            },
            TABLE_HALF);
    Snapshot rows;
    try {
      rows = readRows(a, select + " WHERE " + halves.get(0), entity, columns, counter::add);
    } finally {
      rest.exceptionally(failure -> null).join(); // b is not closed under the other thread
      b.rollback();
    }
    Snapshot others;
    try {
      others = rest.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof HalfFailed failed) {
        throw failed.cause;
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    counter.add(secondCount.get());
    String twice = rows.absorb(others);
    if (twice != null) {
      throw twice(entity, twice);
    }
    return rows;
  }

  /** The second half's SQLException, carried out of its thread. */
  private static final class HalfFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final SQLException cause;

    HalfFailed(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  /**
   * The rows {@code sql} selects (one JSON array each) as records, counted into {@code counted}.
   */
  private Snapshot readRows(
      Connection c, String sql, Entity entity, Set<String> columns, LongConsumer counted)
      throws SQLException {
    RecordTextOut out = new RecordTextOut(new RowColumns(entity, columns));
    ArrayRowText copied = new ArrayRowText(out);
    RowText general = new RowText(out, dialect);
    ArrayRow row = new ArrayRow();
    Snapshot snapshot = new Snapshot();
    try (Statement statement = c.createStatement()) {
      statement.setFetchSize(dialect.fetchSize());
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          String array = rs.getString(1);
          CharSequence text = copied.text(array);
          if (text == null) {
            row.read(array);
            text = general.text(row);
          }
          String key = out.key();
          if (snapshot.put(key, text) != null) {
            throw twice(entity, key);
          }
          counted.accept(1);
        }
      }
    }
    return snapshot;
  }

  /** {@link #read} through the driver's reading of each column. */
  Snapshot readColumnByColumn(Entity entity) {
    return readColumnByColumn(entity, Progress.NONE.start("", "", -1));
  }

  private Snapshot readColumnByColumn(Entity entity, Progress.Counter counter) {
    Snapshot snapshot = new Snapshot();
    scan(
        entity,
        (row, rs) -> {
          String text = row.text(rs);
          String key = row.key();
          if (snapshot.put(key, text) != null) {
            throw twice(entity, key);
          }
          counter.add(1);
        });
    return snapshot;
  }

  /** All rows as records in key order, fields in the entity's order, for export. */
  List<Value.Obj> records(Entity entity, Progress progress) {
    Progress.Counter counter = progress.start("reading table " + entity.table(), "rows", -1);
    try {
      Map<String, Value.Obj> byKey = new TreeMap<>(RecordKey.ORDER);
      scan(
          entity,
          (row, rs) -> {
            row.text(rs);
            String key = row.key();
            if (byKey.put(key, row.record(rs)) != null) {
              throw twice(entity, key);
            }
            counter.add(1);
          });
      return new ArrayList<>(byKey.values());
    } finally {
      counter.end();
    }
  }

  private interface RowSink {
    void row(RowText row, ResultSet rs) throws SQLException;
  }

  private void scan(Entity entity, RowSink sink) {
    database.callStreaming(
        "cannot read table " + entity.table(),
        c -> {
          Optional<Set<String>> columns = dialect.columns(c, entity.table());
          if (columns.isEmpty()) {
            return null;
          }
          ParentIds.refuseMissing(c, dialect, entity);
          RowText row = new RowText(new RowColumns(entity, columns.get()), dialect);
          String sql =
              "SELECT "
                  + row.columns().selectList(dialect)
                  + " FROM "
                  + dialect.quote(entity.table());
          try (Statement statement = c.createStatement()) {
            statement.setFetchSize(dialect.fetchSize());
            try (ResultSet rs = statement.executeQuery(sql)) {
              while (rs.next()) {
                sink.row(row, rs);
              }
            }
          }
          return null;
        });
  }

  private static SynclineException twice(Entity entity, String key) {
    return new SynclineException(
        "table "
            + entity.table()
            + " holds key "
            + key
            + " twice; make "
            + String.join(", ", entity.key())
            + " unique in the table (a primary key) and load again");
  }
}
