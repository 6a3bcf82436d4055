package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Mask;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Database to database: every selected table of the source read in one read-only snapshot, its rows
 * masked, then upserted into the target by primary key in transactions of {@link #BATCH_ROWS} rows,
 * by the target dialect's bulk path ({@link Dialect#bulkUpsert}).
 *
 * <p>Order of work, so that bad input changes nothing: refuse a target that is the source (by what
 * each database says it is, {@link Dialect#identity}, not by the URLs' spelling); plan every table
 * from the source's metadata and check the masks, the {@code --where} conditions (each one
 * expression, {@link SqlText#conditionProblem}) and the target's existing tables; only then create
 * missing target tables and copy. A batch that fails with a transient error is retried ({@link
 * Retry}); one that fails otherwise is written again row by row, each row in its own transaction,
 * and the rows that still fail go to {@link Listener#rejected} while the copy goes on. Every batch
 * commits on its own, so an interrupted copy keeps what it wrote, and running it again upserts the
 * same keys and finishes the job.
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

  private record Plan(
      TableShape shape, String where, List<UnaryOperator<Object>> masks, boolean exists) {}

  List<TableCopy> run(Request request, Listener listener) {
    Connection src = source.connection();
    Dialect from = source.dialect();
    try {
      from.beginSnapshot(src);
      List<Plan> plans = plan(src, request);
      List<TableCopy> results = new ArrayList<>();
      for (Plan plan : plans) {
        if (!plan.exists()) {
          create(plan.shape());
        }
      }
      for (Plan plan : plans) {
        results.add(copy(src, plan, request.replace(), listener));
      }
      return results;
    } catch (SQLException e) {
      throw new SynclineException(
          "cannot read " + source.maskedUrl() + ": " + RowWriter.reason(from, e), e);
    } finally {
      try {
        src.rollback();
        src.setAutoCommit(true);
      } catch (SQLException ignored) {
        // a read transaction: nothing to lose; the connection is closed after the copy anyway
      }
    }
  }

  // ---- planning: everything checked before anything is written ----

  private List<Plan> plan(Connection src, Request request) throws SQLException {
    Set<String> all = new TreeSet<>();
    for (String name : from().tables(src)) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("syncline_") && !lower.startsWith("sqlite_")) {
        all.add(name);
      }
    }
    List<String> chosen = new ArrayList<>(request.tables().isEmpty() ? all : request.tables());
    for (String table : chosen) {
      if (!all.contains(table)) {
        throw new SynclineException.Usage(
            "no table "
                + table
                + " in "
                + source.maskedUrl()
                + "; it has: "
                + (all.isEmpty() ? "no tables" : String.join(", ", all)));
      }
    }
    for (String table : request.where().keySet()) {
      if (!chosen.contains(table)) {
        throw new SynclineException.Usage(
            "--where names table " + table + ", which is not among the tables copied");
      }
    }
    List<Plan> plans = new ArrayList<>();
    for (String table : chosen) {
      TableShape shape = shape(src, table);
      List<UnaryOperator<Object>> masks = masks(shape, request.masks().table(table));
      String where = request.where().get(table);
      if (where != null) {
        String problem = SqlText.conditionProblem(where, from().lexis());
        if (problem != null) {
          throw new SynclineException.Usage("--where " + table + ":" + where + ": " + problem);
        }
        try (Statement statement = src.createStatement()) {
          statement.executeQuery(select(from(), shape) + where(where) + " AND 1 = 0").close();
        } catch (SQLException e) {
          throw new SynclineException.Usage(
              "--where "
                  + table
                  + ":"
                  + where
                  + ": the source refused it: "
                  + RowWriter.reason(from(), e));
        }
      }
      plans.add(new Plan(shape, where, masks, checkTarget(shape)));
    }
    return plans;
  }

  private Dialect from() {
    return source.dialect();
  }

  /**
   * The source table as copy moves it, read through the dialect ({@link Dialect#table}) as {@code
   * load} reads it: the key columns first, in key order, then the others in their order.
   */
  private TableShape shape(Connection src, String table) throws SQLException {
    // a table without columns (PostgreSQL allows one) has no key either
    Dialect.Table declared = from().table(src, table).orElse(null);
    if (declared == null || declared.primaryKey().isEmpty()) {
      throw new SynclineException(
          "table "
              + table
              + " has no primary key; copy upserts by primary key, so give it one or leave it out"
              + " with --tables");
    }
    Map<String, ColumnKind> kinds = new LinkedHashMap<>();
    for (Dialect.Column column : declared.columns()) {
      ColumnKind kind = ColumnKind.of(column.jdbcType(), column.typeName());
      if (kind == null) {
        throw new SynclineException(
            "table "
                + table
                + ", column "
                + column.name()
                + ": copy cannot move values of type "
                + column.typeName()
                + "; leave the table out with --tables");
      }
      kinds.put(column.name(), kind);
    }
    List<String> columns = new ArrayList<>(declared.primaryKey());
    for (String column : kinds.keySet()) {
      if (!columns.contains(column)) {
        columns.add(column);
      }
    }
    return new TableShape(
        table, columns, columns.stream().map(kinds::get).toList(), declared.primaryKey().size());
  }

  /**
   * The rules by column position (null: none); refuses a rule for a missing column and a rule the
   * column cannot take.
   */
  private static List<UnaryOperator<Object>> masks(TableShape shape, Map<String, Mask> rules) {
    List<UnaryOperator<Object>> masks =
        new ArrayList<>(java.util.Collections.nCopies(shape.columns().size(), null));
    for (Map.Entry<String, Mask> rule : rules.entrySet()) {
      String where = "copy.masks." + shape.name() + "." + rule.getKey();
      int i = shape.columns().indexOf(rule.getKey());
      if (i < 0) {
        throw new SynclineException.Usage(
            where + ": table " + shape.name() + " has no column " + rule.getKey());
      }
      ColumnKind kind = shape.kinds().get(i);
      Mask mask = rule.getValue();
      boolean key = i < shape.keyCount();
      if (key && (mask instanceof Mask.Null || mask instanceof Mask.Fixed)) {
        throw new SynclineException.Usage(
            where + ": a key column can only be masked with hash or email, which keep keys unique");
      }
      if (mask instanceof Mask.Email && kind != ColumnKind.TEXT
          || mask instanceof Mask.Hash && kind != ColumnKind.TEXT && kind != ColumnKind.INTEGER) {
        throw new SynclineException.Usage(
            where
                + ": "
                + mask.describe()
                + " needs a "
                + (mask instanceof Mask.Hash ? "text or integer" : "text")
                + " column; this one holds "
                + kind.name().toLowerCase(Locale.ROOT));
      }
      if (mask instanceof Mask.Fixed fixed) {
        // converted to the column's kind once, now, so a bad value fails before any write
        Object value = fixedValue(where, kind, fixed.value());
        masks.set(i, original -> original == null ? null : value);
      } else {
        masks.set(i, mask::apply);
      }
    }
    return masks;
  }

  private static Object fixedValue(String where, ColumnKind kind, String text) {
    try {
      return switch (kind) {
        case INTEGER -> Long.valueOf(text);
        case DECIMAL -> new BigDecimal(text);
        case BOOLEAN -> {
          if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException();
          }
          yield Boolean.valueOf(text);
        }
        case DATE -> LocalDate.parse(text).toString();
        case TIMESTAMP -> LocalDateTime.parse(text);
        case TIMESTAMPTZ -> Instant.parse(text);
        case JSON -> CanonicalJson.parse(text).canonical();
        case TEXT -> text;
      };
    } catch (RuntimeException e) {
      throw new SynclineException.Usage(
          where
              + ": the fixed value `"
              + text
              + "` is not a "
              + kind.name().toLowerCase(Locale.ROOT)
              + " value, as the column needs");
    }
  }

  /**
   * Whether the target already has the table; refuses one that lacks a column or has another
   * primary key, since rows could not be upserted into it.
   */
  private boolean checkTarget(TableShape shape) {
    return target.call(
        "cannot read table " + shape.name() + " in " + target.maskedUrl(),
        c -> {
          java.util.Optional<Dialect.Table> existing = target.dialect().table(c, shape.name());
          if (existing.isEmpty()) {
            return false;
          }
          Set<String> present = new LinkedHashSet<>();
          existing.get().columns().forEach(column -> present.add(column.name()));
          List<String> missing =
              shape.columns().stream().filter(col -> !present.contains(col)).toList();
          if (!missing.isEmpty()) {
            throw new SynclineException(
                "the target's table "
                    + shape.name()
                    + " lacks column(s) "
                    + String.join(", ", missing)
                    + "; add them, or drop the table and copy creates it; nothing was copied");
          }
          Set<String> keys = new LinkedHashSet<>(existing.get().primaryKey());
          if (!keys.equals(new LinkedHashSet<>(shape.keyColumns()))) {
            throw new SynclineException(
                "the target's table "
                    + shape.name()
                    + " has primary key ("
                    + String.join(", ", keys)
                    + ") but the source's is ("
                    + String.join(", ", shape.keyColumns())
                    + "); copy upserts by the source's key; nothing was copied");
          }
          return true;
        });
  }

  private void create(TableShape shape) {
    Dialect to = target.dialect();
    StringBuilder sql =
        new StringBuilder("CREATE TABLE ").append(to.quote(shape.name())).append(" (");
    for (int i = 0; i < shape.columns().size(); i++) {
      boolean key = i < shape.keyCount();
      sql.append(i == 0 ? "" : ", ")
          .append(to.quote(shape.columns().get(i)))
          .append(' ')
          .append(to.columnType(shape.kinds().get(i), key))
          .append(key ? " NOT NULL" : "");
    }
    sql.append(", PRIMARY KEY (");
    for (int i = 0; i < shape.keyCount(); i++) {
      sql.append(i == 0 ? "" : ", ").append(to.quote(shape.columns().get(i)));
    }
    String ddl = sql.append("))").append(to.tableOptions()).toString();
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

  private TableCopy copy(Connection src, Plan plan, boolean replace, Listener listener)
      throws SQLException {
    TableShape shape = plan.shape();
    listener.table(shape.name());
    if (replace) {
      String empty = target.dialect().emptyTable(shape.name());
      write(
          shape,
          c -> {
            try (Statement statement = c.createStatement()) {
              statement.executeUpdate(empty);
            }
          });
    }
    Dialect from = source.dialect();
    int width = shape.columns().size();
    Checksum checksum = new Checksum(shape);
    long copied = 0;
    long failed = 0;
    List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
    String sql = select(from, shape) + (plan.where() == null ? "" : where(plan.where()));
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
      write(shape, c -> to.bulkUpsert(c, shape, batch));
      return 0;
    } catch (SQLException batchFailure) {
      long refused = 0;
      for (Object[] row : batch) {
        try {
          write(shape, c -> to.bulkUpsert(c, shape, List.<Object[]>of(row)));
        } catch (SQLException e) {
          refused++;
          listener.rejected(
              shape.name(), Checksum.key(shape, row), values(shape, row), RowWriter.reason(to, e));
        }
      }
      return refused;
    }
  }

  /** Runs work in one target transaction, retried while the failure is transient. */
  private void write(TableShape shape, SqlWork work) throws SQLException {
    retry.run(
        () -> {
          Connection c = target.connection();
          c.setAutoCommit(false);
          work.run(c);
          c.commit();
          c.setAutoCommit(true);
        },
        failure -> {
          if (Retry.connectionLost(failure)) {
            target.reconnect();
            return;
          }
          Connection c = target.connection();
          try {
            c.rollback();
            c.setAutoCommit(true);
          } catch (SQLException ignored) {
            // the failure is what matters; a connection that cannot roll back is lost anyway
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
            try (ResultSet rs = statement.executeQuery(select(to, shape))) {
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
   * {@code WHERE (condition)} for a condition {@link SqlText#conditionProblem} accepted: the
   * closing parenthesis on a line of its own, so a comment at the end of the condition cannot hide
   * it.
   */
  private static String where(String condition) {
    return " WHERE (" + condition + "\n)";
  }

  private static String select(Dialect dialect, TableShape shape) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < shape.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(shape.columns().get(i)));
    }
    return sql.append(" FROM ").append(dialect.quote(shape.name())).toString();
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
