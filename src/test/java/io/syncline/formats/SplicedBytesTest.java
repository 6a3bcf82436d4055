package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A patched file's new bytes, kept as the old bytes and the edits' replacements, come out piece by
 * piece exactly as one spliced array would hold them: no run dropped or written twice, at the start
 * or end of the file, between adjacent edits, around empty edits, at any piece size.
 */
class SplicedBytesTest {
  /** One file for every try, made at the first: jqwik's tries run one after the other. */
  private static Path file;

  @Test
  void editsAtTheVeryStartAndEndAndSideBySideLeaveNoByteOutAndNoneTwice() {
    TextEdits edits = new TextEdits();
    edits.replace(0, 1, "<"); // the very first byte
    edits.replace(2, 3, "C"); // then two edits side by side
    edits.replace(3, 4, "D");
    edits.insert(4, ""); // an edit that changes nothing
    edits.remove(5, 5); // and one of nothing at all
    edits.insert(6, ">"); // at the very end

    SplicedBytes spliced = edits.applyToAscii(origin("abcdef"));

    assertThat(pieces(spliced, 1)).isEqualTo("<bCDef>");
    assertThat(pieces(spliced, 2)).isEqualTo("<bCDef>");
    assertThat(pieces(spliced, 100)).isEqualTo("<bCDef>");
    assertThat(spliced.size()).isEqualTo(7);
    assertThat(spliced.isUnchanged()).isFalse();
  }

  @Test
  void theWholeFileReplacedOrEmptiedComesOutAsTheReplacement() {
    TextEdits all = new TextEdits();
    all.replace(0, 6, "xyz");
    TextEdits none = new TextEdits();
    none.remove(0, 6);

    assertThat(pieces(all.applyToAscii(origin("abcdef")), 2)).isEqualTo("xyz");
    assertThat(pieces(none.applyToAscii(origin("abcdef")), 2)).isEmpty();
    assertThat(none.applyToAscii(origin("abcdef")).size()).isZero();
  }

  @Test
  void editsThatWriteBackWhatWasThereLeaveTheBytesUnchanged() {
    TextEdits same = new TextEdits();
    same.replace(1, 3, "bc");
    TextEdits shifted = new TextEdits(); // "aab": "aa" for the first a, nothing for the second
    shifted.replace(0, 1, "aa");
    shifted.remove(1, 2);
    TextEdits moved = new TextEdits(); // "abcd": "ab" for the a, d removed, "bc" a byte later
    moved.replace(0, 1, "ab");
    moved.remove(3, 4);

    assertThat(same.applyToAscii(origin("abcd")).isUnchanged()).isTrue();
    assertThat(shifted.applyToAscii(origin("aab")).isUnchanged()).isTrue();
    assertThat(moved.applyToAscii(origin("abcd")).isUnchanged()).isFalse();
    assertThat(new TextEdits().applyToAscii(origin("abcd")).isUnchanged()).isTrue();
  }

  @Property(tries = 3000)
  void piecesOfAnySizeGiveTheBytesOfTheSplicedText(
      @ForAll("texts") String text,
      @ForAll("edits") List<TextEditsTest.Edit> edits,
      @ForAll @IntRange(min = 1, max = 9) int limit)
      throws IOException {
    TextEdits forward = new TextEdits();
    List<TextEditsTest.Edit> fitting = fitting(text, edits);
    fitting.forEach(e -> forward.replace(e.start(), e.start() + e.length(), e.text()));
    byte[] bytes = ascii(text);
    String expected = forward.applyTo(text);
    CRC32C crc = new CRC32C();
    crc.update(ascii(expected));

    SplicedBytes spliced = forward.applyToAscii(SplicedBytes.inMemory(bytes));
    SplicedBytes fromFile = forward.applyToAscii(excerptsOf(bytes, limit));

    for (SplicedBytes made : List.of(spliced, fromFile)) {
      assertThat(pieces(made, limit)).isEqualTo(expected);
      assertThat(made.toArray()).isEqualTo(ascii(expected));
      assertThat(made.size()).isEqualTo(expected.length());
      assertThat(made.crc32c()).isEqualTo(crc.getValue());
    }
    assertThat(spliced.isUnchanged()).isEqualTo(expected.equals(text));
    // Made from a file whose bytes were not kept, only what is known counts as unchanged.
    assertThat(fromFile.isUnchanged())
        .isEqualTo(
            expected.equals(text)
                && fitting.stream().allMatch(e -> e.text().isEmpty() && e.length() == 0));
  }

  @Test
  void bytesMadeFromAFileThatChangedSinceAreRefused() throws IOException {
    String text = "[{\"id\": \"a\", \"n\": 1}, {\"id\": \"b\", \"n\": 2}]";
    byte[] bytes = ascii(text);
    TextEdits edits = new TextEdits();
    edits.replace(text.indexOf('1'), text.indexOf('1') + 1, "100"); // a's n

    for (String changed :
        List.of(
            "[{\"id\": \"a\", \"n\": 1}, {\"id\": \"b\", \"n\": 3}]", // after the edit
            "[{\"id\": \"A\", \"n\": 1}, {\"id\": \"b\", \"n\": 2}]", // before it
            "[{\"id\": \"a\", \"n\": 1}, {\"id\": \"b\", \"n\": 2}", // shorter
            "[{\"id\": \"a\", \"n\": 1}, {\"id\": \"b\", \"n\": 2}]\n")) { // longer
      SplicedBytes spliced = edits.applyToAscii(excerptsOf(bytes, 4));
      assertThat(pieces(spliced, 100)).contains("\"n\": 100");
      Files.writeString(file, changed);

      assertThatThrownBy(() -> spliced.forEachPiece(100, (b, offset, length) -> {}))
          .as(changed)
          .isInstanceOf(SplicedBytes.OriginChanged.class);
      assertThatThrownBy(spliced::crc32c).isInstanceOf(SplicedBytes.OriginChanged.class);
    }
  }

