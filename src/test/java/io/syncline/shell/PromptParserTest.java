package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

/** The words TAB sees, and what it inserts, read back by {@link LineParser} as one word. */
class PromptParserTest {
  final PromptParser parser = new PromptParser();

  CompletingParsedLine atEnd(String line) {
    return (CompletingParsedLine) parser.parse(line, line.length(), ParseContext.COMPLETE);
  }

  @Test
  void aKeyWithASpaceIsInsertedQuotedAndReadBackAsOneSelector() {
    CompletingParsedLine line = atEnd("diff language/Zz");

    String inserted = line.escape("language/Zzz Lang", false).toString();

    assertThat(inserted).isEqualTo("'language/Zzz Lang'");
    assertThat(LineParser.words("diff " + inserted)).containsExactly("diff", "language/Zzz Lang");
  }

  @Test
  void aFieldTypedAfterAQuotedKeyIsPartOfTheSameWord() {
    CompletingParsedLine line = atEnd("diff 'language/Zzz Lang'.na");

    assertThat(line.words()).containsExactly("diff", "language/Zzz Lang.na");
    assertThat(line.wordIndex()).isEqualTo(1);
    assertThat(line.word().substring(0, line.wordCursor())).isEqualTo("language/Zzz Lang.na");
    assertThat(line.rawWordLength()).isEqualTo("'language/Zzz Lang'.na".length());
    assertThat(line.escape("language/Zzz Lang.name", true).toString())
        .isEqualTo("'language/Zzz Lang.name'");
  }

  @Test
  void aQuoteTheUserOpenedIsKeptAndClosed() {
    CompletingParsedLine line = atEnd("stage \"language/Zz");

    assertThat(line.word()).isEqualTo("language/Zz");
    assertThat(line.escape("language/Zzz \"Lang\"", false).toString())
        .isEqualTo("\"language/Zzz \\\"Lang\\\"\"");
    assertThat(LineParser.words("stage \"language/Zzz \\\"Lang\\\"\""))
        .containsExactly("stage", "language/Zzz \"Lang\"");
  }

  @Test
  void aWordWithNothingToQuoteGoesInAsIs() {
    assertThat(atEnd("diff country/A").escape("country/AW", false).toString())
        .isEqualTo("country/AW");
  }

  @Test
  void theCursorAfterASpaceStartsANewEmptyWord() {
    CompletingParsedLine line = atEnd("resolve 'a b' --take ");

    assertThat(line.words()).containsExactly("resolve", "a b", "--take", "");
    assertThat(line.wordIndex()).isEqualTo(3);
    assertThat(line.rawWordLength()).isZero();
  }

  @Test
  void enterOnAnOpenQuoteContinuesTheLine() {
    assertThatThrownBy(() -> parser.parse("resolve x --value '{", 20, ParseContext.ACCEPT_LINE))
        .isInstanceOf(EOFError.class);
  }
}
