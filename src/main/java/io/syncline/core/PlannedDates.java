package io.syncline.core;

import java.time.LocalDate;

/**
 * A plan's start and end, worked out from a duration, a start strategy and the as-of day.
 *
 * <p>The end is the start advanced by the duration's whole days ({@link WorkDuration#wholeDays()},
 * rounded up): the work occupies the days from the start up to, not including, the end, so the end
 * is the first day free for the next piece of work. The seed's example: "2 dias" from Monday
 * 2025-08-18 works Monday and Tuesday and ends Wednesday 2025-08-20; "1 dia" from a Friday ends the
 * next Monday; a duration of 0 ends on its start.
 *
 * <ul>
 *   <li>{@link DayCount#BUSINESS}: a start on a weekend or holiday moves to the next working day,
 *       and each day of the duration steps to the next working day, skipping weekends and holidays.
 *   <li>{@link DayCount#CALENDAR}: the start stays where the strategy puts it and the end is that
 *       many calendar days later, wherever it falls.
 * </ul>
 */
public record PlannedDates(LocalDate start, LocalDate end, WorkDuration duration) {
  public static PlannedDates plan(
      WorkDuration duration, StartStrategy strategy, LocalDate asOf, WorkingDays workingDays) {
    LocalDate start = strategy.from(asOf, workingDays);
    if (duration.count() == DayCount.BUSINESS) {
      start = workingDays.onOrAfter(start);
      return new PlannedDates(start, workingDays.plus(start, duration.wholeDays()), duration);
    }
    return new PlannedDates(start, start.plusDays(duration.wholeDays()), duration);
  }
}
