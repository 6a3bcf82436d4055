package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.FieldType;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;

/**
 * A record's canonical text being written from a row, column after column in {@link RowColumns}'
 * order, keeping the key parts met on the way. For the columns {@code done, isbn, pages} keyed by
 * {@code isbn}, and a row {@code (1, '978', NULL)}:
 *
 * <pre>
 *   start()                     {
 *   name(0), true, end(0, s)    {"done":true
 *   name(1), "978", end(1, s)   {"done":true,"isbn":"978"          key part 978
 *   name(2), end(2, s)          {"done":true,"isbn":"978"          nothing appended: left out
 *   text()                      {"done":true,"isbn":"978"}
 * </pre>
 *
 * One buffer, reused row after row: a text is good until the next {@link #start}.
 */
final class RecordTextOut {
  private final RowColumns columns;
  private final StringBuilder out = new StringBuilder(512);
  private final String[] keyParts;
  private boolean first;
  private int mark;

  RecordTextOut(RowColumns columns) {
    this.columns = columns;
    this.keyParts = new String[columns.keyParts()];
  }

  RowColumns columns() {
    return columns;
  }

  void start() {
    out.setLength(0);
    out.append('{');
    first = true;
  }

  /** Appends the column's separator and name; the value follows at the index returned. */
  int name(int column) {
    mark = out.length();
    if (!first) {
      out.append(',');
    }
    out.append(columns.name(column));
    return out.length();
  }

  /** Where the value of the column {@link #name} began is appended. */
  StringBuilder out() {
    return out;
  }

  /**
   * Ends the column whose value began at {@code start}: one that appended nothing (a NULL) is left
   * out with its name, and false is returned; a key column's part is kept.
   */
  boolean end(int column, int start) {
    if (out.length() == start) {
      out.setLength(mark);
      return false;
    }
    first = false;
    int position = columns.keyPosition(column);
    if (position >= 0) {
      keyParts[position] = keyPart(columns.type(column), start);
    }
    return true;
  }

  /** The record's text, closed; this buffer, good until the next {@link #start}. */
  CharSequence text() {
    return out.append('}');
  }

  /** The key text of the row written last, as {@link Records#key} gives it for the same record. */
  String key() {
    return RecordKey.join(columns.entity(), keyParts);
  }

  /** A key part from the canonical value just appended: numbers as they are, strings unquoted. */
  private String keyPart(FieldType type, int start) {
    if ((type == FieldType.INTEGER || type == FieldType.DECIMAL) && out.charAt(start) != '"') {
      return out.substring(start);
    }
    if (out.charAt(start) == '"' && out.indexOf("\\", start) < 0) {
      return out.substring(start + 1, out.length() - 1);
    }
    return RecordKey.part(CanonicalJson.parse(out.substring(start)));
  }
}
