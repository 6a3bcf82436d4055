package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.SchemaChange;
import java.util.List;

/**
 * What {@code load} read: the entity as it now stands, its records and files, the schema changes
 * the next apply makes for it, and its child lists' records.
 */
public record LoadResult(
    Entity entity, int records, int files, List<SchemaChange> schema, List<Child> children) {

  public LoadResult(Entity entity, int records, int files, List<SchemaChange> schema) {
    this(entity, records, files, schema, List.of());
  }

  /**
   * One child list as loaded.
   *
   * @param list its path below the entity: {@code tasks}, {@code tasks.checklist}
   * @param key the elements' key fields within their list; empty: their place in it
   * @param guessed whether the load guessed the key ({@code --children tasks} without one)
   */
  public record Child(String list, String table, int records, List<String> key, boolean guessed) {}
}
