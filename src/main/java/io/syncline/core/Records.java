package io.syncline.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Key extraction and the canonical form of records.
 *
 * <p>Key text, worked examples (key fields in brackets):
 *
 * <pre>
 *   [epic_key]  {"epic_key": "EP-7", ...}      → EP-7
 *   [isbn]      {"isbn": 9780262033848, ...}   → 9780262033848
 *   [a, b]      {"a": "x", "b": 2, ...}        → x,2
 *   [id]        {"name": "no id"}              → BadRecord: the record has no id
 * </pre>
 */
public final class Records {
  private Records() {}

  /** The record's key text, or a {@link BadRecord} naming what is missing. */
  public static String key(Entity entity, Value.Obj record, String origin) {
    StringBuilder key = new StringBuilder();
    for (String keyField : entity.key()) {
      Value part = record.get(keyField);
      if (part instanceof Value.Null) {
        throw new BadRecord(
            origin, entity.name(), null, keyField, "the record has no " + keyField + " (its key)");
      }
      if (key.length() > 0) {
        key.append(',');
      }
      key.append(keyPart(part));
    }
    return key.toString();
  }

  public static String keyPart(Value part) {
    return part instanceof Value.Text t ? t.value() : part.canonical();
  }

  /**
   * The record's file fields as canonical JSON, nulls and unmapped fields left out: {@code
   * {"b":null,"a":1.0,"x":"unmapped"}} with fields a, b is {@code {"a":1}}.
   */
  public static String canonical(Entity entity, Value.Obj record) {
    if (entity.fields().isEmpty()) {
      return canonicalAll(record);
    }
    StringBuilder out = new StringBuilder(128).append('{');
    boolean first = true;
    for (Field field : sortedFileFields(entity)) {
      Value value = record.get(field.name());
      if (value instanceof Value.Null) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      CanonicalJson.quote(field.name(), out);
      out.append(':');
      CanonicalJson.write(value, out);
    }
    return out.append('}').toString();
  }

  /** All fields of the record, nulls left out: for records whose fields are still being inferred. */
  public static String canonicalAll(Value.Obj record) {
    StringBuilder out = new StringBuilder(128).append('{');
    boolean first = true;
    for (Map.Entry<String, Value> field : new TreeMap<>(record.fields()).entrySet()) {
      if (field.getValue() instanceof Value.Null) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      CanonicalJson.quote(field.getKey(), out);
      out.append(':');
      CanonicalJson.write(field.getValue(), out);
    }
    return out.append('}').toString();
  }

  public static List<Field> sortedFileFields(Entity entity) {
    List<Field> fields = new ArrayList<>(entity.fileFields());
    fields.sort(Comparator.comparing(Field::name));
    return fields;
  }

  public static Value.Obj parse(String canonical) {
    return canonical == null
        ? new Value.Obj(java.util.Map.of())
        : (Value.Obj) CanonicalJson.parse(canonical);
  }

  /** Whether two canonical texts hold the same record, however the stored JSON was spelled. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(b) || CanonicalJson.parse(a).canonical().equals(CanonicalJson.parse(b).canonical());
  }

  /** Orders keys as a person would: numbers by value, other keys alphabetically. */
  public static final Comparator<String> KEY_ORDER =
      (a, b) -> {
        if (isNumber(a) && isNumber(b)) {
          int byValue = new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b));
          if (byValue != 0) {
            return byValue;
          }
        }
        return a.compareTo(b);
      };

  private static boolean isNumber(String text) {
    return !text.isEmpty() && text.length() < 40 && text.matches("-?\\d+(\\.\\d+)?");
  }
}
