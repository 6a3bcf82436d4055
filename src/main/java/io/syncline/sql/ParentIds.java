package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.ParentLink;
import io.syncline.core.ParentReference;
import io.syncline.core.SynclineException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The SQL of a child table that points at its parent's row by the parent's id ({@link
 * ParentReference}) instead of holding the parent's key: its records keep the parent's key fields,
 * which are read through the parent's table and written as the id the parent's key finds there, in
 * the statement itself, so that a parent inserted earlier in the same transaction is found. Worked
 * example, tasks whose {@code epic_id} refers to {@code framework_epics.id}:
 *
 * <pre>
 *   read      SELECT (SELECT p1."epic_key" FROM "framework_epics" p1
 *                     WHERE p1."id" = "framework_tasks"."epic_id"), "task_key", ...
 *             FROM "framework_tasks"
 *   key       WHERE "framework_tasks"."epic_id" = (SELECT p1."id" FROM "framework_epics" p1
 *                     WHERE p1."epic_key" = ?) AND "framework_tasks"."task_key" = ?
 *   insert    INSERT INTO "framework_tasks" ("epic_id", "task_key", ...)
 *             VALUES ((SELECT p1."id" FROM "framework_epics" p1 WHERE p1."epic_key" = ?), ?, ...)
 * </pre>
 *
 * A grandchild whose parent points at its own parent by id nests one subquery in the other. The
 * parameters are the record's key fields in key order, as for a table holding the key columns.
 */
final class ParentIds {
  private ParentIds() {}

  /** Whether the entity's table points at its parent's row by id. */
  static boolean byReference(Entity entity) {
    return entity.isChild() && entity.parent().byReference();
  }

  /** Whether {@code field} is one of the parent's key fields, which the table holds as an id. */
  static boolean resolved(Entity entity, Field field) {
    return parentKeyIndex(entity, field.name()) >= 0;
  }

  private static int parentKeyIndex(Entity entity, String fieldName) {
    if (!byReference(entity)) {
      return -1;
    }
    int k = entity.key().indexOf(fieldName);
    return k < entity.parent().parentKeyFields() ? k : -1;
  }

  /** What a row's field is selected as: its column, or the parent's key read through the id. */
  static String select(Dialect dialect, Entity entity, Field field) {
    return byReference(entity)
        ? selectIn(dialect, entity, field, dialect.quote(entity.table()))
        : dialect.quote(field.column());
  }

  private static String selectIn(Dialect dialect, Entity entity, Field field, String table) {
    int k = parentKeyIndex(entity, field.name());
    if (k < 0) {
      return table + '.' + dialect.quote(field.column());
    }
    ParentLink link = entity.parent();
    Entity parent = link.byId();
    String alias = alias(parent);
    return "(SELECT "
        + selectIn(dialect, parent, RowBinder.keyField(parent, k), alias)
        + " FROM "
        + dialect.quote(parent.table())
        + ' '
        + alias
        + " WHERE "
        + alias
        + '.'
        + dialect.quote(link.reference().references())
        + " = "
        + table
        + '.'
        + dialect.quote(link.reference().column())
        + ')';
  }

  /** {@code "a" = ? AND "b" = ?}, the parent's key found through the id for such a table. */
  static String keyCondition(Dialect dialect, Entity entity) {
    return keyCondition(
        dialect, entity, byReference(entity) ? dialect.quote(entity.table()) : null);
  }

  private static String keyCondition(Dialect dialect, Entity entity, String table) {
    String prefix = table == null ? "" : table + '.';
    List<String> parts = new ArrayList<>();
    int from = 0;
    if (byReference(entity)) {
      parts.add(
          prefix
              + dialect.quote(entity.parent().reference().column())
              + " = "
              + id(dialect, entity));
      from = entity.parent().parentKeyFields();
    }
    for (int k = from; k < entity.key().size(); k++) {
      parts.add(prefix + dialect.quote(RowBinder.keyField(entity, k).column()) + " = ?");
    }
    return String.join(" AND ", parts);
  }

