package io.syncline.shell;

import io.syncline.core.ChangeSet;
import io.syncline.session.Session;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The prompt shows the connection and what is pending: {@code syncline[sqlite:geo.db +3 ~12 -1
 * !2]>} — inserts, updates, deletes, unresolved conflicts. A resolved conflict counts as an update
 * (applying it changes one side or both), so that a prompt with nothing shown never meets an {@code
 * exit} that says changes are staged.
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
      out.append("[").append(session.connection().orElseThrow().name());
      out.append(pending(session.changes())).append("]");
    }
    out.append("> ");
    return style.paint(out.toAttributedString());
  }

  /** The counters after the connection, {@code " +3 ~12 -1 !2"}; empty when nothing is pending. */
  static AttributedString pending(ChangeSet changes) {
    ChangeSet.Summary s = changes.summary();
    AttributedStringBuilder out = new AttributedStringBuilder();
    pending(out, " +", s.inserts(), AttributedStyle.GREEN);
    pending(out, " ~", s.updates() + s.conflicts() - s.unresolved(), AttributedStyle.YELLOW);
    pending(out, " -", s.deletes(), AttributedStyle.MAGENTA);
    pending(out, " !", s.unresolved(), AttributedStyle.RED);
    return out.toAttributedString();
  }

  private static void pending(AttributedStringBuilder out, String mark, int count, int colour) {
    if (count > 0) {
      out.styled(AttributedStyle.DEFAULT.foreground(colour), mark + count);
    }
  }
}
