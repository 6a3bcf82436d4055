package io.syncline.runtime;

/**
 * Crash points for the tests of an interrupted apply: {@code SYNCLINE_CRASH_AT=files} stops the
 * process dead (no shutdown hooks, no finally blocks, as {@code kill -9} does) the first time apply
 * reaches the point named {@code files}; {@code SYNCLINE_CRASH_AT=file:2} the second time. Unset,
 * {@link #at} costs a field read.
 *
 * <p>The points, in the order apply reaches them: {@code intent} (the intent file is written, on
 * the files' thread, while the database may be taking the rows), {@code rows} (rows, base, undo
 * images and log written, not committed), {@code backup} (a file's earlier bytes copied), {@code
 * file} (a file renamed into place), {@code files} (every file written), {@code commit} (the
 * transaction committed, the intent not yet removed).
 */
public final class Crash {
  /** Exit status of a process stopped at a crash point. */
  public static final int STATUS = 86;

  private static final String POINT = System.getenv("SYNCLINE_CRASH_AT");
  private static int reached;

  private Crash() {}

  public static void at(String point) {
    if (POINT == null) {
      return;
    }
    String[] wanted = POINT.split(":", 2);
    if (wanted[0].equals(point)) {
      reached++;
      if (reached == (wanted.length == 2 ? Integer.parseInt(wanted[1]) : 1)) {
        Runtime.getRuntime().halt(STATUS);
      }
    }
  }
}
