package io.syncline.shell;

import io.syncline.core.SynclineException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.springframework.shell.core.InputReader;

/**
 * Passwords typed at the prompt. They are read at a masked prompt, out of the history, and go
 * straight to the driver: never into output, messages, the journal or the log.
 */
final class Secrets {
  private Secrets() {}

  /**
   * Asks {@code prompt} with the typing masked; in a script or a single command (nobody to ask) a
   * usage error saying to use {@code --password-env VAR}. {@code command}: who asks, for messages.
   */
  static String ask(InputReader input, String prompt, String command) {
    if (input == null) {
      throw Misuse.nobodyToTypePassword(command);
    }
    char[] typed;
    try {
      typed = input.readPassword(prompt);
    } catch (UserInterruptException | EndOfFileException e) {
      throw Misuse.noPasswordTyped(command);
    } catch (Exception e) {
      throw new SynclineException(
          command + ": cannot read the password: " + e.getClass().getSimpleName());
    }
    if (typed == null) {
      throw Misuse.noPasswordTyped(command);
    }
    return new String(typed);
  }
}
