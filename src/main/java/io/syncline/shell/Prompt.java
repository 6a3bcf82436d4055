package io.syncline.shell;

import io.syncline.core.ChangeSet;
import io.syncline.session.Session;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The prompt shows the connection and what is pending: {@code syncline[sqlite:geo.db +3 ~12 -1
 * !2]>} — inserts, updates, deletes, unresolved conflicts.
 */
public final class Prompt {
  private final Sessions sessions;
  private final Style style;

  public Prompt(Sessions sessions, Style style) {
    this.sessions = sessions;
    this.style = style;
  }

  /** The prompt, coloured as {@link Style} allows. */
  String render() {
    AttributedStringBuilder out = new AttributedStringBuilder().append("syncline");
    Session session = sessions.current();
    if (session.connected()) {
      out.append("[").append(session.database().orElseThrow().describe());
      ChangeSet.Summary s = session.changes().summary();
      pending(out, " +", s.inserts(), AttributedStyle.GREEN);
      pending(out, " ~", s.updates(), AttributedStyle.YELLOW);
      pending(out, " -", s.deletes(), AttributedStyle.MAGENTA);
      pending(out, " !", s.unresolved(), AttributedStyle.RED);
      out.append("]");
    }
    out.append("> ");
    return style.paint(out.toAttributedString());
  }

  private static void pending(AttributedStringBuilder out, String mark, int count, int colour) {
    if (count > 0) {
      out.styled(AttributedStyle.DEFAULT.foreground(colour), mark + count);
    }
  }
}
