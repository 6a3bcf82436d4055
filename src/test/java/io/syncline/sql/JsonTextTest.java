package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.CanonicalJson;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTextTest {

  @ParameterizedTest(name = "{0} is taken as canonical: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[\"a\",\"b\"]     | true",
        "3                 | true",
        "-7                | true",
        "[true,false,null] | true",
        "\"text\"          | true",
        "[]                | true",
        "[1, 2]            | false",
        "1.0               | false",
        "1e3               | false",
        "-0                | false",
        "007               | false",
        "{\"a\":1}         | true",
        "{}                | true",
        "{\"a\":1,\"b\":{\"c\":[]}} | true",
        "{\"b\":1,\"a\":2}   | false",
        "{\"a\":1,\"a\":2}   | false",
        "{\"a\" :1}        | false",
        "{\"a\":1,}        | false",
        "{\"a\":}          | false",
        "{\"a\"}           | false",
        "{1:2}             | false",
        "{\"a\\u0041\":1}  | false",
        "\"a\\u0041\"      | false",
        "[\"unterminated   | false",
        "nope              | false",
        "[1,]              | false",
        "[,]               | false",
        "[[1]              | false",
        "[1]]              | false",
        "[1][2]            | false",
        "\"a\"\"b\"          | false",
        "[\"a\",[2,[]]]      | true",
        "truex             | false"
      })
  void onlyTextThatIsAlreadyCanonicalIsSplicedAsStored(String json, boolean canonical) {
    assertThat(JsonText.looksCanonical(json)).isEqualTo(canonical);
    if (canonical) {
      assertThat(CanonicalJson.parse(json).canonical()).isEqualTo(json);
    }
  }

  /** The table in {@link JsonText}'s javadoc: what each rule takes, and where it stops. */
  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      value = {
        "whole        | -7             | 2",
        "whole        | -0             | 2",
        "whole        | 007            | -1",
        "whole        | -              | -1",
        "whole        | 1e3            | 1",
        "integer      | 58             | 2",
        "integer      | -0             | -1",
        "number       | 948.9          | 5",
        "number       | -0.25          | 5",
        "number       | 948.0          | -1",
        "number       | 5.             | -1",
        "number       | .5             | -1",
        "plainString  | '\"Lima\",1'   | 6",
        "plainString  | '\"a\\\"b\"'   | -1",
        "string       | '\"a\\\"b\"x' | 6",
        "string       | '\"open'       | -1",
        "nested       | '[1,{\"a\":\"]\"}],2' | 13",
        "nested       | '[[1]'         | -1",
      })
  void eachRuleAnswersTheEndOfWhatItTakes(String rule, String text, int end) {
    int n = text.length();
    int actual =
        switch (rule) {
          case "whole" -> JsonText.wholeEnd(text, 0, n);
          case "integer" -> JsonText.plainIntegerEnd(text, 0, n);
          case "number" -> JsonText.plainNumberEnd(text, 0, n);
          case "plainString" -> JsonText.plainStringEnd(text, 0, n);
          case "string" -> JsonText.stringEnd(text, 0, n);
          default -> JsonText.nestedEnd(text, 0, n);
        };
    assertThat(actual).isEqualTo(end);
  }

  /** A decimal is bound as its own digits only where they are exactly its value's plain text. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "948.9, true",
    "-0.25, true",
    "0.5, true",
    "10.125, true",
    "948.0, false",
    "948, false",
    "1.5e3, false",
    ".5, false",
    "5., false",
    "007.5, false",
    "-, false",
    "1.2.3, false",
  })
  void onlyAPlainFractionIsBoundAsItsDigits(String text, boolean plain) {
    assertThat(JsonText.isPlainFraction(text)).isEqualTo(plain);
    if (plain) {
      BigDecimal value = new BigDecimal(text);
      assertThat(value.toPlainString()).isEqualTo(text);
      assertThat(value.stripTrailingZeros().scale()).isPositive();
    }
  }
}
