package io.syncline.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Whether each record of an entity was in sync when the last {@code load} (or the {@code apply}
 * after it) looked: the counts, and the records that were not, each with how it was not and the
 * checksum its base holds. A record in sync is not listed: with a million records and one percent
 * changed, ten thousand entries are kept, not a million.
 *
 * @param seenAt when the sides were compared: the last load, or the apply after it
 * @param appliedAt when the last apply that wrote the entity's base ran; null before any
 * @param records the records in the files
 * @param inSync the records in the files that the database holds as they are
 * @param counts the records not in sync, by how
 * @param listed whether {@code notInSync} lists every record not in sync; false while the entity
 *     has no base at all (nothing was ever agreed, so every record is new and none is listed, which
 *     keeps a first load of a million records as fast as before)
 * @param notInSync in key order
 */
public record SyncStatus(
    String entity,
    Instant seenAt,
    Instant appliedAt,
    long records,
    long inSync,
    Map<State, Long> counts,
    boolean listed,
    List<Entry> notInSync) {

  public SyncStatus {
    counts = Map.copyOf(counts);
    notInSync = List.copyOf(notInSync);
  }

  /** How a record was not in sync; its name is the text the status table holds. */
  public enum State {
    /**
     * Changed in the file only (inserted, edited or deleted there): {@code apply} takes it to-db.
     */
    FILE("file"),
    /** Changed in the database only: {@code apply} writes it to the file. */
    DATABASE("database"),
    /** Changed on both sides in different fields (or merged inside one JSON field): no conflict. */
    BOTH("both"),
    /** Changed on both sides to different values: {@code resolve} decides it. */
    CONFLICT("conflict");

    private final String text;

    State(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public static State of(String text) {
      for (State state : values()) {
        if (state.text.equals(text)) {
          return state;
        }
      }
      throw new IllegalArgumentException("no sync state " + text);
    }

    /** Both states of one record together: the stronger, or BOTH for a file and a database. */
    State with(State other) {
      if (this == other) {
        return this;
      }
      if (this == CONFLICT || other == CONFLICT) {
        return CONFLICT;
      }
      return BOTH;
    }
  }

  /**
   * A record not in sync.
   *
   * @param agreedChecksum the checksum of its base text (as {@code syncline_base.checksum}); null
   *     when it has no base (new on one side)
   */
  public record Entry(String key, State state, String agreedChecksum) {
    Entry with(State other) {
      return new Entry(key, state.with(other), agreedChecksum);
    }
  }

  /** How many records were not in sync. */
  public long notInSyncCount() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * The status of what {@code diff} shows: every change is a record not in sync.
   *
   * @param fileRecords how many records the files hold
   * @param list whether to list the records (see {@link #listed})
   * @param checksum the checksum of a base text
   */
  public static SyncStatus of(
      EntityDiff diff,
      long fileRecords,
      Instant seenAt,
      Instant appliedAt,
      boolean list,
      UnaryOperator<String> checksum) {
    // The listed changes come in key order, a record's changes together: one map entry per record,
    // kept in that order; only records from runs of inserts need sorting in among them.
    Map<String, Entry> records = new LinkedHashMap<>();
    Map<State, Long> counts = new EnumMap<>(State.class);
    long notInSyncInFile = 0;
    for (Change change : diff.changes().listed()) {
      String key = change.key().text();
      Entry seen = records.get(key);
      if (seen != null) {
        records.put(key, seen.with(state(change)));
        continue;
      }
      RecordStates sides = diff.states(change);
      String base = sides == null ? null : sides.base();
      records.put(key, new Entry(key, state(change), base == null ? null : checksum.apply(base)));
      notInSyncInFile += sides == null || sides.file() != null ? 1 : 0;
    }
    records.values().forEach(entry -> counts.merge(entry.state(), 1L, Long::sum));
    List<Entry> entries = new ArrayList<>(list ? records.values() : List.of());
    for (Inserts run : diff.changes().inserts()) {
      State state = run.direction() == Direction.TO_DATABASE ? State.FILE : State.DATABASE;
      counts.merge(state, (long) run.size(), Long::sum);
      notInSyncInFile += state == State.FILE ? run.size() : 0;
      for (int i = 0; list && i < run.size(); i++) {
        entries.add(new Entry(run.key(i), state, null));
      }
    }
    if (list && !diff.changes().inserts().isEmpty()) {
      entries.sort(Comparator.comparing(Entry::key, RecordKey.ORDER));
    }
    // kept (in the view too) and printed as keys print: a child's levels joined by '/'
    entries.replaceAll(e -> new Entry(RecordKey.display(e.key()), e.state(), e.agreedChecksum()));
    return new SyncStatus(
        diff.entity().name(),
        seenAt,
        appliedAt,
        fileRecords,
        fileRecords - notInSyncInFile,
        counts,
        list,
        entries);
  }

  private static State state(Change change) {
    if (change.isConflict()) {
      return State.CONFLICT;
    }
    if (change.direction() == null) {
      return State.BOTH; // a merge: both sides moved
    }
    return change.direction() == Direction.TO_DATABASE ? State.FILE : State.DATABASE;
  }
}
