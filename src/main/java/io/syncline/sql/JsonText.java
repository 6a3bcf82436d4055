package io.syncline.sql;

/**
 * JSON text read in place, character by character, without parsing it: the rules that the ways
 * between a row and a record's text share, so that each is written once. Each method looks at
 * {@code s} from {@code at} up to (not including) {@code n} and answers the index just past what it
 * recognised, or -1 where that is not there.
 *
 * <pre>
 *   wholeEnd          -7, 0, 58, -0                 not 007, -, 1e3 (stops at e)
 *   plainIntegerEnd   -7, 0, 58                      not -0, whose canonical text is 0
 *   plainNumberEnd    58, 948.9, -0.25               not 948.0, 5., .5
 *   plainStringEnd    "Lima"                         not "say \"hi\"", nor one holding a line break
 *   stringEnd         "say \"hi\""                   any string, its escapes skipped
 *   nestedEnd         [1,{"a":"]"}]                  an array or object, brackets counted outside strings
 * </pre>
 *
 * None of these looks past the value: a caller that needs the value to end there (no exponent after
 * a number) checks {@link #isNumberChar} on what follows.
 */
final class JsonText {
  private static final String[] LITERALS = {"true", "false", "null"};

  private JsonText() {}

  /**
   * The end of an optional minus then {@code 0} or digits without a leading zero ({@code -0} too).
   */
  static int wholeEnd(CharSequence s, int at, int n) {
    int start = at < n && s.charAt(at) == '-' ? at + 1 : at;
    int end = digitsEnd(s, start, n);
    if (end == start || (s.charAt(start) == '0' && end - start > 1)) {
      return -1;
    }
    return end;
  }

  /** {@link #wholeEnd} less {@code -0}: an integer whose text is already canonical. */
  static int plainIntegerEnd(CharSequence s, int at, int n) {
    int end = wholeEnd(s, at, n);
    return end < 0 || isMinusZero(s, at, end) ? -1 : end;
  }

  /** A plain integer, or a whole part, a point and digits not ending in 0 ({@code -0.5} too). */
  static int plainNumberEnd(CharSequence s, int at, int n) {
    int end = wholeEnd(s, at, n);
    if (end < 0) {
      return -1;
    }
    if (end < n && s.charAt(end) == '.') {
      int fraction = end + 1;
      end = digitsEnd(s, fraction, n);
      return end == fraction || s.charAt(end - 1) == '0' ? -1 : end;
    }
    return isMinusZero(s, at, end) ? -1 : end;
  }

