package io.syncline.core;

import java.util.Arrays;

/**
 * The members of one object in a canonical text, found by scanning the text rather than parsing it:
 * each member's name and where its value's text starts and ends. Taking a hundred thousand records
 * apart this way copies their values' texts as they stand instead of building a tree of values and
 * writing it out again.
 *
 * <p>That is only the same as parsing and writing again when the text is exactly as {@link
 * CanonicalJson} writes it, so a scan checks that too and gives up otherwise (-1): no whitespace,
 * members in name order, strings escaped as {@link CanonicalJson#quote} escapes them, numbers in
 * their canonical spelling. Worked examples:
 *
 * <pre>
 *   {"a":1,"b":[{"c":"x"}]}    members a (1) and b ([{"c":"x"}])
 *   {"b":1,"a":2}              -1: out of order
 *   {"a": 1}                   -1: a space
 *   {"a":1.50}  {"a":1e2}      -1: not how numbers are written (1.5, 100)
 *   {"a":"\u0041"}             -1: quote writes A as it is
 * </pre>
 *
 * One scanner is used again for record after record; a name that is the same as the one before it
 * at its place is the same String, so that a hundred thousand records of five fields do not make
 * half a million names.
 */
final class CanonicalMembers {
  private String text;
  private int count;
  private String[] names = new String[8];
  private int[] starts = new int[8];
  private int[] ends = new int[8];
  private char[] scratch = new char[256];

  /**
   * Scans the object that starts at {@code from} in {@code text}; returns the index just after it,
   * or -1 when the text there is not an object written canonically.
   */
  int scan(String text, int from) {
    this.text = text;
    count = 0;
    return from < text.length() && text.charAt(from) == '{' ? object(from, true) : -1;
  }

  int count() {
    return count;
  }

  String name(int member) {
    return names[member];
  }

  /** The canonical text of the member's value. */
  String value(int member) {
    return text.substring(starts[member], ends[member]);
  }

  int start(int member) {
    return starts[member];
  }

  int end(int member) {
    return ends[member];
  }

  /** Appends the member as the text has it: {@code "name":value}. */
  void appendMember(int member, StringBuilder out) {
    copy(starts[member] - names[member].length() - 3, ends[member], out);
  }

  /** Appends the member's value as the text has it. */
  void appendValue(int member, StringBuilder out) {
    copy(starts[member], ends[member], out);
  }

  /**
   * Copied in bulk: StringBuilder.append(CharSequence, int, int) copies char by char, which makes a
   * long value (a list of tasks) slow to copy.
   */
  private void copy(int from, int to, StringBuilder out) {
    int length = to - from;
    if (scratch.length < length) {
      scratch = new char[Math.max(length, scratch.length * 2)];
    }
    text.getChars(from, to, scratch, 0);
    out.append(scratch, 0, length);
  }

  /** The first character of the member's value: '"', '{', '[', 't', 'f', 'n' or a number's. */
  char kind(int member) {
    return text.charAt(starts[member]);
  }

  boolean isNull(int member) {
    return kind(member) == 'n';
  }

