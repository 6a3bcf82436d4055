package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTest {
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | 1.0",
        "1e2 | 100",
        "-0.0 | 0",
        "{\"b\":1,\"a\":[1,2]} | {\"a\":[1,2],\"b\":1.00}",
        "\"2025-08-18\" | \"2025-08-18\"",
      })
  void valuesEqualByMeaningAreSame(String a, String b) {
    assertThat(CanonicalJson.parse(a).sameAs(CanonicalJson.parse(b))).isTrue();
  }

  @ParameterizedTest(name = "{0} ≠ {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 | \"1\"",
        "[1,2] | [2,1]",
        "true | 1",
        "null | \"\"",
        "{\"a\":1} | {\"a\":1,\"b\":2}"
      })
  void valuesThatDifferInMeaningDiffer(String a, String b) {
    assertThat(CanonicalJson.parse(a).sameAs(CanonicalJson.parse(b))).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "\"2025-08-18\" | DATE",
        "3 | INTEGER",
        "3.0 | INTEGER",
        "1.5 | DECIMAL",
        "true | BOOLEAN",
        "\"x\" | TEXT",
        "[1] | JSON"
      })
  void typesAreInferredFromValues(String json, FieldType type) {
    assertThat(FieldType.of(CanonicalJson.parse(json))).isEqualTo(type);
  }
}
