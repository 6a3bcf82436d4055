package io.syncline.formats;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The text of a file as {@link FilePatch} reads it: a String, or the bytes of a file that is all
 * ASCII, where each byte is one char and a char offset is a byte offset. A 243 MB file written back
 * from the records' spans ({@link RecordSpans}) is then never decoded into a String of its own.
 */
sealed interface FileText permits FileText.Decoded, FileText.Ascii, FileExcerpts {
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

  /** The text of {@code bytes}, which must all be ASCII ({@link #isAscii}). */
  static FileText ofAscii(byte[] bytes) {
    return new Ascii(bytes);
  }

  /** Whether no byte is beyond ASCII, looked at eight at a time. */
  static boolean isAscii(byte[] bytes) {
    int i = 0;
    for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
      if (((long) Ascii.LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
        return false;
      }
    }
    for (; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        return false;
      }
    }
    return true;
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

  /** Bytes all ASCII: compared and copied as bytes, never widened. */
  final class Ascii implements FileText {
    static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;

    private Ascii(byte[] bytes) {
      this.bytes = bytes;
    }

    @Override
    public char charAt(int at) {
      return (char) bytes[at];
    }

    @Override
    public int length() {
      return bytes.length;
    }

    @Override
    public String substring(int start, int end) {
      return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
    }

    @Override
    public int indexOf(char c, int from) {
      for (int i = Math.max(0, from); i < bytes.length; i++) {
        if (bytes[i] == c) {
          return i;
        }
      }
      return -1;
    }

    @Override
    public boolean hasCrLf() {
      for (int i = indexOf('\r', 0); i >= 0; i = indexOf('\r', i + 1)) {
        if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
          return true;
        }
      }
      return false;
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
