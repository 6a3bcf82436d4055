package io.syncline.core;

/** What happens to a field changed on both sides to different values. */
public enum ConflictPolicy {
  /** It waits for {@code resolve}; {@code apply} leaves it alone. */
  ASK,
  /** The file's value wins. */
  FILE,
  /** The database's value wins. */
  DB
}
