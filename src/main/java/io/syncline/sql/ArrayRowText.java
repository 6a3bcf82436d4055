package io.syncline.sql;

import io.syncline.core.Field;
import io.syncline.core.FieldType;
import java.util.List;

/**
 * The canonical text of a row read as one JSON array ({@link Dialect#rowAsJsonArray}), written
 * straight from the array's text, for the values whose canonical form is a copy of what the array
 * holds. A million-row re-sync reads the table this way; anything else in a row sends that row the
 * general way ({@link JsonRow} then {@link RowFormat#text(RowFormat.Values)}), which stays the
 * reference for what the text must be.
 *
 * <p>Per column type, what is copied as it stands (anything else: {@code null} is returned):
 *
 * <pre>
 *   TEXT     "Lima"             a string without escapes or control characters
 *   DATE     "2015-06-24"       such a string of ten characters
 *   INTEGER  58                 a plain integer: no sign but minus, no leading zero
 *   DECIMAL  948.9              that, or digits, a point and digits not ending in 0 (not 948.0, 1e3)
 *   BOOLEAN  1, 0               written true, false
 *   JSON     "[\"beta\"]"       a string whose only escapes are \" and \\, unescaped, that is
 *                               canonical JSON already ({@link RowFormat#looksCanonical})
 *   any      null               the field is left out (a key part the general way, which refuses it)
 * </pre>
 *
 * The copy rules follow {@code RowFormat}: a JSON string of TEXT is the value quoted with exactly
 * the escapes {@code CanonicalJson.quote} would add, so one without any is its own canonical text.
 */
final class ArrayRowText {
  private final String[] names;
  private final FieldType[] types;
  private final int[] keyPosition;
  private final String[] lastKey;
  private final StringBuilder out = new StringBuilder(512);

  ArrayRowText(RowFormat format, int keyParts) {
    List<Field> fields = format.fields();
    this.names = format.names();
    this.types = new FieldType[fields.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = fields.get(i).type();
    }
    this.keyPosition = format.keyPositions();
    this.lastKey = new String[keyParts];
  }

  /**
   * The row's canonical record text, or null when the row must be read the general way. The text is
   * this reader's buffer, good until the next row: the snapshot copies it.
   */
  CharSequence text(String array) {
    int n = array.length();
    if (n < 2 || array.charAt(0) != '[') {
      return null;
    }
    out.setLength(0);
    out.append('{');
    boolean first = true;
    int i = 1;
    for (int column = 0; column < names.length; column++) {
      if (column > 0) {
        if (i >= n || array.charAt(i) != ',') {
          return null;
        }
        i++;
      }
      if (RowFormat.startsWith(array, "null", i, array.length())) {
        if (keyPosition[column] >= 0) {
          return null;
        }
        i += 4;
        continue;
      }
      int mark = out.length();
      if (!first) {
        out.append(',');
      }
      out.append(names[column]);
      int start = out.length();
      i = value(array, i, types[column]);
      if (i < 0) {
        return null;
      }
      if (out.length() == start) { // a JSON column holding the text null
        out.setLength(mark);
        continue;
      }
      first = false;
      if (keyPosition[column] >= 0) {
        lastKey[keyPosition[column]] = RowFormat.keyPart(types[column], out, start);
      }
    }
    if (i != n - 1 || array.charAt(i) != ']') {
      return null;
    }
    return out.append('}');
  }

  /** The key text of the row {@link #text} read last. */
  String lastKey() {
    return lastKey.length == 1 ? lastKey[0] : String.join(",", lastKey);
  }

  /** Appends the canonical value at {@code i}; the index after it, or -1 for the general way. */
  private int value(String array, int i, FieldType type) {
    return switch (type) {
      case TEXT -> plainString(array, i, -1);
      case DATE -> plainString(array, i, 10);
      case INTEGER -> plainInteger(array, i);
      case DECIMAL -> plainNumber(array, i);
      case BOOLEAN -> bit(array, i);
      case JSON -> json(array, i);
    };
  }

  /** A string with no escape, copied with its quotes; {@code length}: its length, or -1 for any. */
  private int plainString(String array, int i, int length) {
    if (i >= array.length() || array.charAt(i) != '"') {
      return -1;
    }
    for (int j = i + 1; j < array.length(); j++) {
      char c = array.charAt(j);
      if (c == '"') {
        if (length >= 0 && j - i - 1 != length) {
          return -1;
        }
        out.append(array, i, j + 1);
        return j + 1;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  /** {@code 0}, {@code 58}, {@code -7}, copied; not {@code -0}, whose canonical text is 0. */
  private int plainInteger(String array, int i) {
    int end = wholePart(array, i);
    if (end < 0
        || isMinusZero(array, i, end)
        || (end < array.length() && isNumberChar(array.charAt(end)))) {
      return -1;
    }
    out.append(array, i, end);
    return end;
  }

  /** A plain integer, or {@code 948.9}: a fraction that does not end in 0; copied. */
  private int plainNumber(String array, int i) {
    int end = wholePart(array, i);
    if (end < 0) {
      return -1;
    }
    if (end < array.length() && array.charAt(end) == '.') {
      int fraction = end + 1;
      end = digits(array, fraction);
      if (end == fraction || array.charAt(end - 1) == '0') {
        return -1;
      }
    } else if (isMinusZero(array, i, end)) {
      return -1;
    }
    if (end < array.length() && isNumberChar(array.charAt(end))) {
      return -1; // an exponent, or more than a number
    }
    out.append(array, i, end);
    return end;
  }

  /** The end of an optional minus then {@code 0} or digits without a leading zero; -1 if none. */
  private static int wholePart(String array, int i) {
    int start = i < array.length() && array.charAt(i) == '-' ? i + 1 : i;
    int end = digits(array, start);
    if (end == start || (array.charAt(start) == '0' && end - start > 1)) {
      return -1;
    }
    return end;
  }

  private static boolean isMinusZero(String array, int i, int end) {
    return end - i == 2 && array.charAt(i) == '-' && array.charAt(i + 1) == '0';
  }

  private static int digits(String array, int i) {
    while (i < array.length() && array.charAt(i) >= '0' && array.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static boolean isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  /**
   * {@code 1} or {@code 0}, as a boolean column holds them, written {@code true} or {@code false}.
   */
  private int bit(String array, int i) {
    if (i >= array.length()) {
      return -1;
    }
    int end = i + 1;
    if (end > array.length() || (end < array.length() && isNumberChar(array.charAt(end)))) {
      return -1;
    }
    char c = array.charAt(i);
    if (c != '0' && c != '1') {
      return -1;
    }
    out.append(c == '1');
    return end;
  }

  /**
   * A JSON column's text, held as a string: unescaped into the record text, where it must read as
   * canonical JSON; {@code null} appends nothing.
   */
  private int json(String array, int i) {
    if (i >= array.length() || array.charAt(i) != '"') {
      return -1;
    }
    int start = out.length();
    for (int j = i + 1; j < array.length(); j++) {
      char c = array.charAt(j);
      if (c == '"') {
        if (out.length() - start == 4 && RowFormat.startsWith(out, "null", start, out.length())) {
          out.setLength(start);
        } else if (!RowFormat.looksCanonical(out, start, out.length())) {
          return -1;
        }
        return j + 1;
      }
      if (c < 0x20) {
        return -1;
      }
      if (c == '\\') {
        char escaped = ++j < array.length() ? array.charAt(j) : 0;
        if (escaped != '"' && escaped != '\\') {
          return -1;
        }
        c = escaped;
      }
      out.append(c);
    }
    return -1;
  }
}
