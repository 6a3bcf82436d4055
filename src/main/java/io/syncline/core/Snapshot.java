package io.syncline.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One side's records of one entity: canonical record text by key text.
 *
 * <p>The canonical text is the record's file fields with nulls left out, keys sorted (see {@link
 * Records#canonical}); equal texts mean equal records, which is how a re-sync of a million records
 * finds the few that changed without building a tree for each.
 *
 * <p>Keys keep the order they were added in: a file's records are usually in key order already, so
 * the diff's changes, listed in that order, sort in one pass instead of a million comparisons.
 */
public final class Snapshot {
  private final Map<String, String> records;

  public Snapshot() {
    this.records = new LinkedHashMap<>();
  }

  public Snapshot(int expected) {
    this.records = new LinkedHashMap<>(Math.max(16, expected * 4 / 3 + 1));
  }

  /** Adds a record; returns the text already held under that key, or null. */
  public String put(String key, String canonical) {
    return records.putIfAbsent(key, canonical);
  }

  /** Sets the record's text, replacing any held under that key. */
  public void set(String key, String canonical) {
    records.put(key, canonical);
  }

  public void remove(String key) {
    records.remove(key);
  }

  public void clear() {
    records.clear();
  }

  public String get(String key) {
    return records.get(key);
  }

  public boolean has(String key) {
    return records.containsKey(key);
  }

  public Set<String> keys() {
    return records.keySet();
  }

  public int size() {
    return records.size();
  }
}
