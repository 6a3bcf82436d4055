package io.syncline.formats;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Value;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a YAML scalar may be written plain and how to quote it otherwise; shared by patching and
 * export so that a value looks the same wherever Syncline writes it.
 *
 * <p>A string is written plain unless a YAML reader would take it for something else or stumble on
 * it. Worked examples:
 *
 * <pre>
 *   daily-backup      daily-backup       plain
 *   Hello, world      Hello, world       plain in block context; "Hello, world" inside [..] or {..}
 *   42, 1.5, 1e3      "42"               would read as a number
 *   yes, Off, ~, null "yes"              would read as a boolean or null in some readers
 *   2025-08-18        "2025-08-18"       would read as a date in some readers
 *   (empty)           ""
 *   " padded"         " padded"          leading or trailing space
 *   - item, #tag, *x  "- item"           starts with an indicator character
 *   a: b, a #b        "a: b"             would start a mapping or a comment
 * </pre>
 *
 * Quoted strings use JSON escapes, which YAML double-quoted scalars accept.
 */
final class YamlScalars {
  private YamlScalars() {}

  private static final Set<String> WORDS =
      Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "<<");

  private static final Pattern NUMBER =
      Pattern.compile(
          "[-+]?(\\.?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?"
              + "|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\\.(inf|nan))",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?");

  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  /** The scalar as YAML text; {@code flow} when it sits inside {@code [..]} or {@code {..}}. */
  static String scalar(Value value, boolean flow) {
    if (value instanceof Value.Text t) {
      return string(t.value(), flow);
    }
    if (value instanceof Value.Num n) {
      return CanonicalJson.number(n.value());
    }
    if (value instanceof Value.Bool b) {
      return String.valueOf(b.value());
    }
    if (value instanceof Value.Null) {
      return "null";
    }
    throw new IllegalArgumentException("not a scalar: " + value.display());
  }

  static String string(String text, boolean flow) {
    return needsQuotes(text, flow) ? doubleQuoted(text) : text;
  }

  static String doubleQuoted(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
    CanonicalJson.quote(text, out);
    return out.toString();
  }

  /** Single-quoted as the original was, or null when the text holds a line break or control. */
  static String singleQuoted(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < 0x20) {
        return null;
      }
    }
    return "'" + text.replace("'", "''") + "'";
  }

  static boolean needsQuotes(String text, boolean flow) {
    if (text.isEmpty()
        || Character.isWhitespace(text.charAt(0))
        || Character.isWhitespace(text.charAt(text.length() - 1))
        || INDICATORS.indexOf(text.charAt(0)) >= 0
        || WORDS.contains(text.toLowerCase(Locale.ROOT))
        || NUMBER.matcher(text).matches()
        || DATE.matcher(text).matches()
        || text.contains(": ")
        || text.contains(" #")
        || text.endsWith(":")) {
      return true;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20
          || c == 0x7f
          || c == '\u0085'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\ufeff') {
        return true;
      }
      if (flow && ",[]{}".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }
}
