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

  /** How many levels above the entity: 0 for a root, 1 for its child lists, 2 below those. */
  static int depth(Entity entity) {
    return entity.isChild() ? entity.parent().levels().size() : 0;
  }
}
