package io.syncline.formats;

import io.syncline.core.UnableToReadFile;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of a record file, refused at the first byte that is not well-formed UTF-8 (RFC 3629):
 * the parsers decode some malformed sequences to other characters instead ({@code C0 AF} becomes
 * {@code /}), and a later rewrite of the file would turn them into U+FFFD. The check runs on each
 * chunk as the parser reads it, so the file is still read once.
 *
 * <p>What is refused, by the bytes that start the sequence:
 *
 * <pre>
 *   80..BF          a continuation byte with no lead byte before it
 *   C0 C1, E0 80..9F, F0 80..8F   an overlong encoding (C0 AF is "/" in two bytes)
 *   ED A0..BF       a UTF-16 surrogate (U+D800..U+DFFF) encoded as if it were a character
 *   F4 90..BF, F5..F7   a code point above U+10FFFF
 *   F8..FF          bytes that never appear in UTF-8
 *   E2 82 then "    a sequence cut short by a byte that does not continue it, or by the end
 * </pre>
 *
 * Only the offset is tracked while reading; line, column and a description are worked out from the
 * file when one is refused.
 */
final class Utf8Input extends FilterInputStream {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final Path path;
  private final String name;
  private long position;
  private boolean refused;
  // Continuation bytes still expected, and the range the next one must be in (narrower than
  // 80..BF only right after E0, ED, F0 and F4).
  private int pending;
  private int low = 0x80;
  private int high = 0xBF;
  private long sequenceStart;

  /** {@code name}: the file as messages name it. */
  Utf8Input(InputStream in, Path path, String name) {
    super(in);
    this.path = path;
    this.name = name;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      end();
    } else {
      check(new byte[] {(byte) b}, 0, 1);
    }
    return b;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    int n = in.read(bytes, offset, length);
    if (n < 0) {
      end();
    } else {
      check(bytes, offset, offset + n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // skipped bytes are read and checked too: every byte of the file is UTF-8 or refused
    byte[] buffer = new byte[(int) Math.min(n, 1 << 13)];
    long skipped = 0;
    while (skipped < n) {
      int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (read < 0) {
        break;
      }
      skipped += read;
    }
    return skipped;
  }

  /** Whether this stream refused the file: its refusal names the place in characters already. */
  boolean refused() {
    return refused;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void end() {
    if (pending > 0) {
      refused = true;
      throw refusal(path, name, sequenceStart);
    }
  }

  private void check(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      if (pending == 0) {
        // The usual case, ASCII: eight bytes at a time.
        while (i + 8 <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
          i += 8;
        }
        while (i < to && bytes[i] >= 0) {
          i++;
        }
        if (i == to) {
          break;
        }
        int lead = bytes[i] & 0xFF;
        sequenceStart = position + (i - from);
        low = 0x80;
        high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
          pending = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
          pending = 2;
          low = lead == 0xE0 ? 0xA0 : 0x80;
          high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
          pending = 3;
          low = lead == 0xF0 ? 0x90 : 0x80;
          high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
          refused = true;
          throw refusal(path, name, sequenceStart);
        }
        i++;
        continue;
      }
      int next = bytes[i] & 0xFF;
      if (next < low || next > high) {
        refused = true;
        throw refusal(path, name, sequenceStart);
      }
      low = 0x80;
      high = 0xBF;
      pending--;
      i++;
    }
    position += to - from;
  }

  /**
   * The refusal of the sequence starting at {@code offset} in the file: {@code data.json:3:12:
   * invalid UTF-8 (overlong encoding C0 AF)}, the column counted in characters.
   */
  static UnableToReadFile refusal(Path path, String name, long offset) {
    long line = 1;
    long column = 1;
    byte[] sequence = new byte[4];
    int kept = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      for (long at = 0; ; at++) {
        int b = in.read();
        if (b < 0 || kept == 4 || (at > offset && kept > 0 && (b & 0xC0) != 0x80)) {
          break;
        }
        if (at >= offset) {
          sequence[kept++] = (byte) b;
        } else if (b == '\n') {
          line++;
          column = 1;
        } else if ((b & 0xC0) != 0x80 && !(at < 3 && isByteOrderMark(at, b))) {
          column++;
        }
      }
    } catch (IOException e) {
      return new UnableToReadFile(name, 0, 0, "cannot read: " + e.getMessage());
    }
    return new UnableToReadFile(
        name, line, column, "invalid UTF-8 (" + describe(sequence, kept) + ")");
  }

  /** The first three bytes are EF BB BF: the mark takes no column. */
  private static boolean isByteOrderMark(long at, int b) {
    return (at == 0 && b == 0xEF) || (at == 1 && b == 0xBB) || (at == 2 && b == 0xBF);
  }

  /**
   * The character column of a place the JSON parser gives as a byte column (1-based, counted from
   * the line's first byte, a byte order mark included): the same place as a person's editor shows
   * it. The column as given when the file cannot be read again.
   */
  static long characterColumn(Path path, long line, long byteColumn) {
    if (line <= 0 || byteColumn <= 1) {
      return byteColumn;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      long at = 0;
      long currentLine = 1;
      int b = 0;
      while (currentLine < line && (b = in.read()) >= 0) {
        at++;
        if (b == '\n') {
          currentLine++;
        }
      }
      long column = 1;
      for (long i = 1; i < byteColumn && (b = in.read()) >= 0; i++, at++) {
        if ((b & 0xC0) != 0x80 && !(at < 3 && isByteOrderMark(at, b))) {
          column++;
        }
      }
      return column;
    } catch (IOException e) {
      return byteColumn;
    }
  }

  /** What is wrong with the bytes that start at a refused offset, and the bytes. */
  static String describe(byte[] bytes, int length) {
    int lead = bytes[0] & 0xFF;
    int second = length > 1 ? bytes[1] & 0xFF : -1;
    int needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    String what;
    if (lead >= 0x80 && lead <= 0xBF) {
      what = "stray continuation byte";
      length = 1;
    } else if (lead >= 0xF8) {
      what = "byte never used in UTF-8";
      length = 1;
    } else if (lead == 0xC0
        || lead == 0xC1
        || (lead == 0xE0 && second >= 0 && second < 0xA0)
        || (lead == 0xF0 && second >= 0 && second < 0x90)) {
      what = "overlong encoding";
    } else if (lead == 0xED && second >= 0xA0) {
      what = "encoded surrogate";
    } else if (lead >= 0xF5 || (lead == 0xF4 && second >= 0x90)) {
      what = "code point above U+10FFFF";
    } else {
      what = "truncated sequence";
    }
    StringBuilder out = new StringBuilder(what);
    for (int i = 0; i < Math.min(length, needed); i++) {
      out.append(' ').append(String.format("%02X", bytes[i] & 0xFF));
    }
    return out.toString();
  }
}
