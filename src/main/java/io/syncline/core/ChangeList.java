package io.syncline.core;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One entity's changes ordered by key, then field in mapping order: those the diff listed one by
 * one, and its whole-record {@link Inserts}, whose changes are made as they are walked. A first
 * sync of a million records is a list of a million changes that holds none of them.
 *
 * <p>Callers that treat the inserts in bulk (the plan, the summary) use {@link #listed} and {@link
 * #inserts}; everything else walks the list.
 */
public final class ChangeList extends AbstractList<Change> implements RandomAccess {
  private static final int LISTED = 0; // the source of a position in order: listed, or insert run

  private final String entity;
  private final List<Change> listed;
  private final List<Inserts> inserts;
  private final int size;

  /**
   * By position, where its change is: {@code index << 2 | source} (0 listed, 1 + run for a run of
   * inserts); null when one source holds every change.
   */
  private final int[] order;

  private ChangeList(String entity, List<Change> listed, List<Inserts> inserts) {
    this.entity = entity;
    this.listed = List.copyOf(listed);
    this.inserts = inserts.stream().filter(run -> run.size() > 0).toList();
    this.size = this.listed.size() + this.inserts.stream().mapToInt(Inserts::size).sum();
    int sources = (this.listed.isEmpty() ? 0 : 1) + this.inserts.size();
    this.order = sources > 1 ? merged() : null;
  }

  /** The changes of {@code entity}: {@code listed} ordered by key and field, and the inserts. */
  public static ChangeList of(String entity, List<Change> listed, List<Inserts> inserts) {
    return new ChangeList(entity, listed, inserts);
  }

  /** The changes listed one by one: every change but the {@link #inserts}. */
  public List<Change> listed() {
    return listed;
  }

  /** The whole-record inserts, at most one run a direction. */
  public List<Inserts> inserts() {
    return inserts;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Change get(int position) {
    Objects.checkIndex(position, size);
    if (order == null) {
      return listed.isEmpty() ? inserts.get(0).change(entity, position) : listed.get(position);
    }
    int at = order[position];
    int source = at & 3;
    return source == LISTED
        ? listed.get(at >>> 2)
        : inserts.get(source - 1).change(entity, at >>> 2);
  }

  /** Every position's source, merging the sources by key; keys of two sources are never equal. */
  private int[] merged() {
    List<Head> heads = new ArrayList<>();
    if (!listed.isEmpty()) {
      heads.add(new Head(LISTED, listed.size()));
    }
    for (int run = 0; run < inserts.size(); run++) {
      heads.add(new Head(1 + run, inserts.get(run).size()));
    }
    heads.forEach(this::readKey);
    int[] merged = new int[size];
    for (int position = 0; position < size; position++) {
      Head next = null;
      for (Head head : heads) {
        if (head.key != null && (next == null || RecordKey.ORDER.compare(head.key, next.key) < 0)) {
          next = head;
        }
      }
      merged[position] = next.index << 2 | next.source;
      next.index++;
      readKey(next);
    }
    return merged;
  }

  private void readKey(Head head) {
    if (head.index == head.size) {
      head.key = null;
    } else if (head.source == LISTED) {
      head.key = listed.get(head.index).key().text();
    } else {
      head.key = inserts.get(head.source - 1).key(head.index);
    }
  }

  /** Where the merge is in one source. */
  private static final class Head {
    final int source;
    final int size;
    int index;
    String key;

    Head(int source, int size) {
      this.source = source;
      this.size = size;
    }
  }
}
