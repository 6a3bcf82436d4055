package io.syncline.core;

/**
 * {@code rollback NAME} to a checkpoint taken before a schema migration Syncline ran: putting rows
 * back into a schema of another version could fail half way or lose the new columns' values, so the
 * rollback refuses and says to take the schema back first. Nothing was changed.
 */
public final class CheckpointBeforeMigration extends SynclineException {
  /**
   * @param checkpoint the checkpoint's name
   * @param migration the newest version applied since, as {@code V3 (add indexes)}
   * @param below the version to go down to, the newest applied when the checkpoint was taken; null
   *     when none was
   */
  public CheckpointBeforeMigration(String checkpoint, String migration, String below) {
    super(
        "checkpoint "
            + checkpoint
            + " was taken before the schema migration "
            + migration
            + "; rollback does not cross a migration: run `migrate down "
            + (below == null
                ? "--steps N` down to the version of the checkpoint"
                : "--to " + below + "`")
            + " first, then `rollback "
            + checkpoint
            + "`; nothing was changed");
  }
}
