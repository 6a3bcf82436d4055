package io.syncline.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Merges a JSON list that both sides changed, element by element: what each side changed is found
 * by aligning it with the base (the longest common subsequence of elements), and the two sets of
 * changes are kept when they touch different elements of the base. Worked examples, with letters
 * for elements and {@code A'} for a changed {@code A}:
 *
 * <pre>
 *   base [A, B, C, D]   file [A', B, C, D]   database [A, B, C', D]   → [A', B, C', D]
 *   base [A, B, C]      file [A, B', C]      database [A, C]          → conflict: B changed and removed
 *   base [A, B]         file [X, A, B]       database [A, B, Y]       → [X, A, B, Y]
 *   base [A, B]         file [A, X, B]       database [A, Y, B]       → conflict: two inserts at one place
 *   base [A, B]         file [A, X, B]       database [A, X, B]       → [A, X, B]   (the same insert)
 *   base [A, B]         file [B]             database [A, B', Y]      → [B', Y]
 *   base [{"n":1,"s":0}] file [{"n":1,"s":2}] database [{"n":3,"s":0}] → [{"n":3,"s":2}]
 * </pre>
 *
 * The last line: where both sides changed the same elements and each still has as many there as the
 * base had, the elements are merged pairwise with {@link ValueMerge}'s rules (objects member by
 * member, lists by this class), so a season's {@code matches[3].score} edited in the file and
 * {@code matches[3].venue} in the database merge.
 *
 * <p>The algorithm is diff3's, at the granularity of one element: each side's <em>hunks</em> (a
 * range of base elements and what the side has in their place) are compared by their base ranges.
 * Two hunks of different sides <em>overlap</em> when their ranges share an element, when one
 * inserts strictly inside the other's range, or when both insert at the same place (their order
 * would be a guess). Overlapping hunks, taken transitively, form one {@link Region}; a hunk that
 * overlaps nothing is a region of its own. A region is settled when one side left it as the base
 * had it (the other side's content is taken), when both sides made it the same, or pairwise as
 * above; otherwise the whole merge is a conflict. Hunks that merely touch (file changes element 3,
 * the database element 4; or the database inserts right after an element the file removed) do not
 * overlap.
 *
 * <p>Properties, each checked by {@code ListMergeTest}: {@code merge(b, x, b) = x}, {@code merge(b,
 * b, y) = y}, {@code merge(b, x, x) = x}, and a merge without conflict gives the same list with the
 * sides swapped (objects inside compare by value: their member order is the file's, as in {@link
 * ObjectMerge}).
 *
 * <p>Cost: a common head and tail are skipped first, so a few edits in a long list are linear. The
 * alignment of what is left takes its length squared; beyond {@link #ALIGNED_CELLS} the unaligned
 * middle counts as one hunk (a sound but coarser answer: more conflicts, never a wrong merge).
 */
public final class ListMerge {
  /** The largest middle (base elements times side elements) aligned element by element. */
  static final long ALIGNED_CELLS = 4_000_000;

  private ListMerge() {}

  /**
   * Base elements {@code [from, to)} and what each side has in their place. A side that did not
   * change them has the base's elements there.
   */
  record Region(int from, int to, List<Value> file, List<Value> database) {}

  /** The merged list, or empty when both sides changed the same place differently. */
  public static Optional<Value> merge(Value base, Value file, Value database) {
    if (!(base instanceof Value.Array b)
        || !(file instanceof Value.Array f)
        || !(database instanceof Value.Array d)) {
      return Optional.empty();
    }
    List<Value> merged = new ArrayList<>();
    int at = 0;
    for (Region region : regions(b.items(), f.items(), d.items())) {
      merged.addAll(b.items().subList(at, region.from()));
      List<Value> settled = settle(b.items().subList(region.from(), region.to()), region);
      if (settled == null) {
        return Optional.empty();
      }
      merged.addAll(settled);
      at = region.to();
    }
    merged.addAll(b.items().subList(at, b.items().size()));
    return Optional.of(new Value.Array(merged));
  }

  /** What a region becomes in the merged list; null when the sides disagree there. */
  private static List<Value> settle(List<Value> base, Region region) {
    if (same(region.file(), region.database()) || same(region.database(), base)) {
      return region.file();
    }
    if (same(region.file(), base)) {
      return region.database();
    }
    if (!pairwise(base, region)) {
      return null;
    }
    List<Value> merged = new ArrayList<>();
    for (int i = 0; i < base.size(); i++) {
      Optional<Value> element =
          ValueMerge.merge(base.get(i), region.file().get(i), region.database().get(i));
      if (element.isEmpty()) {
        return null;
      }
      merged.add(element.get());
    }
    return merged;
  }

  /** Whether each side has, in the region, as many elements as the base: they pair one to one. */
  static boolean pairwise(List<Value> base, Region region) {
    return region.file().size() == base.size() && region.database().size() == base.size();
  }

  static boolean same(List<Value> a, List<Value> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameAs(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** One side's change: base elements {@code [from, to)} replaced by {@code with}. */
  private record Hunk(int from, int to, List<Value> with, Side side) {
    boolean inserts() {
      return from == to;
    }

    boolean overlaps(Hunk other) {
      if (inserts() && other.inserts()) {
        return from == other.from;
      }
      return from < other.to && other.from < to; // also an insert strictly inside the other
    }
  }

  /** The places where either side differs from the base, in base order, overlapping ones joined. */
  static List<Region> regions(List<Value> base, List<Value> file, List<Value> database) {
    List<String> b = canonical(base);
    List<Hunk> hunks = new ArrayList<>(hunks(b, file, Side.FILE));
    hunks.addAll(hunks(b, database, Side.DATABASE));
    // An insert sorts before a change starting at the same place: it goes before that change.
    hunks.sort(Comparator.comparingInt(Hunk::from).thenComparingInt(Hunk::to));
    List<Region> regions = new ArrayList<>();
    List<Hunk> group = new ArrayList<>();
    for (Hunk hunk : hunks) {
      if (!group.isEmpty() && group.stream().noneMatch(hunk::overlaps)) {
        regions.add(region(base, group));
        group.clear();
      }
      group.add(hunk);
    }
    if (!group.isEmpty()) {
      regions.add(region(base, group));
    }
    return regions;
  }

  private static Region region(List<Value> base, List<Hunk> group) {
    int from = group.stream().mapToInt(Hunk::from).min().orElseThrow();
    int to = group.stream().mapToInt(Hunk::to).max().orElseThrow();
    return new Region(
        from,
        to,
        content(base, from, to, group, Side.FILE),
        content(base, from, to, group, Side.DATABASE));
  }

  /** Base elements {@code [from, to)} with one side's hunks of the group carried out. */
  private static List<Value> content(
      List<Value> base, int from, int to, List<Hunk> group, Side side) {
    List<Value> out = new ArrayList<>();
    int at = from;
    for (Hunk hunk : group) {
      if (hunk.side() == side) {
        out.addAll(base.subList(at, hunk.from()));
        out.addAll(hunk.with());
        at = hunk.to();
      }
    }
    out.addAll(base.subList(at, to));
    return out;
  }

  /**
   * How {@code side} differs from the base: its hunks in base order, none touching another (two
   * hunks of one side always have an unchanged element between them).
   */
  private static List<Hunk> hunks(List<String> base, List<Value> side, Side which) {
    List<String> s = canonical(side);
    int head = 0;
    while (head < base.size() && head < s.size() && base.get(head).equals(s.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < base.size() - head
        && tail < s.size() - head
        && base.get(base.size() - 1 - tail).equals(s.get(s.size() - 1 - tail))) {
      tail++;
    }
    int n = base.size() - head - tail;
    int m = s.size() - head - tail;
    List<Hunk> hunks = new ArrayList<>();
    if (n == 0 && m == 0) {
      return hunks;
    }
    if ((long) n * m > ALIGNED_CELLS) {
      hunks.add(new Hunk(head, head + n, side.subList(head, head + m), which));
      return hunks;
    }
    // common[i][j]: the longest common subsequence of base[head+i..] and side[head+j..].
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] =
            base.get(head + i).equals(s.get(head + j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    int i = 0;
    int j = 0;
    int hunkI = -1;
    int hunkJ = -1;
    while (i < n || j < m) {
      if (i < n && j < m && base.get(head + i).equals(s.get(head + j))) {
        if (hunkI >= 0) {
          hunks.add(new Hunk(head + hunkI, head + i, side.subList(head + hunkJ, head + j), which));
          hunkI = -1;
        }
        i++;
        j++;
        continue;
      }
      if (hunkI < 0) {
        hunkI = i;
        hunkJ = j;
      }
      if (j < m && (i == n || common[i][j + 1] >= common[i + 1][j])) {
        j++;
      } else {
        i++;
      }
    }
    if (hunkI >= 0) {
      hunks.add(new Hunk(head + hunkI, head + n, side.subList(head + hunkJ, head + m), which));
    }
    return hunks;
  }

  private static List<String> canonical(List<Value> values) {
    List<String> out = new ArrayList<>(values.size());
    for (Value value : values) {
      out.add(value.canonical());
    }
    return out;
  }
}
