package io.syncline.formats;

import java.io.EOFException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * A file known by the bytes of a few of its records, read where they are and nowhere else. Writing
 * a few thousand records back into a 243 MiB file then reads the file into no array of its size
 * (memory the process never touched, whose first touch cost more than the rest of the apply's work
 * on the file), and reads it whole only as its new bytes are made: for their checksum, and as they
 * are written.
 *
 * <p>Reading the kept bytes checks only that the file still has its size. That it still has the
 * CRC32C {@code load} took, and the kept bytes where they were read, is checked by one pass over
 * the file: {@link #unchanged()}, or each pass that copies the bytes between the edits into the new
 * bytes ({@link #reader()}), which refuses to finish otherwise. An apply checks it that way, as it
 * writes; a preview, which writes nothing, asks {@link #unchanged()}.
 *
 * <p>As a {@link FileText} it answers for the kept bytes alone (each record and {@link #MARGIN}
 * bytes on either side, where a record's indentation is read), each byte a char, which holds where
 * they are ASCII ({@link #isAscii()}): a question about any other byte throws {@link NotKept}, and
 * the caller patches the whole text instead.
 */
final class FileExcerpts implements FileText, SplicedBytes.Origin {
  /** A question about the text that the kept bytes cannot answer: read the whole file instead. */
  static final class NotKept extends RuntimeException {
    NotKept(long at) {
      super("byte " + at + " was not kept", null, false, false);
    }
  }

  /** How many bytes around each record are kept: a record's line and some of the one before. */
  static final int MARGIN = 256;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final Path path;
  private final int size;
  private final long checksum;
  private final int[] starts;
  private final byte[][] excerpts;
  private final int chunk;
  private boolean ascii;
  private Boolean crLf; // found when first asked
  private int last; // the excerpt asked about last: most questions are near the one before

  private FileExcerpts(Path path, int size, long checksum, int chunk, int[] starts, int[] ends) {
    this.path = path;
    this.chunk = chunk;
    this.size = size;
    this.checksum = checksum;
    this.starts = starts;
    this.excerpts = new byte[starts.length][];
    for (int i = 0; i < starts.length; i++) {
      excerpts[i] = new byte[ends[i] - starts[i]];
    }
  }

  /**
   * The bytes of the records at {@code positions} of {@code spans} (in file order), each with
   * {@link #MARGIN} bytes around it, read from {@code path}; null when the file no longer has
   * {@code size} bytes. {@code checksum} is the CRC32C the file is to have still, which {@link
   * #unchanged()} and {@link #reader()} check.
   */
  static FileExcerpts read(Path path, long size, long checksum, RecordSpans spans, int[] positions)
      throws IOException {
    return read(path, size, checksum, spans, positions, FileWrite.CHUNK);
  }

  /** {@link #read}, with passes over the file through a buffer of {@code chunk} bytes. */
  static FileExcerpts read(
      Path path, long size, long checksum, RecordSpans spans, int[] positions, int chunk)
      throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      return null;
    }
    int[][] ranges = ranges(spans, positions, (int) size);
    FileExcerpts file = new FileExcerpts(path, (int) size, checksum, chunk, ranges[0], ranges[1]);
    return file.fill() ? file : null;
  }

  /** The ranges to keep, merged where they meet: starts in [0], ends in [1]. */
  private static int[][] ranges(RecordSpans spans, int[] positions, int size) {
    int[] starts = new int[positions.length];
    int[] ends = new int[positions.length];
    int n = 0;
    for (int position : positions) {
      int start = Math.max(0, Math.min(size, spans.start(position) - MARGIN));
      int end = Math.max(start, Math.min(size, spans.end(position) + MARGIN));
      if (n > 0 && start <= ends[n - 1]) {
        ends[n - 1] = Math.max(ends[n - 1], end);
      } else {
        starts[n] = start;
        ends[n] = end;
        n++;
      }
    }
    return new int[][] {Arrays.copyOf(starts, n), Arrays.copyOf(ends, n)};
  }

  /**
   * Reads the excerpts where they are, and whether they are ASCII. False if the size moved. A
   * RandomAccessFile: its reads into an array took half the time of FileChannel's positional reads,
   * which each go through a buffer of their own, for ten thousand excerpts of a 243 MiB file.
   */
  private boolean fill() throws IOException {
    long or = 0; // every kept byte or-ed together, eight at a time
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
      if (file.length() != size) {
        return false;
      }
      for (int i = 0; i < starts.length; i++) {
        file.seek(starts[i]);
        file.readFully(excerpts[i]);
        or |= or(excerpts[i], excerpts[i].length);
      }
    } catch (EOFException e) {
      return false; // cut short since its size was read
    }
    ascii = (or & HIGH_BITS) == 0;
    return true;
  }

  /**
   * Whether the file still has the size and CRC32C {@code load} took, and the kept bytes where they
   * were read: one pass over it.
   */
  boolean unchanged() throws IOException {
    byte[] buffer = buffer();
    CRC32C crc = new CRC32C();
    int next = 0; // the first excerpt not compared yet
    long at = 0;
    try (FileChannel channel = FileChannel.open(path)) {
      for (int n; (n = channel.read(ByteBuffer.wrap(buffer))) >= 0; ) {
        if (at + n > size) {
          return false;
        }
        crc.update(buffer, 0, n);
        next = matchKept(buffer, (int) at, n, next);
        if (next < 0) {
          return false;
        }
        at += n;
      }
    }
    return at == size && crc.getValue() == checksum;
  }

  /**
   * The first {@code n} bytes or-ed together, eight at a time: a high bit set is a non-ASCII byte.
   */
  private static long or(byte[] buffer, int n) {
    long or = 0;
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      or |= (long) LONGS.get(buffer, i);
    }
    for (; i < n; i++) {
      or |= buffer[i] & 0xFF;
    }
    return or;
  }

  /**
   * Whether a CR LF is anywhere in the file, by another pass over it: asked only when an edit
   * writes a line separator, which the values of most updates do not. (The pass does not check the
   * bytes again: a file changed since is refused when the new bytes are written.)
   */
  private boolean findCrLf() {
    byte[] buffer = buffer();
    boolean cr = false; // the byte before this chunk was a CR
    try (FileChannel channel = FileChannel.open(path)) {
      for (int n; (n = channel.read(ByteBuffer.wrap(buffer))) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (cr && buffer[i] == '\n') {
            return true;
          }
          cr = buffer[i] == '\r';
        }
      }
    } catch (IOException e) {
      throw new NotKept(0); // the whole file's read says why
    }
    return false;
  }

  /** A buffer for one pass over the file: a chunk, or the whole file and a byte when smaller. */
  private byte[] buffer() {
    return new byte[Math.max(1, (int) Math.min(chunk, size + 1L))];
  }

  /**
   * Compares what the chunk of {@code n} bytes at {@code at} holds of the excerpts from {@code
   * next} on with them: returns the first excerpt not compared to its end, or -1 where one differs.
   */
  private int matchKept(byte[] buffer, int at, int n, int next) {
    int chunkEnd = at + n;
    int i = next;
    for (; i < starts.length && starts[i] < chunkEnd; i++) {
      int end = starts[i] + excerpts[i].length;
      int from = Math.max(at, starts[i]);
      int to = Math.min(chunkEnd, end);
      if (from < to
          && !Arrays.equals(
              buffer, from - at, to - at, excerpts[i], from - starts[i], to - starts[i])) {
        return -1;
      }
      if (end > chunkEnd) {
        return i; // the rest of this excerpt is in the next chunk
      }
    }
    return i;
  }

  /** Whether every kept byte is ASCII: each is then one char of the text, as read here. */
  boolean isAscii() {
    return ascii;
  }

  @Override
  public char charAt(int at) {
    int i = excerpt(at);
    return (char) excerpts[i][at - starts[i]];
  }

  @Override
  public int length() {
    return size;
  }

  @Override
  public String substring(int start, int end) {
    if (start == end) {
      return "";
    }
    int i = excerpt(start);
    if (end > starts[i] + excerpts[i].length) {
      throw new NotKept(end);
    }
    return new String(excerpts[i], start - starts[i], end - start, StandardCharsets.US_ASCII);
  }

  @Override
  public int indexOf(char c, int from) {
    int at = Math.max(0, from);
    if (at >= size) {
      return -1;
    }
    int i = excerpt(at);
    byte[] bytes = excerpts[i];
    for (int j = at - starts[i]; j < bytes.length; j++) {
      if (bytes[j] == c) {
        return starts[i] + j;
      }
    }
    if (starts[i] + bytes.length == size) {
      return -1;
    }
    throw new NotKept(starts[i] + bytes.length);
  }

  @Override
  public boolean hasCrLf() {
    if (crLf == null) {
      crLf = findCrLf();
    }
    return crLf;
  }

  /** Found by a scan of the whole text, which was not kept. */
  @Override
  public String escapeFormat() {
    throw new NotKept(0);
  }

  /** The excerpt holding byte {@code at}. */
  private int excerpt(int at) {
    if (last < starts.length && covers(last, at)) {
      return last;
    }
    int i = Arrays.binarySearch(starts, at);
    i = i >= 0 ? i : -i - 2; // the excerpt starting at or before at
    if (i < 0 || !covers(i, at)) {
      throw new NotKept(at);
    }
    last = i;
    return i;
  }

  /** Whether excerpt {@code excerpt} holds byte {@code at}. */
  private boolean covers(int excerpt, int at) {
    return at >= starts[excerpt] && at < starts[excerpt] + excerpts[excerpt].length;
  }

  @Override
  public int size() {
    return size;
  }

  /** Known where both ranges are the same or the bytes at {@code at} were kept. */
  @Override
  public boolean holds(int at, byte[] bytes, int offset, int length) {
    if (length == 0) {
      return true;
    }
    try {
      int i = excerpt(at);
      int from = at - starts[i];
      return from + length <= excerpts[i].length
          && Arrays.equals(bytes, offset, offset + length, excerpts[i], from, from + length);
    } catch (NotKept e) {
      return false;
    }
  }

  @Override
  public boolean agree(int a, int b, int length) {
    return a == b || length == 0;
  }

  @Override
  public SplicedBytes.Reader reader() throws IOException {
    return new FileReader();
  }

  /**
   * The file from its start, its kept bytes checked as they pass, and its size and checksum once
   * read to its end.
   */
  private final class FileReader implements SplicedBytes.Reader {
    private final FileChannel channel;
    private final byte[] buffer = new byte[Math.max(1, Math.min(FileWrite.CHUNK, size))];
    private final CRC32C crc = new CRC32C();
    private int filled; // bytes of the buffer read from the file
    private int taken; // bytes of the buffer handed over or skipped
    private long position; // in the file, of the buffer's first byte
    private int kept; // the first excerpt not compared yet

    FileReader() throws IOException {
      channel = FileChannel.open(path);
    }

    @Override
    public void copyTo(int end, int limit, SplicedBytes.Piece piece) throws IOException {
      move(end, limit, piece);
    }

    @Override
    public void skipTo(int end) throws IOException {
      move(end, Integer.MAX_VALUE, null);
    }

    private void move(int end, int limit, SplicedBytes.Piece piece) throws IOException {
      while (position + taken < end) {
        if (taken == filled) {
          refill();
        }
        int n = (int) Math.min(Math.min(limit, filled - taken), end - position - taken);
        if (piece != null) {
          piece.accept(buffer, taken, n);
        }
        taken += n;
      }
    }

    private void refill() throws IOException {
      crc.update(buffer, 0, filled);
      position += filled;
      filled = 0;
      taken = 0;
      int n = channel.read(ByteBuffer.wrap(buffer));
      if (n <= 0) {
        throw new SplicedBytes.OriginChanged(path + " is shorter than when it was read");
      }
      filled = n;
      kept = matchKept(buffer, (int) position, n, kept);
      if (kept < 0) {
        throw new SplicedBytes.OriginChanged(path + " changed since it was read");
      }
    }

    @Override
    public void finish() throws IOException {
      crc.update(buffer, 0, filled);
      boolean atEnd = position + filled == size && channel.read(ByteBuffer.allocate(1)) < 0;
      if (!atEnd || crc.getValue() != checksum) {
        throw new SplicedBytes.OriginChanged(path + " changed since it was read");
      }
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
