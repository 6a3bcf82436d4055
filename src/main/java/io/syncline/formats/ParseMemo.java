package io.syncline.formats;

import static java.nio.file.StandardOpenOption.WRITE;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Snapshot;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.zip.CRC32C;

/**
 * What parsing a large file of listed records gave, kept in {@code .syncline/memo/} so that a
 * {@code load} of the file unchanged since need not parse it again: the file's size and CRC32C, a
 * {@link Snapshot#fingerprint} of the records it gave, their places in the file ({@link
 * RecordSpans}) and the types seen. The records themselves are not kept: they are taken from the
 * base (or any snapshot the caller offers) when it holds exactly the records the parse gave, which
 * its fingerprint tells; after an {@code apply} that agreed on every record, it does.
 *
 * <p>So a re-sync whose file is as the last apply left it (only the database changed, or nothing)
 * takes one pass over the file's bytes for their checksum instead of a parse on two cores. Any
 * doubt reads the file as before: another size or checksum, a base that differs by a record, a memo
 * made for another reading of the file (key, fields, pointer) or by another version of Syncline, a
 * memo cut short or garbled (its own CRC32C). A memo is a cache: deleting {@code .syncline/memo/}
 * costs one parse, never a record.
 *
 * <p>Only files of {@link #FROM_BYTES} or more are remembered (a smaller one parses in less time
 * than its memo takes to write), only a JSON list in one file read whole by an entity with no child
 * lists and no {@code enrich:}, whose records are the base's records as they are.
 */
final class ParseMemo {
  /** Files smaller than this are parsed every time, as the two-core read starts here too. */
  static final long FROM_BYTES = SplitRead.FROM_BYTES;

  /** The most of a memo read to tell what it says (its head, the file's size and checksum). */
  private static final int HEAD = 1 << 20;

  /** What a memo starts with: "SYNM". */
  private static final int MAGIC = 0x53594E4D;

  /**
   * The memo's own version, after {@link #MAGIC}: to be raised with any change to its layout, and
   * with any change to the canonical text a parse makes of a record (within one release too), so
   * that no memo vouches for records read another way.
   */
  private static final int LAYOUT = 1;

  /**
   * The version of Syncline that wrote a memo, part of what it was made for: another version may
   * read records into other canonical texts.
   */
  private static final String VERSION =
      String.valueOf(ParseMemo.class.getPackage().getImplementationVersion());

  private final Path directory;
  private final long fromBytes;

  ParseMemo(Path workingDirectory) {
    this(workingDirectory, FROM_BYTES);
  }

  /** A memo remembering files of {@code fromBytes} or more: for tests, with small files. */
  ParseMemo(Path workingDirectory, long fromBytes) {
    this.directory = workingDirectory.resolve(".syncline").resolve("memo");
    this.fromBytes = fromBytes;
  }

  /** What the memo of one reading of one file says, read back. */
  private record Remembered(
      long size, long checksum, long fingerprint, Map<String, FieldType> seen, RecordSpans spans) {}

  /** Whether the reading of {@code path} is one a memo can stand for. */
  boolean suits(Entity reading, Path path, long size) {
    return reading.layout() == Layout.LIST
        && reading.children().isEmpty()
        && reading.enriched().isEmpty()
        && !Parsers.isYaml(path)
        && size >= fromBytes
        && size < Integer.MAX_VALUE - 8;
  }

  /** Whether a memo was kept for this reading of {@code path}: whether to check the file at all. */
  boolean has(Entity reading, Path path) {
    return Files.isRegularFile(fileFor(reading, path));
  }

  /**
   * The file as the memo of this reading says it reads, its records taken from {@code agreed} in
   * the file's order, when the file still has the size and checksum the memo was made from and
   * {@code agreed} holds exactly the records the parse gave; else empty, and the caller parses.
   * {@code agreed} is asked only once the file's checksum matches.
   */
  Optional<FileRead> recall(Entity reading, Path path, Supplier<Snapshot> agreed) {
    try {
      Path memo = fileFor(reading, path);
      Stamp stamp = stampOf(memo, reading, path);
      if (stamp == null
          || stamp.size() != Files.size(path)
          || stamp.checksum() != FileWrite.crc32cOf(path)) {
        return Optional.empty();
      }
      Remembered remembered = read(memo, reading, path);
      if (remembered == null
          || remembered.size() != stamp.size()
          || remembered.checksum() != stamp.checksum()) {
        return Optional.empty(); // written again since its head was read
      }
      Snapshot base = agreed.get();
      if (base == null
          || base.size() != remembered.spans().size()
          || base.fingerprint() != remembered.fingerprint()) {
        return Optional.empty();
      }
      return base.inOrder(remembered.spans().keys())
          .map(
              records ->
                  new FileRead(
                      reading,
                      records,
                      remembered.seen(),
                      List.of(
                          new SourceFile(
                              path, remembered.size(), remembered.checksum(), remembered.spans())),
                      Map.of()));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // the parse reads the file, and says what is wrong with it
    }
  }

