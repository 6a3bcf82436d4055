package io.syncline.formats;

import java.util.Locale;

/**
 * The text of a file as {@link FilePatch} reads it: a String, or a few records of a file that is
 * all ASCII ({@link FileExcerpts}), where each byte is one char and a char offset is a byte offset.
 * A 243 MB file written back from the records' spans ({@link RecordSpans}) is then neither decoded
 * into a String nor read into memory whole.
 */
sealed interface FileText permits FileText.Decoded, FileExcerpts {
  char charAt(int at);

  int length();

  String substring(int start, int end);

  /** The first {@code c} at or after {@code from}, or -1. */
  int indexOf(char c, int from);

  /** Whether a CR LF is anywhere in the text. */
  boolean hasCrLf();

  /**
   * The format of a {@code \\u} escape with lower or upper case hex digits, as the text writes
   * them, when it writes some character beyond ASCII as an escape and none raw (as Python's {@code
   * json.dump} does by default); otherwise null.
   */
  String escapeFormat();

  static FileText of(String text) {
    return new Decoded(text);
  }

  record Decoded(String text) implements FileText {
    @Override
    public char charAt(int at) {
      return text.charAt(at);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public String substring(int start, int end) {
      return text.substring(start, end);
    }

    @Override
    public int indexOf(char c, int from) {
      return text.indexOf(c, from);
    }

    @Override
    public boolean hasCrLf() {
      return text.contains("\r\n");
    }

    @Override
    public String escapeFormat() {
      return escapeFormatOf(this);
    }
  }

  /** {@link #escapeFormat} found by a scan of the whole text. */
  private static String escapeFormatOf(FileText text) {
    String found = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return null;
      }
      if (c == '\\' && found == null && i + 5 < text.length()) {
        if (text.charAt(i + 1) == 'u') {
          String hex = text.substring(i + 2, i + 6);
          if (hex.matches("[0-9a-fA-F]{4}") && Integer.parseInt(hex, 16) >= 0x80) {
            found = hex.equals(hex.toUpperCase(Locale.ROOT)) ? "\\u%04X" : "\\u%04x";
          }
        }
        i++; // an escaped backslash does not start an escape
      }
    }
    return found;
  }
}
