package io.syncline.core;

import java.util.List;

/**
 * What a child entity hangs from: its parent entity and the list field of the parent's records that
 * holds it. The child's key starts with the parent's key fields ({@code parentKeyFields} of them),
 * so that the child's key text starts with its parent's.
 *
 * @param entity the parent entity's name ({@code epic}; {@code epic.tasks} for a grandchild)
 * @param field the parent's list field ({@code tasks})
 * @param parentKeyFields how many of the child's leading key fields are its parent's key
 * @param levels after how many key parts each level above the child ends: {@code [1]} for a task
 *     keyed {@code [epic_key, task_key]}, {@code [1, 2]} for an item of its checklist; the key text
 *     joins those parts by {@link RecordKey#LEVEL}
 * @param reference null: the child's table holds the parent's key columns; else the column that
 *     points at the parent's row by its id ({@link ParentReference})
 * @param byId with a reference, the parent entity itself, whose table (and, for a grandchild, whose
 *     own reference) resolves the id; null without one
 */
public record ParentLink(
    String entity,
    String field,
    int parentKeyFields,
    List<Integer> levels,
    ParentReference reference,
    Entity byId) {
  public ParentLink {
    levels = List.copyOf(levels);
    if ((reference == null) != (byId == null)) {
      throw new IllegalArgumentException("a parent reference comes with its parent entity");
    }
  }

  public ParentLink(String entity, String field, int parentKeyFields, List<Integer> levels) {
    this(entity, field, parentKeyFields, levels, null, null);
  }

  /** Whether the child's table points at its parent's row by the parent's id. */
  public boolean byReference() {
    return reference != null;
  }

  /** Whether a key part follows the end of a level (and so {@link RecordKey#LEVEL}). */
  public boolean levelEndsBefore(int part) {
    return levels.contains(part);
  }
}
