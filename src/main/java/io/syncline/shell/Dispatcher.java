package io.syncline.shell;

import io.syncline.core.SynclineException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Runs one command line, at the prompt and in scripts alike, and turns every failure into a {@link
 * SynclineException} whose message is one line and whose exit code a script exits with.
 */
public final class Dispatcher {
  private final CommandRegistry registry;
  private final LineParser parser;
  private final CommandExecutor executor;

  public Dispatcher(CommandRegistry registry) {
    this.registry = registry;
    this.parser = new LineParser(registry);
    this.executor = new CommandExecutor(registry);
  }

  public void run(String line, PrintWriter out) {
    ParsedInput parsed = parser.parse(line);
    ExitStatus status;
    try {
      status = executor.execute(new CommandContext(parsed, registry, out, null));
    } catch (CommandNotFoundException e) {
      throw new SynclineException.Usage(
          "unknown command `" + e.getCommandName() + "`; `help` lists the commands");
    } catch (CommandExecutionException e) {
      throw translate(e);
    } finally {
      out.flush();
    }
    if (status.code() != ExitStatus.OK.code()) {
      throw new SynclineException.Usage(parsed.commandName() + ": " + status.description());
    }
  }

  private static SynclineException translate(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SynclineException known) {
        return known;
      }
    }
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof IllegalArgumentException
        || root instanceof org.springframework.core.convert.ConversionException) {
      return new SynclineException.Usage(firstLine(root.getMessage()));
    }
    Throwable reported =
        failure.getCause() instanceof InvocationTargetException ite ? ite.getCause() : root;
    return new SynclineException(
        "unexpected error: "
            + reported.getClass().getSimpleName()
            + ": "
            + firstLine(reported.getMessage())
            + " (run with SYNCLINE_DEBUG=1 for the stack trace)",
        reported);
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