  @Test
  void theRecordsOfAListMoveByWhatTheEditsBeforeThemAddedOrRemoved() {
    String text = "[{\"id\": \"a\", \"n\": 1},\n {\"id\": \"b\", \"n\": 22},\n {\"id\": \"c\"}]";
    String after = "[{\"id\": \"a\", \"n\": 100},\n {\"id\": \"b\", \"n\": 2},\n {\"id\": \"c\"}]";
    TextEdits edits = new TextEdits();
    edits.replace(text.indexOf("1}"), text.indexOf("1}") + 1, "100");
    edits.replace(text.indexOf("22"), text.indexOf("22") + 2, "2");

    RecordSpans shifted = edits.applyToAscii(origin(text)).shift(spansOf(text));

    assertThat(describe(shifted, after)).isEqualTo(describe(spansOf(after), after));
    assertThat(describe(shifted, after))
        .containsExactly(
            "a={\"id\": \"a\", \"n\": 100}", "b={\"id\": \"b\", \"n\": 2}", "c={\"id\": \"c\"}");
  }

  @Test
  void anInsertionRightBeforeARecordMovesItAndOneBeforeItsClosingBraceWidensIt() {
    String text = "[{\"id\": \"a\"},{\"id\": \"b\"}]";
    TextEdits edits = new TextEdits();
    int b = text.indexOf("{\"id\": \"b\"");
    edits.insert(b, " "); // between the records
    edits.insert(text.length() - 2, ", \"n\": 1"); // inside b, before its brace
    String after = "[{\"id\": \"a\"}, {\"id\": \"b\", \"n\": 1}]";

    RecordSpans shifted = edits.applyToAscii(origin(text)).shift(spansOf(text));

    assertThat(describe(shifted, after)).isEqualTo(describe(spansOf(after), after));
  }

  @Test
  void aRecordWhoseBraceAnEditReplacedHasNoKnownPlace() {
    String text = "[{\"id\": \"a\"},{\"id\": \"b\"}]";
    TextEdits opening = new TextEdits();
    opening.replace(text.lastIndexOf('{'), text.lastIndexOf('{') + 1, "{ ");
    TextEdits closing = new TextEdits();
    closing.replace(text.indexOf('}'), text.indexOf('}') + 2, "},");

    assertThat(opening.applyToAscii(origin(text)).shift(spansOf(text)).kept()).isFalse();
    assertThat(closing.applyToAscii(origin(text)).shift(spansOf(text)).kept()).isFalse();
    assertThat(new TextEdits().applyToAscii(origin(text)).shift(RecordSpans.NONE).kept()).isFalse();
  }

  /** The new bytes as text, handed over {@code limit} bytes at most at a time. */
  static String pieces(SplicedBytes spliced, int limit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      spliced.forEachPiece(
          limit,
          (bytes, offset, length) -> {
            assertThat(length).isBetween(1, limit);
            out.write(bytes, offset, length);
          });
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out.toString(StandardCharsets.US_ASCII);
  }

  /** The edits that fit the text and none before them overlaps: TextEdits refuses the others. */
  private static List<TextEditsTest.Edit> fitting(String text, List<TextEditsTest.Edit> edits) {
    List<TextEditsTest.Edit> sorted = new ArrayList<>(edits);
    sorted.sort(
        (x, y) ->
            x.start() != y.start()
                ? Integer.compare(x.start(), y.start())
                : Integer.compare(x.length(), y.length()));
    List<TextEditsTest.Edit> fitting = new ArrayList<>();
    int end = 0;
    for (TextEditsTest.Edit edit : sorted) {
      if (edit.start() >= end && edit.start() + edit.length() <= text.length()) {
        fitting.add(edit);
        end = edit.start() + edit.length();
      }
    }
    return fitting;
  }

  /** The spans of the records {@code {"id": "K"...}} of a one-line list, as load keeps them. */
  static RecordSpans spansOf(String text) {
    RecordSpans spans = RecordSpans.keeping();
    for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
      int end = text.indexOf('}', start) + 1;
      int key = text.indexOf("\"id\": \"", start) + 7;
      spans.add(text.substring(key, text.indexOf('"', key)), start, end);
    }
    return spans;
  }

  static List<String> describe(RecordSpans spans, String text) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      found.add(spans.key(i) + "=" + text.substring(spans.start(i), spans.end(i)));
    }
    return found;
  }

  /** A file holding {@code bytes}, known by none of them: read again whenever handed over. */
  private static FileExcerpts excerptsOf(byte[] bytes, int chunk) throws IOException {
    if (file == null) {
      file = Files.createTempFile("spliced", ".json");
      file.toFile().deleteOnExit();
    }
    Files.write(file, bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    FileExcerpts excerpts =
        FileExcerpts.read(
            file, bytes.length, crc.getValue(), RecordSpans.keeping(), new int[0], chunk);
    assertThat(excerpts).isNotNull();
    return excerpts;
  }

  private static SplicedBytes.Origin origin(String text) {
    return SplicedBytes.inMemory(ascii(text));
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abc\n").ofMinLength(0).ofMaxLength(30);
  }

  @Provide
  Arbitrary<List<TextEditsTest.Edit>> edits() {
    Arbitrary<TextEditsTest.Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 4),
                Arbitraries.strings().withChars("XYZ").ofMaxLength(4))
            .as(TextEditsTest.Edit::new);
    return edit.list().ofMaxSize(8);
  }
}
