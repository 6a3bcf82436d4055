package io.syncline.state;

import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;

/**
 * Many base records in one row of {@code syncline_base_pack}: for each record its key and its
 * canonical text, each as a 4-byte length and UTF-8 bytes, after a 4-byte record count. That body
 * is kept as one LZ4 block (quick enough to pack beside an apply and unpack at every load, and
 * canonical JSON packs to about a fifth), after the bytes {@code LZ4P}, the record count and the
 * body's length; a CRC32C of everything before it ends the pack, so a damaged pack is refused
 * instead of read as a wrong base.
 *
 * <p>Packs written before they were compressed hold the body as it is, its count first, then the
 * CRC32C: a count is never as large as {@code LZ4P} read as a number, so both read.
 */
final class BasePack {
  private BasePack() {}

  /** {@code LZ4P}: the pack's body is an LZ4 block. */
  private static final int COMPRESSED = 0x4c5a3450;

  private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();

  /**
   * The pack of {@code records}, keys with their texts, in that order: a first sync packs every
   * record, on the other core while the rows go in.
   */
  static byte[] encode(List<Map.Entry<String, String>> records) {
    byte[][] parts = new byte[records.size() * 2][];
    long size = 4;
    for (int i = 0; i < records.size(); i++) {
      parts[2 * i] = records.get(i).getKey().getBytes(StandardCharsets.UTF_8);
      parts[2 * i + 1] = records.get(i).getValue().getBytes(StandardCharsets.UTF_8);
      size += 8 + parts[2 * i].length + parts[2 * i + 1].length;
    }
    if (size > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("a pack of " + size + " bytes is too large");
    }
    ByteBuffer body = ByteBuffer.allocate((int) size);
    body.putInt(records.size());
    for (byte[] part : parts) {
      body.putInt(part.length).put(part);
    }
    LZ4Compressor compressor = LZ4.fastCompressor();
    byte[] pack = new byte[12 + compressor.maxCompressedLength(body.capacity()) + 4];
    ByteBuffer out = ByteBuffer.wrap(pack);
    out.putInt(COMPRESSED).putInt(records.size()).putInt(body.capacity());
    int packed = compressor.compress(body.array(), 0, body.capacity(), pack, 12, pack.length - 16);
    out.position(12 + packed);
    CRC32C crc = new CRC32C();
    crc.update(pack, 0, out.position());
    out.putInt((int) crc.getValue());
    return Arrays.copyOf(pack, out.position());
  }

  /** How many records the pack holds. */
  static int count(byte[] pack) {
    ByteBuffer in = ByteBuffer.wrap(pack);
    return in.getInt(0) == COMPRESSED ? in.getInt(4) : in.getInt(0);
  }

  /** Adds the pack's records to {@code into}; {@code where} names the pack in an error. */
  static void decode(byte[] pack, Snapshot into, String where) {
    CRC32C crc = new CRC32C();
    crc.update(pack, 0, Math.max(0, pack.length - 4));
    if (pack.length < 8 || ByteBuffer.wrap(pack).getInt(pack.length - 4) != (int) crc.getValue()) {
      throw damaged(where, "fails its checksum");
    }
    byte[] body = pack;
    if (ByteBuffer.wrap(pack).getInt(0) == COMPRESSED) {
      int length = ByteBuffer.wrap(pack).getInt(8);
      body = new byte[length];
      try {
        LZ4.safeDecompressor().decompress(pack, 12, pack.length - 16, body, 0, length);
      } catch (LZ4Exception e) {
        throw damaged(where, "cannot be unpacked");
      }
    }
    ByteBuffer in = ByteBuffer.wrap(body);
    int count = in.getInt();
    for (int i = 0; i < count; i++) {
      String key = readText(in, body);
      into.set(key, readText(in, body));
    }
  }

  private static SynclineException damaged(String where, String how) {
    return new SynclineException(
        "Syncline's base is damaged ("
            + where
            + " "
            + how
            + "); the next apply cannot tell which side changed");
  }

  private static String readText(ByteBuffer in, byte[] pack) {
    int length = in.getInt();
    String text = new String(pack, in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }
}
