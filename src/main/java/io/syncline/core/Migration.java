package io.syncline.core;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One version of the user's schema as {@code migrate} shows it: its scripts in the folder and its
 * row in the history table.
 *
 * @param version as the script names it ({@code 2}, {@code 002}, {@code 2.1})
 * @param description from the script's name, underscores as spaces
 * @param script the forward script's file name; null when only the history knows the version
 * @param rollback the rollback script's file name; null when there is none
 * @param state see {@link State}
 * @param installedOn when the history says it was applied; null when pending
 * @param rollbackDone the rollback statements that already ran, on a database whose DDL commits by
 *     itself, when a rollback stopped half way; empty otherwise
 */
public record Migration(
    String version,
    String description,
    String script,
    String rollback,
    State state,
    Instant installedOn,
    List<String> rollbackDone) {

  public Migration {
    rollbackDone = List.copyOf(rollbackDone);
  }

  /** Where a version stands. */
  public enum State {
    /** In the history, and the script is as it was when applied. */
    APPLIED,
    /** In the folder, not applied yet: {@code migrate up} runs it. */
    PENDING,
    /**
     * Applied, but the script changed since (its checksum differs from the history's). Fix by
     * putting the script back as it was; a change to the schema goes into a new version.
     */
    EDITED,
    /**
     * Applied, but no script of that version is in the folder any more. Fix by restoring the
     * script, or by leaving the version applied: it cannot be rolled back without its scripts.
     */
    MISSING,
    /**
     * The history marks it failed (a Flyway run stopped in it). Fix by reverting what it did by
     * hand, then {@code flyway repair}.
     */
    FAILED,
    /**
     * Its rollback stopped half way on a database whose DDL commits by itself: some statements ran.
     * Fix the cause, then {@code migrate down} again: it goes on after the last one that ran.
     */
    ROLLBACK_STOPPED;

    /** How the {@code migrate} table shows it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** Whether the version is in the database's schema now (a rollback can run on it). */
  public boolean applied() {
    return state == State.APPLIED || state == State.EDITED || state == State.ROLLBACK_STOPPED;
  }
}
