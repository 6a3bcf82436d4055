package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} and {@code export} in a new session, with a {@code syncline.yml} that names no
 * fields and nothing loaded yet: the files and the table say which fields there are.
 */
class VerifyExportTest extends CountriesOnSqlite {
  static final String COUNTRIES =
      """
      [
        {"alpha_2": "FR", "name": "France"},
        {"alpha_2": "BE", "name": "Belgium"},
        {"alpha_2": "AW", "name": "Aruba"}
      ]
      """;

  /** Synced once, then a new session: the mapping names the entity, not its fields. */
  void syncedThenNewSession() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "entities:\n  country: {files: countries.json, key: alpha_2}\n");
    start(COUNTRIES);
    session.load(countries());
    session.apply();
    newSession();
  }

  @Test
  void verifyWithoutALoadComparesEveryFieldTheFilesHold() throws IOException {
    syncedThenNewSession();
    session.sql("UPDATE country SET name = 'Belgie' WHERE alpha_2 = 'BE'");

    Verification verification = session.verify("country");

    assertThat(verification.agrees()).isFalse();
    assertThat(verification.checks().get(0).differing()).containsExactly("BE");
  }

  @Test
  void verifyListsTheDifferingKeysInKeyOrder() throws IOException {
    syncedThenNewSession();
    session.sql("UPDATE country SET name = name || '!'");

    Verification verification = session.verify("country");

    assertThat(verification.checks().get(0).differing()).containsExactly("AW", "BE", "FR");
  }

  @Test
  void exportWithoutATargetWritesTheEntitysOwnFile() throws IOException {
    syncedThenNewSession();
    session.sql("UPDATE country SET name = 'Belgie' WHERE alpha_2 = 'BE'");

    assertThat(session.export("country", null, null)).containsExactly(file);

    assertThat(Files.readString(file)).contains("\"Belgie\"").doesNotContain("\"Belgium\"");
  }
}
