package io.syncline.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A decimal is bound as its own digits only where they are exactly its value's plain text. */
class RowValuesTest {
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
    assertThat(RowValues.isPlainFraction(text)).isEqualTo(plain);
    if (plain) {
      BigDecimal value = new BigDecimal(text);
      assertThat(value.toPlainString()).isEqualTo(text);
      assertThat(value.stripTrailingZeros().scale()).isPositive();
    }
  }
}
