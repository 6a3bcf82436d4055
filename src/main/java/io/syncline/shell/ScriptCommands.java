package io.syncline.shell;

import io.syncline.core.Interruption;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.stereotype.Component;

/**
 * {@code script FILE} at the prompt (the same runner as {@code syncline script FILE}), {@code
 * journal save}, and {@code system}.
 */
@Component
public class ScriptCommands {
  // A provider: the dispatcher needs the command registry, which is built from beans like this one.
  private final ObjectProvider<Dispatcher> dispatcher;
  private final Sessions sessions;

  public ScriptCommands(ObjectProvider<Dispatcher> dispatcher, Sessions sessions) {
    this.dispatcher = dispatcher;
    this.sessions = sessions;
  }

  @Command(name = "script", description = "Run a .shell file; stops at the first failure.")
  @Usage(
      synopsis = "script FILE",
      arguments = "FILE: a .shell file: one command a line, # for comments",
      examples = "script nightly.shell")
  public void script(@Argument(index = 0) String file, CommandContext context) {
    PrintWriter out = context.outputWriter();
    new ScriptRunner(dispatcher.getObject())
        .run(sessions.current().workingDirectory().resolve(file), out);
  }

  @Command(
      name = {"journal", "save"},
      description = "Write the session so far as a .shell script that repeats it.")
  @Usage(
      synopsis = "journal save FILE",
      arguments = "FILE: the .shell file to write; `script FILE` replays it",
      examples = "journal save monday.shell")
  public String journalSave(@Argument(index = 0, defaultValue = "") String file) {
    if (file.isBlank()) {
      throw new SynclineException.Usage("journal save needs a file: journal save session.shell");
    }
    var session = sessions.current();
    java.nio.file.Path written = session.saveJournal(file.strip());
    return "wrote "
        + session.journal().lines().stream().filter(l -> !l.startsWith("#")).count()
        + " command(s) to "
        + session.workingDirectory().relativize(written);
  }

  /**
   * Runs an operating-system command through {@code sh -c}, like psql's {@code \!}: scripts use it
   * to prepare or edit files between steps. Fails when the command exits non-zero.
   */
  @Command(name = "system", description = "Run an operating-system command (sh -c).")
  @Usage(
      synopsis = "system COMMAND",
      arguments = "COMMAND: the rest of the line, as typed, run with sh -c",
      examples = "system cp sample.yml work.yml")
  public String system(@Argument(index = 0, defaultValue = "") String command) {
    if (command.isBlank()) {
      throw new SynclineException.Usage("system needs a command: system ls");
    }
    try {
      Process process =
          new ProcessBuilder("sh", "-c", command)
              .directory(sessions.current().workingDirectory().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      String output;
      int status;
      Interruption.Registration kill = Interruption.onRequest(() -> stop(process));
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
        status = process.waitFor();
      } finally {
        kill.close();
      }
      if (Interruption.requested()) {
        throw new Interruption.Stopped("system: `" + command + "` stopped at Ctrl-C");
      }
      if (status != 0) {
        throw new SynclineException(
            (output.isEmpty() ? "" : output + "\n")
                + "system: `"
                + command
                + "` exited with "
                + status);
      }
      return output.isEmpty() ? null : output;
    } catch (IOException e) {
      throw new SynclineException("system: cannot run sh: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SynclineException("system: interrupted");
    }
  }

  /**
   * Ctrl-C at the prompt: the command and whatever it started ({@code sh -c "make; sleep 20"}). The
   * terminal sends SIGINT to them too; this covers those that ignore it.
   */
  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
