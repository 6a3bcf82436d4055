package io.syncline.formats;

import io.syncline.core.CanonicalJson;
import io.syncline.core.FieldType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * One record read from the token stream as canonical text per field, without building a tree: the
 * hot loop of every load. For each field it keeps the canonical JSON text, the type the token
 * shows, and for strings of key fields the raw text (the key is made of it).
 *
 * <p>Worked example: {@code {"id": "a", "n": 1.50, "tags": ["x"], "gone": null}} gives fields id →
 * {@code "a"} TEXT, n → {@code 1.5} DECIMAL, tags → {@code ["x"]} JSON, gone → {@code null} (type
 * null); {@link #canonical} leaves the null out and sorts the names.
 *
 * <p>The canonical texts of one record's fields sit back to back in one buffer, and the sorted
 * order of the names is kept from one record to the next while the names stay the same: a million
 * records of ten fields would otherwise cost ten million small strings and a million sorts.
 */
final class RecordTokens {
  private static final int INITIAL = 16;
  String[] names = new String[INITIAL];
  String[] raw = new String[INITIAL];
  FieldType[] types = new FieldType[INITIAL];
  private int[] starts = new int[INITIAL];
  private int[] ends = new int[INITIAL];
  int size;
  private final StringBuilder values = new StringBuilder(512);
  private final StringBuilder record = new StringBuilder(512);
  private char[] scratch = new char[512];
  private final List<String> rawKept;
  // The last order found for the members of an object written out of order, and their names.
  private String[] memberNames = new String[0];
  private int[] memberOrder = new int[0];
  private char[] members = new char[512];
  private String[] sortedFor = new String[0];
  private int[] sorted = new int[0];
  // Each slot's name as the record text spells it ("name":), and the name it was made for: a
  // million records of ten fields would otherwise quote ten million names.
  private String[] quoted = new String[INITIAL];
  private String[] quotedFor = new String[INITIAL];

  /** {@code rawKept}: the fields whose string values are also kept as they are (the key fields). */
  RecordTokens(List<String> rawKept) {
    this.rawKept = rawKept;
  }

  void clear() {
    size = 0;
    values.setLength(0);
  }

  /** The canonical text of field {@code at}. */
  String text(int at) {
    return values.substring(starts[at], ends[at]);
  }

  /**
   * A member name given twice in one object of a record: refused, since parsers disagree on which
   * one counts (most keep the last, silently).
   */
  static final class RepeatedMember extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The repeated name, and the record's field it is inside (null: a field of the record). */
    final String name;

    final String field;

    RepeatedMember(String name, String field) {
      super(null, null, false, false);
      this.name = name;
      this.field = field;
    }
  }

  /**
   * Adds the field whose canonical text was appended to the buffer from {@code start} on, or
   * replaces it (a MAP layout's key field, given again inside the record).
   */
  void put(String name, int start, String rawText, FieldType type) {
    put(indexOf(name), name, start, rawText, type);
  }

  /** {@link #put(String, int, String, FieldType)} into slot {@code at}, or a new one when -1. */
  private void put(int at, String name, int start, String rawText, FieldType type) {
    if (at < 0) {
      if (size == names.length) {
        grow();
      }
      at = size++;
      names[at] = name;
    }
    starts[at] = start;
    ends[at] = values.length();
    raw[at] = rawText;
    types[at] = type;
  }

  /** Adds a field from its raw string (a MAP layout's member name). */
  void putString(String name, String value) {
    int start = values.length();
    CanonicalJson.quote(value, values);
    put(name, start, value, FieldType.TEXT);
  }

  int indexOf(String name) {
    // The parser hands out one String per distinct name, so the same name is usually the same
    // object: compare identities first.
    for (int i = 0; i < size; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Reads the fields of the object whose START_OBJECT is the current token. */
  void readFields(JsonParser parser) {
    // Fields put before (a MAP layout's key, from the member name) may be given again.
    int fromFile = size;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      int at = indexOf(name);
      if (at >= fromFile) {
        throw new RepeatedMember(name, null);
      }
      JsonToken token = parser.nextToken();
      int start = values.length();
      switch (token) {
        case VALUE_STRING -> {
          CanonicalJson.quote(
              parser.getStringCharacters(),
              parser.getStringOffset(),
              parser.getStringLength(),
              values);
          // an escaped string is never a date, so the quoted text can be checked as it stands
          FieldType type = FieldType.ofText(values, start + 1, values.length() - 1);
          put(at, name, start, rawKept.contains(name) ? parser.getString() : null, type);
        }
        case VALUE_NUMBER_INT -> {
          integer(parser, values);
          put(at, name, start, null, FieldType.INTEGER);
        }
        case VALUE_NUMBER_FLOAT -> put(at, name, start, null, decimal(parser, values));
        case VALUE_TRUE -> {
          values.append("true");
          put(at, name, start, null, FieldType.BOOLEAN);
        }
        case VALUE_FALSE -> {
          values.append("false");
          put(at, name, start, null, FieldType.BOOLEAN);
        }
        case VALUE_NULL -> {
          values.append("null");
          put(at, name, start, null, null);
        }
        default -> {
          try {
            value(parser, token, values);
          } catch (RepeatedMember e) {
            throw new RepeatedMember(e.name, name);
          }
          put(at, name, start, null, FieldType.JSON);
        }
      }
    }
  }

  /**
   * The canonical record: fields sorted by name, nulls left out; with {@code only} given, just
   * those fields (the mapping's file fields, sorted). The text is this reader's buffer, good until
   * the next record: the snapshot copies it.
   */
  CharSequence canonical(String[] only) {
    StringBuilder out = record;
    out.setLength(0);
    out.append('{');
    boolean first = true;
    if (only != null) {
      for (String name : only) {
        int at = indexOf(name);
        if (at >= 0 && types[at] != null) {
          first = field(out, at, first);
        }
      }
    } else {
      for (int at : sortedOrder()) {
        if (types[at] != null) {
          first = field(out, at, first);
        }
      }
    }
    return out.append('}');
  }

  /** The field indexes by name; sorted again only when the names differ from the last record's. */
  private int[] sortedOrder() {
    if (size == sortedFor.length && Arrays.equals(names, 0, size, sortedFor, 0, size)) {
      return sorted;
    }
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
    sortedFor = Arrays.copyOf(names, size);
    sorted = Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    return sorted;
  }

  private boolean field(StringBuilder out, int at, boolean first) {
    if (!first) {
      out.append(',');
    }
    if (quotedFor[at] != names[at]) {
      StringBuilder name = new StringBuilder();
      CanonicalJson.quote(names[at], name);
      quoted[at] = name.append(':').toString();
      quotedFor[at] = names[at];
    }
    out.append(quoted[at]);
    // Copied in bulk: StringBuilder.append(CharSequence, int, int) copies char by char, which a
    // long value (an epic's list of tasks, a few kilobytes) made the slowest step of a load.
    int length = ends[at] - starts[at];
    if (scratch.length < length) {
      scratch = new char[Math.max(length, scratch.length * 2)];
    }
    values.getChars(starts[at], ends[at], scratch, 0);
    out.append(scratch, 0, length);
    return false;
  }

  /** Any value as canonical JSON; objects' members sorted by name. */
  private void value(JsonParser parser, JsonToken token, StringBuilder out) {
    switch (token) {
      case VALUE_STRING -> CanonicalJson.quote(parser.getString(), out);
      case VALUE_NUMBER_INT -> integer(parser, out);
      case VALUE_NUMBER_FLOAT -> decimal(parser, out);
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
      case START_OBJECT -> object(parser, out);
      default -> out.append("null");
    }
  }

  /**
   * Appends an object with its members sorted by name; a repeated name is refused. Members are
   * written as they come, which is usually already in order; only when they are not is the object's
   * text put in order again, its members moved as they were written. While in order, a repeated
   * name can only be the one just before it; out of order, the sort finds it.
   */
  private void object(JsonParser parser, StringBuilder out) {
    int start = out.length();
    out.append('{');
    String[] names = new String[8];
    int[] ends = new int[8]; // where each member's text ends; the next one starts after a comma
    int count = 0;
    boolean inOrder = true;
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      if (count > 0) {
        out.append(',');
        int order = names[count - 1].compareTo(name);
        if (order == 0) {
          throw new RepeatedMember(name, null);
        }
        inOrder &= order < 0;
      }
      CanonicalJson.quote(name, out);
      out.append(':');
      value(parser, parser.nextToken(), out);
      if (count == names.length) {
        names = Arrays.copyOf(names, count * 2);
        ends = Arrays.copyOf(ends, count * 2);
      }
      names[count] = name;
      ends[count++] = out.length();
    }
    if (!inOrder) {
      inOrder(out, start + 1, names, ends, count);
    }
    out.append('}');
  }

  /**
   * Puts the members written from {@code from} on in name order. The objects of one list usually
   * name the same members in the same order (a file's tasks), so the order found for one is kept
   * for the next that has the same names.
   */
  private void inOrder(StringBuilder out, int from, String[] names, int[] ends, int count) {
    if (count != memberNames.length || !Arrays.equals(names, 0, count, memberNames, 0, count)) {
      memberOrder = memberOrder(names, count);
      memberNames = Arrays.copyOf(names, count);
    }
    int length = out.length() - from;
    if (members.length < length) {
      members = new char[Math.max(length, members.length * 2)];
    }
    out.getChars(from, out.length(), members, 0);
    out.setLength(from);
    for (int k = 0; k < count; k++) {
      int i = memberOrder[k];
      int begin = i == 0 ? 0 : ends[i - 1] + 1 - from;
      if (k > 0) {
        out.append(',');
      }
      out.append(members, begin, ends[i] - from - begin);
    }
  }

  /** The members' indexes sorted by name; a name given twice is refused, the first one repeated. */
  private static int[] memberOrder(String[] names, int count) {
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      int at = i;
      while (at > 0 && names[order[at - 1]].compareTo(names[i]) > 0) {
        order[at] = order[at - 1];
        at--;
      }
      order[at] = i;
    }
    for (int k = 1; k < count; k++) {
      if (names[order[k - 1]].equals(names[order[k]])) {
        throw new RepeatedMember(firstRepeated(names, count), null);
      }
    }
    return order;
  }

  /** The first name, in the order given, that an earlier member already had. */
  private static String firstRepeated(String[] names, int count) {
    for (int i = 1; i < count; i++) {
      for (int j = 0; j < i; j++) {
        if (names[j].equals(names[i])) {
          return names[i];
        }
      }
    }
    throw new IllegalStateException("no name is repeated");
  }

  /** Appends an integer token's canonical text: its own text when that is already canonical. */
  private static void integer(JsonParser parser, StringBuilder out) {
    char[] chars = parser.getStringCharacters();
    int offset = parser.getStringOffset();
    int length = parser.getStringLength();
    if (isPlainInteger(chars, offset, length, length)) {
      out.append(chars, offset, length);
    } else if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      out.append(parser.getBigIntegerValue().toString());
    } else {
      out.append(parser.getLongValue());
    }
  }

  /**
   * Appends a decimal token's canonical text and returns its type. The usual {@code 12.5} is its
   * own canonical text; anything else ({@code 1.50}, {@code 1e3}, YAML's {@code .5}) goes through
   * BigDecimal.
   */
  private static FieldType decimal(JsonParser parser, StringBuilder out) {
    char[] chars = parser.getStringCharacters();
    int offset = parser.getStringOffset();
    int length = parser.getStringLength();
    int point = -1;
    for (int i = offset; i < offset + length; i++) {
      if (chars[i] == '.') {
        point = i;
        break;
      }
    }
    if (point > offset
        && point < offset + length - 1
        && isWholePart(chars, offset, point)
        && isDigits(chars, point + 1, offset + length)
        && chars[offset + length - 1] != '0') {
      out.append(chars, offset, length);
      return FieldType.DECIMAL;
    }
    if (parser.isNaN()) {
      throw new NumberFormatException("not a number: " + parser.getString());
    }
    BigDecimal value = parser.getDecimalValue();
    out.append(CanonicalJson.number(value));
    return FieldType.ofNumber(value);
  }

  /**
   * {@code 0}, {@code -42}: a whole part that is not {@code -0}, in at most 18 characters ({@code
   * total}: the whole token), so it reads the same as a long.
   */
  private static boolean isPlainInteger(char[] chars, int offset, int length, int total) {
    return total <= 18
        && isWholePart(chars, offset, offset + length)
        && !(length == 2 && chars[offset] == '-' && chars[offset + 1] == '0');
  }

  /** JSON's whole part: an optional minus, then {@code 0} or digits without a leading zero. */
  private static boolean isWholePart(char[] chars, int from, int to) {
    int start = from < to && chars[from] == '-' ? from + 1 : from;
    if (start == to || (chars[start] == '0' && to - start > 1)) {
      return false;
    }
    return isDigits(chars, start, to);
  }

  private static boolean isDigits(char[] chars, int from, int to) {
    for (int i = from; i < to; i++) {
      if (chars[i] < '0' || chars[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private void grow() {
    int n = names.length * 2;
    names = Arrays.copyOf(names, n);
    raw = Arrays.copyOf(raw, n);
    types = Arrays.copyOf(types, n);
    starts = Arrays.copyOf(starts, n);
    ends = Arrays.copyOf(ends, n);
    quoted = Arrays.copyOf(quoted, n);
    quotedFor = Arrays.copyOf(quotedFor, n);
  }
}
