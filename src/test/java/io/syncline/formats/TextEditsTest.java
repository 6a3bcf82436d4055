package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/** Edits of one text land where they were aimed, in one pass, whatever order they came in. */
class TextEditsTest {
  @Test
  void insertionsAtTheSameOffsetAppearInTheOrderTheyWereAdded() {
    TextEdits edits = new TextEdits();
    edits.insert(2, "X");
    edits.insert(2, "Y");
    edits.insert(0, "<");
    edits.insert(2, "Z");

    assertThat(edits.applyTo("abcdef")).isEqualTo("<abXYZcdef");
  }

  @Test
  void anInsertionAtEitherEndOfAReplacementGoesBeforeOrAfterIt() {
    TextEdits edits = new TextEdits();
    edits.replace(1, 3, "-");
    edits.insert(3, ">");
    edits.insert(1, "<");

    assertThat(edits.applyTo("abcdef")).isEqualTo("a<->def");
  }

  @Test
  void editsAddedInAnyOrderLandWhereTheyWereAimed() {
    TextEdits edits = new TextEdits();
    edits.remove(5, 6);
    edits.replace(0, 1, "A");
    edits.insert(6, "!");
    edits.replace(2, 4, "");

    assertThat(edits.applyTo("abcdef")).isEqualTo("Abe!");
  }

