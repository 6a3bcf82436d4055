package io.syncline.shell;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.jline.utils.WCWidth;

/**
 * Text measured in terminal columns, as the screen shows it, not in chars: {@code "Aruba"} takes 5,
 * {@code "東京"} 4 (wide characters take two), a combining accent none.
 */
final class Columns {
  private Columns() {}

  /** The columns {@code text} takes on a terminal. */
  static int of(String text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      columns += Math.max(0, WCWidth.wcwidth(c));
      i += Character.charCount(c);
    }
    return columns;
  }

  /**
   * {@code text} in at most {@code columns} columns: whole when it fits, else as much as fits
   * before a closing {@code …}. {@code cut("\"Aruba, the happy island\"", 10)} is {@code "Aruba,
   * t…}.
   */
  static String cut(String text, int columns) {
    if (of(text) <= columns) {
      return text;
    }
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int w = Math.max(0, WCWidth.wcwidth(c));
      if (used + w > columns - 1) {
        break;
      }
      cut.appendCodePoint(c);
      used += w;
      i += Character.charCount(c);
    }
    return cut.append('…').toString();
  }

  /**
   * {@code text} in at most {@code columns} columns, showing what is at char index {@code at}: as
   * {@link #cut} when that fits, else from a little before {@code at} (the start of the JSON member
   * or element holding it, when near), after a leading {@code …}. Where two values differ far into
   * them, this shows the difference instead of the start they share: {@code
   * cutAround("[{\"a\":1},{\"a\":2}]", 14, 10)} is {@code …{"a":2}]}.
   */
  static String cutAround(String text, int at, int columns) {
    if (of(text) <= columns
        || at <= 0
        || of(text.substring(0, Math.min(at, text.length()))) + 8 < columns) {
      return cut(text, columns);
    }
    int context = Math.max(2, Math.min(16, columns / 3));
    int from = Math.max(0, at - context);
    int boundary =
        Math.max(
            text.lastIndexOf(',', at - 1),
            Math.max(text.lastIndexOf('{', at - 1), text.lastIndexOf('[', at - 1)));
    if (boundary >= 0 && boundary + 1 >= at - 2 * context && boundary + 1 < at) {
      from = text.charAt(boundary) == ',' ? boundary + 1 : boundary;
    }
    while (from < at && text.charAt(from) == ' ') {
      from++;
    }
    if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
      from--;
    }
    return from == 0
        ? cut(text, columns)
        : "…" + cut(text.substring(from), Math.max(1, columns - 1));
  }

  /**
   * Shares {@code budget} columns among values of the given lengths: the shortest are given what
   * they need and the rest split evenly what is left, each given at least {@code shortest} (or its
   * length, when shorter) even when that exceeds the budget. Lengths 3, 40, 40 in a budget of 43
   * get 3, 20, 20.
   */
  static int[] share(List<Integer> lengths, int budget, int shortest) {
    int[] given = new int[lengths.size()];
    Integer[] order = new Integer[lengths.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparing(lengths::get));
    int left = budget;
    int waiting = order.length;
    for (int index : order) {
      int length = lengths.get(index);
      int fair = left / waiting;
      given[index] = Math.min(length, Math.max(fair, Math.min(shortest, length)));
      left = Math.max(0, left - given[index]);
      waiting--;
    }
    return given;
  }
}
