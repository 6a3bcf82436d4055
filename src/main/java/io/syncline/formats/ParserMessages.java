package io.syncline.formats;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser's complaint in Syncline's words: Jackson's messages name its own features and classes
 * ("enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS`", "[Source: REDACTED ...]", "VALUE_STRING")
 * that mean nothing to someone fixing a file. Worked examples:
 *
 * <pre>
 *   Unexpected character ('}' (code 125)): was expecting double-quote to start property name
 *       unexpected '}': expected a member name in double quotes
 *   Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow
 *       unexpected 'NaN': JSON has no such value
 *   Unexpected end-of-input: expected close marker for Array (start marker at [Source: ...])
 *       the file ends inside a list
 *   Document nesting depth (501) exceeds the maximum allowed (500, from `StreamReadConstraints...`)
 *       values nested deeper than 500 levels
 * </pre>
 *
 * A message not in the table keeps its words, less any such names; its first line only.
 */
final class ParserMessages {
  private ParserMessages() {}

  // Applied in order; each rewrites the part of the message it matches.
  private static final List<Map.Entry<Pattern, String>> RULES =
      List.of(
          rule(
              "^Document nesting depth \\(\\d+\\) exceeds the maximum allowed \\((\\d+).*$",
              "values nested deeper than $1 levels"),
          rule(" \\((?:for \\w+ starting|start marker) at \\[Source:.*?\\]\\)", ""),
          rule("^Non-standard token ('[^']*')(?s:.*)$", "unexpected $1: JSON has no such value"),
          rule(
              "^Unrecognized token ('[^']*'): was expecting .*$",
              "unexpected $1: expected a value"),
          rule("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)", "(control character $1)"),
          rule(
              "^Illegal character \\((control character \\d+)\\):.*$",
              "unexpected $1 between values: only spaces, tabs and line breaks go there"),
          rule(
              "^Unexpected character \\(('.*?') \\(code \\d+ / 0x([0-9a-fA-F]+)\\)\\)",
              "unexpected $1 (U+$2)"),
          rule("^Unexpected character \\(('.*?') \\(code \\d+\\)\\)", "unexpected $1"),
          rule("^Unexpected character \\((control character \\d+)\\)", "unexpected $1"),
          rule(
              " in numeric value: JSON spec does not allow numbers to have plus signs.*$",
              " in a number: JSON numbers have no plus sign"),
          rule(": maybe a \\(non-standard\\) comment\\?.*$", ": JSON has no comments"),
          rule(
              ": was expecting double-quote to start property name$",
              ": expected a member name in double quotes"),
          rule(
              ": was expecting a colon to separate property name and value$",
              ": expected a colon after the member name"),
          rule(
              ": was expecting comma to separate Object entries$",
              ": expected a comma between members"),
          rule(
              ": was expecting comma to separate Array entries$",
              ": expected a comma between items"),
          rule(": expected a valid value \\(.*\\)$", ": expected a value"),
          rule(
              ": Expected space separating root-level values$",
              ": expected the end of the document"),
          rule(
              " in numeric value: Exponent indicator not followed by a digit$",
              " in a number: a digit must follow the exponent"),
          rule(
              " in numeric value: Decimal point not followed by a digit$",
              " in a number: a digit must follow the decimal point"),
          rule(
              " in numeric value: expected digit \\(0-9\\) to follow minus sign.*$",
              " in a number: a digit must follow the minus sign"),
          rule(
              "^Invalid numeric value: Leading zeroes not allowed$",
              "a number starts with 0 followed by more digits"),
          rule(
              "^Unexpected end-of-input within/between Object entries$",
              "the file ends inside an object"),
          rule(
              "^Unexpected end-of-input within/between Array entries$",
              "the file ends inside a list"),
          rule(
              "^Unexpected end-of-input: expected close marker for Object$",
              "the file ends inside an object"),
          rule(
              "^Unexpected end-of-input: expected close marker for Array$",
              "the file ends inside a list"),
          rule("^Unexpected end-of-input in VALUE_STRING$", "the file ends inside a string"),
          rule("^Unexpected end-of-input in property name$", "the file ends inside a member name"),
          rule("^Unexpected end-of-input.*$", "the file ends too early"),
          rule("^Unexpected close marker ('.'): no open \\w+ to close$", "$1 closes nothing"),
          rule("^Unexpected close marker ('.'): expected ('.')$", "found $1 where $2 should close"),
          rule(
              "^Duplicate Object property (\".*\")$",
              "the member $1 is given twice in one object; keep one"),
          rule(
              "^Unexpected low surrogate in property name \\((\\w+)\\) without preceding high"
                  + " surrogate$",
              "a member name holds half a surrogate pair (\\\\u$1 without its first half)"),
          rule(
              "(?i)^malformed numeric value '([^:']*).*$",
              "'$1' is not a number Syncline can keep (no NaN or infinity)"),
          rule(
              "(?i)^(?:unexpected end of|illegal character .* in) base64.*$",
              "a !!binary value that is not valid base64"),
          // Whatever is left: no feature names, no token names.
          rule(" ?\\(?enable `[^`]*` to allow\\)?", ""),
          rule("`[A-Za-z]+(?:\\.[A-Za-z_]+)+(?:\\(\\))?`", "a limit"),
          rule("\\bVALUE_STRING\\b", "a string"),
          rule("\\bSTART_OBJECT\\b", "an object"),
          rule("\\bSTART_ARRAY\\b", "a list"),
          rule("^java\\.[\\w.]+Exception: ", ""));

  /**
   * The message's first line; for the YAML parser's messages, which put the context on the first
   * line and the problem on the next ("while scanning a quoted scalar" / "found unexpected end of
   * stream"), followed by the place and a picture of it, the first two lines joined.
   */
  private static String firstLines(String message) {
    String[] lines = message.split("\\R");
    String first = lines[0].strip();
    if (first.startsWith("while ")) {
      for (int i = 1; i < lines.length; i++) {
        if (!lines[i].isBlank() && !Character.isWhitespace(lines[i].charAt(0))) {
          return first + ": " + lines[i].strip();
        }
      }
    }
    return first;
  }

  // "U+feff" from the rules above, or a control character's decimal code: written U+FEFF, U+0009.
  private static final Pattern CODE_POINT =
      Pattern.compile("U\\+([0-9a-fA-F]+)|(?<=control character )(\\d+)");

  private static Map.Entry<Pattern, String> rule(String regex, String replacement) {
    return Map.entry(Pattern.compile(regex), replacement);
  }

  /** The first line of a parser's message, in Syncline's words. */
  static String reason(String message) {
    String reason = firstLines(message == null ? "" : message);
    for (Map.Entry<Pattern, String> rule : RULES) {
      Matcher m = rule.getKey().matcher(reason);
      if (m.find()) {
        reason = m.replaceAll(rule.getValue());
      }
    }
    reason =
        CODE_POINT
            .matcher(reason)
            .replaceAll(
                m ->
                    String.format(
                        "U+%04X",
                        Integer.parseInt(
                            m.group(1) != null ? m.group(1) : m.group(2),
                            m.group(1) != null ? 16 : 10)));
    StringBuilder out = new StringBuilder(reason);
    if (out.length() > 1
        && Character.isUpperCase(out.charAt(0))
        && Character.isLowerCase(out.charAt(1))) {
      out.setCharAt(0, Character.toLowerCase(out.charAt(0)));
    }
    return out.toString();
  }
}
