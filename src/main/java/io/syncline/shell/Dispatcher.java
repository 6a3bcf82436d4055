package io.syncline.shell;

import io.syncline.core.Interruption;
import io.syncline.core.SynclineException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;
import org.springframework.core.convert.ConversionException;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Runs one command line, at the prompt and in scripts alike, and turns every failure into a {@link
 * SynclineException} whose message is one line and whose exit code a script exits with. A command
 * that succeeded and changed something goes into the session's journal ({@link Journaling}).
 */
public final class Dispatcher {
  /**
   * Commands that Ctrl-C does not stop: each writes the database and the files together, and
   * commits or rolls back as a whole, so it runs to its end ({@link Interruption}). Commands are
   * named as {@link ParsedInput#commandName()} gives them: the first word.
   */
  static final Set<String> RUNS_TO_ITS_END =
      Set.of("apply", "rollback", "checkpoint", "export", "journal", "mapping");

  private final CommandRegistry registry;
  private final LineParser parser;
  private final CommandExecutor executor;
  private final Sessions sessions;

  public Dispatcher(CommandRegistry registry, Sessions sessions) {
    this.registry = registry;
    this.sessions = sessions;
    this.parser = new LineParser(registry);
    this.executor = new CommandExecutor(registry);
  }

  /** Runs a line from a script or the command line: nothing can be asked of the user. */
  public void run(String line, PrintWriter out) {
    run(line, out, null);
  }

  /**
   * Runs a line; {@code input} is how a command asks the user (interactive {@code resolve}, the
   * question before leaving), null when nobody is there to answer.
   */
  public void run(String line, PrintWriter out, InputReader input) {
    ParsedInput parsed = parser.parse(helpAsked(line));
    ExitStatus status;
    // Closed in finally, not by try-with-resources: translate reads whether Ctrl-C was pressed.
    Interruption.Scope command =
        Interruption.begin(!RUNS_TO_ITS_END.contains(parsed.commandName()));
    try {
      status = executor.execute(new CommandContext(parsed, registry, out, input));
    } catch (CommandNotFoundException e) {
      throw Misuse.unknownCommand(e.getCommandName());
    } catch (CommandExecutionException e) {
      throw translate(e);
    } finally {
      command.close();
      out.flush();
    }
    if (status.code() != ExitStatus.OK.code()) {
      throw Misuse.refused(parsed.commandName(), status.description());
    }
    Journaling.linesFor(parsed, line).forEach(sessions.current().journal()::record);
  }

  /**
   * {@code diff --help} (or {@code -h}) anywhere on a line means {@code help diff}; {@code log show
   * -h} means {@code help log show}. Other lines are left as they are, and so are {@code sql} and
   * {@code system}, whose words are a statement.
   */
  private String helpAsked(String line) {
    List<String> words = LineParser.words(line);
    if (words.size() < 2
        || LineParser.takesRestOfLine(words.get(0))
        || !(words.contains("--help") || words.contains("-h"))) {
      return line;
    }
    String command = words.get(0);
    if (registry.getCommandByName(command + " " + words.get(1)) != null) {
      command = command + " " + words.get(1);
    }
    return "help " + command;
  }

  private static SynclineException translate(Throwable failure) {
    if (Interruption.requested()) {
      // A script's line stopped says which line (ScriptFailed), else the stop says what it stopped.
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof ScriptRunner.ScriptFailed script) {
          return script;
        }
      }
      for (Throwable t = failure; t != null; t = t.getCause()) {
        if (t instanceof Interruption.Stopped stopped) {
          return stopped;
        }
      }
      // Stopped inside a reader that reports its own failure ("cannot read x.json: ...").
      return new Interruption.Stopped();
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SynclineException known) {
        return known;
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException || root instanceof ConversionException) {
      return new SynclineException.Usage(SynclineException.firstLine(root.getMessage()));
    }
    Throwable reported =
        failure.getCause() instanceof InvocationTargetException ite ? ite.getCause() : root;
    return new SynclineException(
        "unexpected error: "
            + reported.getClass().getSimpleName()
            + ": "
            + SynclineException.firstLine(reported.getMessage())
            + " (run with SYNCLINE_DEBUG=1 for the stack trace)",
        reported);
  }
}
