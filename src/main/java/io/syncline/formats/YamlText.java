package io.syncline.formats;

import io.syncline.core.Value;
import java.util.Map;

/**
 * YAML text of a {@link Value}: block style for records and documents, flow style for a value that
 * replaces a scalar on its line.
 *
 * <pre>
 *   block (indent 2)          flow
 *   name: daily-backup        {name: daily-backup, tags: [a, b]}
 *     tags:
 *       - a
 *       - b
 * </pre>
 */
final class YamlText {
  private YamlText() {}

  static boolean isBlock(Value value) {
    return value instanceof Value.Obj o && !o.fields().isEmpty()
        || value instanceof Value.Array a && !a.items().isEmpty();
  }

  /**
   * A non-empty object or list in block style. The first line starts where the caller is; later
   * lines start with {@code indent} spaces; nested levels add two. No line separator at the end.
   */
  static void block(Value value, int indent, String lineSeparator, StringBuilder out) {
    String pad = " ".repeat(indent);
    if (!isBlock(value)) {
      out.append(flow(value)); // [] and {} have no block form
    } else if (value instanceof Value.Obj o) {
      boolean first = true;
      for (Map.Entry<String, Value> field : o.fields().entrySet()) {
        if (!first) {
          out.append(lineSeparator).append(pad);
        }
        first = false;
        out.append(YamlScalars.string(field.getKey(), false)).append(':');
        memberValue(field.getValue(), indent, lineSeparator, out);
      }
    } else if (value instanceof Value.Array a) {
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(lineSeparator).append(pad);
        }
        Value item = a.items().get(i);
        out.append('-');
        if (isBlock(item)) {
          out.append(' ');
          block(item, indent + 2, lineSeparator, out);
        } else {
          out.append(' ').append(flow(item));
        }
      }
    }
  }

  /** What follows {@code name:} for a member whose name sits at column {@code indent}. */
  static void memberValue(Value value, int indent, String lineSeparator, StringBuilder out) {
    if (isBlock(value)) {
      out.append(lineSeparator).append(" ".repeat(indent + 2));
      block(value, indent + 2, lineSeparator, out);
    } else {
      out.append(' ').append(flow(value));
    }
  }

  /**
   * One line: scalars as {@link YamlScalars} writes them, lists as {@code [a, b]}, objects as
   * {@code {k: v}}.
   */
  static String flow(Value value) {
    StringBuilder out = new StringBuilder();
    flow(value, false, out);
    return out.toString();
  }

  private static void flow(Value value, boolean inside, StringBuilder out) {
    if (value instanceof Value.Obj o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> field : o.fields().entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        out.append(YamlScalars.string(field.getKey(), true)).append(": ");
        flow(field.getValue(), true, out);
      }
      out.append('}');
    } else if (value instanceof Value.Array a) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        out.append(i == 0 ? "" : ", ");
        flow(a.items().get(i), true, out);
      }
      out.append(']');
    } else {
      out.append(YamlScalars.scalar(value, inside));
    }
  }
}