  /**
   * Writes the memo of a file just parsed, replacing the one made for the same reading of it; does
   * nothing when one already says the same (a file recalled, not parsed) or the file is not one a
   * memo stands for. A memo that cannot be written is no failure: the next load parses.
   */
  void keep(FileRead read) {
    if (read.files().size() != 1) {
      return;
    }
    SourceFile source = read.files().get(0);
    if (!source.spans().kept()
        || source.spans().size() != read.records().size()
        || !suits(read.entity(), source.path(), source.size())) {
      return;
    }
    try {
      Path memo = fileFor(read.entity(), source.path());
      if (saysAlready(memo, read.entity(), source)) {
        return;
      }
      write(memo, read, source);
    } catch (IOException | RuntimeException cannotWrite) {
      // a cache: the next load parses the file
    }
  }

  /**
   * Whether the memo already says this reading of the file: its head alone is read, since a memo
   * whose rest is garbled is removed by the {@link #recall} that finds it so.
   */
  private static boolean saysAlready(Path memo, Entity reading, SourceFile source) {
    Stamp stamp = stampOf(memo, reading, source.path());
    return stamp != null && stamp.size() == source.size() && stamp.checksum() == source.checksum();
  }

  /** The size and checksum of the file a memo was made from. */
  private record Stamp(long size, long checksum) {}

