package io.syncline.state;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The checksum kept beside each base text: CRC32C of its UTF-8 bytes, 8 hex digits. One instance
 * serves many texts with one CRC and one buffer: a million base texts would otherwise cost a
 * million byte arrays (and String.format, once, took a tenth of writing a base).
 */
final class Checksums {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final CRC32C crc = new CRC32C();
  private byte[] buffer = new byte[1024];

  String of(String canonical) {
    crc.reset();
    int length = canonical.length();
    if (buffer.length < length) {
      buffer = new byte[Math.max(length, buffer.length * 2)];
    }
    for (int i = 0; i < length; i++) {
      char c = canonical.charAt(i);
      if (c >= 0x80) { // not ASCII: let the JDK encode it
        crc.reset();
        crc.update(canonical.getBytes(StandardCharsets.UTF_8));
        return hex(crc.getValue());
      }
      buffer[i] = (byte) c;
    }
    crc.update(buffer, 0, length);
    return hex(crc.getValue());
  }

  private static String hex(long value) {
    char[] hex = new char[8];
    for (int i = 7; i >= 0; i--) {
      hex[i] = HEX[(int) (value & 0xf)];
      value >>>= 4;
    }
    return new String(hex);
  }
}
