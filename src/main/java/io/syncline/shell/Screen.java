package io.syncline.shell;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.springframework.shell.core.command.CommandContext;

/**
 * The prompt's terminal, as commands see it: how wide it is and whether work may show progress.
 * Both only for a command typed at the prompt (one whose context can ask the user); a script, even
 * one run with {@code script FILE} at the prompt, and a single command get no progress and the
 * fixed widths, so their output does not depend on the window it ran in.
 */
public final class Screen {
  private Terminal terminal;
  private PrintWriter progress;

  /** The prompt starts on {@code candidate}; a dumb terminal is no terminal. */
  void attach(Terminal candidate) {
    boolean real =
        candidate != null
            && !Terminal.TYPE_DUMB.equals(candidate.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(candidate.getType());
    attach(real ? candidate : null, real && errorIsTerminal() ? errorWriter(candidate) : null);
  }

  /** {@code progress}: where bars are drawn, null for nowhere. */
  void attach(Terminal terminal, PrintWriter progress) {
    this.terminal = terminal;
    this.progress = progress;
  }

  /** The terminal's columns for a command typed at the prompt; 0 otherwise (use fixed widths). */
  int width(CommandContext context) {
    return atPrompt(context) ? Math.max(0, terminal.getWidth()) : 0;
  }

  private boolean atPrompt(CommandContext context) {
    return terminal != null && context != null && context.inputReader() != null;
  }

  /**
   * Progress for a command typed at the prompt, drawn on standard error when that is a terminal;
   * anywhere else, progress that draws nothing. Close it before printing the command's output.
   */
  ProgressBars progress(CommandContext context) {
    if (progress == null || !atPrompt(context)) {
      return ProgressBars.silent();
    }
    Terminal shown = terminal;
    return ProgressBars.drawing(progress, shown::getWidth);
  }

  private static PrintWriter errorWriter(Terminal terminal) {
    Charset charset = terminal.encoding();
    return new PrintWriter(new OutputStreamWriter(System.err, charset), false);
  }

  /**
   * Whether standard error is a terminal (the prompt's terminal only says so of standard input and
   * output): {@code syncline 2>log} gets no bars in its log. Asked of JLine's native provider where
   * there is one, else of {@code test -t 2} through its exec provider.
   */
  private static boolean errorIsTerminal() {
    for (String name : List.of("jni", "exec")) {
      try {
        return TerminalProvider.load(name).isSystemStream(SystemStream.Error);
      } catch (Exception | LinkageError unavailable) {
        // try the next provider
      }
    }
    return false;
  }
}
