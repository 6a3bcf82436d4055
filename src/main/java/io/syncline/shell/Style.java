package io.syncline.shell;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Colour for the prompt's output: only on a terminal that has it, and never when {@code NO_COLOR}
 * is set (no-color.org). Scripts and pipes get plain text.
 */
public final class Style {
  private Terminal terminal;

  void useColour(Terminal candidate) {
    boolean capable =
        System.getenv("NO_COLOR") == null
            && candidate != null
            && !Terminal.TYPE_DUMB.equals(candidate.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(candidate.getType());
    this.terminal = capable ? candidate : null;
  }

  public String error(String text) {
    return paint(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
  }

  public String toDatabase(String text) {
    return paint(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
  }

  public String toFile(String text) {
    return paint(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
  }

  public String conflict(String text) {
    return paint(text, AttributedStyle.BOLD.foreground(AttributedStyle.RED));
  }

  public String faint(String text) {
    return paint(text, AttributedStyle.DEFAULT.faint());
  }

  public String strong(String text) {
    return paint(text, AttributedStyle.BOLD);
  }

  private String paint(String text, AttributedStyle style) {
    return terminal == null ? text : new AttributedString(text, style).toAnsi(terminal);
  }
}
