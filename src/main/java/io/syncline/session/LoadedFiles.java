package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.Snapshot;
import java.util.List;

/**
 * An entity as the session last read it from its files, as {@code status} and TAB completion show
 * it: the entity (its files), its records by key, and its child lists' records.
 */
public record LoadedFiles(Entity entity, Snapshot records, List<Child> children) {
  public LoadedFiles(Entity entity, Snapshot records) {
    this(entity, records, List.of());
  }

  /**
   * One child list: its path below the entity ({@code tasks}), its table, and how many records the
   * files hold in it.
   */
  public record Child(String list, String table, int records) {}
}
