package io.syncline.calendar;

import io.syncline.core.SynclineException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * A {@code holidays:} region the holiday library has no calendar for: an unknown country, or a
 * subdivision its country's calendar does not have. The message lists what is there to choose.
 */
public final class UnknownHolidayRegion extends SynclineException {
  private UnknownHolidayRegion(String message) {
    super(message);
  }

  static UnknownHolidayRegion country(String region) {
    return new UnknownHolidayRegion(
        "holidays: no holiday calendar for "
            + region
            + "; give an ISO 3166 country code such as BR, PT or US, or none");
  }

  static UnknownHolidayRegion subdivision(String region, String part, Collection<String> known) {
    return new UnknownHolidayRegion(
        "holidays: "
            + region
            + ": the calendar has no subdivision "
            + part
            + (known.isEmpty()
                ? "; it has none: give the country alone"
                : "; it has " + known.stream().sorted().collect(Collectors.joining(", "))));
  }

  static UnknownHolidayRegion optionalDays(String region) {
    return new UnknownHolidayRegion(
        "holidays: optional days are known for BR only, not for "
            + region
            + "; list the days in days_off instead");
  }
}
