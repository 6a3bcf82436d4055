package io.syncline.shell;

import org.jline.reader.Completer;
import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultHighlighter;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.completer.NullCompleter;
import org.springframework.shell.core.InputReader;

/**
 * How a command asks the user at the prompt. Answers ({@code f}, {@code y}) stay out of the
 * history, so Up still brings back the commands, and are neither highlighted as commands (an answer
 * is not an unknown command in red) nor completed as commands.
 */
final class TerminalInput implements InputReader {
  private final LineReader reader;

  TerminalInput(LineReader reader) {
    this.reader = reader;
  }

  @Override
  public String readInput(String prompt) {
    return read(prompt, null);
  }

  private String read(String prompt, Character mask) {
    Object before = reader.getVariable(LineReader.DISABLE_HISTORY);
    reader.setVariable(LineReader.DISABLE_HISTORY, true);
    LineReaderImpl impl = reader instanceof LineReaderImpl i ? i : null;
    Highlighter highlighter = impl == null ? null : impl.getHighlighter();
    Completer completer = impl == null ? null : impl.getCompleter();
    if (impl != null) {
      impl.setHighlighter(new DefaultHighlighter());
      impl.setCompleter(NullCompleter.INSTANCE);
    }
    try {
      return reader.readLine(prompt, mask);
    } finally {
      reader.setVariable(LineReader.DISABLE_HISTORY, before == null ? false : before);
      if (impl != null) {
        impl.setHighlighter(highlighter);
        impl.setCompleter(completer);
      }
    }
  }

  /** The typing shows as {@code *}; the line stays out of the history like every answer. */
  @Override
  public char[] readPassword(String prompt) {
    String line = read(prompt, '*');
    return line == null ? null : line.toCharArray();
  }

  @Override
  public String readInput() {
    return readInput("");
  }
}
