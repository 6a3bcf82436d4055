package io.syncline.core;

/** Records inserted, updated and deleted on one side by one apply. */
public record Counts(long inserted, long updated, long deleted) {
  public static final Counts NONE = new Counts(0, 0, 0);

  public Counts plus(Counts other) {
    return new Counts(inserted + other.inserted, updated + other.updated, deleted + other.deleted);
  }

  public long total() {
    return inserted + updated + deleted;
  }
}
