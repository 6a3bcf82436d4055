package io.syncline.shell;

import io.syncline.core.Interruption;
import io.syncline.core.SynclineException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * Decides what a run of Syncline is: no arguments, the prompt; {@code script FILE...}, those files
 * in order; anything else, that one command. Replaces Spring Shell's runner, which exits 0 on a
 * parse error and ends a script at a {@code //} comment.
 *
 * <p>Exit codes: 0 success, 1 a command failed, 2 usage error (unknown command, bad option, a
 * selector that matches nothing), 3 {@code verify} found that the sides differ, 4 another Syncline
 * process held the write lock for longer than the wait.
 */
public final class Console implements ApplicationRunner, ExitCodeGenerator {
  private final Dispatcher dispatcher;
  private final ObjectProvider<LineReader> lineReader;
  private final Prompt prompt;
  private final Style style;
  private final Screen screen;
  private final Sessions sessions;
  private final Completer completer;
  private final boolean enabled;
  private int exitCode;

  public Console(
      Dispatcher dispatcher,
      ObjectProvider<LineReader> lineReader,
      Prompt prompt,
      Style style,
      Screen screen,
      Sessions sessions,
      Completer completer,
      boolean enabled) {
    this.dispatcher = dispatcher;
    this.lineReader = lineReader;
    this.prompt = prompt;
    this.style = style;
    this.screen = screen;
    this.sessions = sessions;
    this.completer = completer;
    this.enabled = enabled;
  }

  @Override
  public void run(ApplicationArguments arguments) {
    if (!enabled) {
      return;
    }
    String[] args = arguments.getSourceArgs();
    if (args.length == 0) {
      interactive();
      return;
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    try {
      if (args[0].equals("script") && args.length > 1) {
        ScriptRunner scripts = new ScriptRunner(dispatcher);
        for (String file : Arrays.copyOfRange(args, 1, args.length)) {
          scripts.run(Path.of(file), out);
        }
      } else {
        // `syncline sql "SELECT ..."`: sql and system read the rest of the line as typed, so a
        // quoted word would reach the database or sh with its quotes.
        dispatcher.run(
            LineParser.takesRestOfLine(args[0])
                ? String.join(" ", args)
                : Arrays.stream(args).map(Console::quote).collect(Collectors.joining(" ")),
            out);
      }
    } catch (SynclineException e) {
      out.flush();
      System.err.println(e.getMessage());
      debug(e);
      exitCode = e.exitCode();
    }
  }

  /** The prompt; package-private so that tests can drive it over a virtual terminal. */
  void interactive() {
    LineReader reader = lineReader.getObject();
    if (reader instanceof LineReaderImpl impl) {
      impl.setCompleter(completer);
      impl.setParser(new PromptParser());
    }
    style.useColour(reader.getTerminal());
    screen.attach(reader.getTerminal());
    PrintWriter out = reader.getTerminal().writer();
    // Ctrl-C while a command runs stops that command, not the shell (the JVM's default for SIGINT
    // is to exit, losing what was staged); at the prompt JLine reads it as a key and the line is
    // cleared.
    reader.getTerminal().handle(Terminal.Signal.INT, signal -> interrupt(out));
    TerminalInput input = new TerminalInput(reader);
    while (true) {
      String line;
      try {
        line = reader.readLine(prompt.render());
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        if (mayLeave(false, input, out)) {
          break;
        }
        continue;
      }
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      if (line.matches("(exit|quit)(\\s+--force)?")) {
        if (mayLeave(line.endsWith("--force"), input, out)) {
          break;
        }
        continue;
      }
      // JLine's own Ctrl-C handler interrupts the reading thread; a press that raced the Enter
      // leaves that flag behind, and the command's first wait (system's) would end at once.
      Thread.interrupted();
      try {
        dispatcher.run(line, out, input);
      } catch (SynclineException e) {
        out.println(style.error(e.getMessage()));
        debug(e);
      }
      out.flush();
    }
  }

  /** Ctrl-C outside JLine's line reading: the command running stops, or says why it does not. */
  private static void interrupt(PrintWriter out) {
    if (Interruption.running() && !Interruption.request()) {
      out.println();
      out.println(
          "this command runs to its end: it commits or rolls back as a whole, never half;"
              + " the prompt comes back when it is done");
      out.flush();
    }
  }

  /**
   * Leaving with staged changes that were never applied asks first, like pgcli in an open
   * transaction. When the input has ended there is nobody to ask, and the answer is yes.
   */
  private boolean mayLeave(boolean force, TerminalInput input, PrintWriter out) {
    int staged = sessions.current().changes().summary().staged();
    if (force || staged == 0) {
      return true;
    }
    String answer;
    try {
      answer = input.readInput(staged + " staged change(s) not applied; leave anyway? [y/N] ");
    } catch (EndOfFileException e) {
      return true;
    } catch (UserInterruptException e) {
      return false;
    }
    boolean leave = answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
    if (!leave) {
      out.println("staying; `apply` carries them out, `exit --force` leaves without them");
    }
    return leave;
  }

  private static void debug(Throwable e) {
    if (System.getenv("SYNCLINE_DEBUG") != null) {
      e.printStackTrace();
    }
  }

  private static String quote(String arg) {
    if (!arg.isEmpty()
        && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
      return arg;
    }
    return "'" + arg + "'";
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
