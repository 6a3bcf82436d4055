package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListPositionsTest {

  @ParameterizedTest(name = "base {0}, file order {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          -               | a b c     | 1 2 3
          a=1 b=2 c=3     | a b c     | 1 2 3
          a=1 b=2 c=3     | a x b c   | 1 1.5 2 3
          a=1 b=2 c=3     | a c       | 1 3
          a=1 b=2 c=3     | c a b     | 0 1 2
          a=1 b=2 c=3     | a b c x y | 1 2 3 4 5
          a=1 b=2         | a x y b   | 1 1.25 1.5 2
          a=1 b=2 c=3     | a x y z b | 1 1.25 1.5 1.75 2
          a=1 b=2 c=3     | b a c     | 0 1 3
          a=1.5 b=2       | x a b     | 1 1.5 2
          a=5 b=7         | a b x     | 5 7 8
          a=2.5           | a x       | 2.5 3
          -               | a         | 1
          a=4             | a         | 4
          a=4             | x         | 1
          a=1 b=2 c=3     | c b a     | -1 0 1
          a=1 b=2 c=3 d=4 | b a d c   | 0 1 2 3
          a=1 b=1         | a b       | 0 1
          a=1 b=2 c=3     | x y       | 1 2
          a=-3 b=-1       | x a b     | -4 -3 -1
          a=1 b=2         | a w x y z b | 1 1.125 1.25 1.375 1.5 2
          """)
  void keepsPositionsOfElementsThatDidNotMove(String base, String order, String expected) {
    Map<String, BigDecimal> byKey = new LinkedHashMap<>();
    if (!base.equals("-")) {
      for (String pair : base.split(" ")) {
        String[] kv = pair.split("=");
        byKey.put(kv[0], new BigDecimal(kv[1]));
      }
    }
    String[] keys = order.isEmpty() ? new String[0] : order.split(" ");
    BigDecimal[] basePositions = Arrays.stream(keys).map(byKey::get).toArray(BigDecimal[]::new);

    BigDecimal[] positions = ListPositions.of(basePositions);

    assertThat(String.join(" ", ListPositions.plain(positions))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void anEmptyListHasNoPositions() {
    assertThat(ListPositions.of(new BigDecimal[0])).isEmpty();
  }
}
