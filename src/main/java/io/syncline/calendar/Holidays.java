package io.syncline.calendar;

import de.focus_shift.jollyday.core.CalendarHierarchy;
import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import io.syncline.core.HolidayRules;
import io.syncline.core.WorkingDays;
import java.time.LocalDate;
import java.time.Year;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Working days by a region's public holidays, from Jollyday's calendars, corrected where they are
 * known to differ from the government's list ({@link BrazilCorrection}), with the optional days and
 * the company's own days off that {@link HolidayRules} asks for.
 *
 * <p>Only public holidays count ({@link HolidayType#PUBLIC_HOLIDAY}): bank holidays and observances
 * are worked. A subdivision adds its own holidays to the country's: {@code BR-SP} adds 9 July.
 */
public final class Holidays implements WorkingDays {
  private final HolidayRules rules;
  private final HolidayManager calendar;
  private final String[] subdivisions;
  private final Correction correction;
  private final Map<Year, SortedSet<LocalDate>> years = new ConcurrentHashMap<>();

  private Holidays(
      HolidayRules rules, HolidayManager calendar, String[] subdivisions, Correction correction) {
    this.rules = rules;
    this.calendar = calendar;
    this.subdivisions = subdivisions;
    this.correction = correction;
  }

  /**
   * The working days {@code rules} describe.
   *
   * @throws UnknownHolidayRegion for a country or subdivision Jollyday has no calendar for, and for
   *     optional days asked of a country whose optional days are not known
   */
  public static Holidays of(HolidayRules rules) {
    if (!rules.hasRegion()) {
      return new Holidays(rules, null, new String[0], Correction.NONE);
    }
    String[] parts = rules.region().split("-");
    String country = parts[0];
    if (!HolidayManager.getSupportedCalendarCodes().contains(country)) {
      throw UnknownHolidayRegion.country(rules.region());
    }
    HolidayManager calendar =
        HolidayManager.getInstance(ManagerParameters.create(country.toLowerCase(Locale.ROOT)));
    String[] subdivisions = subdivisions(rules.region(), parts, calendar.getCalendarHierarchy());
    Correction correction = Correction.forCountry(country);
    if (rules.optionalDays() && !correction.knowsOptionalDays()) {
      throw UnknownHolidayRegion.optionalDays(rules.region());
    }
    return new Holidays(rules, calendar, subdivisions, correction);
  }

  @Override
  public boolean isWorkingDay(LocalDate date) {
    return WorkingDays.isWeekday(date) && !daysOff(Year.from(date)).contains(date);
  }

  /** Every day off in {@code year} besides weekends, in order. */
  public SortedSet<LocalDate> daysOff(Year year) {
    return years.computeIfAbsent(year, this::lookUp);
  }

  private SortedSet<LocalDate> lookUp(Year year) {
    SortedSet<LocalDate> days = new TreeSet<>();
    if (calendar != null) {
      Set<Holiday> listed = calendar.getHolidays(year, HolidayType.PUBLIC_HOLIDAY, subdivisions);
      days.addAll(correction.holidays(listed));
      if (rules.optionalDays()) {
        days.addAll(correction.optionalDays(listed));
      }
    }
    for (LocalDate day : rules.daysOff()) {
      if (Year.from(day).equals(year)) {
        days.add(day);
      }
    }
    return Collections.unmodifiableSortedSet(days);
  }

  /**
   * The region's subdivisions as Jollyday names them ({@code BR-SP} → {@code sp}), each checked
   * against the calendar: Jollyday takes an unknown one silently, as the country alone.
   */
  private static String[] subdivisions(String region, String[] parts, CalendarHierarchy level) {
    String[] names = new String[parts.length - 1];
    CalendarHierarchy at = level;
    for (int i = 1; i < parts.length; i++) {
      String name = parts[i].toLowerCase(Locale.ROOT);
      CalendarHierarchy next = at.getChildren().get(name);
      if (next == null) {
        throw UnknownHolidayRegion.subdivision(
            region,
            parts[i],
            at.getChildren().keySet().stream().map(k -> k.toUpperCase(Locale.ROOT)).toList());
      }
      names[i - 1] = name;
      at = next;
    }
    return names;
  }
}
