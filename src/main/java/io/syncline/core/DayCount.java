package io.syncline.core;

/**
 * How a duration's days are counted, and so how a plan's end date is found. The mapping's {@code
 * days:} picks one for a whole entity; "business days" ("dias úteis") and "calendar days" ("dias
 * corridos") in the text pick one for that duration alone.
 */
public enum DayCount {
  /** Every day counts: a week is 7 days, a month 30; weekends and holidays are not skipped. */
  CALENDAR,
  /**
   * Only working days count: a week is 5 of them, a month 20 (Microsoft Project's defaults);
   * weekends and holidays are skipped, and a start that falls on one moves to the next working day.
   */
  BUSINESS
}