  @Test
  void editsTouchingTheSameCharactersAreRefused() {
    TextEdits edits = new TextEdits();
    edits.replace(1, 3, "-");
    edits.replace(2, 4, "+");

    assertThatThrownBy(() -> edits.applyTo("abcdef"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("overlapping edits at 1..3");
  }

  @Test
  void anInsertionInsideAReplacedRangeIsRefused() {
    TextEdits edits = new TextEdits();
    edits.insert(2, "X");
    edits.replace(1, 3, "-");

    assertThatThrownBy(() -> edits.applyTo("abcdef"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("overlapping edits at 1..3");
  }

  @Test
  void anEditPastTheEndOfTheTextIsRefused() {
    TextEdits edits = new TextEdits();
    edits.replace(4, 7, "-");

    assertThatThrownBy(() -> edits.applyTo("abcdef"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("overlapping edits at 4..7");
  }

  @Test
  void noEditsGiveTheSameText() {
    String text = "abc";

    assertThat(new TextEdits().applyTo(text)).isSameAs(text);
  }

  @Test
  void aHundredThousandEditsOfOneTextEachLandWhereAimed() {
    int records = 200_000;
    StringBuilder text = new StringBuilder();
    StringBuilder expected = new StringBuilder();
    int[] scoreAt = new int[records];
    for (int i = 0; i < records; i++) {
      text.append("{\"id\":").append(i).append(",\"score\":");
      scoreAt[i] = text.length();
      text.append("0},\n");
      expected.append("{\"id\":").append(i).append(",\"score\":").append(i % 2 == 0 ? i : 0);
      expected.append("},\n");
    }
    TextEdits edits = new TextEdits();
    for (int i = records - 2; i >= 0; i -= 2) { // every other record, added from the end
      edits.replace(scoreAt[i], scoreAt[i] + 1, Integer.toString(i));
    }

    assertThat(edits.applyTo(text.toString())).isEqualTo(expected.toString());
  }

  /** One edit as generated: where it starts, how many characters it replaces, with what. */
  record Edit(int start, int length, String text) {}

  @Property(tries = 2000)
  void theResultIsThatOfSplicingEachEditFromTheEndBackwards(
      @ForAll("texts") String text, @ForAll("edits") List<Edit> edits) {
    TextEdits forward = new TextEdits();
    edits.forEach(e -> forward.replace(e.start(), e.start() + e.length(), e.text()));

    String expected;
    try {
      expected = splicedBackwards(text, edits);
    } catch (IllegalStateException refused) {
      assertThatThrownBy(() -> forward.applyTo(text)).isInstanceOf(IllegalStateException.class);
      return;
    }
    assertThat(forward.applyTo(text)).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void theUtf8ResultIsTheStringResultEncoded(
      @ForAll("wideTexts") String text,
      @ForAll("wideEdits") List<Edit> edits,
      @ForAll boolean byteOrderMark) {
    TextEdits forward = new TextEdits();
    edits.forEach(e -> forward.replace(e.start(), e.start() + e.length(), e.text()));
    String prefix = byteOrderMark ? "\ufeff" : "";
    byte[] bytes = (prefix + text).getBytes(StandardCharsets.UTF_8);
    int from = prefix.getBytes(StandardCharsets.UTF_8).length;

    String expected;
    try {
      expected = prefix + forward.applyTo(text);
    } catch (IllegalStateException refused) {
      assertThatThrownBy(() -> forward.applyToUtf8(text, bytes, from))
          .isInstanceOf(IllegalStateException.class);
      return;
    }
    assertThat(forward.applyToUtf8(text, bytes, from).toArray())
        .isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aUtf8ResultCopiesTheBytesAroundEachEditAndEncodesOnlyTheReplacement() {
    TextEdits edits = new TextEdits();
    edits.replace(2, 3, "\u00fc");
    edits.insert(0, "\ud83d\ude00");
    byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 0xC3, (byte) 0xA9, '-', 'x'};

    assertThat(edits.applyToUtf8("\u00e9-x", bytes, 3).toArray())
        .isEqualTo("\ufeff\ud83d\ude00\u00e9-\u00fc".getBytes(StandardCharsets.UTF_8));
    assertThat(new TextEdits().applyToUtf8("\u00e9-x", bytes, 3).isUnchanged()).isTrue();
  }

  @Test
  void aUtf8ResultFindsEachEditPastLongAsciiRunsAndWideCharacters() {
    String ascii = "0123456789abcdefghij";
    String text =
        ascii + "\u00e9" + ascii + "\u20ac" + ascii + "\ud83d\ude00" + ascii + "\u00fc" + "xy";
    TextEdits edits = new TextEdits();
    for (int at = 3; at < text.length(); at += 11) {
      if (!Character.isLowSurrogate(text.charAt(at))) {
        edits.replace(at, at + 1, "[" + at + "]");
      }
    }

    assertThat(edits.applyToUtf8(text, text.getBytes(StandardCharsets.UTF_8), 0).toArray())
        .isEqualTo(edits.applyTo(text).getBytes(StandardCharsets.UTF_8));
  }

  /** Text beyond ASCII: two- and three-byte characters, surrogate pairs, CRLF. */
  @Provide
  Arbitrary<String> wideTexts() {
    return Arbitraries.of("a", "b", "\n", "\r\n", "\u00e9", "\u20ac", "\ud83d\ude00")
        .list()
        .ofMaxSize(20)
        .map(parts -> String.join("", parts));
  }

  /** As {@link #edits}, with replacements beyond ASCII too. */
  @Provide
  Arbitrary<List<Edit>> wideEdits() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 42),
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just(0)),
                    Tuple.of(3, Arbitraries.integers().between(1, 3)),
                    Tuple.of(1, Arbitraries.integers().between(4, 12))),
                Arbitraries.of("", "X", "\u00fc", "\u20ac", "\ud83d\ude00", "Y\r\n"))
            .as(Edit::new);
    return edit.list().ofMaxSize(8);
  }

  /** How TextEdits applied edits before its forward pass: each spliced into the whole text. */
  static String splicedBackwards(String text, List<Edit> edits) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer>comparingInt(i -> edits.get(i).start())
            .thenComparingInt(i -> edits.get(i).start() + edits.get(i).length())
            .thenComparingInt(i -> i)
            .reversed());
    StringBuilder out = new StringBuilder(text);
    int limit = text.length();
    for (int i : order) {
      Edit edit = edits.get(i);
      int end = edit.start() + edit.length();
      if (end > limit) {
        throw new IllegalStateException("overlapping edits at " + edit.start() + ".." + end);
      }
      out.replace(edit.start(), end, edit.text());
      limit = edit.start();
    }
    return out.toString();
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abc\n").ofMaxLength(40);
  }

  /** A few edits, mostly short and apart, some at the same offset, some overlapping. */
  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 42),
                Arbitraries.frequencyOf(
                    Tuple.of(3, Arbitraries.just(0)),
                    Tuple.of(3, Arbitraries.integers().between(1, 3)),
                    Tuple.of(1, Arbitraries.integers().between(4, 12))),
                Arbitraries.strings().withChars("XYZ").ofMaxLength(3))
            .as(Edit::new);
    return edit.list().ofMaxSize(8);
  }
}
