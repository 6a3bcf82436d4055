package io.syncline.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands of a session that changed something, in order, as a {@code .shell} script that
 * repeats it: {@code journal save FILE}. The shell decides which lines belong here; interactive
 * answers arrive already written out as {@code resolve ID --take SIDE} lines.
 *
 * <p>Invariant: no line holds a secret. Lines are masked before they are kept, and a line that had
 * a password says so in a comment instead of carrying it.
 */
public final class Journal {
  private final List<String> lines = new ArrayList<>();

  public void record(String line) {
    lines.add(line);
  }

  public List<String> lines() {
    return List.copyOf(lines);
  }

  /**
   * A word as the command line reads it back: as is when plain, else in single quotes, else (when
   * it holds a single quote) in double quotes with backslash escapes.
   *
   * <pre>
   *   country/AW.name     → country/AW.name
   *   "Aruba"             → '"Aruba"'
   *   {"a": "it's"}       → "{\"a\": \"it's\"}"
   * </pre>
   */
  public static String quote(String word) {
    if (!word.isEmpty()
        && word.chars()
            .noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\')) {
      return word;
    }
    if (word.indexOf('\'') < 0) {
      return "'" + word + "'";
    }
    return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
