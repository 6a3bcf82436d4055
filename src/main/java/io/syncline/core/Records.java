package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical form of records.
 *
 * <p>A record's key is a {@link RecordKey}.
 */
public final class Records {
  private Records() {}

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
   * The record with {@code updates} applied (none: null), as canonical text. Used to follow an
   * apply without reading the sides again.
   */
  public static String withFields(Entity entity, String canonical, FieldUpdates updates) {
    if (canonical == null || updates == null || updates.isEmpty()) {
      return canonical;
    }
    Map<String, Value> fields = new LinkedHashMap<>(parse(canonical).fields());
    updates.applyTo(fields);
    return canonical(entity, new Value.Obj(fields));
  }

  /**
   * The number a record's field holds, read from its canonical text without parsing the rest (a
   * re-sync asks it of every child's base for its position); null when the field is absent or not a
   * number. {@code {"a":{"n":1},"n":2.5}} gives 2.5 for {@code n}: only the record's own fields
   * count, and a string cannot hold an unescaped quote, so {@code "n":} inside one is never taken.
   */
  public static BigDecimal number(String canonical, String field) {
    StringBuilder quoted = new StringBuilder(field.length() + 3);
    CanonicalJson.quote(field, quoted);
    String marker = quoted.append(':').toString();
    int depth = 0;
    for (int i = 0; i < canonical.length(); i++) {
      char c = canonical.charAt(i);
      if (c == '"') {
        if (depth == 1 && canonical.startsWith(marker, i)) {
          return numberAt(canonical, i + marker.length());
        }
        i = endOfString(canonical, i);
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return null;
  }

  /** The index of the quote closing the string that opens at {@code start}. */
  private static int endOfString(String text, int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return text.length();
  }

  private static BigDecimal numberAt(String text, int start) {
    int end = start;
    while (end < text.length() && "+-.0123456789eE".indexOf(text.charAt(end)) >= 0) {
      end++;
    }
    return end == start ? null : new BigDecimal(text.substring(start, end));
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
}
