package io.syncline.state;

import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import java.io.ByteArrayOutputStream;
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

  /** The pack of {@code keys} with their texts. */
  static byte[] encode(List<String> keys, UnaryOperator<String> textOf) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(keys.size() * 300);
    writeInt(out, keys.size());
    for (String key : keys) {
      writeText(out, key);
      writeText(out, textOf.apply(key));
    }
    CRC32C crc = new CRC32C();
    byte[] body = out.toByteArray();
    crc.update(body);
    ByteBuffer packed = ByteBuffer.allocate(body.length + 4);
    return packed.put(body).putInt((int) crc.getValue()).array();
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

  private static void writeText(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    writeInt(out, bytes.length);
    out.write(bytes, 0, bytes.length);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static String readText(ByteBuffer in, byte[] pack) {
    int length = in.getInt();
    String text = new String(pack, in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }
}