  /** The member named {@code name}, or -1. */
  int indexOf(String name) {
    for (int i = 0; i < count; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The value as a record key prints it ({@link RecordKey#part}): a string without its quotes. */
  String keyPart(int member) {
    if (kind(member) != '"') {
      return value(member);
    }
    String quoted = value(member);
    return quoted.indexOf('\\') < 0
        ? quoted.substring(1, quoted.length() - 1)
        : ((Value.Text) CanonicalJson.parse(quoted)).value();
  }

  /** The type a value shows, as {@link FieldType#of} gives it for the parsed value (null: null). */
  FieldType type(int member) {
    return switch (kind(member)) {
      case '"' -> FieldType.ofText(text, starts[member] + 1, ends[member] - 1);
      case 't', 'f' -> FieldType.BOOLEAN;
      case 'n' -> null;
      case '{', '[' -> FieldType.JSON;
      // a canonical number has a point only before a fraction that does not end in 0
      default -> hasPoint(starts[member], ends[member]) ? FieldType.DECIMAL : FieldType.INTEGER;
    };
  }

  private boolean hasPoint(int from, int to) {
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '.') {
        return true;
      }
    }
    return false;
  }

  private void add(int nameStart, int nameEnd, int valueStart, int valueEnd) {
    if (count == names.length) {
      names = Arrays.copyOf(names, count * 2);
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
    }
    String known = names[count];
    int length = nameEnd - nameStart - 2;
    if (known == null
        || known.length() != length
        || !text.regionMatches(nameStart + 1, known, 0, length)) {
      names[count] = text.substring(nameStart + 1, nameEnd - 1);
    }
    starts[count] = valueStart;
    ends[count] = valueEnd;
    count++;
  }

  /** The name quoted at [a, aEnd) compared with the one at [b, bEnd), as String.compareTo. */
  private int compareQuoted(int a, int aEnd, int b, int bEnd) {
    int aLength = aEnd - a - 2;
    int bLength = bEnd - b - 2;
    for (int i = 0; i < Math.min(aLength, bLength); i++) {
      int order = text.charAt(a + 1 + i) - text.charAt(b + 1 + i);
      if (order != 0) {
        return order;
      }
    }
    return aLength - bLength;
  }

  /** The end of the value starting at {@code at}, or -1 when it is not written canonically. */
  private int skipValue(int at) {
    if (at >= text.length()) {
      return -1;
    }
    char c = text.charAt(at);
    return switch (c) {
      case '"' -> string(at);
      case '{' -> object(at, false);
      case '[' -> array(at);
      case 't' -> text.startsWith("true", at) ? at + 4 : -1;
      case 'f' -> text.startsWith("false", at) ? at + 5 : -1;
      case 'n' -> text.startsWith("null", at) ? at + 4 : -1;
      default -> number(at);
    };
  }

  /** An object: its members in order, checked, and with {@code keep}, noted. */
  private int object(int from, boolean keep) {
    int at = from + 1;
    if (at < text.length() && text.charAt(at) == '}') {
      return at + 1;
    }
    int previousStart = -1;
    int previousEnd = -1;
    while (true) {
      int nameEnd = plainString(at);
      if (nameEnd < 0 || nameEnd >= text.length() || text.charAt(nameEnd) != ':') {
        return -1;
      }
      if (previousStart >= 0 && compareQuoted(previousStart, previousEnd, at, nameEnd) >= 0) {
        return -1;
      }
      previousStart = at;
      previousEnd = nameEnd;
      int valueEnd = skipValue(nameEnd + 1);
      if (valueEnd < 0 || valueEnd >= text.length()) {
        return -1;
      }
      if (keep) {
        add(at, nameEnd, nameEnd + 1, valueEnd);
      }
      char next = text.charAt(valueEnd);
      if (next == '}') {
        return valueEnd + 1;
      }
      if (next != ',') {
        return -1;
      }
      at = valueEnd + 1;
    }
  }

  private int array(int from) {
    int at = from + 1;
    if (at < text.length() && text.charAt(at) == ']') {
      return at + 1;
    }
    while (true) {
      int end = skipValue(at);
      if (end < 0 || end >= text.length()) {
        return -1;
      }
      char next = text.charAt(end);
      if (next == ']') {
        return end + 1;
      }
      if (next != ',') {
        return -1;
      }
      at = end + 1;
    }
  }

  /**
   * A member name: a string with nothing escaped, so that its characters are the name's and names
   * compare as they stand; anything else is left to the parser.
   */
  private int plainString(int at) {
    if (at >= text.length() || text.charAt(at) != '"') {
      return -1;
    }
    for (int i = at + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  /** A string escaped exactly as {@link CanonicalJson#quote} escapes it. */
  private int string(int at) {
    for (int i = at + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c == '\\') {
        if (i + 1 >= text.length()) {
          return -1;
        }
        char e = text.charAt(++i);
        if (e == 'u') {
          if (!isControlEscape(i + 1)) {
            return -1;
          }
          i += 4;
        } else if ("\"\\nrtbf".indexOf(e) < 0) {
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * {@code 00xx} in lower-case hex for a control character that has no short escape: what quote
   * writes for it.
   */
  private boolean isControlEscape(int at) {
    if (at + 4 > text.length() || text.charAt(at) != '0' || text.charAt(at + 1) != '0') {
      return false;
    }
    int high = hex(text.charAt(at + 2));
    int low = hex(text.charAt(at + 3));
    if (high < 0 || low < 0 || high > 1) {
      return false;
    }
    int c = high * 16 + low;
    return c != '\n' && c != '\r' && c != '\t' && c != '\b' && c != '\f';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
  }

  /**
   * A number as {@link CanonicalJson#number} writes it: {@code -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?},
   * not {@code -0}, and short enough (40 characters) never to be written with an exponent.
   */
  private int number(int from) {
    int at = from;
    if (at < text.length() && text.charAt(at) == '-') {
      at++;
    }
    int digits = at;
    while (at < text.length() && isDigit(text.charAt(at))) {
      at++;
    }
    int whole = at - digits;
    if (whole == 0 || (whole > 1 && text.charAt(digits) == '0')) {
      return -1;
    }
    if (at < text.length() && text.charAt(at) == '.') {
      int fraction = ++at;
      while (at < text.length() && isDigit(text.charAt(at))) {
        at++;
      }
      if (at == fraction || text.charAt(at - 1) == '0') {
        return -1;
      }
    } else if (digits > from && whole == 1 && text.charAt(digits) == '0') {
      return -1; // -0
    }
    if (at - from > 40 || (at < text.length() && "eE+".indexOf(text.charAt(at)) >= 0)) {
      return -1;
    }
    return at;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
