package io.syncline.core;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How long a piece of work takes, in days counted one way: {@code 7.5 BUSINESS} is seven and a half
 * working days. The fraction is kept ({@code calculated_duration_days}); dates use {@link
 * #wholeDays()}, rounded up, since half a day of work still occupies the day.
 *
 * <p>Read from the words people write, in English or Portuguese: see {@link DurationText}.
 */
public record WorkDuration(BigDecimal days, DayCount count) {
  public WorkDuration {
    days = days.stripTrailingZeros();
    if (days.scale() < 0) {
      days = days.setScale(0);
    }
  }

  /**
   * The duration in {@code text}, its units counted as {@code count} says unless the text names its
   * own ("business days", "dias corridos").
   *
   * @throws UnreadableDuration when the text holds no duration, or more than one reading of it
   */
  public static WorkDuration read(String text, DayCount count) {
    return DurationText.read(text, count);
  }

  /** The days the work spans on a plan: the fraction rounded up ({@code 7.5} → 8). */
  public int wholeDays() {
    return days.setScale(0, RoundingMode.CEILING).intValueExact();
  }
}
