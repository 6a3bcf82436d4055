package io.syncline.core;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value as Syncline compares it: by meaning, not by spelling.
 *
 * <p>Two values are equal when their {@link #canonical()} texts are equal. Worked examples:
 *
 * <pre>
 *   1        equals 1.0          numbers compare as decimals: canonical "1"
 *   1e2      equals 100          canonical "100"
 *   {"b":1,"a":2} equals {"a":2,"b":1}   object keys are sorted in the canonical text
 *   [1,2]    differs from [2,1]  list order matters
 *   "1"      differs from 1      a string is never a number
 * </pre>
 *
 * Booleans stored as 0/1 and dates stored as DATE columns are turned into {@link Bool} and {@link
 * Text} by the database adapter, which knows the column's {@link FieldType}; here they are already
 * plain values.
 */
public sealed interface Value {

  Null NULL = new Null();
  Bool TRUE = new Bool(true);
  Bool FALSE = new Bool(false);

  /** Canonical JSON: no whitespace, object keys sorted, numbers without trailing zeros. */
  default String canonical() {
    StringBuilder out = new StringBuilder();
    CanonicalJson.write(this, out);
    return out.toString();
  }

  /** Readable JSON in the order the value was read, for messages and diffs. */
  default String display() {
    StringBuilder out = new StringBuilder();
    CanonicalJson.writeInOrder(this, out);
    return out.toString();
  }

  default boolean sameAs(Value other) {
    return canonical().equals(other == null ? NULL.canonical() : other.canonical());
  }

  /** JSON null; also what an absent field or a NULL column reads as. */
  record Null() implements Value {}

  record Bool(boolean value) implements Value {
    public static Bool of(boolean value) {
      return value ? TRUE : FALSE;
    }
  }

  /** Any JSON number, held exactly. */
  record Num(BigDecimal value) implements Value {
    @Override
    public boolean equals(Object o) {
      return o instanceof Num n && value.compareTo(n.value) == 0;
    }

    @Override
    public int hashCode() {
      return value.stripTrailingZeros().hashCode();
    }
  }

  record Text(String value) implements Value {}

  record Array(List<Value> items) implements Value {
    public Array {
      items = List.copyOf(items);
    }
  }

  /** A JSON object; keeps the order its fields were read in, which files keep when rewritten. */
  record Obj(Map<String, Value> fields) implements Value {
    public Obj {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public Value get(String name) {
      Value value = fields.get(name);
      return value == null ? NULL : value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Obj other && canonical().equals(other.canonical());
    }

    @Override
    public int hashCode() {
      return canonical().hashCode();
    }
  }
}
