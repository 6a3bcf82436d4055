package io.syncline.shell;

import io.syncline.core.Interruption;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
      throw Misuse.needs("journal save", "a file", "journal save session.shell");
    }
    var session = sessions.current();
    Path written = session.saveJournal(file.strip());
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
      throw Misuse.needs("system", "a command", "system ls");
    }
    try {
      Process process =
          new ProcessBuilder("sh", "-c", command)
              .directory(sessions.current().workingDirectory().toFile())
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      return waitFor(process, command);
    } catch (IOException e) {
      throw new SynclineException("system: cannot run sh: " + e.getMessage());
    }
  }

  /**
   * The command's output once it has ended, or {@link Interruption.Stopped} at Ctrl-C. Polled
   * rather than waited on: a kill that misses a grandchild (one forked as the kill ran, or one sent
   * to the background) must not leave the prompt waiting on the pipe that grandchild still holds.
   * An interrupt of this thread is Ctrl-C too: JLine's handler interrupts the thread when the key
   * races the end of reading the line.
   */
  private static String waitFor(Process process, String command) {
    CompletableFuture<String> output = outputOf(process);
    Interruption.Registration kill = Interruption.onRequest(() -> stop(process));
    try {
      // The kill may come from the signal's thread (onRequest), ending the wait: ask first.
      while (!Interruption.requested() && !finished(process, output)) {
        // waiting
      }
      if (Interruption.requested()) {
        throw stopped(process, command);
      }
    } catch (InterruptedException e) {
      throw stopped(process, command);
    } finally {
      kill.close();
    }
    int status = process.exitValue();
    String text = output.join();
    if (status != 0) {
      throw new SynclineException(
          (text.isEmpty() ? "" : text + "\n") + "system: `" + command + "` exited with " + status);
    }
    return text.isEmpty() ? null : text;
  }

  private static Interruption.Stopped stopped(Process process, String command) {
    stop(process);
    return new Interruption.Stopped("system: `" + command + "` stopped at Ctrl-C");
  }

  /** What the command prints, read apart so that the wait for it can be stopped. */
  private static CompletableFuture<String> outputOf(Process process) {
    CompletableFuture<String> output = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (InputStream in = process.getInputStream()) {
                output.complete(
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing());
              } catch (IOException e) {
                output.complete("");
              }
            },
            "system-output");
    reader.setDaemon(true);
    reader.start();
    return output;
  }

  /**
   * Whether the command has exited and its output has ended, after a short wait; a background child
   * ({@code server &}) keeps the output open, and the command waits for it, as a shell does.
   */
  private static boolean finished(Process process, CompletableFuture<String> output)
      throws InterruptedException {
    if (!process.waitFor(50, TimeUnit.MILLISECONDS)) {
      return false;
    }
    try {
      output.get(50, TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
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
