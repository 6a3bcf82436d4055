package io.syncline.shell;

import io.syncline.core.SynclineException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
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
 * selector that matches nothing), 3 {@code verify} found that the sides differ.
 */
public final class Console implements ApplicationRunner, ExitCodeGenerator {
  private final Dispatcher dispatcher;
  private final ObjectProvider<LineReader> lineReader;
  private final Prompt prompt;
  private final Style style;
  private final boolean enabled;
  private int exitCode;

  public Console(
      Dispatcher dispatcher,
      ObjectProvider<LineReader> lineReader,
      Prompt prompt,
      Style style,
      boolean enabled) {
    this.dispatcher = dispatcher;
    this.lineReader = lineReader;
    this.prompt = prompt;
    this.style = style;
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
        dispatcher.run(
            Arrays.stream(args).map(Console::quote).collect(Collectors.joining(" ")), out);
      }
    } catch (SynclineException e) {
      out.flush();
      System.err.println(e.getMessage());
      debug(e);
      exitCode = e.exitCode();
    }
  }

  private void interactive() {
    LineReader reader = lineReader.getObject();
    style.useColour(reader.getTerminal());
    PrintWriter out = reader.getTerminal().writer();
    while (true) {
      String line;
      try {
        line = reader.readLine(prompt.render(reader.getTerminal()));
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        break;
      }
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
        continue;
      }
      if (line.equals("exit") || line.equals("quit")) {
        break;
      }
      try {
        dispatcher.run(line, out);
      } catch (SynclineException e) {
        out.println(style.error(e.getMessage()));
        debug(e);
      }
      out.flush();
    }
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
