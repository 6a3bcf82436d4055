package io.syncline.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        throw BadRecord.missingKey(origin, entity.name(), keyField);
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
    return entity.fields().isEmpty()
        ? canonicalAll(record)
        : canonical(sortedFileFields(entity), record);
  }

  /** As {@link #canonical(Entity, Value.Obj)}, with the fields already sorted (for loops). */
  public static String canonical(List<Field> sortedFileFields, Value.Obj record) {
    StringBuilder out = new StringBuilder(512).append('{');
    boolean first = true;
    for (Field field : sortedFileFields) {
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

  /**
   * All fields of the record, nulls left out: for records whose fields are still being inferred.
   */
  public static String canonicalAll(Value.Obj record) {
    StringBuilder out = new StringBuilder(512).append('{');
    boolean first = true;
    for (String name : CanonicalJson.sortedNames(record)) {
      Value value = record.fields().get(name);
      if (value instanceof Value.Null) {
        continue;
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      CanonicalJson.quote(name, out);
      out.append(':');
      CanonicalJson.write(value, out);
    }
    return out.append('}').toString();
  }

  public static List<Field> sortedFileFields(Entity entity) {
    List<Field> fields = new ArrayList<>(entity.fileFields());
    fields.sort(Comparator.comparing(Field::name));
    return fields;
  }

  /**
   * The record with some fields set: {@code updates} maps field names to canonical value text, or
   * to null to empty the field. Used to follow an apply without reading the sides again.
   */
  public static String withFields(Entity entity, String canonical, Map<String, String> updates) {
    if (canonical == null || updates == null || updates.isEmpty()) {
      return canonical;
    }
    Map<String, Value> fields = new LinkedHashMap<>(parse(canonical).fields());
    updates.forEach(
        (name, text) -> fields.put(name, text == null ? Value.NULL : CanonicalJson.parse(text)));
    return canonical(entity, new Value.Obj(fields));
  }

  public static Value.Obj parse(String canonical) {
    return canonical == null ? new Value.Obj(Map.of()) : (Value.Obj) CanonicalJson.parse(canonical);
  }

  /** Whether two canonical texts hold the same record, however the stored JSON was spelled. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.equals(b)
        || CanonicalJson.parse(a).canonical().equals(CanonicalJson.parse(b).canonical());
  }

  /**
   * Orders keys as a person would: whole numbers by value ({@code 9} before {@code 10}), other keys
   * alphabetically, numbers before words. Hot: a million-record plan sorts with it.
   */
  public static final Comparator<String> KEY_ORDER =
      (a, b) -> {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
          int byLength = Integer.compare(a.length(), b.length());
          return byLength != 0 ? byLength : a.compareTo(b);
        }
        if (na != nb) {
          return na ? -1 : 1;
        }
        return a.compareTo(b);
      };

  /** Digits only, no leading zero (so that ordering by length then text is ordering by value). */
  private static boolean isNumber(String text) {
    int n = text.length();
    if (n == 0 || (text.charAt(0) == '0' && n > 1)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
