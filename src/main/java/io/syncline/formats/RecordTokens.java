package io.syncline.formats;

import io.syncline.core.CanonicalJson;
import io.syncline.core.FieldType;
import java.math.BigDecimal;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One record read from the token stream as canonical text per field, without building a tree: the
 * hot loop of every load. For each field it keeps the canonical JSON text, the type the token
 * shows, and for strings the raw text (a key or a date is read from it).
 *
 * <p>Worked example: {@code {"id": "a", "n": 1.50, "tags": ["x"], "gone": null}} gives fields id →
 * {@code "a"} TEXT, n → {@code 1.5} DECIMAL, tags → {@code ["x"]} JSON, gone → {@code null} (type
 * null); {@link #canonical} leaves the null out and sorts the names.
 */
final class RecordTokens {
  private static final int INITIAL = 16;
  String[] names = new String[INITIAL];
  String[] texts = new String[INITIAL];
  String[] raw = new String[INITIAL];
  FieldType[] types = new FieldType[INITIAL];
  int size;
  private final StringBuilder scratch = new StringBuilder(256);

  void clear() {
    size = 0;
  }

  /** Adds or replaces (a repeated name: the last one wins, as in JSON parsers generally). */
  void put(String name, String text, String rawText, FieldType type) {
    int at = indexOf(name);
    if (at < 0) {
      if (size == names.length) {
        grow();
      }
      at = size++;
      names[at] = name;
    }
    texts[at] = text;
    raw[at] = rawText;
    types[at] = type;
  }

  int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads the fields of the object whose START_OBJECT is the current token. */
  void readFields(JsonParser parser) {
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      switch (token) {
        case VALUE_STRING -> {
          String value = parser.getString();
          put(name, quote(value), value, FieldType.ofText(value));
        }
        case VALUE_NUMBER_INT -> put(name, integer(parser), null, FieldType.INTEGER);
        case VALUE_NUMBER_FLOAT -> {
          BigDecimal value = decimal(parser);
          put(name, CanonicalJson.number(value), null, FieldType.ofNumber(value));
        }
        case VALUE_TRUE -> put(name, "true", null, FieldType.BOOLEAN);
        case VALUE_FALSE -> put(name, "false", null, FieldType.BOOLEAN);
        case VALUE_NULL -> put(name, "null", null, null);
        default -> {
          scratch.setLength(0);
          value(parser, token, scratch);
          put(name, scratch.toString(), null, FieldType.JSON);
        }
      }
    }
  }

  /**
   * The canonical record: fields sorted by name, nulls left out; with {@code only} given, just
   * those fields (the mapping's file fields, sorted).
   */
  String canonical(String[] only) {
    StringBuilder out = new StringBuilder(64 + 32 * size).append('{');
    boolean first = true;
    if (only != null) {
      for (String name : only) {
        int at = indexOf(name);
        if (at >= 0 && types[at] != null) {
          first = field(out, at, first);
        }
      }
    } else {
      Integer[] order = new Integer[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
      for (int at : order) {
        if (types[at] != null) {
          first = field(out, at, first);
        }
      }
    }
    return out.append('}').toString();
  }

  private boolean field(StringBuilder out, int at, boolean first) {
    if (!first) {
      out.append(',');
    }
    CanonicalJson.quote(names[at], out);
    out.append(':').append(texts[at]);
    return false;
  }

  /** Any value as canonical JSON; objects' members sorted by name. */
  private static void value(JsonParser parser, JsonToken token, StringBuilder out) {
    switch (token) {
      case VALUE_STRING -> CanonicalJson.quote(parser.getString(), out);
      case VALUE_NUMBER_INT -> out.append(integer(parser));
      case VALUE_NUMBER_FLOAT -> out.append(CanonicalJson.number(decimal(parser)));
      case VALUE_TRUE -> out.append("true");
      case VALUE_FALSE -> out.append("false");
      case START_ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonToken item = parser.nextToken();
            item != JsonToken.END_ARRAY;
            item = parser.nextToken()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          value(parser, item, out);
        }
        out.append(']');
      }
      case START_OBJECT -> {
        java.util.TreeMap<String, String> members = new java.util.TreeMap<>();
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          StringBuilder member = new StringBuilder();
          value(parser, parser.nextToken(), member);
          members.put(name, member.toString());
        }
        out.append('{');
        boolean first = true;
        for (var member : members.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          CanonicalJson.quote(member.getKey(), out);
          out.append(':').append(member.getValue());
        }
        out.append('}');
      }
      default -> out.append("null");
    }
  }

  private static String integer(JsonParser parser) {
    return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
        ? parser.getBigIntegerValue().toString()
        : Long.toString(parser.getLongValue());
  }

  private static BigDecimal decimal(JsonParser parser) {
    if (parser.isNaN()) {
      throw new NumberFormatException("not a number: " + parser.getString());
    }
    return parser.getDecimalValue();
  }

  private static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    CanonicalJson.quote(value, out);
    return out.toString();
  }

  private void grow() {
    int n = names.length * 2;
    names = Arrays.copyOf(names, n);
    texts = Arrays.copyOf(texts, n);
    raw = Arrays.copyOf(raw, n);
    types = Arrays.copyOf(types, n);
  }
}
