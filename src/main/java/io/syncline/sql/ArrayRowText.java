package io.syncline.sql;

import io.syncline.core.FieldType;

/**
 * A row's record text copied straight from the JSON array the database built for it ({@link
 * Dialect#rowAsJsonArray}), for the values whose canonical form is a copy of what the array holds:
 * a million-row re-sync reads the table this way. Anything else in a row sends that row the general
 * way ({@link ArrayRow} then {@link RowText}), which stays the reference for what the text must be.
 *
 * <pre>
 *   [1,"978",12,9.5,"[\"a\"]"]        columns done, isbn, pages, price, tags
 *   {"done":true,"isbn":"978","pages":12,"price":9.5,"tags":["a"]}
 * </pre>
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
 *                               canonical JSON already ({@link JsonText#looksCanonical})
 *   any      null               the field is left out (a key part the general way, which refuses it)
 * </pre>
 *
 * The copy rules follow {@code RowText}: a JSON string of TEXT is the value quoted with exactly the
 * escapes {@code CanonicalJson.quote} would add, so one without any is its own canonical text.
 */
final class ArrayRowText {
  private final RowColumns columns;
  private final RecordTextOut text;
  private final StringBuilder out;

  /** Writes into {@code text}, which the general way's {@link RowText} may share. */
  ArrayRowText(RecordTextOut text) {
    this.columns = text.columns();
    this.text = text;
    this.out = text.out();
  }

  /**
   * The row's canonical record text, or null when the row must be read the general way. The text is
   * the {@link RecordTextOut}'s buffer, good until the next row: the snapshot copies it; its key is
   * then {@link RecordTextOut#key}.
   */
  CharSequence text(String array) {
    int n = array.length();
    if (n < 2 || array.charAt(0) != '[') {
      return null;
    }
    text.start();
    int i = 1;
    for (int column = 0; column < columns.count(); column++) {
      if (column > 0) {
        if (i >= n || array.charAt(i) != ',') {
          return null;
        }
        i++;
      }
      if (JsonText.startsWith(array, "null", i, n)) {
        if (columns.keyPosition(column) >= 0) {
          return null;
        }
        i += 4;
        continue;
      }
      int start = text.name(column);
      i = value(array, i, columns.type(column));
      if (i < 0) {
        return null;
      }
      // A JSON column holding the text null appended nothing: left out, unless it is a key part,
      // which the general way refuses.
      if (!text.end(column, start) && columns.keyPosition(column) >= 0) {
        return null;
      }
    }
    if (i != n - 1 || array.charAt(i) != ']') {
      return null;
    }
    return text.text();
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
    int end = JsonText.plainStringEnd(array, i, array.length());
    if (end < 0 || (length >= 0 && end - i - 2 != length)) {
      return -1;
    }
    out.append(array, i, end);
    return end;
  }

  /** {@code 0}, {@code 58}, {@code -7}, copied; not {@code -0}, whose canonical text is 0. */
  private int plainInteger(String array, int i) {
    return copied(array, i, JsonText.plainIntegerEnd(array, i, array.length()));
  }

  /** A plain integer, or {@code 948.9}: a fraction that does not end in 0; copied. */
  private int plainNumber(String array, int i) {
    return copied(array, i, JsonText.plainNumberEnd(array, i, array.length()));
  }

  /** Copies the number from {@code i} to {@code end} unless more of a number follows (1e3). */
  private int copied(String array, int i, int end) {
    if (end < 0 || (end < array.length() && JsonText.isNumberChar(array.charAt(end)))) {
      return -1;
    }
    out.append(array, i, end);
    return end;
  }

  /**
   * {@code 1} or {@code 0}, as a boolean column holds them, written {@code true} or {@code false}.
   */
  private int bit(String array, int i) {
    if (i >= array.length()) {
      return -1;
    }
    int end = i + 1;
    if (end > array.length()
        || (end < array.length() && JsonText.isNumberChar(array.charAt(end)))) {
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
        if (out.length() - start == 4 && JsonText.startsWith(out, "null", start, out.length())) {
          out.setLength(start);
        } else if (!JsonText.looksCanonical(out, start, out.length())) {
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
