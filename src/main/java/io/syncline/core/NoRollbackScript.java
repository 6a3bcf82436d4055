package io.syncline.core;

import java.util.List;

/**
 * {@code migrate down} would cross versions that have no rollback script; nothing was rolled back.
 */
public final class NoRollbackScript extends SynclineException {
  /**
   * @param versions each as {@code V1 (create tables) has no U1__create_tables.sql}
   * @param folder the migrations folder, as {@code syncline.yml} names it
   * @param lowest the lowest version {@code migrate down --to} may still reach, or null
   */
  public NoRollbackScript(List<String> versions, String folder, String lowest) {
    super(
        "cannot roll back: "
            + String.join("; ", versions)
            + " in "
            + folder
            + "; nothing was rolled back; write the rollback script"
            + (lowest == null ? "" : ", or stop above it with `migrate down --to " + lowest + "`"));
  }
}
