package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class WorkDurationPropertiesTest {
  /** English and Portuguese names of one unit, and its days in calendar and in business mode. */
  record Unit(String english, String portuguese, int calendar, int business) {}

  @Provide
  Arbitrary<Unit> units() {
    return Arbitraries.of(
        new Unit("days", "dias", 1, 1),
        new Unit("weeks", "semanas", 7, 5),
        new Unit("months", "meses", 30, 20));
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("99")).ofScale(2);
  }

  @Property
  void bothLanguagesReadTheSameDaysInBothModes(
      @ForAll("amounts") BigDecimal amount, @ForAll("units") Unit unit, @ForAll DayCount count) {
    String number = amount.toPlainString();
    WorkDuration english = WorkDuration.read(number + " " + unit.english(), count);
    WorkDuration portuguese =
        WorkDuration.read("cerca de " + number.replace('.', ',') + " " + unit.portuguese(), count);

    int perUnit = count == DayCount.CALENDAR ? unit.calendar() : unit.business();
    assertThat(english.days()).isEqualByComparingTo(amount.multiply(BigDecimal.valueOf(perUnit)));
    assertThat(portuguese).isEqualTo(english);
    assertThat(english.count()).isEqualTo(count);
  }

  @Property
  void aSumIsItsPartsAdded(
      @ForAll("amounts") BigDecimal first,
      @ForAll("units") Unit firstUnit,
      @ForAll("amounts") BigDecimal second,
      @ForAll("units") Unit secondUnit,
      @ForAll DayCount count) {
    BigDecimal apart =
        WorkDuration.read(first.toPlainString() + " " + firstUnit.english(), count)
            .days()
            .add(
                WorkDuration.read(second.toPlainString() + " " + secondUnit.portuguese(), count)
                    .days());

    WorkDuration sum =
        WorkDuration.read(
            first.toPlainString()
                + " "
                + firstUnit.english()
                + " e "
                + second.toPlainString()
                + " "
                + secondUnit.portuguese(),
            count);

    assertThat(sum.days()).isEqualByComparingTo(apart);
  }
}
