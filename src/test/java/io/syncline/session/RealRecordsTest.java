package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records nobody here wrote: Debian's iso-codes (ISO 3166 countries and subdivisions, with emoji
 * flags outside the Basic Multilingual Plane). Skipped, and reported so, where the package is not
 * installed.
 */
class RealRecordsTest {
  static final Path ISO = Path.of("/usr/share/iso-codes/json");
  @TempDir Path dir;

  @Test
  void isoCountriesRoundTripAndAFieldAddedInTheDatabaseLandsInTheFileAlone() throws IOException {
    assumeTrue(Files.isRegularFile(ISO.resolve("iso_3166-1.json")), "iso-codes is not installed");
    Path file = dir.resolve("iso_3166-1.json");
    Files.copy(ISO.resolve("iso_3166-1.json"), file);
    String original = Files.readString(file);
    LoadRequest countries =
        new LoadRequest("iso_3166-1.json", "country", List.of("alpha_2"), "/3166-1", null, null);

    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.connect("jdbc:sqlite:geo.db", null, null, false);
      assertThat(session.load(countries).records()).isGreaterThan(240);
      session.apply();
      session.sql("UPDATE country SET official_name = 'Republic of Aruba' WHERE alpha_2 = 'AW'");
      session.load(countries);
      session.apply();

      assertThat(Files.readString(file))
          .isEqualTo(
              original.replaceFirst(
                  "\"numeric\": \"533\"\n",
                  "\"numeric\": \"533\",\n      \"official_name\": \"Republic of Aruba\"\n"));
      assertThat(session.verify(null).agrees()).isTrue();
    }
  }
}
