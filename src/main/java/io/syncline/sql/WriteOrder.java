package io.syncline.sql;

import io.syncline.core.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which {@code apply} creates tables and writes rows, so that the foreign key from a
 * child entity's table to its parent's holds at every statement: parents before their children
 * (tables created, rows inserted and updated), and so, read backwards, children before their
 * parents (rows deleted).
 *
 * <p>Each entity goes by its depth: a root entity is 0, its child lists 1, their own children 2. A
 * stable sort by depth keeps the caller's order among entities of one depth, and puts every parent
 * before each of its children whatever order the caller gave (a rollback gives its entities in name
 * order, for instance):
 *
 * <pre>
 *   epic.tasks, country, epic, epic.tasks.checklist   →   country, epic, epic.tasks,
 *                                                         epic.tasks.checklist
 * </pre>
 */
final class WriteOrder {
  private WriteOrder() {}

  /** {@code items} (plans, schema changes) parents first, by the entity each is about. */
  static <T> List<T> parentsFirst(List<T> items, Function<T, Entity> entity) {
    List<T> ordered = new ArrayList<>(items);
    ordered.sort(Comparator.comparingInt(item -> depth(entity.apply(item))));
    return ordered;
  }

  /**
   * A number larger than the entity's parent's: a child's name is its parent's, a dot and its field
   * ({@link Entity#child}), so one more than the dots in its parent's name; a root's is 0. A name
   * may hold dots of its own (a root entity named after its file, a list field {@code a.b}): an
   * entity's depth is never more than the dots in its name, so a child's stays above its parent's.
   */
  static int depth(Entity entity) {
    if (!entity.isChild()) {
      return 0;
    }
    String parent = entity.parent().entity();
    int dots = 0;
    for (int i = 0; i < parent.length(); i++) {
      if (parent.charAt(i) == Entity.LEVEL) {
        dots++;
      }
    }
    return dots + 1;
  }
}
