package io.syncline.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What became of a child list's elements between two versions of the list, as {@code apply} tells
 * it for a file it rewrites: {@code tasks: 1 inserted, 1 updated, 1 moved, 1 deleted}. Elements are
 * matched by their key fields, or by their place for a positional list (which has no moves).
 *
 * <p>Worked example, keyed by {@code k}: before {@code [a, b, c]}, after {@code [c, a, b', d]} (b's
 * fields changed): 1 inserted (d), 1 updated (b), 1 moved (c: the longest run kept in order is a,
 * b), 0 deleted.
 */
public record ListEdits(int inserted, int updated, int moved, int deleted) {
  public static final ListEdits NONE = new ListEdits(0, 0, 0, 0);

  /** {@code before} and {@code after} are the list field's values; anything but a list is empty. */
  public static ListEdits between(ChildList list, Value before, Value after) {
    List<Value> was = items(before);
    List<Value> now = items(after);
    Map<String, Integer> wasAt = new HashMap<>();
    for (int i = 0; i < was.size(); i++) {
      wasAt.put(identity(list, was.get(i), i), i);
    }
    int inserted = 0;
    int updated = 0;
    List<Integer> kept = new ArrayList<>(); // the old places of the elements kept, in new order
    for (int i = 0; i < now.size(); i++) {
      Integer at = wasAt.remove(identity(list, now.get(i), i));
      if (at == null) {
        inserted++;
        continue;
      }
      kept.add(at);
      if (!was.get(at).sameAs(now.get(i))) {
        updated++;
      }
    }
    return new ListEdits(inserted, updated, kept.size() - longestRising(kept), wasAt.size());
  }

  public ListEdits plus(ListEdits other) {
    return new ListEdits(
        inserted + other.inserted,
        updated + other.updated,
        moved + other.moved,
        deleted + other.deleted);
  }

  public boolean isEmpty() {
    return inserted == 0 && updated == 0 && moved == 0 && deleted == 0;
  }

  /** {@code 1 inserted, 2 updated}: the counts that are not zero; {@code unchanged} when none. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    count(parts, inserted, "inserted");
    count(parts, updated, "updated");
    count(parts, moved, "moved");
    count(parts, deleted, "deleted");
    return parts.isEmpty() ? "unchanged" : String.join(", ", parts);
  }

  private static void count(List<String> parts, int n, String what) {
    if (n > 0) {
      parts.add(n + " " + what);
    }
  }

  private static List<Value> items(Value value) {
    return value instanceof Value.Array array ? array.items() : List.of();
  }

  /** An element's key values, or for a positional list (or an element without them) its place. */
  private static String identity(ChildList list, Value element, int index) {
    if (list.positional() || !(element instanceof Value.Obj object)) {
      return "#" + index;
    }
    StringBuilder key = new StringBuilder("=");
    for (String field : list.key()) {
      Value part = object.get(field);
      if (part instanceof Value.Null) {
        return "#" + index;
      }
      key.append(part.canonical()).append('\u0000');
    }
    return key.toString();
  }

  /** The length of the longest strictly rising run in {@code places} (patience sorting). */
  private static int longestRising(List<Integer> places) {
    int[] tails = new int[places.size()];
    int length = 0;
    for (int place : places) {
      int low = 0;
      int high = length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (tails[mid] < place) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      tails[low] = place;
      if (low == length) {
        length++;
      }
    }
    return length;
  }
}
