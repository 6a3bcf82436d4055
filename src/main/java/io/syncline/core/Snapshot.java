package io.syncline.core;

import io.syncline.core.internal.PackedRecords;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One side's records of one entity: canonical record text by key text.
 *
 * <p>The canonical text is the record's file fields with nulls left out, keys sorted (see {@link
 * Records#canonical}); equal texts mean equal records, which is how a re-sync finds the few records
 * that changed without building a tree for each.
 *
 * <p>Keys keep the order they were added in (a key removed and added again goes to the end): a
 * file's records are usually in key order already, so the diff's changes, listed in that order,
 * sort in one pass.
 *
 * <p>The records are held packed as bytes ({@link PackedRecords}), not as a map of strings: a
 * re-sync holds three snapshots of every record. Strings are made only when asked for; {@link
 * #forEach} walks the records as {@link Entry}s that compare with another snapshot's in place.
 */
public final class Snapshot {
  private final PackedRecords records;

  public Snapshot() {
    this(16);
  }

  public Snapshot(int expected) {
    records = new PackedRecords(expected);
  }

  private Snapshot(PackedRecords records) {
    this.records = records;
  }

  /** Adds a record; returns the text already held under that key (and changes nothing), or null. */
  public String put(String key, CharSequence canonical) {
    return records.put(key, canonical);
  }

  /** Sets the record's text, replacing any held under that key. */
  public void set(String key, CharSequence canonical) {
    records.set(key, canonical);
  }

  public void remove(String key) {
    records.remove(key);
  }

  public void clear() {
    records.clear();
  }

  public String get(String key) {
    return records.get(key);
  }

  public boolean has(String key) {
    return records.has(key);
  }

  public int size() {
    return records.size();
  }

  /**
   * Adds every record of {@code other} in its order, taking its bytes as they are instead of
   * copying them (a file read in two halves joins them so); the first key already held here, or
   * null. On a key held twice the records before it are added, the rest are not. {@code other} must
   * not be used afterwards: its bytes are this snapshot's now.
   */
  public String absorb(Snapshot other) {
    return records.absorb(other.records);
  }

  /**
   * These records in the order of {@code keys}, as another snapshot that shares their bytes: what
   * either sets or removes afterwards the other does not see. Empty unless {@code keys} are exactly
   * this snapshot's keys, each once. A file whose records the base holds text for text takes them
   * so, in the file's order, without a copy of the bytes.
   */
  public Optional<Snapshot> inOrder(List<String> keys) {
    return Optional.ofNullable(PackedRecords.sharing(records, keys)).map(Snapshot::new);
  }

  /**
   * A 64-bit fingerprint of the records, whatever their order: equal for snapshots that hold the
   * same keys with the same texts, and for others but by a chance of one in 2^64.
   */
  public long fingerprint() {
    return records.fingerprint();
  }

  /** The keys in the order they were added; a view, whose strings are made as it is walked. */
  public Set<String> keys() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Iterator<>() {
          private int next = records.first(0);

          @Override
          public boolean hasNext() {
            return next >= 0;
          }

          @Override
          public String next() {
            if (next < 0) {
              throw new NoSuchElementException();
            }
            String key = records.key(next);
            next = records.first(next + 1);
            return key;
          }
        };
      }

      @Override
      public boolean contains(Object o) {
        return o instanceof String key && has(key);
      }

      @Override
      public int size() {
        return records.size();
      }
    };
  }

  /** Key and text of each record in the order added, made as they are walked. */
  public Iterator<Map.Entry<String, String>> records() {
    return new Iterator<>() {
      private int next = records.first(0);

      @Override
      public boolean hasNext() {
        return next >= 0;
      }

      @Override
      public Map.Entry<String, String> next() {
        if (next < 0) {
          throw new NoSuchElementException();
        }
        int entry = next;
        next = records.first(entry + 1);
        return new AbstractMap.SimpleImmutableEntry<>(records.key(entry), records.text(entry));
      }
    };
  }

  /**
   * Gives {@code action} each record in the order added, as an {@link Entry} that holds until
   * {@code action} returns: one object serves the whole walk, and no string is made unless asked.
   */
  public void forEach(Consumer<Entry> action) {
    Entry entry = new Entry(this);
    for (int at = records.first(0); at >= 0; at = records.first(at + 1)) {
      entry.at = at;
      action.accept(entry);
    }
  }

  /** The packed records, for {@link Inserts}, which keeps entries of them. */
  PackedRecords packed() {
    return records;
  }

  /**
   * One record of a snapshot, as {@link #forEach} reaches it; it holds until the walk moves on. Its
   * key and text are made into strings only when asked for.
   */
  public static final class Entry {
    private final Snapshot snapshot;
    private int at = -1;

    /** The entries {@link #in} gave for other snapshots, each where the last record was found. */
    private Entry[] alongside = new Entry[0];

    private Entry(Snapshot snapshot) {
      this.snapshot = snapshot;
    }

    public String key() {
      return snapshot.records.key(at);
    }

    public String text() {
      return snapshot.records.text(at);
    }

    /** Whether {@code other}, a record of the same key (see {@link #in}), holds the same text. */
    public boolean sameText(Entry other) {
      return snapshot.records.sameText(at, other.snapshot.records, other.at);
    }

    /**
     * The record of this key in {@code other}, or null; it holds until this entry moves on or
     * {@code in(other)} is asked again. Sides that list their records in one order (a file and the
     * table it was loaded into) find each record right after the last, without a look into the
     * index.
     */
    public Entry in(Snapshot other) {
      Entry there = alongside(other);
      int found = other.records.find(snapshot.records, at, there.at + 1);
      if (found < 0) {
        return null;
      }
      there.at = found;
      return there;
    }

    /** The entry in {@code other} kept for this walk. */
    private Entry alongside(Snapshot other) {
      for (Entry there : alongside) {
        if (there.snapshot == other) {
          return there;
        }
      }
      Entry there = new Entry(other);
      alongside = Arrays.copyOf(alongside, alongside.length + 1);
      alongside[alongside.length - 1] = there;
      return there;
    }

    /** Its entry number in {@link #packed}, for {@link Inserts}. */
    int number() {
      return at;
    }
  }
}
