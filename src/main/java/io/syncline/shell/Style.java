package io.syncline.shell;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * Colour for the prompt's output, the prompt itself included: only on a terminal that has it, and
 * never when {@code NO_COLOR} is set to anything but the empty string (no-color.org: "present and
 * not an empty string"). Scripts and pipes get plain text. Every styled string Syncline prints goes
 * through here, so this is the one place that decides.
 */
public final class Style {
  private Terminal terminal;

  /** Colour on {@code candidate}, unless the environment's {@code NO_COLOR} refuses it. */
  void useColour(Terminal candidate) {
    useColour(candidate, System.getenv("NO_COLOR"));
  }

  /** {@code noColor}: the value of {@code NO_COLOR}, null when it is not set. */
  void useColour(Terminal candidate, String noColor) {
    boolean capable =
        !refusesColour(noColor)
            && candidate != null
            && !Terminal.TYPE_DUMB.equals(candidate.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(candidate.getType());
    this.terminal = capable ? candidate : null;
  }

  /** no-color.org: {@code NO_COLOR} present and not empty; {@code NO_COLOR=} asks for nothing. */
  static boolean refusesColour(String noColor) {
    return noColor != null && !noColor.isEmpty();
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

  /** Text styled elsewhere (the prompt), as escapes for the terminal or plain. */
  public String paint(AttributedString text) {
    return terminal == null ? text.toString() : text.toAnsi(terminal);
  }

  private String paint(String text, AttributedStyle style) {
    return paint(new AttributedString(text, style));
  }
}
