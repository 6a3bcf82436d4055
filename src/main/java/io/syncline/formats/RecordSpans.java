package io.syncline.formats;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Where each record of a JSON list sits in the file's bytes, as {@code load} met them: a byte range
 * from the record's {@code {}} to just after its {@code }}, and its key, in file order. Kept so
 * that {@code apply} writing a few records back into a large file finds them without parsing its
 * text a second time. Valid only for the bytes {@code load} read: {@link SourceFile} carries them
 * with those bytes' size and checksum, and {@link FilePlan} uses them only after checking the file
 * still has both.
 *
 * <p>For example, the file {@code [{"id":"a"},\n {"id":"b"}]} gives the spans 1..11 (key a) and
 * 14..24 (key b).
 */
final class RecordSpans {
  /** No spans: the file is not a JSON list read in one or two passes, or was written since. */
  static final RecordSpans NONE = new RecordSpans(false);

  private final boolean kept;
  private int size;
  private int[] starts = new int[0];
  private int[] ends = new int[0];
  private String[] keys = new String[0];

  private RecordSpans(boolean kept) {
    this.kept = kept;
  }

  /** Empty spans that records are added to as they are read. */
  static RecordSpans keeping() {
    return new RecordSpans(true);
  }

  /** {@link #keeping()} with room for {@code records} spans, added without growing. */
  static RecordSpans keeping(int records) {
    RecordSpans spans = new RecordSpans(true);
    spans.starts = new int[records];
    spans.ends = new int[records];
    spans.keys = new String[records];
    return spans;
  }

  /** Whether spans were kept for the file at all. */
  boolean kept() {
    return kept;
  }

  int size() {
    return size;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  String key(int i) {
    return keys[i];
  }

  /** The records' keys in file order; a view. */
  List<String> keys() {
    return Arrays.asList(keys).subList(0, size);
  }

  /** The next record in file order. */
  void add(String key, long start, long end) {
    if (!kept) {
      throw new IllegalStateException("no spans are kept here");
    }
    if (size == starts.length) {
      int capacity = Math.max(1024, size * 2);
      starts = Arrays.copyOf(starts, capacity);
      ends = Arrays.copyOf(ends, capacity);
      keys = Arrays.copyOf(keys, capacity);
    }
    starts[size] = (int) start;
    ends[size] = (int) end;
    keys[size] = key;
    size++;
  }

  /**
   * Adds the spans of records read after these ones by another reader whose offset 0 is this file's
   * offset {@code shift} (the second half of a {@link SplitRead}).
   */
  void addAll(RecordSpans later, long shift) {
    for (int i = 0; i < later.size; i++) {
      add(later.keys[i], later.starts[i] + shift, later.ends[i] + shift);
    }
  }

  void clear() {
    size = 0;
    starts = new int[0];
    ends = new int[0];
    keys = new String[0];
  }

  /**
   * The positions, in file order, of the records whose keys are {@code wanted}, or null when one of
   * them is not here.
   */
  int[] positionsOf(Set<String> wanted) {
    int[] found = new int[wanted.size()];
    int n = 0;
    for (int i = 0; i < size && n < found.length; i++) {
      if (wanted.contains(keys[i])) {
        found[n++] = i;
      }
    }
    return n == found.length ? found : null;
  }
}
