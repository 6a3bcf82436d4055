package io.syncline.core;

import io.syncline.core.internal.PackedRecords;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Whole records that one side holds and the other does not, with no base: each is inserted on the
 * other side as it is. A first sync is a million of them.
 *
 * <p>They stay entries of the snapshot they were read into, in key order, instead of becoming a
 * {@link Change} each: measured on a first sync of a million records, the changes with their key
 * and text strings, and the plan's maps of them, kept 600 MB more alive through the apply and cost
 * 1.7 s of collection pauses. {@link #change} makes one change when asked, as {@link ChangeList}
 * walks them; {@link EntityPlan#take} takes them all into a plan as they are.
 *
 * <p>The snapshot must not change while this is in use. When the inserts are fewer than half of it,
 * they are copied into a snapshot of their own, so that a few rows to insert into a file do not
 * keep a million-row table's snapshot alive.
 */
public final class Inserts {
  private final PackedRecords records;
  private final int[] entries;
  private final Direction direction;
  private final BitSet held = new BitSet();

  private Inserts(PackedRecords records, int[] entries, Direction direction) {
    this.records = records;
    this.entries = entries;
    this.direction = direction;
    for (int entry : entries) {
      held.set(entry);
    }
  }

  /** Collects the entries of one side's records to insert on the other, in any order. */
  static final class Builder {
    private final PackedRecords side;
    private final Direction direction;
    private int[] entries = new int[16];
    private int count;

    Builder(Snapshot side, Direction direction) {
      this.side = side.packed();
      this.direction = direction;
    }

    /** Adds a record of the side, as a walk of it reaches it. */
    void add(Snapshot.Entry record) {
      if (count == entries.length) {
        entries = Arrays.copyOf(entries, count * 2);
      }
      entries[count++] = record.number();
    }

    Inserts build() {
      int[] sorted = inKeyOrder();
      if (count * 2 >= side.size()) {
        return new Inserts(side, sorted, direction);
      }
      int[] own = new int[count];
      Arrays.setAll(own, i -> i);
      return new Inserts(PackedRecords.of(side, sorted, count), own, direction);
    }

    /** The entries by key; a file's records are usually in key order, found so in one pass. */
    private int[] inKeyOrder() {
      int[] found = Arrays.copyOf(entries, count);
      String previous = null;
      boolean ordered = true;
      for (int i = 0; i < count && ordered; i++) {
        String key = side.key(found[i]);
        ordered = previous == null || RecordKey.ORDER.compare(previous, key) <= 0;
        previous = key;
      }
      if (ordered) {
        return found;
      }
      String[] keys = new String[maxEntry(found) + 1];
      for (int entry : found) {
        keys[entry] = side.key(entry);
      }
      Integer[] boxed = Arrays.stream(found).boxed().toArray(Integer[]::new);
      Arrays.sort(boxed, (a, b) -> RecordKey.ORDER.compare(keys[a], keys[b]));
      return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    private static int maxEntry(int[] entries) {
      int max = -1;
      for (int entry : entries) {
        max = Math.max(max, entry);
      }
      return max;
    }
  }

  /** These inserts but those of {@code keys}; this run itself when it holds none of them. */
  Inserts without(Set<String> keys) {
    if (keys.isEmpty()) {
      return this;
    }
    int[] kept = new int[entries.length];
    int count = 0;
    for (int entry : entries) {
      if (!keys.contains(records.key(entry))) {
        kept[count++] = entry;
      }
    }
    return count == entries.length
        ? this
        : new Inserts(records, Arrays.copyOf(kept, count), direction);
  }

  /** {@link Direction#TO_DATABASE}: the file's records, for the table; else the table's. */
  public Direction direction() {
    return direction;
  }

  public int size() {
    return entries.length;
  }

  /** The key of the {@code i}th insert, in key order. */
  public String key(int i) {
    return records.key(entries[i]);
  }

  /** The canonical text of the {@code i}th insert. */
  public String text(int i) {
    return records.text(entries[i]);
  }

  public boolean has(String key) {
    int entry = records.find(key);
    return entry >= 0 && held.get(entry);
  }

  /** The text held under {@code key}, or null. */
  public String get(String key) {
    int entry = records.find(key);
    return entry >= 0 && held.get(entry) ? records.text(entry) : null;
  }

  /** The {@code i}th insert as the change the diff would list for it. */
  public Change change(String entity, int i) {
    String text = text(i);
    RecordKey key = new RecordKey(key(i));
    return direction == Direction.TO_DATABASE
        ? new Change(entity, key, FieldPath.RECORD, ChangeKind.INSERT, direction, null, text, null)
        : new Change(entity, key, FieldPath.RECORD, ChangeKind.INSERT, direction, null, null, text);
  }

  /** Key and text of each insert in key order, made as they are walked. */
  public Iterator<Map.Entry<String, String>> records() {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < entries.length;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (next == entries.length) {
          throw new NoSuchElementException();
        }
        int i = next++;
        return new AbstractMap.SimpleImmutableEntry<>(key(i), text(i));
      }
    };
  }
}
