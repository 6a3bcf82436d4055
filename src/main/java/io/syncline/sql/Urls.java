package io.syncline.sql;

import io.syncline.core.SynclineException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Connection URLs as they may be shown, with every secret replaced by {@code ***}, and drivers'
 * messages cleaned of anything the URL held secret.
 *
 * <p>A secret is the password of a user-info part ({@code user:password@host}) and the value of
 * every parameter whose name contains {@code password}, {@code passwd}, {@code pwd}, {@code
 * secret}, {@code token} or {@code key}, in any case ({@code sslpassword}, {@code
 * trustStorePassword}, {@code apiKey}, {@code FILE_PASSWORD}). The URL is parsed in the syntax of
 * its database, because each ends a value differently:
 *
 * <pre>
 *   PostgreSQL, SQLite, MariaDB, MySQL: parameters after the first ?, separated by &amp;
 *     jdbc:postgresql://db/app?user=ann&amp;sslpassword=s3;cr&amp;ssl=true
 *       → jdbc:postgresql://db/app?user=ann&amp;sslpassword=***&amp;ssl=true     (; is part of the value)
 *   H2: settings after the first ;, separated by ;
 *     jdbc:h2:tcp://db/app;USER=sa;PASSWORD=a&amp;b;IFEXISTS=TRUE
 *       → jdbc:h2:tcp://db/app;USER=sa;PASSWORD=***;IFEXISTS=TRUE           (&amp; is part of the value)
 *   MariaDB, MySQL: user information, and settings in parentheses
 *     jdbc:mariadb://ann:p@ss/w@db:3306/app        → jdbc:mariadb://***@db:3306/app   (the last @)
 *     jdbc:mariadb:sequential://address=(host=a)(password=x),address=(host=b)/app
 *       → jdbc:mariadb:sequential://address=(host=a)(password=***),address=(host=b)/app
 * </pre>
 *
 * <p>A value ends only at a separator followed by another {@code NAME=}, so that a separator inside
 * a password keeps the rest masked too, whatever the driver makes of it: {@code
 * ?password=Semi&Colon&ssl=true} becomes {@code ?password=***&ssl=true}, and H2's {@code
 * ;PASSWORD=Semi;Colon} becomes {@code ;PASSWORD=***}. A value in parentheses ends at a {@code )}
 * followed by {@code (}, {@code ,}, {@code /}, {@code ?} or the end. Parameters are recognised
 * after any of {@code ? & ; ( ,} in every syntax (a {@code ?password=} in an H2 URL is masked even
 * though H2 reads it as part of the file name), and a URL Syncline does not know is masked by all
 * the rules at once. A {@code %}-encoded value is masked as written; {@link #clean} also removes
 * its decoded form from a driver's message.
 */
public final class Urls {
  private static final String MASK = "***";
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)[a-z0-9_.\\-]*(password|passwd|pwd|secret|token|key)[a-z0-9_.\\-]*");
  // A parameter's start: a separator, then NAME=.
  private static final Pattern PARAMETER = Pattern.compile("[?&;(,]([A-Za-z_][A-Za-z0-9_.\\-]*)=");
  // Secrets outside a URL, in a driver's message: NAME=VALUE up to a blank, quote or separator.
  private static final Pattern LOOSE_SECRET =
      Pattern.compile(
          "(?i)(?<![\\w.-])\\b([a-z0-9_.\\-]*(?:password|passwd|pwd|secret|token|key)"
              + "[a-z0-9_.\\-]*)(=)([^\\s&;,)\\]'\"]+)");
  private static final Pattern LOOSE_USER_INFO = Pattern.compile("(//)[^/@\\s'\"]+@");
  private static final Pattern JDBC = Pattern.compile("(?i)jdbc:");

  /**
   * Where the URL's database ends a parameter's value (see the class comment), as its dialect says
   * ({@link Dialect#urlParameterSeparators}), in any case; a URL of another database: at either.
   */
  private static String separators(String url) {
    return Dialects.forUrl(url.toLowerCase(Locale.ROOT))
        .map(Dialect::urlParameterSeparators)
        .orElse("&;");
  }

  private record Span(int start, int end) {}

  private Urls() {}

  /** The URL with every secret replaced by {@code ***}; empty for null. */
  public static String mask(String url) {
    if (url == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Span span : secretSpans(url)) {
      out.append(url, at, span.start()).append(MASK);
      at = span.end();
    }
    return out.append(url, at, url.length()).toString();
  }

  /**
   * A line of text, such as a command line, with every JDBC URL in it masked, and any other {@code
   * password=...} or {@code //user:password@} masked too. A URL ends at the quote that opened it,
   * or at a blank when it is not quoted.
   *
   * <pre>
   *   connect "jdbc:h2:./db;PASSWORD=a b"  → connect "jdbc:h2:./db;PASSWORD=***"
   *   copy --from jdbc:sqlite:a.db?key=k   → copy --from jdbc:sqlite:a.db?key=***
   * </pre>
   */
  public static String maskWithin(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    int at = 0;
    Matcher jdbc = JDBC.matcher(text);
    while (jdbc.find(at)) {
      int start = jdbc.start();
      char before = start > 0 ? text.charAt(start - 1) : ' ';
      int end;
      if (before == '"' || before == '\'') {
        end = text.indexOf(before, start);
        end = end < 0 ? text.length() : end;
      } else {
        end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
          end++;
        }
      }
      out.append(maskLoose(text.substring(at, start))).append(mask(text.substring(start, end)));
      at = end;
    }
    return out.append(maskLoose(text.substring(at))).toString();
  }

  /**
   * A driver's message on one line and in Syncline's bounds: the URL masked wherever the driver
   * repeated it, every secret value of the URL and the password itself replaced (also as decoded
   * from {@code %}-escapes), and cut as {@link DriverMessages#shown} cuts it. When a secret too
   * short to replace safely (under four characters) appears in it, the message is not shown at all.
   */
  static String clean(String message, String url, String password) {
    String text = SynclineException.firstLine(message);
    if (url != null && !url.isEmpty()) {
      text = text.replace(url, mask(url));
    }
    String userPassword = userPassword(url);
    if (userPassword != null
        && text.toLowerCase(Locale.ROOT).contains(userPassword.toLowerCase(Locale.ROOT))) {
      // The MariaDB driver reads user:password@host as host:port and repeats the "port".
      return "the driver could not read the user:password@ part of the URL; give the user with"
          + " --user and the password with --password-env VAR";
    }
    List<String> secrets = new ArrayList<>(secrets(url));
    if (password != null && !password.isEmpty()) {
      secrets.add(password);
    }
    secrets.sort(Comparator.comparingInt(String::length).reversed());
    for (String secret : secrets) {
      // Regardless of case: H2 repeats a setting's name in capitals.
      Pattern anyCase = Pattern.compile(Pattern.quote(secret), Pattern.CASE_INSENSITIVE);
      if (secret.length() >= 4) {
        text = anyCase.matcher(text).replaceAll(MASK);
      } else if (anyCase.matcher(text).find()) {
        return "the driver's message is not shown, as it may contain the password";
      }
    }
    return DriverMessages.shown(maskWithin(text));
  }

  /** The secret values in the URL, as written and as decoded from {@code %}-escapes. */
  static Set<String> secrets(String url) {
    Set<String> secrets = new LinkedHashSet<>();
    if (url == null) {
      return secrets;
    }
    for (Span span : secretSpans(url)) {
      String value = url.substring(span.start(), span.end());
      if (url.startsWith("@", span.end())) {
        // User information: only the part after the colon is secret, not the user's name.
        int colon = value.indexOf(':');
        value = colon < 0 ? "" : value.substring(colon + 1);
      }
      if (!value.isEmpty()) {
        secrets.add(value);
        secrets.add(decoded(value));
      }
    }
    return secrets;
  }

  /** The password in the URL's {@code user:password@}, or null. */
  private static String userPassword(String url) {
    if (url == null) {
      return null;
    }
    for (Span span : secretSpans(url)) {
      if (url.startsWith("@", span.end())) {
        int colon = url.indexOf(':', span.start());
        return colon < 0 || colon >= span.end() || colon + 1 == span.end()
            ? null
            : url.substring(colon + 1, span.end());
      }
    }
    return null;
  }

  /** Where the secrets are, in order, without overlaps. */
  private static List<Span> secretSpans(String url) {
    String separators = separators(url);
    List<Span> spans = new ArrayList<>();
    Matcher parameter = PARAMETER.matcher(url);
    int firstParameter = url.length();
    for (int from = 0; parameter.find(from); from = parameter.end()) {
      firstParameter = Math.min(firstParameter, parameter.start());
      if (!SECRET_NAME.matcher(parameter.group(1)).matches()) {
        continue;
      }
      char opened = url.charAt(parameter.start());
      int end =
          opened == '(' || opened == ',' && inParentheses(url, parameter.start())
              ? parenthesisedValueEnd(url, parameter.end())
              : valueEnd(url, parameter.end(), separators);
      spans.add(new Span(parameter.end(), end));
    }
    userInfo(url, firstParameter).ifPresent(spans::add);
    spans.sort(Comparator.comparingInt(Span::start));
    List<Span> merged = new ArrayList<>();
    for (Span span : spans) {
      Span last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && span.start() <= last.end()) {
        merged.set(merged.size() - 1, new Span(last.start(), Math.max(last.end(), span.end())));
      } else {
        merged.add(span);
      }
    }
    return merged;
  }

  /** A value ends at a separator that is followed by {@code NAME=}, or at the end. */
  private static int valueEnd(String url, int from, String separators) {
    for (int i = from; i < url.length(); i++) {
      if (separators.indexOf(url.charAt(i)) >= 0 && startsParameter(url, i + 1)) {
        return i;
      }
    }
    return url.length();
  }

  /**
   * In parentheses: at {@code ,NAME=}, or at a {@code )} followed by {@code ( , / ?} or the end.
   */
  private static int parenthesisedValueEnd(String url, int from) {
    for (int i = from; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == ',' && startsParameter(url, i + 1)) {
        return i;
      }
      if (c == ')' && (i + 1 == url.length() || "(,/?".indexOf(url.charAt(i + 1)) >= 0)) {
        return i;
      }
    }
    return url.length();
  }

  private static boolean startsParameter(String url, int at) {
    int i = at;
    while (i < url.length()
        && (Character.isLetterOrDigit(url.charAt(i)) || "_.-".indexOf(url.charAt(i)) >= 0)) {
      i++;
    }
    return i > at && i < url.length() && url.charAt(i) == '=';
  }

  private static boolean inParentheses(String url, int at) {
    return url.lastIndexOf('(', at) > url.lastIndexOf(')', at);
  }

  /**
   * {@code user:password@} after {@code //}: up to the last {@code @} before the first parameter,
   * so that a password holding {@code @}, {@code /} or {@code ?} is masked whole. Not in the
   * parenthesised form, where an {@code @} belongs to a setting.
   */
  private static Optional<Span> userInfo(String url, int firstParameter) {
    int slashes = url.indexOf("//");
    if (slashes < 0 || slashes > firstParameter) {
      return Optional.empty();
    }
    int start = slashes + 2;
    int at = url.lastIndexOf('@', firstParameter - 1);
    if (at < start || url.substring(start, at).contains("(")) {
      return Optional.empty();
    }
    return Optional.of(new Span(start, at));
  }

  private static String maskLoose(String text) {
    String masked = LOOSE_SECRET.matcher(text).replaceAll("$1$2" + MASK);
    return LOOSE_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
  }

  private static String decoded(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
