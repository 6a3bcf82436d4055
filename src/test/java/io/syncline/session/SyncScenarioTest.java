package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.Direction;
import io.syncline.core.QueryResult;
import io.syncline.core.Side;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The core loop end to end on the embedded databases: rows and file bytes are asserted. */
class SyncScenarioTest extends InWorkingDirectory {
  static final String COUNTRIES =
      """
      {
        "3166-1": [
          {
            "alpha_2": "AW",
            "name": "Aruba",
            "numeric": "533"
          },
          {
            "alpha_2": "BE",
            "name": "Belgium",
            "numeric": "056"
          },
          {
            "alpha_2": "FR",
            "name": "France",
            "numeric": "250"
          }
        ]
      }
      """;

  static Stream<String> databases() {
    return Stream.of("jdbc:sqlite:geo.db", "jdbc:h2:mem:" + UUID.randomUUID());
  }

  LoadRequest countries() {
    return new LoadRequest("countries.json", "country", List.of("alpha_2"), "/3166-1", null, null);
  }

  void start(String url) throws IOException {
    Files.writeString(dir.resolve("countries.json"), COUNTRIES);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
  }

  String sql(String query) {
    QueryResult result = session.sql(query);
    if (result instanceof QueryResult.ResultTable table) {
      return table.rows().toString();
    }
    return String.valueOf(((QueryResult.UpdateCount) result).count());
  }

  @Test
  void aRecordWithoutTheKeyFieldIsBadInputNotAUsageError() throws IOException {
    start("jdbc:sqlite:geo.db");
    Files.writeString(dir.resolve("jobs.json"), "[\n {\"id\": 1},\n {\"name\": \"x\"}\n]\n");

    assertThatThrownBy(
            () -> session.load(new LoadRequest("jobs.json", "job", null, "", null, null)))
        .isInstanceOf(SynclineException.class)
        .hasMessage(
            "jobs.json:3: job.id: the record has no id (its key); name the key field: load"
                + " jobs.json --key FIELD")
        .satisfies(
            e ->
                assertThat(((SynclineException) e).exitCode())
                    .isEqualTo(SynclineException.COMMAND_FAILED));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theFirstSyncCreatesTheTableAndCopiesEveryRecordWithoutTouchingTheFile(String url)
      throws IOException {
    start(url);

    LoadResult loaded = session.load(countries());
    assertThat(loaded.schema()).hasSize(1);
    assertThat(session.changes().changes())
        .extracting(Change::kind)
        .containsOnly(ChangeKind.INSERT);
    session.apply();

    assertThat(sql("SELECT alpha_2, name, numeric FROM country ORDER BY alpha_2"))
        .isEqualTo("[[AW, Aruba, 533], [BE, Belgium, 056], [FR, France, 250]]");
    assertThat(Files.readString(dir.resolve("countries.json"))).isEqualTo(COUNTRIES);
    assertThat(session.changes().isEmpty()).isTrue();
    assertThat(session.verify(null).agrees()).isTrue();
  }

  /**
   * An apply whose changes all go to the database leaves the file alone: the same bytes and the
   * same modification time (a tool watching the file sees no write).
   */
  @ParameterizedTest
  @MethodSource("databases")
  void anApplyThatOnlyWritesTheDatabaseDoesNotRewriteTheFile(String url) throws IOException {
    start(url);
    Path file = dir.resolve("countries.json");
    FileTime old = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
    Files.setLastModifiedTime(file, old);
    session.load(countries());

    session.apply();

    assertThat(Files.readString(file)).isEqualTo(COUNTRIES);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);

    String edited = COUNTRIES.replace("\"Belgium\"", "\"Belgie\"");
    Files.writeString(file, edited);
    Files.setLastModifiedTime(file, old);
    session.load(countries());
    assertThat(session.changes().changes())
        .extracting(Change::id, Change::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("country/BE.name", Direction.TO_DATABASE));

    session.apply();

    assertThat(sql("SELECT name FROM country WHERE alpha_2 = 'BE'")).isEqualTo("[[Belgie]]");
    assertThat(Files.readString(file)).isEqualTo(edited);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
  }

  static Stream<String> lastingDatabases() {
    return Stream.of("jdbc:sqlite:geo.db", "jdbc:h2:./geo");
  }

