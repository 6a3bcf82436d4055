package io.syncline.core;

import java.util.List;

/**
 * A rollback script failed part way. Where the database's DDL is transactional nothing of it stays:
 * its statements and the removal of its history row were one transaction. Where each DDL statement
 * commits by itself (MariaDB), the statements before the failing one ran and stay; the message
 * lists them and what is left, and the next {@code migrate down} goes on at the failing one.
 */
public final class RollbackStopped extends SynclineException {
  private final List<String> ran;
  private final List<String> left;

  /**
   * @param version the version being rolled back, as {@code V3 (add indexes)}
   * @param script the rollback script's file name
   * @param failed the statement that failed, numbered from 1 in the script
   * @param ran the statements that ran and stay (empty where the transaction undid them)
   * @param left the statements not run: the failing one and those after it
   * @param reason the database's reason, one line
   * @param history the history table, where the version stays recorded as applied
   * @param transactional whether the statements that ran were rolled back with the failure
   */
  public RollbackStopped(
      String version,
      String script,
      int failed,
      List<String> ran,
      List<String> left,
      String reason,
      String history,
      boolean transactional) {
    super(
        message(version, script, failed, ran, left, reason, history, transactional),
        COMMAND_FAILED,
        null);
    this.ran = List.copyOf(ran);
    this.left = List.copyOf(left);
  }

  public List<String> ran() {
    return ran;
  }

  public List<String> left() {
    return left;
  }

  private static String message(
      String version,
      String script,
      int failed,
      List<String> ran,
      List<String> left,
      String reason,
      String history,
      boolean transactional) {
    String head =
        "rolling back "
            + version
            + " stopped at statement "
            + failed
            + " of "
            + script
            + " ("
            + left.get(0)
            + "): "
            + reason;
    if (transactional) {
      return head
          + "; nothing was changed: its statements and its history row roll back together; fix"
          + " the cause or the script, then `migrate down` again";
    }
    return head
        + "; this database commits each statement by itself, so "
        + (ran.isEmpty() ? "none ran before it" : "these ran and stay: " + numbered(ran, 1))
        + "; left to run: "
        + numbered(left, failed)
        + "; "
        + version
        + " is still applied in "
        + history
        + "; fix the cause or the script, then `migrate down` goes on at statement "
        + failed;
  }

  private static String numbered(List<String> statements, int first) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < statements.size(); i++) {
      out.append(i == 0 ? "" : ", ")
          .append(first + i)
          .append(". ")
          .append(oneLine(statements.get(i)));
    }
    return out.toString();
  }

  private static String oneLine(String statement) {
    return statement.replaceAll("\\s+", " ").strip();
  }
}
