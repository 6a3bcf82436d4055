package io.syncline.sql;

import java.util.Arrays;

/**
 * One row read as the JSON array {@link Dialect#rowAsJsonArray} makes, handing out each column as
 * JDBC would have: the text of a string or a number, or null; a JSON column's array or object as
 * its text. {@link #getObject} gives numbers as the SQLite driver does (Integer, Long, Double).
 *
 * <pre>
 *   ["rec-1",58,92.4,null,"say \"hi\"",["a"]]
 *     getString(1)  rec-1          getObject(2)  58 as an Integer
 *     getString(4)  null           getObject(3)  92.4 as a Double
 *     getString(5)  say "hi"       getString(6)  ["a"]
 * </pre>
 *
 * Where the text is not such an array, or holds what JSON cannot say as the driver would (an
 * infinity), it throws {@link NotPlain} and the table is read column by column instead.
 */
final class ArrayRow implements ColumnValues {
  /** Thrown where only the driver's own reading gives the same text. */
  static final class NotPlain extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotPlain(String why) {
      super(why, null, false, false);
    }
  }

  private String[] texts = new String[16];
  private boolean[] numbers = new boolean[16];
  private int size;
  private final StringBuilder scratch = new StringBuilder();

  /** Reads the row's array; the values stay until the next call. */
  void read(String json) {
    size = 0;
    int i = expect(json, 0, '[');
    if (i < json.length() && json.charAt(i) == ']') {
      return;
    }
    while (true) {
      i = value(json, i);
      if (i >= json.length()) {
        throw new NotPlain("unterminated row");
      }
      char c = json.charAt(i++);
      if (c == ']') {
        return;
      }
      if (c != ',') {
        throw new NotPlain("unexpected " + c);
      }
    }
  }

  @Override
  public String getString(int column) {
    return texts[check(column)];
  }

  @Override
  public Object getObject(int column) {
    int at = check(column);
    if (texts[at] == null) {
      return null;
    }
    if (!numbers[at]) {
      return texts[at];
    }
    // as the SQLite driver gives them: INTEGER as Long (Integer when it fits), REAL as Double
    String text = texts[at];
    try {
      if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
        long whole = Long.parseLong(text);
        return whole == (int) whole ? Integer.valueOf((int) whole) : Long.valueOf(whole);
      }
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      throw new NotPlain("number " + text);
    }
  }

  private int check(int column) {
    if (column < 1 || column > size) {
      throw new NotPlain("no column " + column);
    }
    return column - 1;
  }

  private int value(String json, int i) {
    if (i >= json.length()) {
      throw new NotPlain("unterminated row");
    }
    char c = json.charAt(i);
    if (c == '"') {
      return string(json, i + 1);
    }
    if (c == '[' || c == '{') {
      int end = nestedEnd(json, i);
      add(json.substring(i, end), false); // a JSON field's value, read as its text
      return end;
    }
    if (json.startsWith("null", i)) {
      add(null, false);
      return i + 4;
    }
    int end = i;
    while (end < json.length() && json.charAt(end) != ',' && json.charAt(end) != ']') {
      end++;
    }
    String number = json.substring(i, end);
    if (number.isEmpty() || number.contains("e+999") || number.contains("e999")) {
      throw new NotPlain("not a plain number: " + number); // infinities
    }
    add(number, true);
    return end;
  }

  /** Just past the array or object starting at {@code i}. */
  private static int nestedEnd(String json, int i) {
    int end = JsonText.nestedEnd(json, i, json.length());
    if (end < 0) {
      throw new NotPlain("unterminated value");
    }
    return end;
  }

  private int string(String json, int i) {
    int start = i;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '"') {
        add(json.substring(start, i), false);
        return i + 1;
      }
      if (c == '\\') {
        return escaped(json, start, i);
      }
      i++;
    }
    throw new NotPlain("unterminated string");
  }

  /** The rest of a string from its first escape on. */
  private int escaped(String json, int start, int i) {
    scratch.setLength(0);
    scratch.append(json, start, i);
    while (i < json.length()) {
      char c = json.charAt(i++);
      if (c == '"') {
        add(scratch.toString(), false);
        return i;
      }
      if (c != '\\') {
        scratch.append(c);
        continue;
      }
      if (i >= json.length()) {
        break;
      }
      char e = json.charAt(i++);
      switch (e) {
        case '"', '\\', '/' -> scratch.append(e);
        case 'b' -> scratch.append('\b');
        case 'f' -> scratch.append('\f');
        case 'n' -> scratch.append('\n');
        case 'r' -> scratch.append('\r');
        case 't' -> scratch.append('\t');
        case 'u' -> {
          if (i + 4 > json.length()) {
            throw new NotPlain("short \\u escape");
          }
          scratch.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
          i += 4;
        }
        default -> throw new NotPlain("escape \\" + e);
      }
    }
    throw new NotPlain("unterminated string");
  }

  private static int expect(String json, int i, char c) {
    if (i >= json.length() || json.charAt(i) != c) {
      throw new NotPlain("expected " + c);
    }
    return i + 1;
  }

  private void add(String text, boolean number) {
    if (size == texts.length) {
      texts = Arrays.copyOf(texts, size * 2);
      numbers = Arrays.copyOf(numbers, size * 2);
    }
    texts[size] = text;
    numbers[size++] = number;
  }
}
