package io.syncline.formats;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Progress;
import io.syncline.core.Snapshot;
import io.syncline.runtime.Background;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads a large JSON list of records on two cores: the second half of the list is read by another
 * thread while this one reads the first.
 *
 * <p>Where the second half starts is a guess made from bytes near the middle of the file: a {@code
 * }} then a comma then a {@code {}, blanks between. The guess can be wrong (those bytes may be
 * inside a string), so it is checked, not trusted: the first reader parses the file from its start
 * as usual, and the guess holds only when a list item of its own starts exactly at that byte; then
 * it stops there. From a true item start, JSON reads the same whatever came before, so the other
 * thread's records are exactly the ones a single pass would have read. A wrong guess costs nothing
 * but the other thread's work: the first reader just goes on reading records to the end.
 *
 * <p>The other thread reads up to the list's closing bracket. What follows it (the closing brackets
 * of the list's ancestors, and any members after the list) is checked by the first thread once the
 * second is done: the ancestors' opening text the first reader saw, then {@code []}, then those
 * bytes, must be one JSON document. So every byte of the file is parsed once, by one of the two.
 *
 * <p>Anything the second half cannot take (a bad record, a key also in the first half, a bad tail)
 * is not reported from here: the file is read again in one pass, which names the problem with its
 * exact line and column.
 */
final class SplitRead {
  /** Smaller files are read in one pass: the other thread would cost more than it saves. */
  static final long FROM_BYTES = 16L << 20;

  private static final int WINDOW = 1 << 20;

  private static final Executor SECOND_CORE = Background.threads("syncline-read");

  private final Path path;
  private final RecordReader reader;
  private final Progress.Counter counter;
  private final CompletableFuture<Half> half;
  private final long offset;

  /** The second half's records and types, and the file offset just after the list's end. */
  private record Half(
      Snapshot records, Map<String, FieldType> seen, RecordSpans spans, long tailFrom) {}

  private SplitRead(
      Path path,
      RecordReader reader,
      Progress.Counter counter,
      CompletableFuture<Half> half,
      long offset) {
    this.path = path;
    this.reader = reader;
    this.counter = counter;
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
  static Optional<SplitRead> start(Entity entity, Path path, String name, long size) {
    long at = guess(path, size);
    if (at < 0) {
      return Optional.empty();
    }
    Map<String, FieldType> seen = new LinkedHashMap<>();
    Snapshot records = new Snapshot();
    // The load's counter has one writer, the first reader; it adds this one's count in while it
    // waits for this half (see addTo).
    Progress.Counter counted = new Progress.Counter(name, "", -1);
    RecordSpans spans = RecordSpans.keeping();
    RecordReader reader =
        new RecordReader(entity, name, records, seen, null, counted).keeping(spans);
    CompletableFuture<Half> half =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = secondHalf(path, at);
                  JsonParser parser = Parsers.open(path, in)) {
                reader.readListFrom(parser);
                // the list's ']' is at this offset in a stream that starts with one '[' of ours
                long end = parser.currentTokenLocation().getByteOffset();
                return new Half(records, seen, spans, at + end);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              } catch (StackOverflowError e) {
                throw new IllegalStateException(e);
              }
            },
            SECOND_CORE);
    return Optional.of(new SplitRead(path, reader, counted, half, at));
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
   * added them; false when the second half failed, a key is in both halves or the file's tail is
   * not what the document's start opened, and then the caller reads the file again in one pass (the
   * records may be partly added).
   *
   * @param spans the first half's record spans, which the second half's are added to when kept
   * @param progress the load's counter, which this thread writes: the second half's count is added
   *     in while it waits
   * @param ancestors what the first reader saw open around the list ({@link
   *     RecordReader#ancestors()})
   */
  boolean addTo(
      Snapshot records,
      Map<String, FieldType> seen,
      RecordSpans spans,
      Progress.Counter progress,
      String ancestors) {
    Half second = await(progress);
    if (second == null || !tailIsValid(ancestors, second.tailFrom())) {
      return false;
    }
    progress.set(records.size() + second.records().size());
    if (records.absorb(second.records()) != null) {
      return false;
    }
    if (spans.kept()) {
      spans.addAll(second.spans(), offset - 1); // its stream is '[' then the file from offset on
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

  /** The second half, counting its records into {@code progress} meanwhile; null if it failed. */
  private Half await(Progress.Counter progress) {
    long first = progress.done();
    while (true) {
      try {
        return half.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillReading) {
        progress.set(first + counter.done());
      } catch (ExecutionException | CancellationException e) {
        return null;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /**
   * Whether the bytes from {@code from} on close what {@code ancestors} opened, and nothing comes
   * after: {@code ancestors}, {@code []} and those bytes read as exactly one JSON document.
   */
  private boolean tailIsValid(String ancestors, long from) {
    byte[] head = (ancestors + "[]").getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ).position(from);
        InputStream in =
            new SequenceInputStream(
                new ByteArrayInputStream(head),
                new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        JsonParser parser = Parsers.open(path, in)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        if (depth == 0) {
          return parser.nextToken() == null;
        }
      }
      return false; // the file ends inside the document
    } catch (IOException | JacksonException e) {
      return false;
    }
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
      long from = size / 2;
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
