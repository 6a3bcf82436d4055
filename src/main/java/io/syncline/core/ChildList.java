package io.syncline.core;

import java.util.List;

/**
 * A list field of an entity's records kept as a table of its own ({@code children:} in the
 * mapping): each element of the list is a child record, diffed and applied field by field as a
 * record is. {@link Entity#child} makes the child's own entity from it.
 *
 * <p>Worked example: the epic {@code {"epic_key": "EP-7", "tasks": [{"task_key": "T1", "done":
 * false}]}} with the child list {@code tasks} keyed by {@code task_key} gives the child record
 * {@code {"epic_key": "EP-7", "task_key": "T1", "position": 1, "done": false}} of the entity {@code
 * epic.tasks}, in the table {@code framework_epics__tasks}; its key prints {@code EP-7/T1}.
 *
 * @param field the list field of the parent's records
 * @param key the fields that identify an element within its list; empty: its position does
 * @param table null: the parent's table, two underscores, the field ({@code epics__tasks}, as dlt
 *     names them)
 * @param order the field (and column) that keeps the element's place in the list
 * @param fields the elements' fields as the mapping declares them; empty: inferred
 * @param children the elements' own child lists
 * @param parent null: the table holds the parent's key columns; else the column that points at the
 *     parent's row by its id ({@code epic_id → framework_epics.id})
 */
public record ChildList(
    String field,
    List<String> key,
    String table,
    String order,
    List<Field> fields,
    List<ChildList> children,
    ParentReference parent) {
  /** The order field's name when the mapping names none. */
  public static final String DEFAULT_ORDER = "position";

  public ChildList {
    if (field == null || field.isEmpty()) {
      throw new IllegalArgumentException("a child list names its field");
    }
    key = key == null ? List.of() : List.copyOf(key);
    order = order == null ? DEFAULT_ORDER : order;
    fields = fields == null ? List.of() : List.copyOf(fields);
    children = children == null ? List.of() : List.copyOf(children);
  }

  public ChildList(
      String field,
      List<String> key,
      String table,
      String order,
      List<Field> fields,
      List<ChildList> children) {
    this(field, key, table, order, fields, children, null);
  }

  /** A child list with only its field named: keyed by position, everything else by default. */
  public static ChildList of(String field, String key) {
    return new ChildList(field, key == null ? List.of() : List.of(key), null, null, null, null);
  }

  /** Whether an element is known by its place in the list, having no key of its own. */
  public boolean positional() {
    return key.isEmpty();
  }

  public ChildList withParent(ParentReference newParent) {
    return new ChildList(field, key, table, order, fields, children, newParent);
  }

  public ChildList withChildren(List<ChildList> newChildren) {
    return new ChildList(field, key, table, order, fields, newChildren, parent);
  }

  public ChildList withFields(List<Field> newFields) {
    return new ChildList(field, key, table, order, newFields, children, parent);
  }
}