  /** {@code (SELECT p1."id" FROM "framework_epics" p1 WHERE p1."epic_key" = ?)} */
  static String id(Dialect dialect, Entity entity) {
    return "(" + idQuery(dialect, entity) + ")";
  }

  /** {@code SELECT p1."id" FROM "framework_epics" p1 WHERE p1."epic_key" = ?} */
  static String idQuery(Dialect dialect, Entity entity) {
    Entity parent = entity.parent().byId();
    String alias = alias(parent);
    return "SELECT "
        + alias
        + '.'
        + dialect.quote(entity.parent().reference().references())
        + " FROM "
        + dialect.quote(parent.table())
        + ' '
        + alias
        + " WHERE "
        + keyCondition(dialect, parent, alias);
  }

  /** An alias of a parent's table, one per level, so that nested subqueries never mix them. */
  private static String alias(Entity parent) {
    return "p" + (WriteOrder.depth(parent) + 1);
  }

  /**
   * The fields an insert binds, in that order: for a table pointing at its parent by id, the
   * parent's key fields first, in key order, since one subquery takes them all.
   */
  static List<Field> insertOrder(Entity entity, List<Field> fields) {
    if (!byReference(entity)) {
      return fields;
    }
    List<Field> ordered = new ArrayList<>();
    for (int k = 0; k < entity.parent().parentKeyFields(); k++) {
      ordered.add(RowBinder.keyField(entity, k));
    }
    fields.stream().filter(f -> !resolved(entity, f)).forEach(ordered::add);
    return ordered;
  }

  /** {@code "a", "b"}: the columns an insert of {@link #insertOrder} fields names. */
  static String insertColumns(Dialect dialect, Entity entity, List<Field> ordered) {
    List<String> columns = new ArrayList<>();
    if (byReference(entity)) {
      columns.add(dialect.quote(entity.parent().reference().column()));
    }
    ordered.stream()
        .filter(f -> !resolved(entity, f))
        .forEach(f -> columns.add(dialect.quote(f.column())));
    return String.join(", ", columns);
  }

  /** {@code (?, ?)}: one inserted row's values, the id found by the parent's key first. */
  static String insertRow(Dialect dialect, Entity entity, List<Field> ordered) {
    List<String> values = new ArrayList<>();
    if (byReference(entity)) {
      values.add(id(dialect, entity));
    }
    ordered.stream().filter(f -> !resolved(entity, f)).forEach(f -> values.add("?"));
    return "(" + String.join(", ", values) + ")";
  }

  /**
   * Refuses a reference the tables cannot hold: the child table without the column the mapping
   * names, or the parent's table without its id column. A child table that does not exist is not
   * refused here (it reads as empty).
   */
  static void refuseMissing(Connection connection, Dialect dialect, Entity entity)
      throws SQLException {
    if (!byReference(entity)) {
      return;
    }
    ParentReference reference = entity.parent().reference();
    Entity parent = entity.parent().byId();
    Optional<Set<String>> columns = dialect.columns(connection, entity.table());
    if (columns.isPresent() && !columns.get().contains(reference.column())) {
      throw new SynclineException(
          "entity "
              + entity.name()
              + ": table "
              + entity.table()
              + " has no column "
              + reference.column()
              + ", which its mapping's parent: names as holding the "
              + parent.name()
              + "'s id; name the column that does (parent: {column: C, references: "
              + reference.references()
              + "}), or leave parent: out to keep "
              + String.join(", ", parent.key())
              + " in the table");
    }
    Optional<Set<String>> parentColumns = dialect.columns(connection, parent.table());
    if (parentColumns.isPresent() && !parentColumns.get().contains(reference.references())) {
      throw new SynclineException(
          "entity "
              + entity.name()
              + ": the parent's table "
              + parent.table()
              + " has no column "
              + reference.references()
              + ", which its mapping's parent: names as the "
              + parent.name()
              + "'s id; name the id column of "
              + parent.table()
              + " (parent: {column: "
              + reference.column()
              + ", references: ID})");
    }
  }
}
