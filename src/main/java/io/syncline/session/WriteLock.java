package io.syncline.session;

import io.syncline.core.LockFile;
import io.syncline.core.SynclineException;
import io.syncline.core.WriteLockHolder;
import io.syncline.sql.Database;
import io.syncline.sql.DatabaseLock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One writer at a time: what {@code apply}, {@code rollback}, {@code export} and {@code copy} hold
 * while they read what they are about to replace and replace it. Two locks, always taken in this
 * order and released in the other:
 *
 * <ol>
 *   <li>the files: an operating-system lock on {@code .syncline/lock} in the working directory,
 *       with the holder written into it (see {@link LockFile});
 *   <li>the database: the dialect's lock ({@link Database#tryWriteLock}), so that two machines
 *       sharing a database server take turns too.
 * </ol>
 *
 * A second writer tries again every {@value #POLL_MILLIS} ms, up to the wait ({@value
 * #WAIT_VARIABLE} seconds, 30 by default), releasing what it took in between so that two writers
 * never hold one lock each; then it fails with {@link SynclineException.Locked}, naming the holder.
 */
final class WriteLock implements AutoCloseable {
  /** The environment variable that sets how long a second writer waits, in seconds. */
  static final String WAIT_VARIABLE = "SYNCLINE_LOCK_WAIT";

  static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
  private static final long POLL_MILLIS = 100;

  private final LockFile files;
  private final DatabaseLock database;

  private WriteLock(LockFile files, DatabaseLock database) {
    this.files = files;
    this.database = database;
  }

  /** The lock file of the working directory's files. */
  static Path path(Path workingDirectory) {
    return workingDirectory.resolve(".syncline").resolve("lock");
  }

  /** The wait {@value #WAIT_VARIABLE} sets, or {@link #DEFAULT_WAIT}. */
  static Duration configuredWait() {
    String seconds = System.getenv(WAIT_VARIABLE);
    if (seconds == null || seconds.isBlank()) {
      return DEFAULT_WAIT;
    }
    try {
      Duration wait = Duration.ofMillis(Math.round(Double.parseDouble(seconds.strip()) * 1000));
      if (!wait.isNegative()) {
        return wait;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new SynclineException.Usage(
        WAIT_VARIABLE
            + "="
            + seconds
            + " is not a number of seconds; set it to 30, say, or unset it");
  }

  /**
   * Takes the locks of the working directory's files (none when {@code workingDirectory} is null)
   * and of the database (none when null), waiting up to {@code wait} for another writer.
   */
  static WriteLock take(
      Path workingDirectory, Database database, String command, Duration wait, Clock clock) {
    WriteLockHolder me = WriteLockHolder.thisProcess(command, clock.instant());
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Optional<LockFile> files =
          workingDirectory == null
              ? Optional.empty()
              : LockFile.tryTake(path(workingDirectory), me);
      if (workingDirectory == null || files.isPresent()) {
        Optional<DatabaseLock> held;
        try {
          held = database == null ? Optional.of(DatabaseLock.NONE) : database.tryWriteLock(me);
        } catch (RuntimeException e) {
          files.ifPresent(LockFile::close);
          throw e;
        }
        if (held.isPresent()) {
          return new WriteLock(files.orElse(null), held.get());
        }
        files.ifPresent(LockFile::close);
      }
      if (System.nanoTime() - deadline >= 0) {
        throw refusal(
            workingDirectory, files.isPresent() || workingDirectory == null, database, wait);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SynclineException.Locked(
            "interrupted while waiting for the write lock; nothing was changed");
      }
    }
  }

  /**
   * Takes the files' lock if nobody holds it, without waiting: for {@code connect}'s look at an
   * interrupted apply, which is only interrupted when its process no longer holds the lock.
   */
  static Optional<WriteLock> tryFiles(Path workingDirectory, String command, Clock clock) {
    return LockFile.tryTake(
            path(workingDirectory), WriteLockHolder.thisProcess(command, clock.instant()))
        .map(files -> new WriteLock(files, DatabaseLock.NONE));
  }

  private static SynclineException refusal(
      Path workingDirectory, boolean filesTaken, Database database, Duration wait) {
    String what;
    String holder;
    if (!filesTaken) {
      Path file = path(workingDirectory);
      what = "the files in " + workingDirectory + " (.syncline/lock)";
      holder = LockFile.holder(file).map(WriteLockHolder::describe).orElse(null);
    } else {
      what = database.describe();
      holder = database.writeLockHolder().orElse(null);
    }
    return new SynclineException.Locked(
        "another Syncline process holds the write lock of "
            + what
            + (holder == null ? "" : ": " + holder)
            + "; waited "
            + seconds(wait)
            + "; nothing was changed; try again when it is done ("
            + WAIT_VARIABLE
            + " sets the wait in seconds)");
  }

  private static String seconds(Duration wait) {
    long millis = wait.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
  }

  /**
   * "took over the write lock left by pid 4711 on build-1 (no longer running)", once per lock a
   * dead process left; empty when none.
   */
  Optional<String> notice() {
    // One line per dead process: it left the files' lock and the database's both.
    Set<String> lines = new LinkedHashSet<>();
    if (files != null) {
      files.leftBy().ifPresent(left -> lines.add(tookOver(left)));
    }
    database.leftBy().ifPresent(left -> lines.add(tookOver(left)));
    return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
  }

  private static String tookOver(WriteLockHolder left) {
    return "took over the write lock left by pid "
        + left.pid()
        + " on "
        + left.host()
        + " (no longer running)";
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      if (files != null) {
        files.close();
      }
    }
  }
}
