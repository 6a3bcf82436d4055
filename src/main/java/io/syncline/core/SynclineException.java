package io.syncline.core;

/**
 * A failure the user can act on. Its message states the facts and the next step; the shell prints
 * it on one line, without a stack trace, and a script stops on it with {@link #exitCode()}.
 */
public class SynclineException extends RuntimeException {
  public static final int COMMAND_FAILED = 1;
  public static final int USAGE = 2;
  public static final int SIDES_DIFFER = 3;
  public static final int LOCKED = 4;

  private final int exitCode;

  public SynclineException(String message) {
    this(message, COMMAND_FAILED, null);
  }

  public SynclineException(String message, Throwable cause) {
    this(message, COMMAND_FAILED, cause);
  }

  protected SynclineException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  /**
   * The first line of another library's message, trimmed, for quoting inside ours: a driver or a
   * parser may add a hint, a position or a stack of causes on the lines after. Null gives "".
   */
  public static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  /** A command given wrong arguments: an unknown entity, a selector that matches nothing. */
  public static final class Usage extends SynclineException {
    public Usage(String message) {
      super(message, USAGE, null);
    }
  }

  /** {@code verify} found records that differ; nothing is wrong with Syncline itself. */
  public static final class SidesDiffer extends SynclineException {
    public SidesDiffer(String message) {
      super(message, SIDES_DIFFER, null);
    }
  }

  /**
   * Another Syncline process held the write lock of the files or the database for longer than the
   * wait; the message names it. Nothing was changed.
   */
  public static final class Locked extends SynclineException {
    public Locked(String message) {
      super(message, LOCKED, null);
    }
  }

  /**
   * A file changed while Syncline was about to write it (a person's editor, another program);
   * everything written so far was put back. {@link #file()} is its path as the user named it. The
   * message says when, what became of the files and what to run: {@code tasks.yml changed while
   * Syncline was writing it; nothing was changed; run it again}; the verb that was writing says it
   * in its own words with {@link #during}.
   */
  public static final class FileChanged extends SynclineException {
    private final String file;

    public FileChanged(String file) {
      this(file, "while Syncline was writing it", "nothing was changed", "run it again");
    }

    private FileChanged(String file, String when, String outcome, String nextStep) {
      super(file + " changed " + when + "; " + outcome + "; " + nextStep, COMMAND_FAILED, null);
      this.file = file;
    }

    /** The same file, told as the verb that wrote it sees it: {@code during the export}. */
    public FileChanged during(String when, String outcome, String nextStep) {
      return new FileChanged(file, when, outcome, nextStep);
    }

    public String file() {
      return file;
    }
  }
}
