package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A file read for a few of its records: the records' bytes and those around them kept, every other
 * question refused (so that the patch falls back to the whole text rather than guess), and what one
 * pass learns of the whole file right at any buffer size.
 */
class FileExcerptsTest {
  /** One file for every try, made at the first: jqwik's tries run one after the other. */
  private static Path file;

  private static final String FAR = " ".repeat(FileExcerpts.MARGIN * 3);

  /** Three records, far enough apart that the middle one's excerpt holds neither other. */
  private static final String TEXT =
      "[{\"id\": \"a\", \"n\": 1},"
          + FAR
          + "{\"id\": \"b\", \"n\": 2},"
          + FAR
          + "{\"id\": \"c\", \"n\": 3}]";

  @Test
  void aRecordAndTheBytesAroundItAreKeptAndNothingElse() throws IOException {
    FileExcerpts b = excerpts(TEXT, 1, 5);
    int start = TEXT.indexOf("{\"id\": \"b\"");
    int end = TEXT.indexOf('}', start) + 1;

    assertThat(b.length()).isEqualTo(TEXT.length());
    assertThat(b.substring(start, end)).isEqualTo("{\"id\": \"b\", \"n\": 2}");
    assertThat(b.charAt(start - FileExcerpts.MARGIN)).isEqualTo(' ');
    assertThat(b.charAt(end + FileExcerpts.MARGIN - 1)).isEqualTo(' ');
    assertThat(b.indexOf('2', start)).isEqualTo(TEXT.indexOf('2'));
    assertThat(b.isAscii()).isTrue();

    assertThatThrownBy(() -> b.charAt(start - FileExcerpts.MARGIN - 1))
        .isInstanceOf(FileExcerpts.NotKept.class);
    assertThatThrownBy(() -> b.charAt(end + FileExcerpts.MARGIN))
        .isInstanceOf(FileExcerpts.NotKept.class);
    assertThatThrownBy(() -> b.charAt(0)).isInstanceOf(FileExcerpts.NotKept.class);
    assertThatThrownBy(() -> b.substring(start, end + FileExcerpts.MARGIN + 1))
        .isInstanceOf(FileExcerpts.NotKept.class);
    // The next '3' is in c, which was not kept: not "none", but "not known".
    assertThatThrownBy(() -> b.indexOf('3', start)).isInstanceOf(FileExcerpts.NotKept.class);
    assertThatThrownBy(b::escapeFormat).isInstanceOf(FileExcerpts.NotKept.class);
  }

  @Test
  void anExcerptThatReachesTheEndKnowsWhatIsNotInTheFile() throws IOException {
    FileExcerpts c = excerpts(TEXT, 2, 64);

    assertThat(c.indexOf('x', TEXT.indexOf("{\"id\": \"c\""))).isEqualTo(-1);
    assertThat(c.indexOf(']', TEXT.indexOf("{\"id\": \"c\""))).isEqualTo(TEXT.length() - 1);
    assertThat(c.indexOf('x', TEXT.length())).isEqualTo(-1);
    assertThat(c.substring(3, 3)).isEmpty(); // nothing asked of bytes not kept
  }

  @Test
  void aFileOfAnotherSizeIsNotTakenApartAndOneOfAnotherChecksumIsNotUnchanged() throws IOException {
    byte[] bytes = TEXT.getBytes(StandardCharsets.US_ASCII);
    write(bytes);
    RecordSpans spans = spansOf(TEXT);
    long crc = crc(bytes);

    assertThat(FileExcerpts.read(file, bytes.length, crc, spans, new int[] {1}, 7).unchanged())
        .isTrue();
    assertThat(FileExcerpts.read(file, bytes.length, crc + 1, spans, new int[] {1}, 7).unchanged())
        .isFalse();
    assertThat(FileExcerpts.read(file, bytes.length - 1, crc, spans, new int[] {1}, 7)).isNull();
    assertThat(FileExcerpts.read(file, bytes.length + 1, crc, spans, new int[] {1}, 7)).isNull();
  }

  /**
   * One byte changed anywhere, in a kept record or between them, is found by the pass over the
   * file, wherever the buffer's edges fall.
   */
  @Property(tries = 500)
  void anyByteChangedSinceTheExcerptsWereReadIsFound(
      @ForAll @IntRange(min = 0, max = 10_000) int where,
      @ForAll @IntRange(min = 1, max = 600) int chunk)
      throws IOException {
    byte[] bytes = TEXT.getBytes(StandardCharsets.US_ASCII);
    write(bytes);
    FileExcerpts b =
        FileExcerpts.read(file, bytes.length, crc(bytes), spansOf(TEXT), new int[] {1}, chunk);
    byte[] edited = bytes.clone();
    int at = where % bytes.length;
    edited[at] = (byte) (edited[at] == 'x' ? 'y' : 'x');
    write(edited);

    assertThat(b.unchanged()).isFalse();
    write(bytes);
    assertThat(b.unchanged()).isTrue();
  }

