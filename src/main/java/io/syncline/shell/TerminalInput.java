package io.syncline.shell;

import org.jline.reader.LineReader;
import org.springframework.shell.core.InputReader;

/**
 * How a command asks the user at the prompt. Answers ({@code f}, {@code y}) stay out of the
 * history, so Up still brings back the commands.
 */
final class TerminalInput implements InputReader {
  private final LineReader reader;

  TerminalInput(LineReader reader) {
    this.reader = reader;
  }

  @Override
  public String readInput(String prompt) {
    Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
    reader.setVariable(LineReader.DISABLE_HISTORY, true);
    try {
      return reader.readLine(prompt);
    } finally {
      reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
    }
  }

  @Override
  public String readInput() {
    return readInput("");
  }
}
