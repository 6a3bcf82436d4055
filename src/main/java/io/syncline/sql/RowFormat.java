package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows of an entity's table into record text, the same text {@link Records#canonical} gives
 * for the record read from a file, without building a {@link Value} per field.
 *
 * <p>The select list is the entity's file fields sorted by name, so appending column after column
 * gives the canonical field order. Per type, what the drivers hand back and what is appended:
 *
 * <pre>
 *   TEXT     "a\"b"                     → "a\"b" quoted
 *   INTEGER  "5"                         → 5
 *   DECIMAL  "1.50", "1.5000000000", "1.0e+20" → 1.5, 1.5, 100000000000000000000
 *   BOOLEAN  1, 0, true, "t"             → true, false, true, true
 *   DATE     LocalDate, java.sql.Date, "2025-08-18" → "2025-08-18"
 *   JSON     ["a","b"]                   → spliced as stored when it is already canonical,
 *            {"b": 1, "a": 2}            → {"a":2,"b":1} otherwise (parsed and rewritten)
 * </pre>
 *
 * A value that does not fit its type (text in a NUMERIC column, which SQLite allows) reads as the
 * string it is, so the diff shows it instead of the read failing.
 */
final class RowFormat {
  private final Entity entity;
  private final Dialect dialect;
  private final List<Field> columns = new ArrayList<>();
  private final String[] names;
  private final int[] keyColumns;
  private final StringBuilder out = new StringBuilder(256);

  /** For each column, its position in the key, or -1. */
  private final int[] keyPosition;

  /** The key parts of the row {@link #text} read last. */
  private final String[] lastKey;

  /**
   * @param present the table's columns; fields without a column (not created yet) read as null
   */
  RowFormat(Entity entity, Dialect dialect, Set<String> present) {
    this.entity = entity;
    this.dialect = dialect;
    for (Field field : Records.sortedFileFields(entity)) {
      if (present == null || present.contains(field.column())) {
        columns.add(field);
      }
    }
    names = new String[columns.size()];
    for (int i = 0; i < names.length; i++) {
      StringBuilder name = new StringBuilder();
      CanonicalJson.quote(columns.get(i).name(), name);
      names[i] = name.append(':').toString();
    }
    keyPosition = new int[columns.size()];
    Arrays.fill(keyPosition, -1);
    lastKey = new String[entity.key().size()];
    keyColumns = new int[entity.key().size()];
    for (int k = 0; k < keyColumns.length; k++) {
      keyColumns[k] = indexOf(entity.key().get(k)) + 1;
      if (keyColumns[k] > 0) {
        keyPosition[keyColumns[k] - 1] = k;
      }
      if (keyColumns[k] == 0) {
        throw new SynclineException(
            "table "
                + entity.table()
                + " has no column for "
                + entity.key().get(k)
                + ", part of the key of "
                + entity.name());
      }
    }
  }

  List<Field> fields() {
    return columns;
  }

  /** Each column's {@code "name":}, as the record text has it, in select order. */
  String[] names() {
    return names;
  }

  /** For each column, its position in the key, or -1. */
  int[] keyPositions() {
    return keyPosition;
  }

  /** {@code "a", "b"}: the columns to select, in the order this format reads them. */
  String selectList() {
    StringBuilder sql = new StringBuilder();
    for (Field field : columns) {
      sql.append(sql.length() == 0 ? "" : ", ").append(dialect.quote(field.column()));
    }
    return sql.toString();
  }

  /**
   * The current row as canonical record text. Reads each column once; the key parts seen on the way
   * are kept for {@link #lastKey}.
   */
  String text(ResultSet rs) throws SQLException {
    return text(Values.of(rs));
  }

  /** As {@link #text(ResultSet)}, for a row read as one JSON array ({@link JsonRow}). */
  String text(Values row) throws SQLException {
    out.setLength(0);
    out.append('{');
    boolean first = true;
    for (int i = 0; i < names.length; i++) {
      int mark = out.length();
      if (!first) {
        out.append(',');
      }
      out.append(names[i]);
      int start = out.length();
      FieldType type = columns.get(i).type();
      if (appendValue(row, i + 1, type, out)) {
        first = false;
        if (keyPosition[i] >= 0) {
          lastKey[keyPosition[i]] = keyPart(type, out, start);
        }
      } else {
        out.setLength(mark);
        if (keyPosition[i] >= 0) {
          throw noKey(columns.get(i));
        }
      }
    }
    return out.append('}').toString();
  }

  /** The key text of the row {@link #text} read last. */
  String lastKey() {
    return lastKey.length == 1 ? lastKey[0] : String.join(",", lastKey);
  }

  /** A key part from the canonical piece just appended: numbers as they are, strings unquoted. */
  static String keyPart(FieldType type, StringBuilder out, int start) {
    if ((type == FieldType.INTEGER || type == FieldType.DECIMAL) && out.charAt(start) != '"') {
      return out.substring(start);
    }
    if (out.charAt(start) == '"' && out.indexOf("\\", start) < 0) {
      return out.substring(start + 1, out.length() - 1);
    }
    return RecordKey.part(CanonicalJson.parse(out.substring(start)));
  }

