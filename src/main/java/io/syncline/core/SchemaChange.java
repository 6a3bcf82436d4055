package io.syncline.core;

import java.util.List;

/** A table or columns that {@code apply} creates before it writes rows. */
public record SchemaChange(Entity entity, boolean newTable, List<Field> columns) {
  public String describe() {
    String names = String.join(", ", columns.stream().map(Field::column).toList());
    return newTable
        ? "create table " + entity.table() + " (" + names + ")"
        : "add to table " + entity.table() + ": " + names;
  }
}
