package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order field of a list's elements as read from a file: each element keeps the position its
 * base gave it while the elements around it keep theirs, so that moving one element changes one
 * position, inserting one adds one, and deleting one changes none. Elements with no base, or moved,
 * take a place between their neighbours.
 *
 * <p>Worked examples (base positions by key; the file's order; the positions given):
 *
 * <pre>
 *   no base                   a b c        1 2 3       (first contact: 1 to n)
 *   a=1 b=2 c=3               a x b c      1 1.5 2 3   (x inserted between a and b)
 *   a=1 b=2 c=3               a c          1 3         (b deleted: a and c keep theirs)
 *   a=1 b=2 c=3               c a b        0 1 2       (c moved to the front: c changes only)
 *   a=1 b=2 c=3               a b c x y    1 2 3 4 5   (appended: whole numbers after the last)
 *   a=1 b=2                   a x y b      1 1.25 1.5 2
 * </pre>
 *
 * Which elements keep their positions: the longest run, in file order, whose base positions rise
 * strictly. Of runs as long, the one ending in the lowest positions, built from the latest elements
 * that can make it: {@code c b a} keeps a; two elements at one position (a=1 b=1, {@code a b}) keep
 * the later one, b, and a goes before it. Places between two kept positions halve the gap as often
 * as needed, so they stay short decimals.
 */
public final class ListPositions {
  private ListPositions() {}

  /**
   * The positions of a list's elements, in the file's order; {@code base[i]} is element i's base
   * position, or null when it has none.
   */
  public static BigDecimal[] of(BigDecimal[] base) {
    int n = base.length;
    BigDecimal[] positions = new BigDecimal[n];
    boolean[] kept = keptInOrder(base);
    for (int i = 0; i < n; i++) {
      if (kept[i]) {
        positions[i] = base[i];
      }
    }
    int i = 0;
    while (i < n) {
      if (kept[i]) {
        i++;
        continue;
      }
      int end = i;
      while (end < n && !kept[end]) {
        end++;
      }
      fill(positions, i, end, i > 0 ? positions[i - 1] : null, end < n ? positions[end] : null);
      i = end;
    }
    return positions;
  }

  /** Places for elements {@code from} to {@code to}, after {@code low} and before {@code high}. */
  private static void fill(
      BigDecimal[] positions, int from, int to, BigDecimal low, BigDecimal high) {
    int count = to - from;
    if (high == null) {
      BigDecimal start = low == null ? BigDecimal.ZERO : floor(low);
      for (int j = 0; j < count; j++) {
        positions[from + j] = start.add(BigDecimal.valueOf(j + 1L));
      }
      return;
    }
    if (low == null) {
      BigDecimal end = ceiling(high);
      for (int j = 0; j < count; j++) {
        positions[from + j] = end.subtract(BigDecimal.valueOf((long) count - j));
      }
      return;
    }
    BigDecimal step = high.subtract(low);
    int halvings = 0;
    while ((1L << halvings) <= count) {
      halvings++;
    }
    step = step.divide(BigDecimal.valueOf(1L << halvings));
    for (int j = 0; j < count; j++) {
      positions[from + j] = low.add(step.multiply(BigDecimal.valueOf(j + 1L))).stripTrailingZeros();
    }
  }

  private static BigDecimal floor(BigDecimal value) {
    return value.setScale(0, java.math.RoundingMode.FLOOR);
  }

  private static BigDecimal ceiling(BigDecimal value) {
    return value.setScale(0, java.math.RoundingMode.CEILING);
  }

  /**
   * Which elements keep their base positions: a longest strictly rising run of base positions, in
   * file order (patience sorting, n log n).
   */
  private static boolean[] keptInOrder(BigDecimal[] base) {
    int n = base.length;
    int[] tails = new int[n]; // index of the smallest tail of a run of each length
    int[] previous = new int[n];
    int length = 0;
    for (int i = 0; i < n; i++) {
      if (base[i] == null) {
        continue;
      }
      int low = 0;
      int high = length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (base[tails[mid]].compareTo(base[i]) < 0) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      previous[i] = low > 0 ? tails[low - 1] : -1;
      tails[low] = i;
      if (low == length) {
        length++;
      }
    }
    boolean[] kept = new boolean[n];
    for (int i = length == 0 ? -1 : tails[length - 1]; i >= 0; i = previous[i]) {
      kept[i] = true;
    }
    return kept;
  }

  /** For tests and messages: the positions as plain numbers. */
  static List<String> plain(BigDecimal[] positions) {
    List<String> out = new ArrayList<>();
    Arrays.stream(positions).forEach(p -> out.add(p.stripTrailingZeros().toPlainString()));
    return out;
  }
}