  private SynclineException noKey(Field field) {
    return new SynclineException(
        "table "
            + entity.table()
            + " has a row without "
            + field.column()
            + ", part of its key; give the row a "
            + field.column()
            + " or delete it");
  }

  /** The current row's key text, as {@link RecordKey#text} gives it for the same record. */
  String key(ResultSet rs) throws SQLException {
    if (keyColumns.length == 1) {
      return keyPart(rs, 0);
    }
    StringBuilder key = new StringBuilder();
    for (int k = 0; k < keyColumns.length; k++) {
      key.append(k == 0 ? "" : ",").append(keyPart(rs, k));
    }
    return key.toString();
  }

  /** The current row as a record, fields in the entity's order, nulls left out. */
  Value.Obj record(ResultSet rs) throws SQLException {
    Map<String, Value> byName = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      Value value = value(rs, i + 1);
      if (!(value instanceof Value.Null)) {
        byName.put(columns.get(i).name(), value);
      }
    }
    Map<String, Value> ordered = new LinkedHashMap<>();
    for (Field field : entity.fileFields()) {
      Value value = byName.get(field.name());
      if (value != null) {
        ordered.put(field.name(), value);
      }
    }
    return new Value.Obj(ordered);
  }

  private String keyPart(ResultSet rs, int k) throws SQLException {
    int column = keyColumns[k];
    Field field = columns.get(column - 1);
    Value value = field.type() == FieldType.TEXT ? text(rs.getString(column)) : value(rs, column);
    if (value instanceof Value.Null) {
      throw noKey(field);
    }
    return RecordKey.part(value);
  }

  private static Value text(String text) {
    return text == null ? Value.NULL : new Value.Text(text);
  }

  private Value value(ResultSet rs, int column) throws SQLException {
    StringBuilder piece = new StringBuilder();
    return appendValue(Values.of(rs), column, columns.get(column - 1).type(), piece)
        ? CanonicalJson.parse(piece.toString())
        : Value.NULL;
  }

  /** Appends the column's canonical JSON; false (nothing appended) for NULL. */
  private boolean appendValue(Values rs, int column, FieldType type, StringBuilder to)
      throws SQLException {
    switch (type) {
      case TEXT -> {
        String text = rs.getString(column);
        if (text == null) {
          return false;
        }
        CanonicalJson.quote(text, to);
      }
      case INTEGER, DECIMAL -> {
        String text = rs.getString(column);
        if (text == null) {
          return false;
        }
        appendNumber(text, to);
      }
      case BOOLEAN -> {
        Object value = rs.getObject(column);
        if (value == null) {
          return false;
        }
        appendBoolean(value, to);
      }
      case DATE -> {
        String text = rs.getString(column);
        if (text == null) {
          return false;
        }
        // Drivers spell a DATE as yyyy-mm-dd; anything else (a timestamp) is converted by type.
        CanonicalJson.quote(text.length() == 10 ? text : dateText(rs.getObject(column)), to);
      }
      default -> {
        String json = rs.getString(column);
        if (json == null || json.equals("null")) {
          return false;
        }
        appendJson(json, to);
      }
    }
    return true;
  }

  /** A row's values as JDBC hands them out: each column's text, or its object. */
  interface Values {
    String getString(int column) throws SQLException;

    Object getObject(int column) throws SQLException;

    static Values of(ResultSet rs) {
      return new Values() {
        @Override
        public String getString(int column) throws SQLException {
          return rs.getString(column);
        }

        @Override
        public Object getObject(int column) throws SQLException {
          return rs.getObject(column);
        }
      };
    }
  }

  private static void appendNumber(String text, StringBuilder to) {
    if (isPlainInteger(text)) {
      to.append(text);
      return;
    }
    try {
      to.append(CanonicalJson.number(new BigDecimal(text.strip())));
    } catch (NumberFormatException notANumber) {
      CanonicalJson.quote(text, to);
    }
  }

  /** {@code 0}, {@code 42}, {@code -7}: already canonical. */
  static boolean isPlainInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int length = text.length() - start;
    if (length == 0 || (text.charAt(start) == '0' && (length > 1 || start == 1))) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void appendBoolean(Object value, StringBuilder to) {
    if (value instanceof Boolean b) {
      to.append(b.booleanValue());
    } else if (value instanceof BigDecimal d) {
      to.append(d.signum() != 0);
    } else if (value instanceof Number n) {
      to.append(n.doubleValue() != 0);
    } else {
      String text = value.toString().strip().toLowerCase(Locale.ROOT);
      switch (text) {
        case "1", "true", "t", "yes", "y" -> to.append(true);
        case "0", "false", "f", "no", "n" -> to.append(false);
        default -> CanonicalJson.quote(value.toString(), to);
      }
    }
  }

  private static String dateText(Object value) {
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Timestamp t) {
      return dateText(t.toLocalDateTime());
    }
    if (value instanceof LocalDateTime t) {
      return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0
          ? t.toLocalDate().toString()
          : t.toString();
    }
    return value.toString();
  }

  private void appendJson(String json, StringBuilder to) {
    if (dialect.jsonReadsAsWritten() && looksCanonical(json)) {
      to.append(json);
      return;
    }
    try {
      to.append(CanonicalJson.parse(json).canonical());
    } catch (CanonicalJson.NotJson notJson) {
      CanonicalJson.quote(json, to);
    }
  }

  /**
   * A cheap, conservative check that JSON text is already canonical: strings without escapes, whole
   * numbers, arrays, literals, objects with their names in sorted order, and no whitespace. {@code
   * ["a","b"]}, {@code {"a":1,"b":[2]}} and {@code 3} pass; {@code [1, 2]}, {@code 1.0} and {@code
   * {"b":1,"a":2}} take the slow path, which parses and rewrites. The structure is checked too
   * ({@code [1,]} and {@code [[1]} fail), so text that passes is spliced or bound as it is with no
   * parse behind it.
   */
  static boolean looksCanonical(String json) {
    return looksCanonical(json, 0, json.length());
  }

  /** {@link #looksCanonical(String)} for the characters of {@code json} in {@code [from, to)}. */
  static boolean looksCanonical(CharSequence json, int from, int to) {
    return canonicalValue(json, from, to) == to;
  }

  /** The index just past the canonical value at {@code at}, or -1; {@code n} ends the text. */
  private static int canonicalValue(CharSequence json, int at, int n) {
    if (at >= n) {
      return -1;
    }
    char c = json.charAt(at);
    if (c == '"') {
      for (int i = at + 1; i < n; i++) {
        char s = json.charAt(i);
        if (s == '"') {
          return i + 1;
        }
        if (s == '\\' || s < 0x20) {
          return -1;
        }
      }
      return -1;
    }
    if (c == '[') {
      int i = at + 1;
      if (i < n && json.charAt(i) == ']') {
        return i + 1;
      }
      while (true) {
        i = canonicalValue(json, i, n);
        if (i < 0 || i >= n) {
          return -1;
        }
        char next = json.charAt(i);
        if (next == ']') {
          return i + 1;
        }
        if (next != ',') {
          return -1;
        }
        i++;
      }
    }
    if (c == '{') {
      return canonicalObject(json, at, n);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int start = c == '-' ? at + 1 : at;
      int end = start;
      while (end < n && json.charAt(end) >= '0' && json.charAt(end) <= '9') {
        end++;
      }
      if (end == start || (json.charAt(start) == '0' && (end - start > 1 || c == '-'))) {
        return -1;
      }
      return end < n && ".eE+-".indexOf(json.charAt(end)) >= 0 ? -1 : end;
    }
    for (String literal : LITERALS) {
      if (startsWith(json, literal, at, n)) {
        return at + literal.length();
      }
    }
    return -1;
  }

  /**
   * As {@link #canonicalValue} for an object: names escape-free and strictly increasing (compared
   * in place, as {@link String#compareTo} compares them).
   */
  private static int canonicalObject(CharSequence json, int at, int n) {
    int i = at + 1;
    if (i < n && json.charAt(i) == '}') {
      return i + 1;
    }
    int previous = -1; // where the previous name's text starts, after its quote
    int previousEnd = -1;
    while (true) {
      if (i >= n || json.charAt(i) != '"') {
        return -1;
      }
      int nameEnd = canonicalValue(json, i, n);
      if (nameEnd < 0 || nameEnd >= n || json.charAt(nameEnd) != ':') {
        return -1;
      }
      if (previous >= 0 && compare(json, previous, previousEnd, i + 1, nameEnd - 1) >= 0) {
        return -1;
      }
      previous = i + 1;
      previousEnd = nameEnd - 1;
      i = canonicalValue(json, nameEnd + 1, n);
      if (i < 0 || i >= n) {
        return -1;
      }
      char next = json.charAt(i);
      if (next == '}') {
        return i + 1;
      }
      if (next != ',') {
        return -1;
      }
      i++;
    }
  }

  /** {@code a.compareTo(b)} for two ranges of {@code text}, without making the strings. */
  private static int compare(CharSequence text, int a, int aEnd, int b, int bEnd) {
    int length = Math.min(aEnd - a, bEnd - b);
    for (int k = 0; k < length; k++) {
      int d = text.charAt(a + k) - text.charAt(b + k);
      if (d != 0) {
        return d;
      }
    }
    return (aEnd - a) - (bEnd - b);
  }

  /** Whether {@code prefix} stands at {@code at} in {@code text}, within its first {@code n}. */
  static boolean startsWith(CharSequence text, String prefix, int at, int n) {
    if (at + prefix.length() > n) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (text.charAt(at + k) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static final String[] LITERALS = {"true", "false", "null"};

  private int indexOf(String fieldName) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(fieldName)) {
        return i;
      }
    }
    return -1;
  }
}
