package io.syncline.formats;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.IntFunction;

/**
 * Where a temporary file's new bytes go out: a native buffer the caller fills, handed to the file
 * each time it is full, and at the end the file forced to disk.
 *
 * <p>A large file (from {@link #DIRECT_FROM} bytes) is written past the page cache ({@code
 * O_DIRECT}) where the file system allows it. It is forced to disk at once anyway, and the memory
 * the kernel would find for it first is what such a write spends most on, where memory is dear: on
 * this project's 2-core VM, a 243 MiB file took 0.7 to 0.9 s to write into the page cache beside
 * the database's work, against 0.3 to 0.45 s past it, the force included. The old bytes stay in the
 * page cache (their backup keeps them); the next {@code load} of the new ones reads them from disk
 * (3 GB/s here). A file system that refuses it (tmpfs before Linux 6.6, some network file systems)
 * gets the file through the page cache, as a smaller file always does.
 */
final class FileOutput implements Closeable {
  /** From this size up a file is written past the page cache. */
  static final long DIRECT_FROM = 16L << 20;

  private final Path file;
  private final ByteBuffer buffer;
  private FileChannel channel;

  /** The block size writes past the page cache are aligned to; 0 when through it. */
  private int alignment;

  /** The bytes handed to the file so far. */
  private long handed;

  private FileOutput(Path file, FileChannel channel, ByteBuffer buffer, int alignment) {
    this.file = file;
    this.channel = channel;
    this.buffer = buffer;
    this.alignment = alignment;
  }

  /**
   * Opens {@code file}, empty, for {@code size} bytes; {@code through} gives a native buffer of at
   * least the size asked for, to write through the page cache (kept for the next file).
   */
  static FileOutput open(Path file, long size, IntFunction<ByteBuffer> through) throws IOException {
    return open(
        file,
        size,
        through,
        () -> FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT));
  }

  /** A file system's answer to a write past the page cache: the channel, or its refusal. */
  interface DirectOpener {
    FileChannel open() throws IOException;
  }

  /** {@link #open(Path, long, IntFunction)}, opening past the page cache with {@code direct}. */
  static FileOutput open(Path file, long size, IntFunction<ByteBuffer> through, DirectOpener opener)
      throws IOException {
    int alignment = size >= DIRECT_FROM ? alignmentOf(file) : 0;
    if (alignment > 0) {
      try {
        FileChannel direct = opener.open();
        ByteBuffer aligned =
            ByteBuffer.allocateDirect(FileWrite.CHUNK + alignment).alignedSlice(alignment);
        return new FileOutput(file, direct, aligned, alignment);
      } catch (IOException | UnsupportedOperationException e) {
        // the file system does not take O_DIRECT: through the page cache
      }
    }
    ByteBuffer buffer = through.apply((int) Math.min(FileWrite.CHUNK, size + 1));
    return new FileOutput(file, FileChannel.open(file, StandardOpenOption.WRITE), buffer, 0);
  }

  /** The buffer to fill; {@link #drain()} when it has no room left. */
  ByteBuffer buffer() {
    return buffer;
  }

  /** Hands what the buffer holds to the file and empties it. */
  void drain() throws IOException {
    buffer.flip();
    try {
      writeAll();
    } catch (IOException e) {
      if (alignment == 0 || handed > 0) {
        throw e;
      }
      // Some file systems take O_DIRECT at open and refuse the first write: through the page cache.
      channel.close();
      channel = FileChannel.open(file, StandardOpenOption.WRITE);
      alignment = 0;
      buffer.rewind();
      writeAll();
    }
    buffer.clear();
  }

  private void writeAll() throws IOException {
    while (buffer.hasRemaining()) {
      handed += channel.write(buffer);
    }
  }

  /**
   * Hands over what is left and forces the file to disk. Past the page cache a write is whole
   * blocks: the last one goes out filled with zeros, which the file is then cut off before.
   */
  void finish() throws IOException {
    long size = handed + buffer.position();
    if (alignment > 0) {
      while (buffer.position() % alignment != 0) {
        buffer.put((byte) 0);
      }
    }
    drain();
    if (handed > size) {
      channel.truncate(size);
    }
    channel.force(true);
  }

  /** Whether the bytes went out past the page cache: for tests. */
  boolean direct() {
    return alignment > 0;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * The file system's block size, to which writes past the page cache are aligned; 0 when it gives
   * none a megabyte buffer can be aligned to.
   */
  private static int alignmentOf(Path file) {
    try {
      long size = Files.getFileStore(file).getBlockSize();
      boolean usable = size >= 512 && size <= 65536 && Long.bitCount(size) == 1;
      return usable ? (int) size : 0;
    } catch (IOException | UnsupportedOperationException e) {
      return 0;
    }
  }
}
