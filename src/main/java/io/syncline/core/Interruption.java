package io.syncline.core;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * How Ctrl-C at the prompt reaches the command that is running, without ending the shell.
 *
 * <p>One per process, not one per session: there is one terminal, one SIGINT and one command at a
 * time. The shell {@linkplain #begin begins} each command as stoppable or not and {@linkplain
 * #request requests} a stop when Ctrl-C is pressed; the work says where it may stop:
 *
 * <pre>
 *   sql SELECT pg_sleep(30)   the running statement is cancelled ({@link #onRequest})
 *   system sleep 20           the child process and its children are killed ({@link #onRequest})
 *   load big.json             the next record or row counted stops it ({@link #check}, through
 *                             {@link Progress.Counter}); a stopped load changes nothing
 *   apply                     runs to its end: it commits or rolls back as a whole, never half
 * </pre>
 *
 * A stop surfaces as {@link Stopped}, which the shell prints like any failure; what was staged and
 * resolved before the command stays as it was.
 */
public final class Interruption {
  private static volatile boolean stoppable;
  private static volatile boolean requested;
  // Commands running inside one another; written by the command's thread only, read by the
  // signal's.
  private static volatile int depth;
  private static final Set<Runnable> CANCELS = new CopyOnWriteArraySet<>();

  private Interruption() {}

  /**
   * A command starts, until the returned scope is closed; {@code stoppable} is false for one that
   * must run to its end ({@code apply}, {@code rollback}: a transaction and the files written with
   * it). A command run by another ({@code script}'s lines) stops only if both may, and a Ctrl-C
   * pressed between two lines of a script still stops the script.
   */
  public static Scope begin(boolean stoppable) {
    boolean outer = Interruption.stoppable;
    boolean outermost = depth++ == 0;
    if (outermost) {
      requested = false;
    }
    Interruption.stoppable = outermost ? stoppable : outer && stoppable;
    return () -> {
      depth--;
      Interruption.stoppable = outer;
      if (outermost) {
        requested = false;
        CANCELS.clear();
      }
    };
  }

  /** A running command; closing it ends the command. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Ctrl-C: the running command stops at its next stopping point, and what it waits on (a
   * statement, a child process) is cancelled. Returns false when the command runs to its end; the
   * press is kept all the same, so a script that ran it stops before its next line.
   */
  public static boolean request() {
    requested = true;
    if (!stoppable) {
      return false;
    }
    CANCELS.forEach(Runnable::run);
    return true;
  }

  /** Whether a command is running (Ctrl-C then belongs to it, not to the prompt). */
  public static boolean running() {
    return depth > 0;
  }

  /** Whether the running command is being stopped: Ctrl-C was pressed, and it may stop. */
  public static boolean requested() {
    return requested && stoppable;
  }

  /** Throws {@link Stopped} when Ctrl-C was pressed; called where the work may stop safely. */
  public static void check() {
    if (requested()) {
      throw new Stopped();
    }
  }

  /**
   * Registers what cancels the wait in progress, from another thread, until the returned
   * registration is closed (in a {@code finally}, after the wait). A cancel that fails is ignored:
   * the command then stops at its next stopping point.
   *
   * <pre>
   *   Interruption.Registration cancel = Interruption.onRequest(statement::cancel);
   *   try { statement.execute(sql); } finally { cancel.close(); }
   * </pre>
   */
  public static Registration onRequest(Cancel cancel) {
    Runnable run =
        () -> {
          try {
            cancel.run();
          } catch (Exception ignored) {
            // a statement already done, a process already gone: nothing left to cancel
          }
        };
    CANCELS.add(run);
    return () -> CANCELS.remove(run);
  }

  /** What cancels a wait; may throw, as {@code Statement.cancel} does. */
  @FunctionalInterface
  public interface Cancel {
    void run() throws Exception;
  }

  /** A registered {@link Cancel}, removed on close. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * The command was stopped by Ctrl-C. Exit code 130, as a shell reports a command ended by SIGINT.
   */
  public static final class Stopped extends SynclineException {
    public static final int EXIT_CODE = 130;

    public Stopped() {
      this("stopped at Ctrl-C; what was staged and resolved before it is kept");
    }

    public Stopped(String message) {
      super(message, EXIT_CODE, null);
    }
  }
}
