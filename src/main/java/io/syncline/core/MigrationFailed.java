package io.syncline.core;

/**
 * A forward script failed in {@code migrate up}. Where DDL is transactional Flyway rolled the
 * version back whole; elsewhere what its statements before the failing one did stays, and the
 * history marks the version failed, which Flyway (and so {@code migrate up}) refuses to pass until
 * the row is removed.
 */
public final class MigrationFailed extends SynclineException {
  /**
   * @param script the forward script's file name
   * @param line the line the failing statement starts on (0: not known)
   * @param statement the failing statement, or null when not known
   * @param reason the database's reason, one line
   * @param version the version, as in the history ({@code 2})
   * @param history the history table
   * @param transactional whether the version's statements were rolled back with the failure
   */
  public MigrationFailed(
      String script,
      int line,
      String statement,
      String reason,
      String version,
      String history,
      boolean transactional) {
    super(
        "migrate up stopped in "
            + script
            + (line > 0 ? " at line " + line : "")
            + (statement == null ? "" : " (" + statement.replaceAll("\\s+", " ").strip() + ")")
            + ": "
            + reason
            + (transactional
                ? "; that version was rolled back whole and the versions before it stay applied;"
                    + " fix the script, then `migrate up` again"
                : "; this database commits each statement by itself, so what the statements before"
                    + " it did stays, and "
                    + history
                    + " marks version "
                    + version
                    + " failed: undo those statements, remove the row (`sql DELETE FROM "
                    + history
                    + " WHERE version = '"
                    + version
                    + "'`, as `flyway repair` does), fix the script, then `migrate up` again"));
  }
}
