package io.syncline.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code apply} does to one entity, side by side. Maps are ordered by key; a null value in an
 * update map sets the field to null (removes it from the file).
 *
 * <p>{@code expectedDatabase} and {@code expectedFile} hold each touched record's text as the diff
 * saw it (null: absent), so the adapters can refuse when a side moved since.
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
    Map<String, String> expectedFile,
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
        new TreeMap<>(Records.KEY_ORDER),
        new TreeMap<>(Records.KEY_ORDER));
  }

  public boolean touchesDatabase() {
    return !databaseInserts.isEmpty() || !databaseUpdates.isEmpty() || !databaseDeletes.isEmpty();
  }

  public boolean touchesFiles() {
    return !fileInserts.isEmpty() || !fileUpdates.isEmpty() || !fileDeletes.isEmpty();
  }

  public int databaseRows() {
    return databaseInserts.size() + databaseUpdates.size() + databaseDeletes.size();
  }

  public int fileRecords() {
    return fileInserts.size() + fileUpdates.size() + fileDeletes.size();
  }
}
