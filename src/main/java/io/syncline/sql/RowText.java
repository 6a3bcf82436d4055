package io.syncline.sql;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Records;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A table row's record text from the values the driver hands out ({@link ColumnValues}), the same
 * text {@link Records#canonical} gives for the record read from a file, without building a {@link
 * Value} per field; the general way, which {@link ArrayRowText}'s copying must agree with. The row
 * is selected in the order of {@link RowColumns#selectList}; per type, what the drivers hand back
 * and what is appended:
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
 * So the row {@code (1, '978', 12, 9.50, '["a"]')} of the columns {@code done, isbn, pages, price,
 * tags} reads as {@code {"done":true,"isbn":"978","pages":12,"price":9.5,"tags":["a"]}}. A value
 * that does not fit its type (text in a NUMERIC column, which SQLite allows) reads as the string it
 * is, so the diff shows it instead of the read failing.
 */
final class RowText {
  private final RowColumns columns;
  private final boolean jsonReadsAsWritten;
  private final RecordTextOut out;

  RowText(RowColumns columns, Dialect dialect) {
    this(new RecordTextOut(columns), dialect);
  }

  /** Writes into {@code out}, which an {@link ArrayRowText} of the same columns may share. */
  RowText(RecordTextOut out, Dialect dialect) {
    this.columns = out.columns();
    this.jsonReadsAsWritten = dialect.jsonReadsAsWritten();
    this.out = out;
  }

  RowColumns columns() {
    return columns;
  }

  /** The current row as canonical record text; its key is then {@link #key}. */
  String text(ResultSet rs) throws SQLException {
    return text(ColumnValues.of(rs));
  }

  /** As {@link #text(ResultSet)}, for a row read as one JSON array ({@link ArrayRow}). */
  String text(ColumnValues row) throws SQLException {
    out.start();
    StringBuilder to = out.out();
    for (int i = 0; i < columns.count(); i++) {
      int start = out.name(i);
      appendValue(row, i + 1, columns.type(i), to);
      if (!out.end(i, start) && columns.keyPosition(i) >= 0) {
        throw columns.noKey(i);
      }
    }
    return out.text().toString();
  }

  /** The key text of the row {@link #text} read last. */
  String key() {
    return out.key();
  }

  /** The current row as a record, fields in the entity's order, nulls left out. */
  Value.Obj record(ResultSet rs) throws SQLException {
    ColumnValues row = ColumnValues.of(rs);
    List<Field> fields = columns.fields();
    Map<String, Value> byName = new LinkedHashMap<>();
    StringBuilder piece = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      piece.setLength(0);
      appendValue(row, i + 1, columns.type(i), piece);
      if (piece.length() > 0) {
        byName.put(fields.get(i).name(), CanonicalJson.parse(piece.toString()));
      }
    }
    Map<String, Value> ordered = new LinkedHashMap<>();
    for (Field field : columns.entity().fileFields()) {
      Value value = byName.get(field.name());
      if (value != null) {
        ordered.put(field.name(), value);
      }
    }
    return new Value.Obj(ordered);
  }

  /** Appends the column's canonical JSON; nothing for NULL. */
  private void appendValue(ColumnValues row, int column, FieldType type, StringBuilder to)
      throws SQLException {
    switch (type) {
      case TEXT -> {
        String text = row.getString(column);
        if (text != null) {
          CanonicalJson.quote(text, to);
        }
      }
      case INTEGER, DECIMAL -> {
        String text = row.getString(column);
        if (text != null) {
          appendNumber(text, to);
        }
      }
      case BOOLEAN -> {
        Object value = row.getObject(column);
        if (value != null) {
          appendBoolean(value, to);
        }
      }
      case DATE -> {
        String text = row.getString(column);
        if (text != null) {
          // Drivers spell a DATE as yyyy-mm-dd; anything else (a timestamp) is converted by type.
          CanonicalJson.quote(text.length() == 10 ? text : dateText(row.getObject(column)), to);
        }
      }
      default -> {
        String json = row.getString(column);
        if (json != null && !json.equals("null")) {
          appendJson(json, to);
        }
      }
    }
  }

  private static void appendNumber(String text, StringBuilder to) {
    if (JsonText.isPlainInteger(text)) {
      to.append(text);
      return;
    }
    try {
      to.append(CanonicalJson.number(new BigDecimal(text.strip())));
    } catch (NumberFormatException notANumber) {
      CanonicalJson.quote(text, to);
    }
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
    if (jsonReadsAsWritten && JsonText.looksCanonical(json)) {
      to.append(json);
      return;
    }
    try {
      to.append(CanonicalJson.parse(json).canonical());
    } catch (CanonicalJson.NotJson notJson) {
      CanonicalJson.quote(json, to);
    }
  }
}
