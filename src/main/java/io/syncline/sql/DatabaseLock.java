package io.syncline.sql;

import io.syncline.core.WriteLockHolder;
import java.util.Optional;

/**
 * Syncline's write lock on one database, taken by {@link Database#tryWriteLock} and held until
 * closed. How it is held is the dialect's: an advisory lock of the server, or a lock file beside
 * the database file.
 */
public interface DatabaseLock extends AutoCloseable {
  /** For a database no other process can reach (one in memory): nothing to hold. */
  DatabaseLock NONE = () -> {};

  /** Releases the lock; never fails (a lock that cannot be released goes with its connection). */
  @Override
  void close();

  /** The holder a dead process left behind, which this lock took over; empty when none. */
  default Optional<WriteLockHolder> leftBy() {
    return Optional.empty();
  }
}
