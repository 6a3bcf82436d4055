package io.syncline.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code apply} does to one entity, side by side. Maps are ordered by key; a null value in an
 * update map sets the field to null (removes it from the file).
 *
 * <p>{@code expectedDatabase} holds each updated or deleted record's text as the diff saw it, so
 * the gateway can refuse when a row moved since; files are guarded by their checksums instead.
 */
public record EntityPlan(
    Entity entity,
    Map<String, String> databaseInserts,
    Map<String, Map<String, String>> databaseUpdates,
    Map<String, String> databaseDeletes,
    Map<String, String> fileInserts,
    Map<String, Map<String, String>> fileUpdates,
    Map<String, String> fileDeletes,
    Map<String, String> expectedDatabase,
    Map<String, String> base) {

  public static EntityPlan empty(Entity entity) {
    return new EntityPlan(
        entity,
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER));
  }

  /**
   * A plan whose maps keep the order entries are added in, for a caller that adds them in key
   * order: a million-entry sorted map costs twenty comparisons per entry, this none.
   */
  public static EntityPlan inKeyOrder(Entity entity, int changes) {
    // sized for the changes, so a million inserts do not rehash their maps twenty times over
    int capacity = Math.max(16, changes * 4 / 3 + 1);
    return new EntityPlan(
        entity,
        new LinkedHashMap<>(capacity),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new HashMap<>(),
        new LinkedHashMap<>(capacity));
  }

  public boolean touchesDatabase() {
    return !databaseInserts.isEmpty() || !databaseUpdates.isEmpty() || !databaseDeletes.isEmpty();
  }

  public boolean touchesFiles() {
    return !fileInserts.isEmpty() || !fileUpdates.isEmpty() || !fileDeletes.isEmpty();
  }
}
