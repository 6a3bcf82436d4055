package io.syncline.formats;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Value;
import java.util.Map;

/**
 * JSON text of a {@link Value}, in the two shapes files use.
 *
 * <pre>
 *   compact   {"id": 7, "tags": ["a", "b"]}
 *   pretty    {
 *               "id": 7,
 *               "tags": [
 *                 "a",
 *                 "b"
 *               ]
 *             }
 * </pre>
 *
 * Fields keep the order of the {@link Value.Obj}; numbers are written as their canonical text.
 */
final class JsonText {
  private JsonText() {}

  /** One line, a space after each comma and colon: the style of a one-line record. */
  static String compact(Value value) {
    return value.display();
  }

  /**
   * Pretty text whose first line starts where the caller is and whose later lines start with {@code
   * indent}; nested levels add {@code unit}. Empty lists and objects stay {@code []} and {@code
   * {}}.
   */
  static void pretty(
      Value value, String indent, String unit, String lineSeparator, StringBuilder out) {
    if (value instanceof Value.Obj o && !o.fields().isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> field : o.fields().entrySet()) {
        out.append(first ? "" : ",").append(lineSeparator).append(indent).append(unit);
        first = false;
        CanonicalJson.quote(field.getKey(), out);
        out.append(": ");
        pretty(field.getValue(), indent + unit, unit, lineSeparator, out);
      }
      out.append(lineSeparator).append(indent).append('}');
    } else if (value instanceof Value.Array a && !a.items().isEmpty()) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        out.append(i == 0 ? "" : ",").append(lineSeparator).append(indent).append(unit);
        pretty(a.items().get(i), indent + unit, unit, lineSeparator, out);
      }
      out.append(lineSeparator).append(indent).append(']');
    } else {
      out.append(compact(value));
    }
  }

  static String pretty(Value value, String indent, String unit, String lineSeparator) {
    StringBuilder out = new StringBuilder();
    pretty(value, indent, unit, lineSeparator, out);
    return out.toString();
  }

  static String name(String fieldName) {
    StringBuilder out = new StringBuilder();
    CanonicalJson.quote(fieldName, out);
    return out.toString();
  }
}
