package io.syncline.shell;

import io.syncline.core.Change;
import io.syncline.core.Field;
import io.syncline.core.Side;
import io.syncline.core.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One conflict as interactive {@code resolve} shows it:
 *
 * <pre>
 * [2/7] country/FR.name (text)
 *   base  "France"
 *   file  "France!"
 *   db    "Frankrijk"
 * </pre>
 *
 * Objects and lists are pretty-printed, one member a line. Long text is shown as a word diff
 * against the base, git's {@code --word-diff} style: {@code the [-lazy-]{+sleepy+} dog}.
 */
final class ConflictView {
  /** Text longer than this reads better as a word diff than as two whole values. */
  static final int LONG_TEXT = 40;

  private final Style style;

  ConflictView(Style style) {
    this.style = style;
  }

  String render(Change conflict, Field field, int number, int total) {
    StringBuilder out = new StringBuilder();
    out.append(style.strong("[" + number + "/" + total + "] " + conflict.id()));
    out.append(
        field != null
            ? " (" + field.type().lowerName() + ")"
            : conflict.field() == null ? " (whole record)" : "");
    out.append('\n');
    Value base = conflict.value(Side.BASE);
    Value file = conflict.value(Side.FILE);
    Value database = conflict.value(Side.DATABASE);
    boolean wordDiff =
        base instanceof Value.Text b
            && file instanceof Value.Text
            && database instanceof Value.Text
            && Math.max(b.value().length(), Math.max(length(file), length(database))) > LONG_TEXT;
    line(
        out,
        "base",
        conflict.text(Side.BASE) == null ? "none (no agreed value yet)" : pretty(base));
    if (wordDiff) {
      String was = ((Value.Text) base).value();
      line(out, "file", wordDiff(was, ((Value.Text) file).value()));
      line(out, "db", wordDiff(was, ((Value.Text) database).value()));
    } else {
      line(out, "file", conflict.text(Side.FILE) == null ? "(absent)" : pretty(file));
      line(out, "db", conflict.text(Side.DATABASE) == null ? "(absent)" : pretty(database));
    }
    return out.toString();
  }

  private static int length(Value text) {
    return ((Value.Text) text).value().length();
  }

  /** {@code " file value"}, a value's later lines indented under its first. */
  private static void line(StringBuilder out, String label, String text) {
    out.append("  ")
        .append(label)
        .append(" ".repeat(6 - label.length()))
        .append(text.replace("\n", "\n        "))
        .append('\n');
  }

  /** JSON with objects and lists one member a line, indented by two; scalars as they are. */
  static String pretty(Value value) {
    StringBuilder out = new StringBuilder();
    pretty(value, out, "");
    return out.toString();
  }

  private static void pretty(Value value, StringBuilder out, String indent) {
    String inner = indent + "  ";
    if (value instanceof Value.Obj o && !o.fields().isEmpty()) {
      out.append("{\n");
      int i = 0;
      for (Map.Entry<String, Value> member : o.fields().entrySet()) {
        out.append(inner).append(new Value.Text(member.getKey()).display()).append(": ");
        pretty(member.getValue(), out, inner);
        out.append(++i < o.fields().size() ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (value instanceof Value.Array a && !a.items().isEmpty()) {
      out.append("[\n");
      for (int i = 0; i < a.items().size(); i++) {
        out.append(inner);
        pretty(a.items().get(i), out, inner);
        out.append(i + 1 < a.items().size() ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else {
      out.append(value.display());
    }
  }

  /**
   * {@code now} as a word diff against {@code was}: removed words in {@code [-…-]}, added ones in
   * {@code {+…+}}, by the longest common subsequence of words.
   *
   * <pre>
   *   was "the lazy dog", now "the sleepy dog"  →  "the [-lazy-]{+sleepy+} dog"
   * </pre>
   */
  String wordDiff(String was, String now) {
    List<String> a = words(was);
    List<String> b = words(now);
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    StringBuilder removed = new StringBuilder();
    StringBuilder added = new StringBuilder();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        flush(out, removed, added);
        out.append(a.get(i));
        i++;
        j++;
      } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
        added.append(b.get(j++));
      } else {
        removed.append(a.get(i++));
      }
    }
    flush(out, removed, added);
    return out.toString();
  }

  private void flush(StringBuilder out, StringBuilder removed, StringBuilder added) {
    if (removed.length() > 0) {
      out.append(style.error("[-" + removed.toString().strip() + "-]"));
      if (Character.isWhitespace(removed.charAt(removed.length() - 1)) && added.length() == 0) {
        out.append(' ');
      }
    }
    if (added.length() > 0) {
      out.append(style.toDatabase("{+" + added.toString().strip() + "+}"));
      if (Character.isWhitespace(added.charAt(added.length() - 1))) {
        out.append(' ');
      }
    }
    removed.setLength(0);
    added.setLength(0);
  }

  /** Words with their trailing blanks, so that joining them gives the text back. */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      boolean blank = Character.isWhitespace(text.charAt(i));
      boolean nextBlank = i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1));
      if (blank && !nextBlank) {
        words.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      words.add(text.substring(start));
    }
    return words;
  }
}
