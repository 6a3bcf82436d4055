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
   * How new text takes after text already in the file: the quotes of its strings and the columns of
   * its nested block values. {@link #PLAIN} is the default style, used by export. Worked example, a
   * record appended to a list whose last record is {@code - name: "a"} with {@code tags:} then
   * {@code - x} at the same column as {@code tags}:
   *
   * <pre>
   *   plain                  like the last record
   *   - name: b              - name: "b"
   *     tags:                  tags:
   *       - y                  - y
   * </pre>
   */
  interface Style {
    /**
     * A string written as a scalar; {@code flow} when it sits inside {@code [..]} or {@code {..}}.
     */
    String string(String text, boolean flow);

    /** The style of the member called {@code name}. */
    Style member(String name);

    /** The style of a list's items. */
    Style item();

    /**
     * Columns from a member's name (or an item's dash) to the first column of its block value
     * {@code value}: 2 by default; 0 is allowed for a list under a member name.
     */
    int offset(Value value);

    /** The value is written in brackets on one line, as {@code [a, b]} already is. */
    boolean oneLine();
  }

  /** Strings plain unless {@link YamlScalars} says otherwise; nested levels two columns in. */
  static final Style PLAIN =
      new Style() {
        @Override
        public String string(String text, boolean flow) {
          return YamlScalars.string(text, flow);
        }

        @Override
        public Style member(String name) {
          return this;
        }

        @Override
        public Style item() {
          return this;
        }

        @Override
        public int offset(Value value) {
          return 2;
        }

        @Override
        public boolean oneLine() {
          return false;
        }
      };

  /**
   * A non-empty object or list in block style. The first line starts where the caller is; later
   * lines start with {@code indent} spaces; nested levels add two. No line separator at the end.
   */
  static void block(Value value, int indent, String lineSeparator, StringBuilder out) {
    block(value, indent, lineSeparator, PLAIN, out);
  }

  /** As {@link #block(Value, int, String, StringBuilder)}, nested levels in {@code style}. */
  static void block(Value value, int indent, String lineSeparator, Style style, StringBuilder out) {
    String pad = " ".repeat(indent);
    if (!isBlock(value)) {
      out.append(flow(value, style)); // [] and {} have no block form
    } else if (value instanceof Value.Obj o) {
      boolean first = true;
      for (Map.Entry<String, Value> field : o.fields().entrySet()) {
        if (!first) {
          out.append(lineSeparator).append(pad);
        }
        first = false;
        out.append(YamlScalars.string(field.getKey(), false)).append(':');
        memberValue(field.getValue(), indent, lineSeparator, style.member(field.getKey()), out);
      }
    } else if (value instanceof Value.Array a) {
      Style items = style.item();
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(lineSeparator).append(pad);
        }
        Value item = a.items().get(i);
        out.append('-');
        if (isBlock(item) && !items.oneLine()) {
          int offset = Math.max(2, items.offset(item));
          out.append(" ".repeat(offset - 1));
          block(item, indent + offset, lineSeparator, items, out);
        } else {
          out.append(' ').append(flow(item, items));
        }
      }
    }
  }

  /** What follows {@code name:} for a member whose name sits at column {@code indent}. */
  static void memberValue(Value value, int indent, String lineSeparator, StringBuilder out) {
    memberValue(value, indent, lineSeparator, PLAIN, out);
  }

  /** As {@link #memberValue(Value, int, String, StringBuilder)}, in the member's {@code style}. */
  static void memberValue(
      Value value, int indent, String lineSeparator, Style style, StringBuilder out) {
    if (isBlock(value) && !style.oneLine()) {
      int offset = style.offset(value);
      out.append(lineSeparator).append(" ".repeat(indent + offset));
      block(value, indent + offset, lineSeparator, style, out);
    } else {
      out.append(' ').append(flow(value, style));
    }
  }

  /**
   * One line: scalars as {@link YamlScalars} writes them, lists as {@code [a, b]}, objects as
   * {@code {k: v}}.
   */
  static String flow(Value value) {
    return flow(value, PLAIN);
  }

  /** As {@link #flow(Value)}, strings quoted as {@code style} says. */
  static String flow(Value value, Style style) {
    StringBuilder out = new StringBuilder();
    flow(value, false, style, out);
    return out.toString();
  }

  private static void flow(Value value, boolean inside, Style style, StringBuilder out) {
    if (value instanceof Value.Obj o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> field : o.fields().entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        out.append(YamlScalars.string(field.getKey(), true)).append(": ");
        flow(field.getValue(), true, style.member(field.getKey()), out);
      }
      out.append('}');
    } else if (value instanceof Value.Array a) {
      out.append('[');
      Style items = style.item();
      for (int i = 0; i < a.items().size(); i++) {
        out.append(i == 0 ? "" : ", ");
        flow(a.items().get(i), true, items, out);
      }
      out.append(']');
    } else if (value instanceof Value.Text t) {
      out.append(style.string(t.value(), inside));
    } else {
      out.append(YamlScalars.scalar(value, inside));
    }
  }
}
