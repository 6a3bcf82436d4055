package io.syncline.core;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which days off a plan skips besides weekends: a region's public holidays, optionally its optional
 * days, and the company's own days off.
 *
 * @param region an ISO 3166 country code, optionally with subdivisions ({@code BR}, {@code BR-SP},
 *     in any case), or {@code none} for no public holidays at all
 * @param optionalDays whether the region's optional days count as days off too (in Brazil the
 *     pontos facultativos: Carnival Monday and Tuesday, Ash Wednesday, Corpus Christi)
 * @param daysOff the company's own days off, in any year
 */
public record HolidayRules(String region, boolean optionalDays, SortedSet<LocalDate> daysOff) {
  public static final String NONE = "none";

  private static final Pattern REGION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})*");

  public HolidayRules {
    daysOff = new TreeSet<>(daysOff);
    region = region.equalsIgnoreCase(NONE) ? NONE : region.toUpperCase(Locale.ROOT);
    if (!region.equals(NONE) && !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException(
          "expected a country code such as BR, a subdivision such as BR-SP, or none; found \""
              + region
              + "\"");
    }
  }

  /** The region's public holidays and nothing more. */
  public static HolidayRules of(String region) {
    return new HolidayRules(region, false, new TreeSet<>());
  }

  public HolidayRules withOptionalDays() {
    return new HolidayRules(region, true, daysOff);
  }

  public HolidayRules withDaysOff(Set<LocalDate> more) {
    SortedSet<LocalDate> all = new TreeSet<>(daysOff);
    all.addAll(more);
    return new HolidayRules(region, optionalDays, all);
  }

  /** Whether there are public holidays to look up at all. */
  public boolean hasRegion() {
    return !region.equals(NONE);
  }
}
