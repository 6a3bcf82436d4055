package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@code journal save} and the conflict prompt write a word so the command line reads it back,
 * and how a database name shows in a message: each case as the user would read it.
 */
class QuotedWordsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "country/AW.name     | country/AW.name",
        "\"Aruba\"           | '\"Aruba\"'",
        "{\"a\": \"it's\"}   | \"{\\\"a\\\": \\\"it's\\\"}\"",
        "'tis                | \"'tis\"",
        "a b                 | 'a b'",
      })
  void aWordIsWrittenAsTheCommandLineReadsItBack(String word, String written) {
    assertThat(Journal.quote(word)).isEqualTo(written);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abcdefghijklmnopqrstuvwx   | `abcdefghijklmnopqrstuvwx`",
        "abcdefghijklmnopqrstuvwxy  | `abcdefghijklmnopqrstuvwx…`",
      })
  void aLongNameIsCutAfterTwentyFourCharacters(String name, String shown) {
    assertThat(SqlNames.shown(name)).isEqualTo(shown);
  }
}
