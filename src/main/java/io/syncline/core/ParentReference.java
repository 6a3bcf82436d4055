package io.syncline.core;

/**
 * How a child table points at its parent's row when it does not hold the parent's key: by the
 * parent's surrogate id ({@code parent: {column: epic_id, references: id}} in the mapping). The
 * child's records still carry the parent's key fields, as every child record does; the table holds
 * the id in their place, read back through the parent's table and written from it on apply.
 *
 * <p>Worked example: {@code framework_tasks.epic_id → framework_epics.id}. The task {@code EP-7/T3}
 * reads its {@code epic_key} from the epic whose {@code id} its {@code epic_id} holds; inserted, it
 * gets as {@code epic_id} the {@code id} of the epic keyed {@code EP-7}, whose row the same apply
 * may have just inserted.
 *
 * @param column the child table's column holding the parent row's id ({@code epic_id})
 * @param references the parent table's id column ({@code id}), which the database fills
 */
public record ParentReference(String column, String references) {
  public ParentReference {
    if (column == null || column.isEmpty() || references == null || references.isEmpty()) {
      throw new IllegalArgumentException("a parent reference names its column and the parent's");
    }
  }
}
