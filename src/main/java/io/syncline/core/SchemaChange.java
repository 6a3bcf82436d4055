package io.syncline.core;

import java.util.List;

/**
 * A table or columns that {@code apply} creates before it writes rows.
 *
 * @param parent for a new table of a child entity ({@link Entity#child}), the entity it hangs from:
 *     the new table gets a foreign key from its parent key columns to that entity's table; null
 *     otherwise, and for a child table that exists already (it is used as it is)
 */
public record SchemaChange(Entity entity, boolean newTable, List<Field> columns, Entity parent) {
  public SchemaChange {
    columns = List.copyOf(columns);
    if (parent != null && !(newTable && entity.isChild())) {
      throw new IllegalArgumentException("only a new child table refers to its parent");
    }
  }

  public SchemaChange(Entity entity, boolean newTable, List<Field> columns) {
    this(entity, newTable, columns, null);
  }

  public String describe() {
    String names = String.join(", ", columns.stream().map(Field::column).toList());
    return newTable
        ? "create table "
            + entity.table()
            + " ("
            + names
            + ")"
            + (parent == null ? "" : " with a foreign key to " + parent.table())
        : "add to table " + entity.table() + ": " + names;
  }
}
