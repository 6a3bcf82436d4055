package io.syncline.shell;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * Shell history with secrets masked before they reach memory or the history file: {@code
 * password=...} in URLs, {@code user:secret@host}, and {@code --password VALUE}.
 */
public final class MaskingHistory extends DefaultHistory {
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(?i)((?:password|pwd)=)[^&;\\s\"']*");
  private static final Pattern USER_INFO = Pattern.compile("(//[^:/@\\s\"']+:)[^@/\\s\"']+@");
  // --password VALUE is masked; --password followed by another option (it asks) is left alone.
  private static final Pattern OPTION = Pattern.compile("(--password[= ])(?!-)\\S+");

  @Override
  public void add(Instant time, String line) {
    super.add(time, mask(line));
  }

  public static String mask(String line) {
    String masked = URL_PASSWORD.matcher(line).replaceAll("$1***");
    masked = USER_INFO.matcher(masked).replaceAll("$1***@");
    return OPTION.matcher(masked).replaceAll("$1***");
  }
}
