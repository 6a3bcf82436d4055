package io.syncline.state;

import io.syncline.core.Snapshot;
import java.util.List;

/**
 * An entity's base as stored, read but not yet decoded: the packs, in order, and the rows that
 * override them (an empty text: the record is gone). Reading needs the connection and is quick;
 * decoding takes a core for a while and needs nothing, so a load decodes on one thread while
 * another reads the table.
 *
 * @param count how many records the packs and rows hold, to size the snapshot
 * @param table the table the base was agreed with; null when none is recorded (a base written
 *     before Syncline recorded it, or no base yet)
 */
public record StoredBase(
    String entity, List<byte[]> packs, List<String[]> rows, long count, String table) {
  /**
   * Whether the base may be read against {@code table}: it was agreed with that table, or with an
   * unrecorded one. A base agreed with another table would make every record the new table lacks
   * look deleted there, and an apply would delete it from the files.
   */
  public boolean agreedWith(String table) {
    return this.table == null || this.table.equals(table);
  }

  /**
   * {@link #records()} when the base may be read against {@code table} ({@link #agreedWith}); else
   * none: the entity syncs as at first contact.
   */
  public Snapshot recordsAgreedWith(String table) {
    return agreedWith(table) ? records() : new Snapshot();
  }

  /** All the records. */
  public Snapshot records() {
    Snapshot snapshot = new Snapshot((int) Math.min(count, 1 << 28)); // sized: no rehashing
    for (int i = 0; i < packs.size(); i++) {
      BasePack.decode(packs.get(i), snapshot, "pack " + i + " of " + entity);
    }
    for (String[] row : rows) {
      if (row[1].isEmpty()) {
        snapshot.remove(row[0]);
      } else {
        snapshot.set(row[0], row[1]);
      }
    }
    return snapshot;
  }

  /** At least {@code count} records (when there are so many), from the first packs or rows. */
  public Snapshot sample(int count) {
    Snapshot sample = new Snapshot();
    for (int i = 0; i < packs.size() && sample.size() < count; i++) {
      BasePack.decode(packs.get(i), sample, "pack " + i + " of " + entity);
    }
    for (int i = 0; i < rows.size() && sample.size() < count; i++) {
      if (!rows.get(i)[1].isEmpty()) {
        sample.set(rows.get(i)[0], rows.get(i)[1]);
      }
    }
    return sample;
  }
}
