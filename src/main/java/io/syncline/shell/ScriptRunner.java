package io.syncline.shell;

import io.syncline.core.Interruption;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a {@code .shell} file line by line through the same {@link Dispatcher} as the prompt. Blank
 * lines and lines starting with {@code #} or {@code //} are skipped; each command is echoed after
 * {@code syncline> } so a cron log reads like a session; the first failure stops the script with
 * {@link ScriptFailed}.
 */
public final class ScriptRunner {
  /** {@code SYNCLINE_TIMING=1}: each command's time on standard error, like psql's \\timing. */
  private static final boolean TIMING = System.getenv("SYNCLINE_TIMING") != null;

  private final Dispatcher dispatcher;

  public ScriptRunner(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  public void run(Path file, PrintWriter out) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Misuse.unreadableScript(file, e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      // The echo goes to cron logs and CI output: passwords in it are masked, as in the history.
      String shown = MaskingHistory.mask(line);
      out.println("syncline> " + shown);
      out.flush();
      long started = System.nanoTime();
      try {
        Interruption.check(); // Ctrl-C at `script FILE` between two lines stops the script too
        dispatcher.run(line, out);
        if (TIMING) {
          System.err.printf("(%.2f s) %s%n", (System.nanoTime() - started) / 1e9, shown);
        }
      } catch (ScriptFailed nested) {
        throw nested;
      } catch (SynclineException e) {
        throw new ScriptFailed(file, i + 1, e);
      }
    }
  }

  /** A script stopped: {@code FILE:LINE: message}, with the exit code of the failing command. */
  public static final class ScriptFailed extends SynclineException {
    private final SynclineException failure;

    ScriptFailed(Path file, int line, SynclineException failure) {
      super(file + ":" + line + ": " + failure.getMessage(), failure.exitCode(), failure);
      this.failure = failure;
    }

    public SynclineException failure() {
      return failure;
    }
  }
}
