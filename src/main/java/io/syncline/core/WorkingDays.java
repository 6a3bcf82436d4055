package io.syncline.core;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Which days are worked: the port through which plans learn the weekend and the holidays. The
 * adapter in {@code io.syncline.calendar} answers from a holiday calendar (Brazil's national
 * holidays, a state's, the company's own days off); {@link #WEEKDAYS} knows no holidays.
 */
@FunctionalInterface
public interface WorkingDays {
  /** Monday to Friday, every one of them: {@code holidays: none}. */
  WorkingDays WEEKDAYS = WorkingDays::isWeekday;

  boolean isWorkingDay(LocalDate date);

  /** The first working day after {@code date}, never {@code date} itself. */
  default LocalDate after(LocalDate date) {
    LocalDate day = date.plusDays(1);
    while (!isWorkingDay(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  /** {@code date} when it is a working day, else the first working day after it. */
  default LocalDate onOrAfter(LocalDate date) {
    return isWorkingDay(date) ? date : after(date);
  }

  /**
   * The working day {@code days} working days after {@code date}: Monday 2025-08-18 plus 2 is
   * Wednesday 2025-08-20; Friday plus 1 is the next Monday; 0 gives {@code date}.
   */
  default LocalDate plus(LocalDate date, int days) {
    LocalDate day = date;
    for (int i = 0; i < days; i++) {
      day = after(day);
    }
    return day;
  }

  static boolean isWeekday(LocalDate date) {
    DayOfWeek day = date.getDayOfWeek();
    return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY;
  }
}
