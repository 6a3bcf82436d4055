package io.syncline.core;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive operating-system lock on a file, with its holder ({@link WriteLockHolder}) written
 * into the file for whoever finds it taken. The operating system drops the lock when the process
 * ends, however it ends; the holder's text is cleared on a clean release, so text found by the next
 * taker was left by a process that died holding the lock.
 *
 * <p>Traps: the lock is the process's, so a second {@code tryLock} in the same JVM throws instead
 * of failing; {@link #HELD} keeps one holder per JVM and file. Closing any descriptor of the file
 * drops the process's POSIX locks on it, so while this JVM holds the lock, {@link #holder} answers
 * from {@link #HELD} instead of opening the file. The lock covers a byte far past the text (where
 * Windows locks are mandatory, the text stays readable). The file is never deleted: a process that
 * deleted it after its release could let two others lock two different files of the same name.
 */
public final class LockFile implements AutoCloseable {
  private static final Map<Path, WriteLockHolder> HELD = new ConcurrentHashMap<>();
  private static final long LOCKED_BYTE = 1L << 40;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final WriteLockHolder leftBy;

  private LockFile(Path file, FileChannel channel, FileLock lock, WriteLockHolder leftBy) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.leftBy = leftBy;
  }

  /**
   * Takes the lock if no process (this one included) holds it, and writes {@code holder} into the
   * file; empty when it is taken. Creates the file and its directory when missing.
   */
  public static Optional<LockFile> tryTake(Path file, WriteLockHolder holder) {
    Path key = file.toAbsolutePath().normalize();
    if (HELD.putIfAbsent(key, holder) != null) {
      return Optional.empty();
    }
    FileChannel channel = null;
    try {
      Files.createDirectories(key.getParent());
      channel =
          FileChannel.open(
              key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock(LOCKED_BYTE, 1, false);
      } catch (OverlappingFileLockException sameProcess) {
        lock = null; // the same file under another name, held in this JVM
      }
      if (lock == null) {
        channel.close();
        HELD.remove(key);
        return Optional.empty();
      }
      WriteLockHolder left = WriteLockHolder.parse(text(channel)).orElse(null);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(holder.text().getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return Optional.of(new LockFile(key, channel, lock, left));
    } catch (IOException e) {
      closeQuietly(channel);
      HELD.remove(key);
      throw new SynclineException(
          "cannot take the write lock " + key + ": " + e.getMessage() + "; nothing was changed");
    }
  }

  /** Who the file says holds the lock; empty when nobody wrote it or the file is gone. */
  public static Optional<WriteLockHolder> holder(Path file) {
    WriteLockHolder inThisProcess = HELD.get(file.toAbsolutePath().normalize());
    if (inThisProcess != null) {
      return Optional.of(inThisProcess);
    }
    try {
      return WriteLockHolder.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The holder a dead process left in the file, which this lock took over; empty when none. */
  public Optional<WriteLockHolder> leftBy() {
    return Optional.ofNullable(leftBy);
  }

  public Path file() {
    return file;
  }

  /** Clears the holder's text, then releases the lock. */
  @Override
  public void close() {
    try {
      channel.truncate(0);
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases the lock anyway; stale text only adds a notice.
    } finally {
      closeQuietly(channel);
      HELD.remove(file);
    }
  }

  private static String text(FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0 || size > 4096) {
      return "";
    }
    ByteBuffer buffer = ByteBuffer.allocate((int) size);
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
      // reads until full
    }
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // nothing to do: the channel is gone either way
      }
    }
  }
}
