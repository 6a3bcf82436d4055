package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Mask;
import io.syncline.core.SynclineException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What {@link Copy} will do, worked out and checked before anything is written: the tables chosen
 * (Syncline's own and the database's own left out), each table's shape from the source's metadata,
 * its masks (each rule checked against its column), its {@code --where} condition (one expression,
 * {@link SqlText#conditionProblem}, and one the source accepts), and whether the target has the
 * table already with the columns and primary key rows can be upserted into. Any problem is thrown
 * as {@link SynclineException} (a {@link SynclineException.Usage} for a bad request), so bad input
 * changes nothing.
 */
final class CopyPlan {
  /**
   * One table as copy moves it: its shape, its {@code --where} condition (null: every row), a mask
   * per column position (null: the value as it is), whether the target has it already, and whether
   * another table references it ({@link CopyOrder#referenced}).
   */
  record Table(
      TableShape shape,
      String where,
      List<UnaryOperator<Object>> masks,
      boolean exists,
      boolean referenced) {
    /** The SELECT of the rows to copy, in the dialect of the source. */
    String selectRows(Dialect dialect) {
      return select(dialect, shape) + (where == null ? "" : CopyPlan.where(where));
    }
  }

  private final Connection src;
  private final Database source;
  private final Database target;

  private CopyPlan(Connection src, Database source, Database target) {
    this.src = src;
    this.source = source;
    this.target = target;
  }

  /**
   * The plan of each table the request copies, parents before children ({@link CopyOrder}); reads
   * on {@code src}; tells {@code notices} what happens to foreign keys left out.
   */
  static List<Table> of(
      Connection src,
      Database source,
      Database target,
      Copy.Request request,
      Consumer<String> notices)
      throws SQLException {
    return new CopyPlan(src, source, target).tables(request, notices);
  }

  private List<Table> tables(Copy.Request request, Consumer<String> notices) throws SQLException {
    Set<String> all = new TreeSet<>();
    for (String name : from().tables(src)) {
      if (!name.toLowerCase(Locale.ROOT).startsWith("syncline_") && !from().systemTable(name)) {
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
    List<Table> plans = new ArrayList<>();
    CopyOrder order = CopyOrder.of(from(), src, chosen, all, this::inTarget, notices);
    for (String table : order.tables()) {
      TableShape shape = shape(table);
      List<UnaryOperator<Object>> masks = masks(shape, request.masks().table(table));
      String where = request.where().get(table);
      if (where != null) {
        checkWhere(shape, where);
      }
      plans.add(new Table(shape, where, masks, checkTarget(shape), order.referenced(table)));
    }
    return plans;
  }

  private Dialect from() {
    return source.dialect();
  }

  /** Refuses a condition that is not one expression, or that the source does not accept. */
  private void checkWhere(TableShape shape, String where) {
    String table = shape.name();
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
              + SqlExceptionTranslator.reason(from(), e));
    }
  }

  /**
   * The source table as copy moves it, read through the dialect ({@link Dialect#table}) as {@code
   * load} reads it: the key columns first, in key order, then the others in their order.
   */
  private TableShape shape(String table) throws SQLException {
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
        new ArrayList<>(Collections.nCopies(shape.columns().size(), null));
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

  private boolean inTarget(String table) {
    return target.call(
        "cannot read table " + table + " in " + target.maskedUrl(),
        c -> target.dialect().table(c, table).isPresent());
  }

  /**
   * Whether the target already has the table; refuses one that lacks a column or has another
   * primary key, since rows could not be upserted into it.
   */
  private boolean checkTarget(TableShape shape) {
    return target.call(
        "cannot read table " + shape.name() + " in " + target.maskedUrl(),
        c -> {
          Optional<Dialect.Table> existing = target.dialect().table(c, shape.name());
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

  /**
   * {@code WHERE (condition)} for a condition {@link SqlText#conditionProblem} accepted: the
   * closing parenthesis on a line of its own, so a comment at the end of the condition cannot hide
   * it.
   */
  private static String where(String condition) {
    return " WHERE (" + condition + "\n)";
  }

  /** {@code SELECT "k", "v" FROM "t"}: every column of the shape, in its order. */
  static String select(Dialect dialect, TableShape shape) {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < shape.columns().size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(shape.columns().get(i)));
    }
    return sql.append(" FROM ").append(dialect.quote(shape.name())).toString();
  }
}