  /** Whether {@code c} can continue a number: a digit, a point, an exponent or a sign. */
  static boolean isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }

  /** {@code 0}, {@code 42}, {@code -7}: already canonical. */
  static boolean isPlainInteger(String text) {
    return plainIntegerEnd(text, 0, text.length()) == text.length();
  }

  /**
   * {@code 948.9}, {@code -0.25}: digits, a point and digits not ending in 0, no exponent; its
   * BigDecimal's plain text is itself, and it is no whole number.
   */
  static boolean isPlainFraction(String text) {
    return text.indexOf('.') >= 0 && plainNumberEnd(text, 0, text.length()) == text.length();
  }

  /** {@code 0}, {@code -42}: an integer of at most 18 digits, no leading zero; a long for sure. */
  static boolean isLong(String text) {
    return isPlainInteger(text) && text.length() - (text.startsWith("-") ? 1 : 0) <= 18;
  }

  /**
   * A string with no escape and no control character, which {@code CanonicalJson.quote} writes as
   * it stands: its text between the quotes is its value.
   */
  static int plainStringEnd(CharSequence s, int at, int n) {
    if (at >= n || s.charAt(at) != '"') {
      return -1;
    }
    for (int i = at + 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\' || c < 0x20) {
        return -1;
      }
    }
    return -1;
  }

  /** Any string, its escapes skipped (not checked). */
  static int stringEnd(CharSequence s, int at, int n) {
    for (int i = at + 1; i < n; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * The array or object at {@code at}, found by counting brackets outside strings: this only finds
   * the end; what is inside is parsed or checked by whoever uses it.
   */
  static int nestedEnd(CharSequence s, int at, int n) {
    int depth = 0;
    for (int i = at; i < n; i++) {
      char c = s.charAt(i);
      if (c == '"') {
        i = stringEnd(s, i, n) - 1;
        if (i < 0) {
          return -1;
        }
      } else if (c == '[' || c == '{') {
        depth++;
      } else if ((c == ']' || c == '}') && --depth == 0) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * A cheap, conservative check that JSON text is already canonical: strings without escapes, whole
   * numbers, arrays, literals, objects with their names in sorted order, and no whitespace. {@code
   * ["a","b"]}, {@code {"a":1,"b":[2]}} and {@code 3} pass; {@code [1, 2]}, {@code 1.0} and {@code
   * {"b":1,"a":2}} take the slow path, which parses and rewrites. The structure is checked too
   * ({@code [1,]} and {@code [[1]} fail), so text that passes is spliced or bound as it is with no
   * parse behind it.
   */
  static boolean looksCanonical(String json) {
    return looksCanonical(json, 0, json.length());
  }

  /** {@link #looksCanonical(String)} for the characters of {@code json} in {@code [from, to)}. */
  static boolean looksCanonical(CharSequence json, int from, int to) {
    return canonicalValue(json, from, to) == to;
  }

  /** Whether {@code prefix} stands at {@code at} in {@code s}, within its first {@code n}. */
  static boolean startsWith(CharSequence s, String prefix, int at, int n) {
    if (at + prefix.length() > n) {
      return false;
    }
    for (int k = 0; k < prefix.length(); k++) {
      if (s.charAt(at + k) != prefix.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static int canonicalValue(CharSequence json, int at, int n) {
    if (at >= n) {
      return -1;
    }
    char c = json.charAt(at);
    if (c == '"') {
      return plainStringEnd(json, at, n);
    }
    if (c == '[') {
      return canonicalArray(json, at, n);
    }
    if (c == '{') {
      return canonicalObject(json, at, n);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int end = plainIntegerEnd(json, at, n);
      return end < 0 || (end < n && isNumberChar(json.charAt(end))) ? -1 : end;
    }
    for (String literal : LITERALS) {
      if (startsWith(json, literal, at, n)) {
        return at + literal.length();
      }
    }
    return -1;
  }

  private static int canonicalArray(CharSequence json, int at, int n) {
    int i = at + 1;
    if (i < n && json.charAt(i) == ']') {
      return i + 1;
    }
    while (true) {
      i = canonicalValue(json, i, n);
      if (i < 0 || i >= n) {
        return -1;
      }
      char next = json.charAt(i);
      if (next == ']') {
        return i + 1;
      }
      if (next != ',') {
        return -1;
      }
      i++;
    }
  }

  /**
   * As {@link #canonicalValue} for an object: names escape-free and strictly increasing (compared
   * in place, as {@link String#compareTo} compares them).
   */
  private static int canonicalObject(CharSequence json, int at, int n) {
    int i = at + 1;
    if (i < n && json.charAt(i) == '}') {
      return i + 1;
    }
    int previous = -1; // where the previous name's text starts, after its quote
    int previousEnd = -1;
    while (true) {
      if (i >= n || json.charAt(i) != '"') {
        return -1;
      }
      int nameEnd = canonicalValue(json, i, n);
      if (nameEnd < 0 || nameEnd >= n || json.charAt(nameEnd) != ':') {
        return -1;
      }
      if (previous >= 0 && compare(json, previous, previousEnd, i + 1, nameEnd - 1) >= 0) {
        return -1;
      }
      previous = i + 1;
      previousEnd = nameEnd - 1;
      i = canonicalValue(json, nameEnd + 1, n);
      if (i < 0 || i >= n) {
        return -1;
      }
      char next = json.charAt(i);
      if (next == '}') {
        return i + 1;
      }
      if (next != ',') {
        return -1;
      }
      i++;
    }
  }

  /** {@code a.compareTo(b)} for two ranges of {@code text}, without making the strings. */
  private static int compare(CharSequence text, int a, int aEnd, int b, int bEnd) {
    int length = Math.min(aEnd - a, bEnd - b);
    for (int k = 0; k < length; k++) {
      int d = text.charAt(a + k) - text.charAt(b + k);
      if (d != 0) {
        return d;
      }
    }
    return (aEnd - a) - (bEnd - b);
  }

  private static int digitsEnd(CharSequence s, int at, int n) {
    while (at < n && s.charAt(at) >= '0' && s.charAt(at) <= '9') {
      at++;
    }
    return at;
  }

  private static boolean isMinusZero(CharSequence s, int at, int end) {
    return end - at == 2 && s.charAt(at) == '-' && s.charAt(at + 1) == '0';
  }
}
