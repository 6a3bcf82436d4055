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
