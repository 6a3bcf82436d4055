package io.syncline.calendar;

import de.focus_shift.jollyday.core.Holiday;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brazil's holidays as the federal government lists them (Portaria MGI 9.783/2024 for 2025,
 * 11.460/2025 for 2026; 20 November by Lei 14.759/2023), from Jollyday's BR calendar.
 *
 * <p>Jollyday lists Carnival Tuesday (not Monday), Ash Wednesday and Corpus Christi as holidays,
 * and Easter Sunday; by law the first three are pontos facultativos, optional days, and Easter is
 * on no list. So the national holidays (feriados) are Jollyday's less those four: for 2025 1 Jan,
 * 18 Apr (Good Friday), 21 Apr, 1 May, 7 Sep, 12 Oct, 2 Nov, 15 Nov, 20 Nov, 25 Dec. The optional
 * days are Carnival Monday and Tuesday, Ash Wednesday and Corpus Christi, dated from Jollyday's own
 * Easter reckoning. Ash Wednesday is off only until 14h; a plan counts whole days, so with optional
 * days it counts as a day off. The other optional days of the federal service (28 October, the
 * afternoons of 24 and 31 December) are not included; a company that keeps them lists them as its
 * own days off.
 */
final class BrazilCorrection implements Correction {
  private static final String CARNIVAL_TUESDAY = "christian.CARNIVAL";
  private static final String ASH_WEDNESDAY = "christian.ASH_WEDNESDAY";
  private static final String CORPUS_CHRISTI = "christian.CORPUS_CHRISTI";
  private static final Set<String> NOT_HOLIDAYS =
      Set.of(CARNIVAL_TUESDAY, ASH_WEDNESDAY, CORPUS_CHRISTI, "christian.EASTER");

  @Override
  public Set<LocalDate> holidays(Set<Holiday> listed) {
    return listed.stream()
        .filter(holiday -> !NOT_HOLIDAYS.contains(holiday.getPropertiesKey()))
        .map(Holiday::getDate)
        .collect(Collectors.toSet());
  }

  @Override
  public Set<LocalDate> optionalDays(Set<Holiday> listed) {
    Map<String, LocalDate> byKey =
        listed.stream()
            .collect(Collectors.toMap(Holiday::getPropertiesKey, Holiday::getDate, (a, b) -> a));
    Set<LocalDate> days = new HashSet<>();
    LocalDate carnival = byKey.get(CARNIVAL_TUESDAY);
    days.add(carnival.minusDays(1));
    days.add(carnival);
    days.add(byKey.get(ASH_WEDNESDAY));
    days.add(byKey.get(CORPUS_CHRISTI));
    return days;
  }

  @Override
  public boolean knowsOptionalDays() {
    return true;
  }
}
