package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartStrategyTest {
  /** A week with no holidays: only Saturday and Sunday are off. */
  @ParameterizedTest(name = "{1} as of {0} is {2}")
  @CsvSource({
    "2025-08-18, immediate, 2025-08-18",
    "2025-08-17, next_monday, 2025-08-18",
    "2025-08-18, next_monday, 2025-08-25",
    "2025-08-23, next_monday, 2025-08-25",
    "2025-08-18, next_workday, 2025-08-19",
    "2025-08-22, next_workday, 2025-08-25",
    "2025-08-22, 2025-09-01, 2025-09-01",
  })
  void startsRelativeToTheAsOfDay(LocalDate asOf, String strategy, LocalDate start) {
    StartStrategy parsed = StartStrategy.parse(strategy);

    assertThat(parsed.from(asOf, WorkingDays.WEEKDAYS)).isEqualTo(start);
    assertThat(parsed.spelling()).isEqualTo(strategy);
  }

  @ParameterizedTest
  @CsvSource({"tomorrow", "next monday", "2025-02-30"})
  void anUnknownStrategyNamesTheAcceptedOnes(String strategy) {
    assertThatThrownBy(() -> StartStrategy.parse(strategy))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "expected immediate, next_monday, next_workday or a date YYYY-MM-DD, found \""
                + strategy
                + "\"");
  }
}
