package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.CanonicalJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowFormatTest {

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
    assertThat(RowFormat.looksCanonical(json)).isEqualTo(canonical);
    if (canonical) {
      assertThat(CanonicalJson.parse(json).canonical()).isEqualTo(json);
    }
  }
}
