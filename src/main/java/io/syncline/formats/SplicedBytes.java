package io.syncline.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The new bytes of a file, kept as the bytes it was made from and the byte ranges edits replaced,
 * each with its replacement: never joined into one array. They are written, and their checksums
 * taken, piece by piece in order ({@link #forEachPiece}): the unchanged runs straight from the old
 * bytes, the replacements between them. Writing a few thousand records back into a 243 MiB file
 * then needs no second array of 243 MiB, which would be the memory of a whole file more and, on a
 * machine where memory touched for the first time is dear, a good part of the apply's time.
 *
 * <p>The old bytes ({@link Origin}) are an array, or the file itself ({@link FileExcerpts}), read
 * again through a small buffer each time the new bytes are handed over and checked against the
 * checksum it had when it was planned on: a file changed since throws {@link OriginChanged}.
 *
 * <p>For example, from {@code "abcdef"} with 1..3 replaced by {@code "-"} and an insertion of
 * {@code "!"} at 6 the pieces are {@code "a"}, {@code "-"}, {@code "def"}, {@code "!"}.
 */
final class SplicedBytes {
  /** One piece of the new bytes: {@code length} bytes of {@code bytes} from {@code offset}. */
  interface Piece {
    void accept(byte[] bytes, int offset, int length) throws IOException;
  }

  /** The bytes the new bytes are made from. */
  interface Origin {
    int size();

    /** A reader of these bytes from their start. */
    Reader reader() throws IOException;

    /**
     * Whether these bytes hold {@code length} bytes of {@code bytes} from {@code offset} at {@code
     * at}; false when that is not known here.
     */
    boolean holds(int at, byte[] bytes, int offset, int length);

    /** Whether {@code length} of these bytes from {@code a} and from {@code b} are the same. */
    boolean agree(int a, int b, int length);
  }

  /**
   * Reads an {@link Origin} once, in order: runs handed over, the ranges edits replaced skipped.
   */
  interface Reader extends Closeable {
    /** Hands over the bytes from where the reader is to {@code end}, {@code limit} at most each. */
    void copyTo(int end, int limit, Piece piece) throws IOException;

    /** Moves on to {@code end} without handing the bytes over. */
    void skipTo(int end) throws IOException;

    /** After the last byte: throws {@link OriginChanged} when they were not the planned bytes. */
    void finish() throws IOException;
  }

  /** The file the new bytes are made from no longer holds what it held when they were planned. */
  static final class OriginChanged extends IOException {
    OriginChanged(String message) {
      super(message);
    }
  }

  private static final int[] NONE = new int[0];

  private final Origin from;
  private final int[] starts;
  private final int[] ends;
  private final byte[][] replacements;
  private final long size;

  /**
   * {@code from} with the ranges {@code starts[i]..ends[i]} replaced by {@code replacements[i]}:
   * the ranges in order, none overlapping another, within {@code from}. Kept as given, not copied.
   */
  SplicedBytes(byte[] from, int[] starts, int[] ends, byte[][] replacements) {
    this(new InMemory(from), starts, ends, replacements);
  }

  /** {@link #SplicedBytes(byte[], int[], int[], byte[][])} made from an origin of any kind. */
  SplicedBytes(Origin from, int[] starts, int[] ends, byte[][] replacements) {
    long size = from.size();
    int previousEnd = 0;
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] < previousEnd || ends[i] < starts[i] || ends[i] > from.size()) {
        throw new IllegalStateException("overlapping edits at " + starts[i] + ".." + ends[i]);
      }
      size += replacements[i].length - (ends[i] - starts[i]);
      previousEnd = ends[i];
    }
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("the new text is over 2 GB");
    }
    this.from = from;
    this.starts = starts;
    this.ends = ends;
    this.replacements = replacements;
    this.size = size;
  }

  /** The origin of new bytes made from {@code bytes}, held in memory. */
  static Origin inMemory(byte[] bytes) {
    return new InMemory(bytes);
  }

  /** {@code bytes} as they are, not copied. */
  static SplicedBytes of(byte[] bytes) {
    return new SplicedBytes(bytes, NONE, NONE, new byte[0][]);
  }

  long size() {
    return size;
  }

  /**
   * Whether these are the very bytes they were made from: no edit, or edits whose replacements
   * happen to give the same bytes back (a value written as the file already wrote it). Compares
   * only what moved: a run left at its own offset is the same bytes. Made from a file, what was not
   * kept of it is not known: edits that give it back only by moving runs count as a change.
   */
  boolean isUnchanged() {
    if (size != from.size()) {
      return false;
    }
    int copied = 0; // in from
    int at = 0; // in the new bytes
    for (int i = 0; i < starts.length; i++) {
      if (!from.agree(copied, at, starts[i] - copied)) {
        return false;
      }
      at += starts[i] - copied;
      if (!from.holds(at, replacements[i], 0, replacements[i].length)) {
        return false;
      }
      at += replacements[i].length;
      copied = ends[i];
    }
    return from.agree(copied, at, from.size() - copied);
  }

  /** Whether these are made from the bytes of a file, read again as they are handed over. */
  boolean readsItsFile() {
    return !(from instanceof InMemory);
  }

  /**
   * Hands over the new bytes in order, as pieces of at most {@code limit} bytes and never empty: a
   * writer hands each piece to the operating system as it comes, and a checksum reads it while it
   * is still in the processor's cache.
   */
  void forEachPiece(int limit, Piece piece) throws IOException {
    try (Reader reader = from.reader()) {
      for (int i = 0; i < starts.length; i++) {
        reader.copyTo(starts[i], limit, piece);
        pieces(replacements[i], 0, replacements[i].length, limit, piece);
        reader.skipTo(ends[i]);
      }
      reader.copyTo(from.size(), limit, piece);
      reader.finish();
    }
  }

  private static void pieces(byte[] bytes, int offset, int length, int limit, Piece piece)
      throws IOException {
    for (int at = offset, end = offset + length; at < end; ) {
      int n = Math.min(limit, end - at);
      piece.accept(bytes, at, n);
      at += n;
    }
  }

  /**
   * The new bytes in one array: for what needs them whole (small files, tests). {@link
   * UncheckedIOException} when they are made from a file that cannot be read or changed.
   */
  byte[] toArray() {
    byte[] out = new byte[(int) size];
    int[] written = {0};
    try {
      forEachPiece(
          Integer.MAX_VALUE,
          (bytes, offset, length) -> {
            System.arraycopy(bytes, offset, out, written[0], length);
            written[0] += length;
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * CRC32C of the new bytes, as {@code load} takes it of a file. Made from a file, that file is
   * read again, and {@link OriginChanged} thrown when it changed.
   */
  long crc32c() throws IOException {
    CRC32C crc = new CRC32C();
    forEachPiece(FileWrite.CHUNK, crc::update);
    return crc.getValue();
  }

  /**
   * Where the records of {@code spans}, places in the bytes these were made from, sit in the new
   * bytes: each brace moved by what the edits before it added or removed (an insertion right at a
   * byte goes before it). {@link RecordSpans#NONE} when an edit replaced a record's opening or
   * closing brace, whose place is then no longer known.
   */
  RecordSpans shift(RecordSpans spans) {
    if (!spans.kept()) {
      return RecordSpans.NONE;
    }
    RecordSpans shifted = RecordSpans.keeping(spans.size());
    Mover mover = new Mover();
    for (int i = 0; i < spans.size(); i++) {
      long start = mover.moved(spans.start(i));
      long last = mover.moved(spans.end(i) - 1);
      if (start < 0 || last < 0) {
        return RecordSpans.NONE;
      }
      shifted.add(spans.key(i), start, last + 1);
    }
    return shifted;
  }

  /** Moves offsets of the bytes these were made from, asked in order, to the new bytes. */
  private final class Mover {
    private int edit; // the edits before this one end at or before the last offset asked
    private long delta; // what they added or removed

    /** Where the byte at {@code at} is in the new bytes; -1 when an edit replaced it. */
    long moved(int at) {
      // Ends are in order too, since the edits are in order and do not overlap.
      for (; edit < starts.length && ends[edit] <= at; edit++) {
        delta += replacements[edit].length - (ends[edit] - starts[edit]);
      }
      return edit < starts.length && starts[edit] <= at ? -1 : at + delta;
    }
  }

  /** Bytes held in an array. */
  private record InMemory(byte[] bytes) implements Origin {
    @Override
    public int size() {
      return bytes.length;
    }

    @Override
    public Reader reader() {
      return new Reader() {
        private int at;

        @Override
        public void copyTo(int end, int limit, Piece piece) throws IOException {
          pieces(bytes, at, end - at, limit, piece);
          at = end;
        }

        @Override
        public void skipTo(int end) {
          at = end;
        }

        @Override
        public void finish() {}

        @Override
        public void close() {}
      };
    }

    @Override
    public boolean holds(int at, byte[] other, int offset, int length) {
      return Arrays.equals(other, offset, offset + length, bytes, at, at + length);
    }

    @Override
    public boolean agree(int a, int b, int length) {
      return a == b || Arrays.equals(bytes, a, a + length, bytes, b, b + length);
    }
  }
}