  /**
   * The stamp the memo's head gives, when it was made for this reading of this file; else null.
   * Only the head is read: the rest of a memo, a million records' places, is read only for a file
   * that still has this stamp.
   */
  private static Stamp stampOf(Path memo, Entity reading, Path path) {
    if (!Files.isRegularFile(memo)) {
      return null;
    }
    try (FileChannel channel = FileChannel.open(memo)) {
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(channel.size(), HEAD));
      while (head.hasRemaining() && channel.read(head) >= 0) {
        // reads on to the end of the head
      }
      head.flip();
      return header(head, reading, path) ? new Stamp(head.getLong(), head.getLong()) : null;
    } catch (IOException | RuntimeException garbled) {
      return null; // a head longer than HEAD too: written again
    }
  }

  private void write(Path memo, FileRead read, SourceFile source) throws IOException {
    Files.createDirectories(directory);
    removeLeftovers(memo);
    long fingerprint = read.records().fingerprint();
    // Named for the memo and the writer's pid, and unique: two loads of one process may write it.
    Path temporary =
        Files.createTempFile(
            directory, memo.getFileName() + "." + ProcessHandle.current().pid() + "-", "");
    try {
      try (MemoOutput out = new MemoOutput(FileChannel.open(temporary, WRITE))) {
        writeContents(out, read, source, fingerprint);
      }
      // Not forced to the disk: a memo a crash cuts short fails its checksum and is not used.
      Files.move(
          temporary, memo, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * The memo: the head (what it was made for, the file's size and checksum), the fingerprint, the
   * types seen, each record's key and place; {@link MemoOutput} ends it with the CRC32C of all of
   * it.
   */
  private static void writeContents(
      MemoOutput out, FileRead read, SourceFile source, long fingerprint) throws IOException {
    out.room(8).putInt(MAGIC).putInt(LAYOUT);
    out.text(VERSION);
    out.text(source.path().toString());
    out.text(read.entity().toString());
    out.room(28)
        .putLong(source.size())
        .putLong(source.checksum())
        .putLong(fingerprint)
        .putInt(read.seenTypes().size());
    for (Map.Entry<String, FieldType> seen : read.seenTypes().entrySet()) {
      out.text(seen.getKey());
      out.text(seen.getValue() == null ? "" : seen.getValue().name());
    }
    RecordSpans spans = source.spans();
    out.room(4).putInt(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      out.text(spans.key(i));
      out.room(8).putInt(spans.start(i)).putInt(spans.end(i));
    }
  }

  /**
   * A memo as it is written: through one buffer of a megabyte, its CRC32C taken as each buffer goes
   * out and written last. A million records' places are a few million small writes, which a stream
   * takes several times as long over, and an array of the whole memo is memory touched for nothing.
   */
  private static final class MemoOutput implements AutoCloseable {
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private final CRC32C crc = new CRC32C();

    MemoOutput(FileChannel channel) {
      this.channel = channel;
    }

    /** The buffer, with room for {@code bytes} more (at most its capacity). */
    ByteBuffer room(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
      }
      return buffer;
    }

    /** A text as its length in bytes and its UTF-8; an ASCII one (a key, mostly) without a copy. */
    void text(String text) throws IOException {
      int length = text.length();
      boolean ascii = length <= 1 << 16;
      for (int i = 0; i < length && ascii; i++) {
        ascii = text.charAt(i) < 0x80;
      }
      if (ascii) {
        ByteBuffer out = room(4 + length).putInt(length);
        for (int i = 0; i < length; i++) {
          out.put((byte) text.charAt(i));
        }
        return;
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      room(4).putInt(bytes.length);
      for (int at = 0; at < bytes.length; ) {
        int n = Math.min(bytes.length - at, buffer.capacity());
        room(n).put(bytes, at, n);
        at += n;
      }
    }

    private void flush() throws IOException {
      buffer.flip();
      crc.update(buffer.array(), 0, buffer.limit());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    @Override
    public void close() throws IOException {
      try (channel) {
        flush();
        buffer.putLong(crc.getValue()).flip();
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
    }
  }

  /**
   * Removes what a process killed while it wrote this memo left: a temporary file named for the
   * memo and the writer's pid, which no live process holds.
   */
  private void removeLeftovers(Path memo) throws IOException {
    String prefix = memo.getFileName() + ".";
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path leftover : leftovers) {
        String suffix = leftover.getFileName().toString().substring(prefix.length());
        String pid = suffix.contains("-") ? suffix.substring(0, suffix.indexOf('-')) : suffix;
        boolean running =
            !pid.isEmpty()
                && pid.length() < 19
                && pid.chars().allMatch(Character::isDigit)
                && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        if (!running) {
          Files.deleteIfExists(leftover);
        }
      }
    }
  }

  /**
   * The memo's contents when it was made for this reading of this file and reads whole; else null.
   * A memo cut short or garbled is removed, so that the next parse writes it again.
   */
  private static Remembered read(Path memo, Entity reading, Path path) throws IOException {
    ByteBuffer in = whole(memo);
    if (in == null) {
      Files.deleteIfExists(memo);
      return null;
    }
    if (!header(in, reading, path)) {
      return null;
    }
    long size = in.getLong();
    long checksum = in.getLong();
    long fingerprint = in.getLong();
    Map<String, FieldType> seen = new LinkedHashMap<>();
    for (int i = count(in, 8); i > 0; i--) {
      String name = text(in);
      String type = text(in);
      seen.put(name, type.isEmpty() ? null : FieldType.valueOf(type));
    }
    int count = count(in, 12);
    RecordSpans spans = RecordSpans.keeping(count);
    for (int i = 0; i < count; i++) {
      spans.add(text(in), in.getInt(), in.getInt());
    }
    return new Remembered(size, checksum, fingerprint, seen, spans);
  }

  /** The memo's bytes before its own CRC32C, when they have it; null when cut short or garbled. */
  private static ByteBuffer whole(Path memo) throws IOException {
    byte[] bytes = Files.readAllBytes(memo);
    if (bytes.length < Long.BYTES) {
      return null;
    }
    int length = bytes.length - Long.BYTES;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    if (crc.getValue() != ByteBuffer.wrap(bytes, length, Long.BYTES).getLong()) {
      return null;
    }
    return ByteBuffer.wrap(bytes, 0, length);
  }

  /** Reads the head; whether it is a memo of this layout and version, for this reading and file. */
  private static boolean header(ByteBuffer in, Entity reading, Path path) {
    return in.getInt() == MAGIC
        && in.getInt() == LAYOUT
        && text(in).equals(VERSION)
        && text(in).equals(path.toString())
        && text(in).equals(reading.toString());
  }

  /**
   * The memo's file for this reading of this file: named for both, so that two entities read from
   * one file keep a memo each.
   */
  private Path fileFor(Entity reading, Path path) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(path.toString().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(reading.toString().getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(digest.digest(), 0, 16) + ".memo");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * A count of entries of at least {@code bytes} each, refused when the memo's rest cannot hold
   * them: a memo made to say a billion records allocates nothing for them.
   */
  private static int count(ByteBuffer in, int bytes) {
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / bytes) {
      throw new BufferUnderflowException();
    }
    return count;
  }

  private static String text(ByteBuffer in) {
    int length = in.getInt();
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    String text =
        new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }
}
