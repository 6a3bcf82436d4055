package io.syncline.sql;

import java.util.regex.Pattern;

/**
 * Connection URLs as they may be shown: with every password replaced by {@code ***}.
 *
 * <pre>
 *   jdbc:postgresql://db/app?user=ann&amp;password=s3cret  → jdbc:postgresql://db/app?user=ann&amp;password=***
 *   jdbc:h2:tcp://db/app;USER=sa;PASSWORD=s3cret        → jdbc:h2:tcp://db/app;USER=sa;PASSWORD=***
 *   jdbc:mariadb://ann:s3cret@db/app                    → jdbc:mariadb://***@db/app
 * </pre>
 */
public final class Urls {
  private static final Pattern PASSWORD_PARAM =
      Pattern.compile("(?i)\\b(password|pwd|passwd)=[^&;]*");
  private static final Pattern USER_INFO = Pattern.compile("//[^/@?;]*@");

  private Urls() {}

  public static String mask(String url) {
    if (url == null) {
      return "";
    }
    String masked = PASSWORD_PARAM.matcher(url).replaceAll("$1=***");
    return USER_INFO.matcher(masked).replaceAll("//***@");
  }

  /**
   * A driver's message on one line, with the URL masked and the password itself replaced, in case
   * the driver echoed either.
   */
  static String clean(String message, String url, String password) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip();
    }
    if (url != null && !url.isEmpty()) {
      text = text.replace(url, mask(url));
    }
    if (password != null && !password.isEmpty()) {
      text = text.replace(password, "***");
    }
    return mask(text);
  }
}
