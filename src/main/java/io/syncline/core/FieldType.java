package io.syncline.core;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How a field's values are stored in a column, and so how they read back.
 *
 * <p>Inference from file records: {@code "2025-08-18"} is DATE, {@code 3} INTEGER, {@code 1.5}
 * DECIMAL, {@code true} BOOLEAN, a list or object JSON, other strings TEXT. A field whose records
 * disagree (a number in one, a string in another) is JSON, so every value reads back with the type
 * it was written with.
 *
 * <p>Inference is for fields with no type yet. A field that has one (declared in the mapping, given
 * by an earlier load, or its table's column's) keeps it, and a value that does not fit it is bad
 * input ({@link #holds}): one stray value must not re-type a column that holds other spellings.
 * What fits:
 *
 * <pre>
 *   TEXT     strings (ISO dates too)          42, true, [1] refused
 *   INTEGER  whole numbers (3, 3.0)           3.5, "3" refused
 *   DECIMAL  any number                       "1.5" refused
 *   BOOLEAN  true, false                      0, 1, "true" refused
 *   DATE     "yyyy-mm-dd" strings             "soon", 20250818 refused
 *   JSON     anything
 * </pre>
 *
 * and null fits every type.
 */
public enum FieldType {
  /** A string. */
  TEXT,
  /** A whole number. */
  INTEGER,
  /** Any number; stored exactly where the database can. */
  DECIMAL,
  /** true or false; SQLite keeps it as 0 or 1. */
  BOOLEAN,
  /** An ISO date string, {@code yyyy-mm-dd}, kept in a DATE column. */
  DATE,
  /** Any JSON value kept as JSON text (JSONB on PostgreSQL). */
  JSON;

  public static FieldType of(Value value) {
    if (value instanceof Value.Bool) {
      return BOOLEAN;
    }
    if (value instanceof Value.Num n) {
      return ofNumber(n.value());
    }
    if (value instanceof Value.Text t) {
      return ofText(t.value());
    }
    return JSON;
  }

  /** A string's type: DATE when it is an ISO date, TEXT otherwise. */
  public static FieldType ofText(String text) {
    return isIsoDate(text, 0, text.length()) ? DATE : TEXT;
  }

  /** As {@link #ofText(String)} for the characters from {@code from} to {@code to}. */
  public static FieldType ofText(CharSequence text, int from, int to) {
    return isIsoDate(text, from, to) ? DATE : TEXT;
  }

  /** A number's type: INTEGER when it is whole ({@code 3.0} too), DECIMAL otherwise. */
  public static FieldType ofNumber(BigDecimal number) {
    return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0 ? INTEGER : DECIMAL;
  }

  /** The type that holds values of both; {@code null} stands for "no value seen yet". */
  public FieldType widen(FieldType other) {
    if (other == null || other == this) {
      return this;
    }
    if ((this == INTEGER && other == DECIMAL) || (this == DECIMAL && other == INTEGER)) {
      return DECIMAL;
    }
    if ((this == DATE && other == TEXT) || (this == TEXT && other == DATE)) {
      return TEXT;
    }
    return JSON;
  }

  /** Whether values of the {@code seen} type (null: a null value) fit a column of this type. */
  public boolean holds(FieldType seen) {
    if (seen == null || this == JSON || seen == this) {
      return true;
    }
    return (this == TEXT && seen == DATE) || (this == DECIMAL && seen == INTEGER);
  }

  /** Whether a value read from a file can be stored in a column of this type. */
  public boolean accepts(Value value) {
    if (value instanceof Value.Null || this == JSON) {
      return true;
    }
    return switch (this) {
      case TEXT -> value instanceof Value.Text;
      case INTEGER -> value instanceof Value.Num n && ofNumber(n.value()) == INTEGER;
      case DECIMAL -> value instanceof Value.Num;
      case BOOLEAN -> value instanceof Value.Bool;
      case DATE -> value instanceof Value.Text t && ofText(t.value()) == DATE;
      default -> true;
    };
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code yyyy-mm-dd}; checked by hand because it runs for every string of every record. */
  private static boolean isIsoDate(CharSequence text, int from, int to) {
    if (to - from != 10 || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-') {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      char c = text.charAt(from + i);
      if (i != 4 && i != 7 && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
