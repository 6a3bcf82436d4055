package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListEditsTest {

  /** {@code a b' c}: elements keyed k, b' being b with another value. */
  private static Value list(String elements) {
    StringBuilder json = new StringBuilder("[");
    for (String element : elements.equals("-") ? new String[0] : elements.split(" ")) {
      String key = element.replace("'", "");
      json.append(json.length() > 1 ? "," : "")
          .append("{\"k\": \"")
          .append(key)
          .append("\", \"v\": ")
          .append(element.endsWith("'") ? 2 : 1)
          .append('}');
    }
    return CanonicalJson.parse(json.append(']').toString());
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a b c  | a b c     | unchanged
          a b c  | c a b' d  | 1 inserted, 1 updated, 1 moved
          a b c  | a c       | 1 deleted
          a b c  | b a c     | 1 moved
          -      | a b       | 2 inserted
          a b    | -         | 2 deleted
          a b c  | a x b' y  | 2 inserted, 1 updated, 1 deleted
          """)
  void countsWhatBecameOfTheElementsByTheirKeys(String before, String after, String expected) {
    ChildList keyed = ChildList.of("tasks", "k");

    assertThat(ListEdits.between(keyed, list(before), list(after)).describe()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a b c  | a b c     | unchanged
          a b c  | a x b c   | 1 inserted, 2 updated
          a b c  | a b       | 1 deleted
          a b    | b a       | 2 updated
          """)
  void aListWithoutKeysMatchesElementsByPlace(String before, String after, String expected) {
    ChildList positional = ChildList.of("links", null);

    assertThat(ListEdits.between(positional, list(before), list(after)).describe())
        .isEqualTo(expected);
  }
}
