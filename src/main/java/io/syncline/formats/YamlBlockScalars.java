package io.syncline.formats;

/**
 * A changed string written back as the YAML block scalar it was, same style and indentation, when
 * the new text can be written that way. Worked examples, the old scalar at indentation 2:
 *
 * <pre>
 *   old              new value              written
 *   |                "one\ntwo\n"           |          literal: lines as they are; one final
 *     a                                       one        line break is "clip" (no indicator)
 *                                             two
 *   |-               "one\ntwo"             |-         no final line break: "strip"
 *   >                "one\ntwo\n"           >          folded: a single line break would fold into
 *     a b                                     one        a space, so each is written as an empty
 *                                                        line
 *                                             two
 *   |+  (2 breaks)   "x\n\n"                |+         "keep": only with as many final breaks as
 *                                                        the file has after the scalar already
 * </pre>
 *
 * Not written as a block (null, and the caller quotes the string instead): an empty string, a line
 * break other than {@code \n}, control characters other than tab, a first line starting with a
 * blank (the indentation would read differently), lines of only blanks, an explicit indentation
 * indicator ({@code |2}), in folded style lines starting with a blank, and final breaks that no
 * chomping gives in place.
 */
final class YamlBlockScalars {
  private YamlBlockScalars() {}

  /**
   * @param header the old scalar's first line: {@code |}, {@code >-}, {@code | # comment}
   * @param indent the old content lines' indentation
   * @param oldValue the old scalar's value, for its final line breaks
   */
  static String write(
      String header, String indent, String oldValue, String value, String lineSeparator) {
    char style = header.charAt(0);
    int i = 1;
    char oldChomp = 0;
    while (i < header.length() && "+-0123456789".indexOf(header.charAt(i)) >= 0) {
      if (Character.isDigit(header.charAt(i))) {
        return null;
      }
      oldChomp = header.charAt(i++);
    }
    String rest = header.substring(i);
    int end = value.length();
    while (end > 0 && value.charAt(end - 1) == '\n') {
      end--;
    }
    int breaks = value.length() - end;
    String content = value.substring(0, end);
    String chomp;
    if (breaks == 0) {
      chomp = "-";
    } else if (breaks == 1) {
      chomp = "";
    } else if (oldChomp == '+' && breaks == trailingBreaks(oldValue)) {
      chomp = "+";
    } else {
      return null;
    }
    if (content.isEmpty() || !writable(content, style == '>')) {
      return null;
    }
    StringBuilder out = new StringBuilder().append(style).append(chomp).append(rest);
    String[] lines = content.split("\n", -1);
    for (String line : lines) {
      out.append(lineSeparator);
      if (!line.isEmpty()) {
        out.append(indent).append(line);
      }
      if (style == '>' && !line.isEmpty()) {
        // a break between two lines of text folds into a space: the next one needs an empty line
        out.append(lineSeparator);
      }
    }
    String written = out.toString();
    // the empty line after the last line of text belongs to no break: take it back
    return style == '>' && written.endsWith(lineSeparator)
        ? written.substring(0, written.length() - lineSeparator.length())
        : written;
  }

  private static boolean writable(String content, boolean folded) {
    if (content.charAt(0) == ' ' || content.charAt(0) == '\t' || content.charAt(0) == '\n') {
      return false;
    }
    for (String line : content.split("\n", -1)) {
      if (!line.isEmpty() && line.isBlank()) {
        return false;
      }
      if (folded && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        return false;
      }
    }
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if ((c < 0x20 && c != '\n' && c != '\t')
          || c == 0x7f
          || c == '\u0085'
          || c == '\u2028'
          || c == '\u2029'
          || c == '\ufeff') {
        return false;
      }
    }
    return true;
  }

  private static int trailingBreaks(String text) {
    int n = 0;
    while (n < text.length() && text.charAt(text.length() - 1 - n) == '\n') {
      n++;
    }
    return n;
  }
}
