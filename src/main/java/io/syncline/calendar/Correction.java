package io.syncline.calendar;

import de.focus_shift.jollyday.core.Holiday;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a country's calendar in Jollyday differs from its government's list: which of Jollyday's
 * holidays are days off by law, and which days are optional.
 */
interface Correction {
  /** Jollyday's calendar as it is, with no optional days known. */
  Correction NONE =
      new Correction() {
        @Override
        public Set<LocalDate> holidays(Set<Holiday> listed) {
          return listed.stream().map(Holiday::getDate).collect(Collectors.toSet());
        }

        @Override
        public Set<LocalDate> optionalDays(Set<Holiday> listed) {
          return Set.of();
        }

        @Override
        public boolean knowsOptionalDays() {
          return false;
        }
      };

  /** The days off by law among {@code listed}, one year of Jollyday's holidays. */
  Set<LocalDate> holidays(Set<Holiday> listed);

  /** The optional days of the year {@code listed} covers. */
  Set<LocalDate> optionalDays(Set<Holiday> listed);

  boolean knowsOptionalDays();

  static Correction forCountry(String country) {
    return country.equals("BR") ? new BrazilCorrection() : NONE;
  }
}
