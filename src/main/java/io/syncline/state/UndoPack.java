package io.syncline.state;

import io.syncline.core.FileImage;
import io.syncline.core.RecordImage;
import io.syncline.core.SynclineException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Undo images in one row of {@code syncline_undo}, deflated: a count, then for each record its key,
 * a byte of flags saying which texts follow, and those texts, each as a 4-byte length and UTF-8
 * bytes. A row written by an insert usually holds the same text as its new base, so the flag {@link
 * #AFTER_IS_BASE} keeps it once. After texts are kept as their {@link RecordImage#fingerprint}.
 * Files are packed the same way with their own flags.
 */
final class UndoPack {
  private static final int ROW_CHANGED = 1;
  private static final int ROW_BEFORE = 2;
  private static final int ROW_AFTER = 4;
  private static final int AFTER_IS_BASE = 8;
  private static final int BASE_CHANGED = 16;
  private static final int BASE_BEFORE = 32;
  private static final int BASE_AFTER = 64;

  private UndoPack() {}

  static byte[] records(List<RecordImage> images) {
    return pack(
        out -> {
          out.writeInt(images.size());
          for (RecordImage image : images) {
            boolean shared = image.rowAfter() != null && image.rowAfter().equals(image.baseAfter());
            int flags =
                (image.rowChanged() ? ROW_CHANGED : 0)
                    | (image.rowBefore() != null ? ROW_BEFORE : 0)
                    | (image.rowAfter() != null && !shared ? ROW_AFTER : 0)
                    | (shared ? AFTER_IS_BASE : 0)
                    | (image.baseChanged() ? BASE_CHANGED : 0)
                    | (image.baseBefore() != null ? BASE_BEFORE : 0)
                    | (image.baseAfter() != null ? BASE_AFTER : 0);
            text(out, image.key());
            out.writeByte(flags);
            optional(out, image.rowBefore());
            optional(out, shared ? null : RecordImage.fingerprint(image.rowAfter()));
            optional(out, image.baseBefore());
            optional(out, RecordImage.fingerprint(image.baseAfter()));
          }
        });
  }

  static List<RecordImage> records(byte[] packed, String where) {
    return unpack(
        packed,
        where,
        in -> {
          int count = in.readInt();
          List<RecordImage> images = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            String key = text(in);
            int flags = in.readUnsignedByte();
            String rowBefore = (flags & ROW_BEFORE) != 0 ? text(in) : null;
            String rowAfter = (flags & ROW_AFTER) != 0 ? text(in) : null;
            String baseBefore = (flags & BASE_BEFORE) != 0 ? text(in) : null;
            String baseAfter = (flags & BASE_AFTER) != 0 ? text(in) : null;
            images.add(
                new RecordImage(
                    key,
                    (flags & ROW_CHANGED) != 0,
                    rowBefore,
                    (flags & AFTER_IS_BASE) != 0 ? baseAfter : rowAfter,
                    (flags & BASE_CHANGED) != 0,
                    baseBefore,
                    baseAfter));
          }
          return images;
        });
  }

  static byte[] files(List<FileImage> images) {
    return pack(
        out -> {
          out.writeInt(images.size());
          for (FileImage image : images) {
            text(out, image.path());
            out.writeByte(
                (image.backup() != null ? 1 : 0)
                    | (image.before() != null ? 2 : 0)
                    | (image.after() != null ? 4 : 0));
            optional(out, image.backup());
            optional(out, image.before());
            optional(out, image.after());
          }
        });
  }

  static List<FileImage> files(byte[] packed, String where) {
    return unpack(
        packed,
        where,
        in -> {
          int count = in.readInt();
          List<FileImage> images = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            String path = text(in);
            int flags = in.readUnsignedByte();
            images.add(
                new FileImage(
                    path,
                    (flags & 1) != 0 ? text(in) : null,
                    (flags & 2) != 0 ? text(in) : null,
                    (flags & 4) != 0 ? text(in) : null));
          }
          return images;
        });
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] pack(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    // Stored, not compressed: a first sync's million images are mostly fingerprints, which do not
    // compress, and compressing them cost a third of a second of the core the rows are read on.
    // Still a deflate stream: packs written compressed before read the same way.
    Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
    // Buffered before the deflater: DeflaterOutputStream deflates on every single-byte write.
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater, 1 << 16), 1 << 16))) {
      writer.write(out);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory cannot fail", e);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  private static <T> T unpack(byte[] packed, String where, Reader<T> reader) {
    try (DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(packed)), 1 << 16))) {
      return reader.read(in);
    } catch (IOException e) {
      throw new SynclineException(
          "Syncline's undo images are damaged ("
              + where
              + ": "
              + e.getMessage()
              + "); rollback cannot restore what that apply changed");
    }
  }

  private static void optional(DataOutputStream out, String text) throws IOException {
    if (text != null) {
      text(out, text);
    }
  }

  private static void text(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static String text(DataInputStream in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
