package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValueDiffTest {

  /**
   * base, file, database of a field {@code v} → each difference as {@code path base file db}
   * ({@code -} where a side has none, {@code !} after a conflict), and the top-level parts the
   * same.
   */
  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("1", "2", "3", "v 1 2 3 !", 0),
        Arguments.of("[1,2,3,4]", "[9,2,3,4]", "[1,2,8,4]", "v[0] 1 9 1 | v[2] 3 3 8", 2),
        Arguments.of(
            "[{\"s\":0,\"t\":0},5]",
            "[{\"s\":1,\"t\":0},5]",
            "[{\"s\":2,\"t\":0},6]",
            "v[0].s 0 1 2 ! | v[1] 5 5 6",
            0),
        Arguments.of("[1,2]", "[1,2]", "[1,2,3]", "v[2] - - 3", 2),
        Arguments.of("[1,2,3]", "[1,3]", "[1,2,3]", "v[1] 2 - 2", 2),
        Arguments.of("[1,2]", "[1,5,2]", "[1,6,2]", "v[1:1] [] [5] [6] !", 2),
        Arguments.of("[1,2,3]", "[1,9,3]", "[1,3]", "v[1:2] [2] [9] [] !", 2),
        Arguments.of(
            "{\"a\":1,\"b c\":{\"x\":[1]}}",
            "{\"a\":1,\"b c\":{\"x\":[2]}}",
            "{\"a\":1,\"b c\":{\"x\":[3]},\"d\":0}",
            "v[\"b c\"].x[0] 1 2 3 ! | v.d - - 0",
            1));
  }

  @ParameterizedTest(name = "base={0} file={1} db={2} → {3}")
  @MethodSource("values")
  void eachPathThatDiffersIsListedWithItsThreeValues(
      String base, String file, String db, String expected, int same) {
    ValueDiff diff = ValueDiff.of("v", json(base), json(file), json(db));

    assertThat(
            diff.differences().stream()
                .map(
                    d ->
                        d.path()
                            + " "
                            + shown(d.base())
                            + " "
                            + shown(d.file())
                            + " "
                            + shown(d.database())
                            + (d.conflict() ? " !" : ""))
                .collect(Collectors.joining(" | ")))
        .isEqualTo(expected);
    assertThat(diff.same()).isEqualTo(same);
  }

  @Test
  void aLongListWithOneConflictingElementNamesThatElementsMember() {
    String base = matches(380, -1, "1-0");
    String file = matches(380, 3, "2-0");
    String db = matches(380, 3, "1-1");

    ValueDiff diff = ValueDiff.of("matches", json(base), json(file), json(db));

    assertThat(diff.differences())
        .extracting(ValueDiff.Difference::path)
        .containsExactly("matches[3].score");
    assertThat(diff.conflicts()).hasSize(1);
    assertThat(diff.same()).isEqualTo(379);
  }

  /** {@code count} matches, all scored "0-0" but the one at {@code at}, scored {@code score}. */
  static String matches(int count, int at, String score) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                "{\"round\":"
                    + i
                    + ",\"score\":\""
                    + (i == at ? score : "0-0")
                    + "\",\"venue\":\"Ground "
                    + i
                    + "\"}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static String shown(Value value) {
    return value == null ? "-" : value.display();
  }

  private static Value json(String text) {
    return CanonicalJson.parse(text);
  }
}
