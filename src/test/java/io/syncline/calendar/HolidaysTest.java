package io.syncline.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.HolidayRules;
import java.time.LocalDate;
import java.time.Year;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The days off against the federal government's own lists: Portaria MGI 9.783/2024 (2025) and
 * 11.460/2025 (2026), with 20 November by Lei 14.759/2023.
 */
class HolidaysTest {
  static final Holidays BRAZIL = Holidays.of(HolidayRules.of("BR"));

  @Test
  void brazilsHolidaysOf2025AreTheFeriadosOfThePortaria() {
    assertThat(BRAZIL.daysOff(Year.of(2025)))
        .containsExactly(
            dates(
                "2025-01-01",
                "2025-04-18",
                "2025-04-21",
                "2025-05-01",
                "2025-09-07",
                "2025-10-12",
                "2025-11-02",
                "2025-11-15",
                "2025-11-20",
                "2025-12-25"));
  }

  @Test
  void brazilsHolidaysOf2026AreTheFeriadosOfThePortaria() {
    assertThat(BRAZIL.daysOff(Year.of(2026)))
        .containsExactly(
            dates(
                "2026-01-01",
                "2026-04-03",
                "2026-04-21",
                "2026-05-01",
                "2026-09-07",
                "2026-10-12",
                "2026-11-02",
                "2026-11-15",
                "2026-11-20",
                "2026-12-25"));
  }

  @Test
  void optionalDaysAddCarnivalMondayAndTuesdayAshWednesdayAndCorpusChristi() {
    Holidays withOptional = Holidays.of(HolidayRules.of("BR").withOptionalDays());

    assertThat(withOptional.daysOff(Year.of(2025)))
        .containsExactlyElementsOf(
            sorted(
                BRAZIL.daysOff(Year.of(2025)),
                dates("2025-03-03", "2025-03-04", "2025-03-05", "2025-06-19")));
    assertThat(withOptional.daysOff(Year.of(2026)))
        .containsExactlyElementsOf(
            sorted(
                BRAZIL.daysOff(Year.of(2026)),
                dates("2026-02-16", "2026-02-17", "2026-02-18", "2026-06-04")));
  }

  @Test
  void aSubdivisionAddsItsOwnHolidays() {
    Holidays saoPaulo = Holidays.of(HolidayRules.of("br-sp"));

    assertThat(saoPaulo.daysOff(Year.of(2026)))
        .containsExactlyElementsOf(sorted(BRAZIL.daysOff(Year.of(2026)), dates("2026-07-09")));
  }

  @Test
  void theCompanysOwnDaysOffCountInTheirYearOnly() {
    Holidays company =
        Holidays.of(
            HolidayRules.of("BR")
                .withDaysOff(Set.of(dates("2025-12-24", "2025-12-31", "2026-01-02"))));

    assertThat(company.daysOff(Year.of(2025)))
        .containsExactlyElementsOf(
            sorted(BRAZIL.daysOff(Year.of(2025)), dates("2025-12-24", "2025-12-31")));
    assertThat(company.isWorkingDay(LocalDate.parse("2026-01-02"))).isFalse();
    assertThat(company.isWorkingDay(LocalDate.parse("2026-01-05"))).isTrue();
  }

  @Test
  void noneKnowsOnlyWeekendsAndTheCompanysDaysOff() {
    Holidays none = Holidays.of(HolidayRules.of("none").withDaysOff(Set.of(dates("2025-08-19"))));

    assertThat(none.daysOff(Year.of(2025))).containsExactly(dates("2025-08-19"));
    assertThat(none.isWorkingDay(LocalDate.parse("2025-12-25"))).isTrue();
    assertThat(none.isWorkingDay(LocalDate.parse("2025-12-27"))).isFalse();
  }

  @Test
  void anUnknownRegionIsNamedWithWhatThereIs() {
    assertThatThrownBy(() -> Holidays.of(HolidayRules.of("XX")))
        .isInstanceOf(UnknownHolidayRegion.class)
        .hasMessage(
            "holidays: no holiday calendar for XX; give an ISO 3166 country code such as BR, PT or"
                + " US, or none");
    assertThatThrownBy(() -> Holidays.of(HolidayRules.of("BR-ZZ")))
        .isInstanceOf(UnknownHolidayRegion.class)
        .hasMessage(
            "holidays: BR-ZZ: the calendar has no subdivision ZZ; it has GO, MG, MS, PB, PE, PR,"
                + " RJ, RN, RS, SP");
    assertThatThrownBy(() -> Holidays.of(HolidayRules.of("PT").withOptionalDays()))
        .isInstanceOf(UnknownHolidayRegion.class)
        .hasMessage(
            "holidays: optional days are known for BR only, not for PT; list the days in days_off"
                + " instead");
  }

  static LocalDate[] dates(String... texts) {
    return Stream.of(texts).map(LocalDate::parse).toArray(LocalDate[]::new);
  }

  static Iterable<LocalDate> sorted(Set<LocalDate> some, LocalDate... more) {
    return Stream.concat(some.stream(), Stream.of(more)).sorted().toList();
  }
}
