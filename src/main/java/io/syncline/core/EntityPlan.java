package io.syncline.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code apply} does to one entity, side by side. Maps are keyed by {@link RecordKey} text and
 * ordered by key; an updated record's {@link FieldUpdates} say which fields it sets and which it
 * removes.
 *
 * <p>{@code expectedDatabase} holds each updated or deleted record's text as the diff saw it, so
 * the gateway can refuse when a row moved since; files are guarded by their checksums instead.
 *
 * <p>Inserts and bases are {@link RecordMap}s: a diff's whole runs of {@link Inserts} go in as they
 * are ({@link #take}), the rest one by one.
 */
public record EntityPlan(
    Entity entity,
    RecordMap databaseInserts,
    Map<String, FieldUpdates> databaseUpdates,
    Map<String, String> databaseDeletes,
    RecordMap fileInserts,
    Map<String, FieldUpdates> fileUpdates,
    Map<String, String> fileDeletes,
    Map<String, String> expectedDatabase,
    RecordMap base) {

  public static EntityPlan empty(Entity entity) {
    return new EntityPlan(
        entity,
        new RecordMap(new TreeMap<>(RecordKey.ORDER)),
        new TreeMap<>(RecordKey.ORDER),
        new TreeMap<>(RecordKey.ORDER),
        new RecordMap(new TreeMap<>(RecordKey.ORDER)),
        new TreeMap<>(RecordKey.ORDER),
        new TreeMap<>(RecordKey.ORDER),
        new TreeMap<>(RecordKey.ORDER),
        new RecordMap(new TreeMap<>(RecordKey.ORDER)));
  }

  /**
   * A plan whose maps keep the order entries are added in, for a caller that adds them in key
   * order: a million-entry sorted map costs twenty comparisons per entry, this none.
   */
  public static EntityPlan inKeyOrder(Entity entity) {
    return new EntityPlan(
        entity,
        new RecordMap(new LinkedHashMap<>()),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new RecordMap(new LinkedHashMap<>()),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new HashMap<>(),
        new RecordMap(new LinkedHashMap<>()));
  }

  /** Takes every insert of {@code run}: each row or record is inserted, and is its own base. */
  public void take(Inserts run) {
    (run.direction() == Direction.TO_DATABASE ? databaseInserts : fileInserts).add(run);
    base.add(run);
  }

  /** Whether {@link #take} took {@code run}. */
  public boolean took(Inserts run) {
    return databaseInserts.holds(run) || fileInserts.holds(run);
  }

  public boolean touchesDatabase() {
    return !databaseInserts.isEmpty() || !databaseUpdates.isEmpty() || !databaseDeletes.isEmpty();
  }

  public boolean touchesFiles() {
    return !fileInserts.isEmpty() || !fileUpdates.isEmpty() || !fileDeletes.isEmpty();
  }
}