  /**
   * A new process reads the table while it parses the files, with the fields the base shows; the
   * diff must be the same whether the files still hold those fields or gained one.
   */
  @ParameterizedTest
  @MethodSource("lastingDatabases")
  void aNewSessionDiffsTheSameWhetherOrNotTheFilesGainedAField(String url) throws IOException {
    String h2 = url.startsWith("jdbc:h2:") ? "jdbc:h2:" + dir.resolve("geo") : url;
    start(h2);
    session.load(countries());
    session.apply();
    session.close();
    Path file = dir.resolve("countries.json");

    session = new Session(dir, Clock.systemUTC());
    session.connect(h2, null, null, false);
    sql("UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'");
    Files.writeString(file, COUNTRIES.replace("\"Belgium\"", "\"Belgie\""));
    session.load(countries());
    assertThat(session.changes().changes())
        .extracting(Change::id, Change::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("country/BE.name", Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple("country/FR.name", Direction.TO_FILE));
    session.close();

    session = new Session(dir, Clock.systemUTC());
    session.connect(h2, null, null, false);
    Files.writeString(
        file,
        COUNTRIES
            .replace("\"Belgium\"", "\"Belgie\"")
            .replace(
                "\"name\": \"Aruba\",", "\"name\": \"Aruba\",\n      \"region\": \"Americas\","));
    session.load(countries());
    assertThat(session.changes().schema()).hasSize(1);
    assertThat(session.changes().changes())
        .extracting(Change::id, Change::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("country/AW.region", Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple("country/BE.name", Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple("country/FR.name", Direction.TO_FILE));
  }

  @ParameterizedTest
  @MethodSource("databases")
  void editsOnBothSidesFlowAndTheSameFieldEditedTwiceWaitsAsAConflict(String url)
      throws IOException {
    start(url);
    session.load(countries());
    session.apply();

    Path file = dir.resolve("countries.json");
    Files.writeString(
        file, COUNTRIES.replace("\"Aruba\"", "\"Aruba!\"").replace("\"France\"", "\"France!\""));
    sql("UPDATE country SET name = 'Belgie' WHERE alpha_2 = 'BE'");
    sql("UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'");
    sql("INSERT INTO country (alpha_2, name, numeric) VALUES ('DE', 'Germany', '276')");
    session.load(countries());

    assertThat(session.changes().changes())
        .extracting(Change::id, Change::kind, Change::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "country/AW.name", ChangeKind.UPDATE, Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple(
                "country/BE.name", ChangeKind.UPDATE, Direction.TO_FILE),
            org.assertj.core.groups.Tuple.tuple("country/DE", ChangeKind.INSERT, Direction.TO_FILE),
            org.assertj.core.groups.Tuple.tuple("country/FR.name", ChangeKind.CONFLICT, null));

    session.changes().resolve("country/FR.name", Side.DATABASE);
    session.apply();

    assertThat(sql("SELECT alpha_2, name FROM country ORDER BY alpha_2"))
        .isEqualTo("[[AW, Aruba!], [BE, Belgie], [DE, Germany], [FR, Frankrijk]]");
    assertThat(Files.readString(file))
        .isEqualTo(
            COUNTRIES
                .replace("\"Aruba\"", "\"Aruba!\"")
                .replace("\"Belgium\"", "\"Belgie\"")
                .replace("\"France\"", "\"Frankrijk\"")
                .replace(
                    "      \"numeric\": \"250\"\n    }\n",
                    "      \"numeric\": \"250\"\n    },\n    {\n      \"alpha_2\": \"DE\",\n      \"name\": \"Germany\",\n      \"numeric\": \"276\"\n    }\n"));
    assertThat(session.verify(null).agrees()).isTrue();
    assertThat(session.changes().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFileEditedAfterLoadIsRefusedAndNothingChanges(String url) throws IOException {
    start(url);
    session.load(countries());
    session.apply();
    sql("UPDATE country SET name = 'Belgie' WHERE alpha_2 = 'BE'");
    session.load(countries());
    Path file = dir.resolve("countries.json");
    String edited = COUNTRIES.replace("\"Aruba\"", "\"Aruba?\"");
    Files.writeString(file, edited);

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("countries.json changed since it was loaded");
    assertThat(Files.readString(file)).isEqualTo(edited);
    assertThat(sql("SELECT name FROM country WHERE alpha_2 = 'BE'")).isEqualTo("[[Belgie]]");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRowEditedAfterLoadIsRefusedAndNothingChanges(String url) throws IOException {
    start(url);
    session.load(countries());
    session.apply();
    Path file = dir.resolve("countries.json");
    String edited = COUNTRIES.replace("\"Aruba\"", "\"Aruba!\"");
    Files.writeString(file, edited);
    session.load(countries());
    sql("UPDATE country SET name = 'Aruba?' WHERE alpha_2 = 'AW'");

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("changed since");
    assertThat(sql("SELECT name FROM country WHERE alpha_2 = 'AW'")).isEqualTo("[[Aruba?]]");
    assertThat(Files.readString(file)).isEqualTo(edited);
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRowEditedAgainAfterLoadIsRefusedBeforeItsOldValueReachesTheFile(String url)
      throws IOException {
    start(url);
    session.load(countries());
    session.apply();
    sql("UPDATE country SET name = 'Belgie' WHERE alpha_2 = 'BE'");
    session.load(countries());
    sql("UPDATE country SET name = 'Belgique' WHERE alpha_2 = 'BE'");

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("BE")
        .hasMessageContaining("changed since `diff`; run `load` again");
    assertThat(Files.readString(dir.resolve("countries.json"))).isEqualTo(COUNTRIES);
    assertThat(sql("SELECT name FROM country WHERE alpha_2 = 'BE'")).isEqualTo("[[Belgique]]");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRowTheFileIsAboutToGainThatChangedAfterLoadIsRefused(String url) throws IOException {
    start(url);
    session.load(countries());
    session.apply();
    sql("INSERT INTO country (alpha_2, name, numeric) VALUES ('DE', 'Germany', '276')");
    session.load(countries());
    sql("UPDATE country SET name = 'Deutschland' WHERE alpha_2 = 'DE'");

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("changed since `diff`; run `load` again");
    assertThat(Files.readString(dir.resolve("countries.json"))).isEqualTo(COUNTRIES);
    assertThat(sql("SELECT name FROM country WHERE alpha_2 = 'DE'")).isEqualTo("[[Deutschland]]");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRowTheFileIsAboutToDropThatCameBackAfterLoadIsRefused(String url) throws IOException {
    start(url);
    session.load(countries());
    session.apply();
    sql("DELETE FROM country WHERE alpha_2 = 'FR'");
    session.load(countries());
    sql("INSERT INTO country (alpha_2, name, numeric) VALUES ('FR', 'France', '250')");

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("changed since `diff`; run `load` again");
    assertThat(Files.readString(dir.resolve("countries.json"))).isEqualTo(COUNTRIES);
    assertThat(sql("SELECT name FROM country WHERE alpha_2 = 'FR'")).isEqualTo("[[France]]");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void malformedInputChangesNothingOnEitherSide(String url) throws IOException {
    start(url);
    session.load(countries());
    session.apply();
    Path file = dir.resolve("countries.json");
    String broken = COUNTRIES.replace("\"Aruba\",", "\"Aruba\",,");
    Files.writeString(file, broken);

    assertThatThrownBy(() -> session.load(countries()))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith("countries.json:5:");
    assertThat(Files.readString(file)).isEqualTo(broken);
    assertThat(sql("SELECT count(*) FROM country")).isEqualTo("[[3]]");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aYamlMapKeepsItsCommentsWhenTheDatabaseChangesAField(String url) throws IOException {
    String yaml =
        """
        # jobs
        tasks:
          backup:
            cron: "0 2 * * *"   # nightly
            enabled: true
          report:
            cron: "0 7 * * 1"
            enabled: true
        """;
    Files.writeString(dir.resolve("jobs.yml"), yaml);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
    LoadRequest jobs = new LoadRequest("jobs.yml", "job", null, "/tasks", null, null);
    session.load(jobs);
    session.apply();
    sql("UPDATE job SET cron = '0 3 * * *' WHERE id = 'backup'");
    sql("UPDATE job SET enabled = false WHERE id = 'report'");
    session.load(jobs);
    session.apply();

    assertThat(Files.readString(dir.resolve("jobs.yml")))
        .isEqualTo(
            yaml.replace("0 2 * * *", "0 3 * * *")
                .replace("enabled: true\n", "enabled: true\n")
                .replace(
                    "    cron: \"0 7 * * 1\"\n    enabled: true",
                    "    cron: \"0 7 * * 1\"\n    enabled: false"));
    assertThat(session.verify(null).agrees()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDatabaseChangeToOneNestedMemberChangesOneLineOfTheFile(String url) throws IOException {
    String countries =
        """
        [
        \t{
        \t\t"alpha_2": "FR",
        \t\t"translations": {
        \t\t\t"pt": "Fran\\u00e7a",
        \t\t\t"de": "Frankreich",
        \t\t\t"es": "Francia"
        \t\t},
        \t\t"tags": ["eu", "schengen"]
        \t}
        ]
        """;
    Path file = dir.resolve("countries.json");
    Files.writeString(file, countries);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
    LoadRequest request =
        new LoadRequest("countries.json", "country", List.of("alpha_2"), "", null, null);
    session.load(request);
    session.apply();
    sql(
        "UPDATE country SET translations = '{\"de\":\"Frankreich\",\"es\":\"Francia\","
            + "\"pt\":\"França!\"}', tags = '[\"eu\",\"nato\",\"schengen\"]'");
    session.load(request);
    session.apply();

    assertThat(Files.readString(file))
        .isEqualTo(
            countries
                .replace("Fran\\u00e7a", "Fran\\u00e7a!")
                .replace("\"eu\", \"schengen\"", "\"eu\", \"nato\", \"schengen\""));
    assertThat(session.verify(null).agrees()).isTrue();
  }

  @Test
  void aSavedJournalKeepsTheModeOfTheFileItReplaces() throws IOException {
    Path journal = dir.resolve("monday.shell");
    Files.writeString(journal, "# an older journal\n");
    Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-r-----"));
    Session saving = new Session(dir, Clock.systemUTC());
    try {
      saving.saveJournal("monday.shell");
    } finally {
      saving.close();
    }

    assertThat(Files.readString(journal)).startsWith("# Syncline session journal");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal)))
        .isEqualTo("rw-r-----");
  }
}
