package io.syncline.sql;

import io.syncline.core.SynclineException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The order {@code copy} writes tables in, from the source's foreign keys ({@code
 * DatabaseMetaData.getImportedKeys}): a table after every table it references, so that a target
 * whose foreign keys hold never sees a child row before its parent. Emptying for {@code --replace}
 * runs the other way, children first.
 *
 * <p>Worked example, {@code tasks.epic_id → epics.id} and {@code notes.task_id → tasks.id}, tables
 * chosen {@code notes, tasks, epics} (by name): copied {@code epics, tasks, notes}.
 *
 * <ul>
 *   <li>A table that references itself ({@code employees.manager_id → employees.id}) is copied as
 *       any other: its rows in the source's order, so a row whose parent row comes in a later batch
 *       is refused by a target that checks the key, and goes to the dead letters. Said before
 *       copying.
 *   <li>Tables that reference each other in a cycle keep their order among themselves, after the
 *       tables they reference; said before copying, as the self-reference is.
 *   <li>A chosen table whose parent is not chosen: when the target has the parent table, its rows
 *       must find their parents there (said); when it has not, the copy is refused before anything
 *       is written, naming the parent and how to add it.
 *   <li>A chosen parent whose children are not chosen: the target's children are left as they are
 *       (said).
 * </ul>
 */
final class CopyOrder {
  private final List<String> tables;
  private final Set<String> parents;

  private CopyOrder(List<String> tables, Set<String> parents) {
    this.tables = List.copyOf(tables);
    this.parents = Set.copyOf(parents);
  }

  /** The chosen tables, each after the tables it references. */
  List<String> tables() {
    return tables;
  }

  /**
   * Whether a table of the source references this one: emptying it takes a {@code DELETE}, since
   * PostgreSQL refuses to {@code TRUNCATE} a table another table's foreign key references.
   */
  boolean referenced(String table) {
    return parents.contains(table);
  }

  /**
   * The chosen tables in the order to copy them (from every table of the source, {@code all}, to
   * find the children left out). Refuses a table whose parent is neither chosen nor in the target;
   * tells {@code notices}, one line each, what happens to the other loose ends.
   *
   * @param inTarget whether the target has a table of that name
   */
  static CopyOrder of(
      Dialect dialect,
      Connection src,
      List<String> chosen,
      Set<String> all,
      Predicate<String> inTarget,
      Consumer<String> notices)
      throws SQLException {
    Map<String, List<Dialect.ForeignKey>> references = new LinkedHashMap<>();
    for (String table : all) {
      references.put(table, dialect.foreignKeys(src, table));
    }
    checkParents(chosen, references, inTarget, notices);
    tellChildrenLeftOut(chosen, references, notices);
    Set<String> parents = new LinkedHashSet<>();
    references.values().forEach(keys -> keys.forEach(key -> parents.add(key.parent())));
    return new CopyOrder(sorted(chosen, references, notices), parents);
  }

  /** Refuses a chosen table whose parent is not chosen and not in the target; tells the rest. */
  private static void checkParents(
      List<String> chosen,
      Map<String, List<Dialect.ForeignKey>> references,
      Predicate<String> inTarget,
      Consumer<String> notices) {
    for (String table : chosen) {
      for (Dialect.ForeignKey reference : references.get(table)) {
        if (chosen.contains(reference.parent())) {
          continue;
        }
        if (!inTarget.test(reference.parent())) {
          throw new SynclineException.Usage(
              "table "
                  + table
                  + " references "
                  + reference.parent()
                  + " ("
                  + describe(reference)
                  + "), which is not copied and not in the target, so its rows would refer to"
                  + " nothing; copy it too: --tables "
                  + String.join(",", withParent(chosen, reference.parent()))
                  + "; nothing was copied");
        }
        notices.accept(
            "table "
                + table
                + " is copied without "
                + reference.parent()
                + " ("
                + describe(reference)
                + "): its rows must find their parent in the target's "
                + reference.parent()
                + "; a row that does not is refused and goes to the dead-letter file");
      }
    }
  }

  private static List<String> withParent(List<String> chosen, String parent) {
    List<String> tables = new ArrayList<>();
    tables.add(parent);
    tables.addAll(chosen);
    return tables;
  }

  private static void tellChildrenLeftOut(
      List<String> chosen,
      Map<String, List<Dialect.ForeignKey>> references,
      Consumer<String> notices) {
    Map<String, Set<String>> childrenLeftOut = new LinkedHashMap<>();
    references.forEach(
        (table, found) -> {
          for (Dialect.ForeignKey reference : found) {
            if (!chosen.contains(table) && chosen.contains(reference.parent())) {
              childrenLeftOut
                  .computeIfAbsent(reference.parent(), p -> new LinkedHashSet<>())
                  .add(table);
            }
          }
        });
    childrenLeftOut.forEach(
        (parent, children) ->
            notices.accept(
                "table "
                    + parent
                    + " is copied without "
                    + String.join(", ", children)
                    + ", which reference it: the target's "
                    + String.join(", ", children)
                    + " are left as they are; add them to --tables to copy them too"));
  }

  /**
   * Parents first (Kahn's algorithm, ties kept in the chosen order); tables in a cycle keep the
   * chosen order among themselves.
   */
  private static List<String> sorted(
      List<String> chosen,
      Map<String, List<Dialect.ForeignKey>> references,
      Consumer<String> notices) {
    List<String> placed = new ArrayList<>();
    List<String> waiting = new ArrayList<>(chosen);
    while (!waiting.isEmpty()) {
      String next = null;
      for (String table : waiting) {
        if (parentsPlaced(table, references, placed, waiting)) {
          next = table;
          break;
        }
      }
      if (next == null) {
        notices.accept(
            "tables "
                + String.join(", ", waiting)
                + " reference each other in a cycle (or a table in one), so no order puts every"
                + " parent first: they are copied in this order, and a row whose parent is not in"
                + " the target yet is refused and goes to the dead-letter file; run the copy again"
                + " to add those");
        placed.addAll(waiting);
        break;
      }
      placed.add(next);
      waiting.remove(next);
    }
    for (String table : placed) {
      for (Dialect.ForeignKey reference : references.get(table)) {
        if (reference.parent().equals(table)) {
          notices.accept(
              "table "
                  + table
                  + " references itself ("
                  + describe(reference)
                  + "): a row whose parent row is not written yet is refused and goes to the"
                  + " dead-letter file; run the copy again to add those");
        }
      }
    }
    return placed;
  }

  private static boolean parentsPlaced(
      String table,
      Map<String, List<Dialect.ForeignKey>> references,
      List<String> placed,
      List<String> waiting) {
    for (Dialect.ForeignKey reference : references.get(table)) {
      String parent = reference.parent();
      if (!parent.equals(table) && waiting.contains(parent) && !placed.contains(parent)) {
        return false;
      }
    }
    return true;
  }

  /** {@code tasks.epic_id → epics.id}; {@code t(a, b) → p(x, y)} for a compound key. */
  static String describe(Dialect.ForeignKey key) {
    return side(key.table(), key.columns()) + " → " + side(key.parent(), key.parentColumns());
  }

  private static String side(String table, List<String> columns) {
    if (columns.stream().anyMatch(Objects::isNull)) {
      return table; // SQLite's REFERENCES p, to the parent's primary key
    }
    return columns.size() == 1
        ? table + "." + columns.get(0)
        : table + "(" + String.join(", ", columns) + ")";
  }
}
