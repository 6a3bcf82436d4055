package io.syncline.state;

import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * Many base records in one row of {@code syncline_base_pack}: for each record its key and its
 * canonical text, each as a 4-byte length and UTF-8 bytes, after a 4-byte record count, and a
 * CRC32C of all that at the end, so a damaged pack is refused instead of read as a wrong base.
 */
final class BasePack {
  private BasePack() {}

  /**
   * The pack of {@code keys} with their texts, in one array of the exact size: a first sync packs
   * every record, on the other core while the rows go in.
   */
  static byte[] encode(List<String> keys, UnaryOperator<String> textOf) {
    byte[][] parts = new byte[keys.size() * 2][];
    long size = 4 + 4;
    for (int i = 0; i < keys.size(); i++) {
      parts[2 * i] = keys.get(i).getBytes(StandardCharsets.UTF_8);
      parts[2 * i + 1] = textOf.apply(keys.get(i)).getBytes(StandardCharsets.UTF_8);
      size += 8 + parts[2 * i].length + parts[2 * i + 1].length;
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("a pack of " + size + " bytes is too large");
    }
    ByteBuffer out = ByteBuffer.allocate((int) size);
    out.putInt(keys.size());
    for (byte[] part : parts) {
      out.putInt(part.length).put(part);
    }
    CRC32C crc = new CRC32C();
    crc.update(out.array(), 0, out.position());
    return out.putInt((int) crc.getValue()).array();
  }

  /** How many records the pack holds. */
  static int count(byte[] pack) {
    return ByteBuffer.wrap(pack).getInt(0);
  }

  /** Adds the pack's records to {@code into}; {@code where} names the pack in an error. */
  static void decode(byte[] pack, Snapshot into, String where) {
    CRC32C crc = new CRC32C();
    crc.update(pack, 0, Math.max(0, pack.length - 4));
    ByteBuffer in = ByteBuffer.wrap(pack);
    if (pack.length < 8 || in.getInt(pack.length - 4) != (int) crc.getValue()) {
      throw new SynclineException(
          "Syncline's base is damaged ("
              + where
              + " fails its checksum); the next apply cannot tell which side changed");
    }
    int count = in.getInt();
    for (int i = 0; i < count; i++) {
      String key = readText(in, pack);
      into.set(key, readText(in, pack));
    }
  }

  private static String readText(ByteBuffer in, byte[] pack) {
    int length = in.getInt();
    String text = new String(pack, in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }
}
