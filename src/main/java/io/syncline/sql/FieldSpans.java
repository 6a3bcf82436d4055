package io.syncline.sql;

import io.syncline.core.Field;
import io.syncline.core.Records;
import java.util.Arrays;
import java.util.List;

/**
 * Where each of the looked-for fields' values stands in one record's text, so that an insert binds
 * straight from the text ({@link RowValues}) instead of building a {@link io.syncline.core.Value}
 * tree per record: {@link Records#parse} of every inserted record is a cost of its own on a large
 * first sync, which the insert does not need.
 *
 * <p>Worked example, looking for fields isbn, pages and tags:
 *
 * <pre>
 *   {"isbn":"978","pages":12,"tags":["a"],"x":{"y":1}}
 *     isbn  → "978"       the span keeps the quotes
 *     pages → 12
 *     tags  → ["a"]
 *     x     → skipped: not a field looked for
 * </pre>
 *
 * {@link #scan} only finds where values begin and end; it answers false for anything it does not
 * read exactly as {@link io.syncline.core.CanonicalJson#parse} would (a field name with an escape,
 * text that is not one object), and the caller then parses the record as before, which also reports
 * what is wrong with it. A later field of the same name wins, as in the parsed record.
 */
final class FieldSpans {
  private final String[] names;
  private final int[] start;
  private final int[] end;
  private String text;

  /** Where the next name is looked for first: canonical text lists the fields in name order. */
  private int cursor;

  FieldSpans(List<Field> fields) {
    names = new String[fields.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = fields.get(i).name();
    }
    start = new int[names.length];
    end = new int[names.length];
  }

  /** Finds the fields of {@code text}; false when the caller must parse it instead. */
  boolean scan(String text) {
    this.text = text;
    Arrays.fill(start, -1);
    cursor = 0;
    int n = text.length();
    int at = space(0);
    if (at >= n || text.charAt(at) != '{') {
      return false;
    }
    at = space(at + 1);
    if (at < n && text.charAt(at) == '}') {
      return space(at + 1) == n;
    }
    while (true) {
      if (at >= n || text.charAt(at) != '"') {
        return false;
      }
      int nameStart = at + 1;
      int nameEnd = nameStart;
      while (nameEnd < n && text.charAt(nameEnd) != '"') {
        if (text.charAt(nameEnd) == '\\') {
          return false;
        }
        nameEnd++;
      }
      at = space(nameEnd + 1);
      if (at >= n || text.charAt(at) != ':') {
        return false;
      }
      int valueStart = space(at + 1);
      at = skipValue(valueStart);
      if (at < 0) {
        return false;
      }
      int slot = slot(nameStart, nameEnd - nameStart);
      if (slot >= 0) {
        start[slot] = valueStart;
        end[slot] = at;
      }
      at = space(at);
      if (at >= n) {
        return false;
      }
      char c = text.charAt(at);
      if (c == '}') {
        return space(at + 1) == n;
      }
      if (c != ',') {
        return false;
      }
      at = space(at + 1);
    }
  }

  /** Whether the field was in the text (a JSON null counts as present). */
  boolean has(int field) {
    return start[field] >= 0;
  }

  /** The field's value as JSON text: {@code "a\"b"}, {@code 12}, {@code [1]}, {@code null}. */
  String span(int field) {
    return text.substring(start[field], end[field]);
  }

  /** The first character of the field's value: {@code "}, {@code [}, {@code t}, a digit... */
  char first(int field) {
    return text.charAt(start[field]);
  }

  /** A string field's characters when it has no escapes; null when it has (or is no string). */
  String plainString(int field) {
    int from = start[field];
    int to = end[field];
    return JsonText.plainStringEnd(text, from, to) == to ? text.substring(from + 1, to - 1) : null;
  }

  private int slot(int nameStart, int length) {
    for (int k = 0, i = cursor; k < names.length; k++, i = i + 1 == names.length ? 0 : i + 1) {
      if (names[i].length() == length && text.startsWith(names[i], nameStart)) {
        cursor = i + 1 == names.length ? 0 : i + 1;
        return i;
      }
    }
    return -1;
  }

  /** Past JSON's blanks (space, tab, line feed, carriage return); record text has none. */
  private int space(int at) {
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        break;
      }
      at++;
    }
    return at;
  }

  /** The index just past the value starting at {@code at}, or -1. */
  private int skipValue(int at) {
    int n = text.length();
    if (at >= n) {
      return -1;
    }
    return switch (text.charAt(at)) {
      case '"' -> JsonText.stringEnd(text, at, n);
      case '[', '{' -> JsonText.nestedEnd(text, at, n);
      case 't' -> text.startsWith("true", at) ? at + 4 : -1;
      case 'f' -> text.startsWith("false", at) ? at + 5 : -1;
      case 'n' -> text.startsWith("null", at) ? at + 4 : -1;
      default -> {
        int i = at;
        while (i < n && "+-0123456789.eE".indexOf(text.charAt(i)) >= 0) {
          i++;
        }
        yield i == at ? -1 : i;
      }
    };
  }
}
