package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code load} of an entity that {@code syncline.yml} declares: the mapping's word holds. */
class DeclaredEntityLoadTest extends InWorkingDirectory {

  void start(String mapping, String url) throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), mapping);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
  }

  @Test
  void otherFilesLoadedAsADeclaredEntityAreReadWithItsTableAndKey() throws IOException {
    Files.writeString(
        dir.resolve("countries.json"), "[{\"alpha_2\": \"AW\"}, {\"alpha_2\": \"FR\"}]");
    Files.writeString(dir.resolve("more.json"), "[{\"alpha_2\": \"BE\", \"name\": \"Belgium\"}]");
    start(
        "entities:\n  country: {files: countries.json, key: alpha_2, table: land}\n",
        "jdbc:sqlite:geo.db");

    LoadResult loaded =
        session.load(new LoadRequest("more.json", "country", null, null, null, null));

    assertThat(loaded.records()).isEqualTo(1);
    assertThat(loaded.entity().files()).isEqualTo("more.json");
    assertThat(loaded.entity().table()).isEqualTo("land");
    assertThat(loaded.entity().key()).containsExactly("alpha_2");
    assertThat(session.changes().changes()).extracting(c -> c.id()).containsExactly("country/BE");
  }

  /**
   * A declared entity's names are checked at load, before any SQL runs, as an inferred one's are:
   * H2 keeps names up to 256 characters.
   */
  @Test
  void aDeclaredTableNameTheDatabaseWouldNotKeepIsRefusedAtLoad() throws IOException {
    Files.writeString(dir.resolve("countries.json"), "[{\"alpha_2\": \"AW\"}]");
    String table = "t".repeat(257);
    start(
        "entities:\n  country:\n    files: countries.json\n    key: alpha_2\n    table: "
            + table
            + "\n    fields:\n      alpha_2: {}\n",
        "jdbc:h2:mem:" + UUID.randomUUID());

    assertThatThrownBy(
            () -> session.load(new LoadRequest("countries.json", null, null, null, null, null)))
        .hasMessage(
            "country: table `tttttttttttttttttttttttt…` is 257 characters; H2 keeps identifiers up"
                + " to 256 characters; name another table (load ... --table NAME, or table: in"
                + " syncline.yml); nothing was changed");
    assertThat(session.loaded()).isEmpty();
  }
}
