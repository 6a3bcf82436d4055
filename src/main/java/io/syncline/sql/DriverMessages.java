package io.syncline.sql;

import io.syncline.core.SynclineException;

/**
 * What a driver said, made fit to show on one line: its first line, every value longer than {@link
 * #VALUE_LIMIT} characters cut (a driver may repeat a 100,000-character key whole), and the whole
 * at most {@link #MESSAGE_LIMIT} characters. A cut ends in {@code …}.
 *
 * <pre>
 *   Duplicate entry 'aaaa…(100,000 a)' for key 'PRIMARY'  → Duplicate entry 'aaaa…(79 a)…' for key 'PRIMARY'
 * </pre>
 */
final class DriverMessages {
  static final int VALUE_LIMIT = 80;
  static final int MESSAGE_LIMIT = 300;

  private DriverMessages() {}

  static String shown(String message) {
    String text = SynclineException.firstLine(message);
    StringBuilder out = new StringBuilder();
    int word = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || Character.isWhitespace(text.charAt(i))) {
        out.append(cut(text.substring(word, i), VALUE_LIMIT));
        if (i < text.length()) {
          out.append(text.charAt(i));
        }
        word = i + 1;
      }
    }
    return cut(out.toString(), MESSAGE_LIMIT);
  }

  /** Text cut to {@code limit} characters, the last one {@code …}. */
  static String cut(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int end = limit - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }
}
