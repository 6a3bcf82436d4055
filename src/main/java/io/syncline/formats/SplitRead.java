package io.syncline.formats;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Snapshot;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import tools.jackson.core.JsonParser;

/**
 * Reads a large JSON list of records on two cores: the second half of the list is read by another
 * thread while this one reads the first, then skips what the other read.
 *
 * <p>Where the second half starts is a guess made from bytes near the middle of the file: a {@code
 * }} then a comma then a {@code {}, blanks between. The guess can be wrong (those bytes may be
 * inside a string), so it is checked, not trusted: the first reader parses the whole file as usual,
 * reading records up to the guessed offset and only tokenizing after it, and the guess holds only
 * when a list item of its own starts exactly at that byte. From a true item start, JSON reads the
 * same whatever came before, so the other thread's records are exactly the ones a single pass would
 * have read. A wrong guess costs nothing but the other thread's work: the first reader just goes on
 * reading records.
 *
 * <p>Anything the second half cannot take (a bad record, a key also in the first half) is not
 * reported from here: the file is read again in one pass, which names the problem with its exact
 * line and column. Profiled on a million records (243 MiB) on two busy cores: one pass about 5 s,
 * split about 4 s; the first reader still tokenizes the second half, which keeps it from halving.
 */
final class SplitRead {
  /** Smaller files are read in one pass: the other thread would cost more than it saves. */
  static final long FROM_BYTES = 16L << 20;

  private static final int WINDOW = 1 << 20;

  private static final Executor SECOND_CORE = io.syncline.core.Background.threads("syncline-read");

  private final RecordReader reader;
  private final CompletableFuture<Half> half;
  private final long offset;

  private record Half(Snapshot records, Map<String, FieldType> seen) {}

  private SplitRead(RecordReader reader, CompletableFuture<Half> half, long offset) {
    this.reader = reader;
    this.half = half;
    this.offset = offset;
  }

  /** Whether a file may be split: a JSON list of records, large, and a second core to read it. */
  static boolean suits(Entity entity, Path path, long size) {
    return entity.layout() == Layout.LIST
        && !Parsers.isYaml(path)
        && size >= FROM_BYTES
        && size < Integer.MAX_VALUE
        && Runtime.getRuntime().availableProcessors() > 1;
  }

  /**
   * Starts reading the second half in the background, from a guessed item start near the middle;
   * empty when no such bytes are near the middle.
   */
  static java.util.Optional<SplitRead> start(Entity entity, Path path, String name, long size) {
    long at = guess(path, size);
    if (at < 0) {
      return java.util.Optional.empty();
    }
    Map<String, FieldType> seen = new LinkedHashMap<>();
    Snapshot records = new Snapshot();
    // Counted by the first reader as it passes these records: a counter has one writer.
    RecordReader reader =
        new RecordReader(
            entity, name, records, seen, null, new io.syncline.core.Progress.Counter(name, "", -1));
    CompletableFuture<Half> half =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = secondHalf(path, at);
                  JsonParser parser = Parsers.open(path, in)) {
                reader.readListFrom(parser);
                return new Half(records, seen);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (StackOverflowError e) {
                throw new IllegalStateException(e);
              }
            },
            SECOND_CORE);
    return java.util.Optional.of(new SplitRead(reader, half, at));
  }

  /** The byte where the second half begins, for the first reader's {@code handingOverAt}. */
  long offset() {
    return offset;
  }

  /** The first reader failed or did not hand over: the second half's work is thrown away. */
  void abandon() {
    reader.abandon();
  }

  /**
   * Adds the second half's records and field types to the first half's, as one pass would have
   * added them; false when the second half failed or a key is in both halves, and then the caller
   * reads the file again in one pass (the records may be partly added).
   */
  boolean addTo(Snapshot records, Map<String, FieldType> seen) {
    Half second;
    try {
      second = half.join();
    } catch (CompletionException e) {
      return false;
    }
    for (String key : second.records().keys()) {
      if (records.put(key, second.records().get(key)) != null) {
        return false;
      }
    }
    second
        .seen()
        .forEach(
            (field, type) -> {
              FieldType before = seen.get(field);
              if (before == null) {
                seen.put(field, type);
              } else if (type != null && before != type) {
                seen.put(field, before.widen(type));
              }
            });
    return true;
  }

  /**
   * The offset of a {@code {}} near the middle that follows a {@code }} and a comma, or -1. Only
   * UTF-8 without a byte order mark is split, so that the parser's byte offsets are file offsets.
   */
  private static long guess(Path path, long size) {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(1);
      channel.read(head, 0);
      byte first = head.get(0);
      if (first != '[' && first != '{' && first != ' ' && first != '\n' && first != '\r') {
        return -1;
      }
      // A little before the middle: the first reader also skips what the second reads.
      long from = size * 45 / 100;
      ByteBuffer window = ByteBuffer.allocate((int) Math.min(WINDOW, size - from));
      channel.read(window, from);
      byte[] bytes = window.array();
      for (int i = 0; i < window.position(); i++) {
        if (bytes[i] == '}') {
          int next = afterBlanks(bytes, i + 1, window.position());
          if (next >= 0 && bytes[next] == ',') {
            int item = afterBlanks(bytes, next + 1, window.position());
            if (item >= 0 && bytes[item] == '{') {
              return from + item;
            }
          }
        }
      }
      return -1;
    } catch (IOException e) {
      return -1; // the one-pass read reports it
    }
  }

  private static int afterBlanks(byte[] bytes, int from, int end) {
    for (int i = from; i < end; i++) {
      byte b = bytes[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return i;
      }
    }
    return -1;
  }

  /** {@code [} then the file from {@code at} on: a list whose first item is the guessed one. */
  private static InputStream secondHalf(Path path, long at) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ).position(at);
    return new SequenceInputStream(
        new ByteArrayInputStream(new byte[] {'['}),
        new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
  }
}
