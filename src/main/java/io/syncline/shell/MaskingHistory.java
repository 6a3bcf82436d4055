package io.syncline.shell;

import io.syncline.session.Session;
import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * Shell history with secrets masked before they reach memory or the history file: every JDBC URL as
 * {@link Session#withUrlsMasked} masks it, and the value wrongly given to {@code --password},
 * {@code --from-password} or {@code --to-password} (they take none; they ask).
 *
 * <pre>
 *   connect "jdbc:h2:./db;PASSWORD=a;b"  → connect "jdbc:h2:./db;PASSWORD=***"
 *   connect URL --password s3cret        → connect URL --password ***
 *   connect URL --password --read-only   → unchanged
 * </pre>
 */
public final class MaskingHistory extends DefaultHistory {
  // --password VALUE is masked; --password followed by another option (it asks) is left alone.
  private static final Pattern OPTION =
      Pattern.compile("(--(?:from-|to-)?password[= ])(?!-)(?:\"[^\"]*\"|'[^']*'|\\S+)");

  @Override
  public void add(Instant time, String line) {
    super.add(time, mask(line));
  }

  public static String mask(String line) {
    return OPTION.matcher(Session.withUrlsMasked(line)).replaceAll("$1***");
  }
}