  /**
   * A record read while the file was edited, then put back as it was, is not written into the new
   * bytes: its size and checksum are right again, its kept bytes are not those of the file.
   */
  @Test
  void keptBytesReadFromAnEditSinceUndoneAreRefusedAsTheNewBytesAreWritten() throws IOException {
    byte[] bytes = TEXT.getBytes(StandardCharsets.US_ASCII);
    String edited = TEXT.replace("\"n\": 2", "\"n\": 9");
    write(edited.getBytes(StandardCharsets.US_ASCII));
    FileExcerpts b =
        FileExcerpts.read(file, bytes.length, crc(bytes), spansOf(TEXT), new int[] {1}, 64);
    write(bytes);
    TextEdits edits = new TextEdits();
    int n = TEXT.indexOf("\"n\": 1") + 5;
    edits.replace(n, n + 1, "100"); // a's n, outside b's excerpt
    SplicedBytes spliced = edits.applyToAscii(b);

    assertThat(b.unchanged()).isFalse();
    assertThatThrownBy(() -> spliced.forEachPiece(100, (piece, offset, length) -> {}))
        .isInstanceOf(SplicedBytes.OriginChanged.class);
  }

  /** ASCII is told of the kept bytes: a record is patched in place however its neighbours spell. */
  @Test
  void asciiIsToldOfTheKeptBytesAlone() throws IOException {
    String farAway = TEXT.replace("\"n\": 3", "\"é\": 3");
    String inB = TEXT.replace("\"n\": 2", "\"é\": 2");

    assertThat(excerptsOfUtf8(farAway, 1).isAscii()).isTrue();
    assertThat(excerptsOfUtf8(inB, 1).isAscii()).isFalse();
    assertThat(excerptsOfUtf8(farAway, 2).isAscii()).isFalse();
  }

  /** CR LF is told right wherever the buffer's edges fall, a CR LF across one too. */
  @Property(tries = 2000)
  void crLfIsToldRightAtAnyBufferSize(
      @ForAll("texts") String text, @ForAll @IntRange(min = 1, max = 17) int chunk)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(bytes);

    FileExcerpts excerpts =
        FileExcerpts.read(file, bytes.length, crc(bytes), RecordSpans.keeping(), new int[0], chunk);

    assertThat(excerpts.hasCrLf()).isEqualTo(text.contains("\r\n"));
  }

  /** The kept bytes are the file's, wherever the buffer's edges cut the records. */
  @Property(tries = 500)
  void theKeptBytesAreTheFilesAtAnyBufferSize(
      @ForAll @IntRange(min = 1, max = 40) int records,
      @ForAll @IntRange(min = 0, max = 600) int gap,
      @ForAll @IntRange(min = 1, max = 4096) int chunk)
      throws IOException {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < records; i++) {
      text.append(i == 0 ? "" : ",").append(" ".repeat(gap)).append("{\"id\": \"k" + i + "\"}");
    }
    String whole = text.append("]").toString();
    byte[] bytes = whole.getBytes(StandardCharsets.US_ASCII);
    write(bytes);
    RecordSpans spans = spansOf(whole);
    int[] every = new int[records];
    for (int i = 0; i < records; i++) {
      every[i] = i;
    }

    FileExcerpts kept = FileExcerpts.read(file, bytes.length, crc(bytes), spans, every, chunk);

    for (int i = 0; i < records; i++) {
      assertThat(kept.substring(spans.start(i), spans.end(i)))
          .isEqualTo(whole.substring(spans.start(i), spans.end(i)));
    }
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("a\r\n{}é").ofMinLength(0).ofMaxLength(40);
  }

  private static FileExcerpts excerpts(String text, int position, int chunk) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    write(bytes);
    FileExcerpts excerpts =
        FileExcerpts.read(
            file, bytes.length, crc(bytes), spansOf(text), new int[] {position}, chunk);
    assertThat(excerpts).isNotNull();
    return excerpts;
  }

  /**
   * The excerpt of the record at {@code position} of a text whose other records' keys are ASCII.
   */
  private static FileExcerpts excerptsOfUtf8(String text, int position) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    write(bytes);
    RecordSpans spans = RecordSpans.keeping();
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = text.indexOf('}', start) + 1;
      int from = utf8Length(text, start);
      spans.add(
          "k" + spans.size(), from, from + utf8Length(text.substring(start, end), end - start));
    }
    return FileExcerpts.read(file, bytes.length, crc(bytes), spans, new int[] {position}, 64);
  }

  private static int utf8Length(String text, int chars) {
    return text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
  }

  private static void write(byte[] bytes) throws IOException {
    if (file == null) {
      file = Files.createTempFile("excerpts", ".json");
      file.toFile().deleteOnExit();
    }
    Files.write(file, bytes);
  }

  private static long crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }

  private static RecordSpans spansOf(String text) {
    return SplicedBytesTest.spansOf(text);
  }
}
