package io.syncline.core;

import java.util.List;

/**
 * {@code migrate validate} (and {@code migrate up}, which validates first) found applied scripts
 * that changed since they were applied: the schema no longer follows from the folder. Exit code 3,
 * as for sides that differ.
 */
public final class MigrationsEdited extends SynclineException {
  /**
   * @param scripts each as {@code V2 (add planned dates): V2__add_planned_dates.sql}
   * @param history the history table holding the checksums they were applied with
   */
  public MigrationsEdited(List<String> scripts, String history) {
    super(
        (scripts.size() == 1
                ? "an applied script changed"
                : scripts.size() + " applied scripts changed")
            + " since "
            + history
            + " recorded it: "
            + String.join("; ", scripts)
            + "; put each back as it was when applied, and make the change a new version",
        SIDES_DIFFER,
        null);
  }
}
