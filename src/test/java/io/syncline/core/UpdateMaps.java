package io.syncline.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field updates written in a test as maps, field name to canonical text, null to remove: {@code
 * byKey(Map.of("a", Map.of("n", "5")))} is record a's field n set to 5.
 */
public final class UpdateMaps {
  private UpdateMaps() {}

  public static FieldUpdates fields(Map<String, String> fields) {
    FieldUpdates updates = new FieldUpdates();
    fields.forEach((name, text) -> updates.put(name, FieldEdit.to(text)));
    return updates;
  }

  /** One record's single field: {@code fields("n", "5")}; a null text removes it. */
  public static FieldUpdates fields(String name, String text) {
    return new FieldUpdates().put(name, FieldEdit.to(text));
  }

  /** Each record's field updates, by key, in the order given. */
  public static Map<String, FieldUpdates> byKey(Map<String, Map<String, String>> updates) {
    Map<String, FieldUpdates> byKey = new LinkedHashMap<>();
    updates.forEach((key, fields) -> byKey.put(key, fields(fields)));
    return byKey;
  }
}
