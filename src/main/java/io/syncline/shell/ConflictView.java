package io.syncline.shell;

import io.syncline.core.Change;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.Side;
import io.syncline.core.Value;
import io.syncline.core.ValueDiff;
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
 *
 * <p>An object or list longer than {@link #LONG_VALUE} lines is shown as the paths where the sides
 * differ ({@link ValueDiff}), each with its three values, and the rest elided; a conflict of a
 * 380-element list takes a few lines, not 19,000:
 *
 * <pre>
 * [1/1] season/2020.matches (json)
 *   matches[1].score  changed in the file
 *     base  "1-1"
 *     file  "1-2"
 *     db    "1-1"
 *   matches[3].score  conflict
 *     base  "3-1"
 *     file  "3-2"
 *     db    "4-1"
 *   … 378 elements the same
 * </pre>
 */
final class ConflictView {
  /** Text longer than this reads better as a word diff than as two whole values. */
  static final int LONG_TEXT = 40;

  /** An object or list printed longer than this many lines is shown as the paths that differ. */
  static final int LONG_VALUE = 12;

  /** At most this many differing paths are shown; a line counts the rest. */
  static final int PATHS_SHOWN = 12;

  private final Style style;

  ConflictView(Style style) {
    this.style = style;
  }

  String render(Change conflict, Field field, int number, int total) {
    return render(conflict, field, null, number, total);
  }

  /**
   * {@code entity}: the conflict's entity, null when not known; a whole child record is shown
   * without its parent's key fields.
   */
  String render(Change conflict, Field field, Entity entity, int number, int total) {
    StringBuilder out = new StringBuilder();
    out.append(style.strong("[" + number + "/" + total + "] " + conflict.id()));
    out.append(
        field != null
            ? " (" + field.type().lowerName() + ")"
            : conflict.wholeRecord() ? " (whole record)" : "");
    out.append('\n');
    Value base = DiffView.withoutParentKey(entity, conflict.value(Side.BASE));
    Value file = DiffView.withoutParentKey(entity, conflict.value(Side.FILE));
    Value database = DiffView.withoutParentKey(entity, conflict.value(Side.DATABASE));
    boolean noBase = conflict.text(Side.BASE) == null;
    if (conflict.text(Side.FILE) != null
        && conflict.text(Side.DATABASE) != null
        && sameKind(noBase ? file : base, file, database)
        && Math.max(lines(base), Math.max(lines(file), lines(database))) > LONG_VALUE) {
      String root = conflict.wholeRecord() ? "" : conflict.path().field();
      // With no base yet, the file's value stands in for it: the paths are where the sides differ.
      ValueDiff diff = ValueDiff.of(root, noBase ? file : base, file, database);
      paths(out, conflict.id(), diff, file instanceof Value.Array, noBase);
      return out.toString();
    }
    values(
        out,
        "  ",
        base,
        conflict.text(Side.FILE) == null ? null : file,
        conflict.text(Side.DATABASE) == null ? null : database,
        noBase);
    return out.toString();
  }

  /** Both sides' objects, or both sides' lists, and the base's of the same kind. */
  private static boolean sameKind(Value base, Value file, Value database) {
    return base instanceof Value.Obj && file instanceof Value.Obj && database instanceof Value.Obj
        || base instanceof Value.Array
            && file instanceof Value.Array
            && database instanceof Value.Array;
  }

  private static int lines(Value value) {
    return (int) pretty(value).lines().count();
  }

  /** The paths that differ, each with its three values, then how many parts are the same. */
  private void paths(StringBuilder out, String id, ValueDiff diff, boolean list, boolean noBase) {
    List<ValueDiff.Difference> shown = diff.differences();
    if (shown.size() > PATHS_SHOWN) {
      shown = shown.subList(0, PATHS_SHOWN);
    }
    for (ValueDiff.Difference d : shown) {
      out.append("  ").append(style.strong(d.path()));
      out.append("  ").append(noBase ? "differs" : outcome(d)).append('\n');
      values(out, "    ", d.base(), d.file(), d.database(), noBase);
    }
    if (shown.size() < diff.differences().size()) {
      out.append("  … ")
          .append(diff.differences().size() - shown.size())
          .append(" more paths differ; `diff ")
          .append(id)
          .append(" --format json` shows the values whole\n");
    }
    if (diff.same() > 0) {
      out.append("  … ")
          .append(diff.same())
          .append(list ? " element" : " member")
          .append(diff.same() == 1 ? "" : "s")
          .append(" the same\n");
    }
  }

  private String outcome(ValueDiff.Difference d) {
    if (d.conflict()) {
      return style.conflict("conflict");
    }
    boolean file = d.changedIn(Side.FILE);
    boolean database = d.changedIn(Side.DATABASE);
    return file && database
        ? "changed the same on both sides"
        : file ? "changed in the file" : "changed in the database";
  }

  /**
   * The three values, one a line: base, file, db; long text as a word diff against the base. A null
   * value is one the side has not (a record, member or element): {@code (absent)}.
   */
  private void values(
      StringBuilder out, String indent, Value base, Value file, Value database, boolean noBase) {
    boolean wordDiff =
        base instanceof Value.Text b
            && file instanceof Value.Text
            && database instanceof Value.Text
            && Math.max(b.value().length(), Math.max(length(file), length(database))) > LONG_TEXT;
    line(out, indent, "base", noBase ? "none (no agreed value yet)" : shown(base));
    if (wordDiff) {
      String was = ((Value.Text) base).value();
      line(out, indent, "file", wordDiff(was, ((Value.Text) file).value()));
      line(out, indent, "db", wordDiff(was, ((Value.Text) database).value()));
    } else {
      line(out, indent, "file", shown(file));
      line(out, indent, "db", shown(database));
    }
  }

  private static String shown(Value value) {
    return value == null ? "(absent)" : pretty(value);
  }

  private static int length(Value text) {
    return ((Value.Text) text).value().length();
  }

  /** {@code " file value"}, a value's later lines indented under its first. */
  private static void line(StringBuilder out, String indent, String label, String text) {
    out.append(indent)
        .append(label)
        .append(" ".repeat(6 - label.length()))
        .append(text.replace("\n", "\n" + indent + "      "))
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
