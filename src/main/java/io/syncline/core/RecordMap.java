package io.syncline.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A plan's record texts by key: whole runs of a diff's {@link Inserts}, held as they are, and a map
 * of the others, which is what {@link #put} fills. A first sync's million inserts and their bases
 * are two runs here, not two maps of a million entries.
 *
 * <p>It is walked in key order when the others' map is (as a plan's are): the runs and the map are
 * merged by {@link RecordKey#ORDER}. Keys of runs and of the map never meet: {@link #put} and
 * {@link #remove} of a key a run holds are refused.
 */
public final class RecordMap extends AbstractMap<String, String> {
  private final List<Inserts> runs = new ArrayList<>(2);
  private final Map<String, String> others;

  RecordMap(Map<String, String> others) {
    this.others = others;
  }

  /** Adds every insert of {@code run}, with its text. */
  void add(Inserts run) {
    runs.add(run);
  }

  /** Whether {@code run} was added whole. */
  public boolean holds(Inserts run) {
    return runs.stream().anyMatch(held -> held == run);
  }

  /** The runs added whole. */
  public List<Inserts> runs() {
    return List.copyOf(runs);
  }

  /** The records put one by one, read-only. */
  public Map<String, String> others() {
    return Collections.unmodifiableMap(others);
  }

  @Override
  public int size() {
    return others.size() + runs.stream().mapToInt(Inserts::size).sum();
  }

  @Override
  public boolean isEmpty() {
    return size() == 0;
  }

  @Override
  public boolean containsKey(Object key) {
    return others.containsKey(key) || runOf(key) != null;
  }

  @Override
  public String get(Object key) {
    if (key instanceof String text) {
      for (Inserts run : runs) {
        String held = run.get(text);
        if (held != null) {
          return held;
        }
      }
    }
    return others.get(key);
  }

  @Override
  public boolean containsValue(Object value) {
    // a run holds texts only: a null is in the others or nowhere
    return others.containsValue(value) || (value != null && super.containsValue(value));
  }

  @Override
  public String put(String key, String text) {
    refuseRunKey(key);
    return others.put(key, text);
  }

  @Override
  public String remove(Object key) {
    refuseRunKey(key);
    return others.remove(key);
  }

  private void refuseRunKey(Object key) {
    if (runOf(key) != null) {
      throw new UnsupportedOperationException(key + " is one of a run of inserts");
    }
  }

  private Inserts runOf(Object key) {
    if (key instanceof String text) {
      for (Inserts run : runs) {
        if (run.has(text)) {
          return run;
        }
      }
    }
    return null;
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, String>> iterator() {
        List<Iterator<Map.Entry<String, String>>> sources = new ArrayList<>();
        sources.add(others.entrySet().iterator());
        runs.forEach(run -> sources.add(run.records()));
        return new Merged(sources);
      }

      @Override
      public int size() {
        return RecordMap.this.size();
      }
    };
  }

  /** Sources ordered by key, merged into one order by key; one source alone is walked as it is. */
  private static final class Merged implements Iterator<Map.Entry<String, String>> {
    private final List<Iterator<Map.Entry<String, String>>> sources;
    private final List<Map.Entry<String, String>> heads = new ArrayList<>();

    Merged(List<Iterator<Map.Entry<String, String>>> sources) {
      this.sources = sources;
      for (Iterator<Map.Entry<String, String>> source : sources) {
        heads.add(source.hasNext() ? source.next() : null);
      }
    }

    @Override
    public boolean hasNext() {
      for (Map.Entry<String, String> head : heads) {
        if (head != null) {
          return true;
        }
      }
      return false;
    }

    @Override
    public Map.Entry<String, String> next() {
      int next = -1;
      for (int i = 0; i < heads.size(); i++) {
        Map.Entry<String, String> head = heads.get(i);
        if (head != null
            && (next < 0 || RecordKey.ORDER.compare(head.getKey(), heads.get(next).getKey()) < 0)) {
          next = i;
        }
      }
      if (next < 0) {
        throw new NoSuchElementException();
      }
      Map.Entry<String, String> entry = heads.get(next);
      Iterator<Map.Entry<String, String>> source = sources.get(next);
      heads.set(next, source.hasNext() ? source.next() : null);
      return entry;
    }
  }
}
