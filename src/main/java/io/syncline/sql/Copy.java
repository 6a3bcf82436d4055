package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Masks;
import io.syncline.core.SynclineException;
import io.syncline.core.TableCopy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Database to database: every selected table of the source read in one read-only snapshot, its rows
 * masked, then upserted into the target by primary key in transactions of {@link #BATCH_ROWS} rows,
 * by the target dialect's bulk path ({@link Dialect#bulkUpsert}).
 *
 * <p>Order of work, so that bad input changes nothing: refuse a target that is the source (by what
 * each database says it is, {@link Dialect#identity}, not by the URLs' spelling); plan every table
 * and check the masks, the {@code --where} conditions and the target's existing tables ({@link
 * CopyPlan}); only then create missing target tables and copy. A batch that fails with a transient
 * error is retried ({@link Retry}); one that fails otherwise is written again row by row, each row
 * in its own transaction, and the rows that still fail go to {@link Listener#rejected} while the
 * copy goes on. Every batch commits on its own, so an interrupted copy keeps what it wrote, and
 * running it again upserts the same keys and finishes the job. Each of those transactions, and the
 * source's snapshot, goes through {@link Transaction}.
 *
 * <p>At the end each table's target is read back and compared with the source by count and an
 * order-free checksum (see {@link Checksum}).
 */
public final class Copy {
  /** Rows per target transaction. */
  static final int BATCH_ROWS = 5_000;

  /** What a copy asks for: tables (empty: all), a condition per table, and replace or upsert. */
  public record Request(
      List<String> tables, Map<String, String> where, boolean replace, Masks masks) {
    public Request {
      tables = List.copyOf(tables);
      where = Map.copyOf(where);
    }
  }

  /** Hears what a copy does while it runs. */
  public interface Listener {
    /**
     * One line about the whole copy, said before any row is written: a foreign key the tables
     * chosen leave loose, or a cycle.
     */
    default void notice(String line) {}

    /** A table is about to be copied; {@code rows} is not known in advance. */
    default void table(String table) {}

    /** {@code rows} of the table are in the target so far. */
    default void progress(String table, long rows) {}

    /** The target refused a row for good; {@code row} holds its masked values by column. */
    void rejected(String table, String key, Map<String, Object> row, String error);
  }

  private final Database source;
  private final Database target;
  private final Retry retry;

  Copy(Database source, Database target, Retry retry) {
    this.source = source;
    this.target = target;
    this.retry = retry;
  }

  /**
   * Copies and returns what happened per table. Throws {@link SynclineException} for bad input
   * (before anything is written) and when the source cannot be read; a row the target refuses is
   * reported to the listener instead.
   */
  public static List<TableCopy> run(
      Database source, Database target, Request request, Listener listener) {
    if (!source.readOnly()) {
      throw new IllegalArgumentException("copy reads its source on a read-only connection only");
    }
    if (target.readOnly()) {
      throw new SynclineException(
          "the target " + target.maskedUrl() + " is open read-only; copy needs to write there");
    }
    Dialect.Identity from = source.identity();
    Dialect.Identity to = target.identity();
    if (from.key().equals(to.key())) {
      throw new SynclineException(
          "copy never writes to its source, and "
              + target.maskedUrl()
              + " is "
              + source.maskedUrl()
              + " ("
              + from.description()
              + "); give --to another database; nothing was copied");
    }
    return new Copy(source, target, new Retry(target.dialect())).run(request, listener);
  }

  List<TableCopy> run(Request request, Listener listener) {
    Dialect from = source.dialect();
    try (Transaction snapshot = Transaction.begin(source.connection(), from::beginSnapshot)) {
      Connection src = snapshot.connection(); // every source table is read in this one snapshot
      List<CopyPlan.Table> plans = CopyPlan.of(src, source, target, request, listener::notice);
      List<TableCopy> results = new ArrayList<>();
      for (CopyPlan.Table plan : plans) {
        if (!plan.exists()) {
          create(plan.shape());
        }
      }
      if (request.replace()) {
        // children emptied before their parents, as a target's foreign keys ask
        for (int i = plans.size() - 1; i >= 0; i--) {
          empty(plans.get(i));
        }
      }
      for (CopyPlan.Table plan : plans) {
        results.add(copy(src, plan, listener));
      }
      return results;
    } catch (SQLException e) {
      throw SqlExceptionTranslator.failure("cannot read " + source.maskedUrl(), from, e);
    }
  }

  /** The source's table in the target: its columns, the key columns first, and its primary key. */
  private void create(TableShape shape) {
    Dialect to = target.dialect();
    List<NewTable.Column> columns = new ArrayList<>();
    for (int i = 0; i < shape.columns().size(); i++) {
      boolean key = i < shape.keyCount();
      columns.add(
          new NewTable.Column(
              shape.columns().get(i), to.columnType(shape.kinds().get(i), key), key));
    }
    String ddl = new NewTable(shape.name(), columns).sql(to);
    target.call(
        "cannot create table " + shape.name() + " in " + target.maskedUrl(),
        c -> {
          try (Statement statement = c.createStatement()) {
            statement.execute(ddl);
          }
          return null;
        });
  }

  // ---- copying ----

  private void empty(CopyPlan.Table plan) {
    TableShape shape = plan.shape();
    Dialect to = target.dialect();
    String empty =
        plan.referenced() ? "DELETE FROM " + to.quote(shape.name()) : to.emptyTable(shape.name());
    try {
      write(
          c -> {
            try (Statement statement = c.createStatement()) {
              statement.executeUpdate(empty);
            }
          });
    } catch (SQLException e) {
      throw SqlExceptionTranslator.failure(
          "cannot empty table " + shape.name() + " in " + target.maskedUrl(), to, e);
    }
  }

  private TableCopy copy(Connection src, CopyPlan.Table plan, Listener listener)
      throws SQLException {
    TableShape shape = plan.shape();
    listener.table(shape.name());
    Dialect from = source.dialect();
    int width = shape.columns().size();
    Checksum checksum = new Checksum(shape);
    long copied = 0;
    long failed = 0;
    List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
    String sql = plan.selectRows(from);
    try (Statement statement = src.createStatement()) {
      statement.setFetchSize(from.fetchSize());
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          Object[] row = new Object[width];
          for (int i = 0; i < width; i++) {
            Object value =
                normalize(shape.kinds().get(i), from.read(rs, i + 1, shape.kinds().get(i)));
            UnaryOperator<Object> mask = plan.masks().get(i);
            row[i] = mask == null ? value : mask.apply(value);
          }
          checksum.add(row);
          batch.add(row);
          if (batch.size() == BATCH_ROWS) {
            long refused = write(shape, batch, listener);
            failed += refused;
            copied += batch.size() - refused;
            batch.clear();
            listener.progress(shape.name(), copied);
          }
        }
      }
    }
    if (!batch.isEmpty()) {
      long refused = write(shape, batch, listener);
      failed += refused;
      copied += batch.size() - refused;
      listener.progress(shape.name(), copied);
    }
    Checksum after = targetChecksum(shape);
    return new TableCopy(
        shape.name(),
        checksum.rows(),
        copied,
        failed,
        after.rows(),
        checksum.value(),
        after.value(),
        !plan.exists());
  }

  /**
   * Writes a batch in one transaction; if the target refuses it, row by row. Returns the refused.
   */
  private long write(TableShape shape, List<Object[]> batch, Listener listener) {
    Dialect to = target.dialect();
    try {
      write(c -> to.bulkUpsert(c, shape, batch));
      return 0;
    } catch (SQLException batchFailure) {
      long refused = 0;
      for (Object[] row : batch) {
        try {
          write(c -> to.bulkUpsert(c, shape, List.<Object[]>of(row)));
        } catch (SQLException e) {
          refused++;
          listener.rejected(
              shape.name(),
              Checksum.key(shape, row),
              values(shape, row),
              SqlExceptionTranslator.reason(to, e));
        }
      }
      return refused;
    }
  }

  /**
   * Runs work in one target transaction of its own, committed (see {@link Transaction}), retried
   * while the failure is transient, on a new connection when the old one was lost.
   */
  private void write(SqlWork work) throws SQLException {
    retry.run(
        () -> Transaction.committed(target.connection(), Transaction.PLAIN, work),
        failure -> {
          if (Retry.connectionLost(failure)) {
            target.reconnect();
          }
        });
  }

  private Checksum targetChecksum(TableShape shape) {
    Dialect to = target.dialect();
    return target.callStreaming(
        "cannot read back table " + shape.name() + " from " + target.maskedUrl(),
        c -> {
          Checksum checksum = new Checksum(shape);
          int width = shape.columns().size();
          try (Statement statement = c.createStatement()) {
            statement.setFetchSize(to.fetchSize());
            try (ResultSet rs = statement.executeQuery(CopyPlan.select(to, shape))) {
              while (rs.next()) {
                Object[] row = new Object[width];
                for (int i = 0; i < width; i++) {
                  row[i] =
                      normalize(shape.kinds().get(i), to.read(rs, i + 1, shape.kinds().get(i)));
                }
                checksum.add(row);
              }
            }
          }
          return checksum;
        });
  }

  /**
   * One spelling per value, whichever database it came from: JSON canonical, decimals without
   * trailing zeros, times to the microsecond (what PostgreSQL and MariaDB keep).
   */
  static Object normalize(ColumnKind kind, Object value) {
    if (value == null) {
      return null;
    }
    return switch (kind) {
      case JSON -> {
        try {
          yield CanonicalJson.parse((String) value).canonical();
        } catch (IllegalArgumentException notJson) {
          yield value;
        }
      }
      case DECIMAL -> {
        BigDecimal decimal = ((BigDecimal) value).stripTrailingZeros();
        yield decimal.scale() < 0 ? decimal.setScale(0) : decimal;
      }
      case TIMESTAMP -> ((LocalDateTime) value).truncatedTo(ChronoUnit.MICROS);
      case TIMESTAMPTZ -> ((Instant) value).truncatedTo(ChronoUnit.MICROS);
      default -> value;
    };
  }

  private static Map<String, Object> values(TableShape shape, Object[] row) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      values.put(shape.columns().get(i), row[i]);
    }
    return values;
  }

  /**
   * Count and checksum of a table's rows, independent of their order (databases sort keys
   * differently): the sum, modulo 2^64, of the first 8 bytes of each row's SHA-256. Each value is
   * spelled as {@link #normalize} leaves it, so the same rows give the same checksum in any
   * database.
   */
  static final class Checksum {
    private final TableShape shape;
    private final MessageDigest sha;
    private final StringBuilder text = new StringBuilder();
    private long sum;
    private long rows;

    Checksum(TableShape shape) {
      this.shape = shape;
      try {
        this.sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }

    void add(Object[] row) {
      text.setLength(0);
      for (int i = 0; i < row.length; i++) {
        spell(row[i], text);
        text.append('\u0000');
      }
      byte[] digest = sha.digest(text.toString().getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      sum += value;
      rows++;
    }

    long rows() {
      return rows;
    }

    String value() {
      return String.format("%016x", sum);
    }

    /**
     * The key of a row as messages and the dead-letter file show it: {@code 42}, {@code WH1,SKU-9}.
     */
    static String key(TableShape shape, Object[] row) {
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < shape.keyCount(); i++) {
        if (i > 0) {
          key.append(',');
        }
        spell(row[i], key);
      }
      return key.toString();
    }

    private static void spell(Object value, StringBuilder out) {
      if (value == null) {
        out.append('\u0001');
      } else if (value instanceof BigDecimal decimal) {
        out.append(decimal.toPlainString());
      } else {
        out.append(value);
      }
    }
  }
}
