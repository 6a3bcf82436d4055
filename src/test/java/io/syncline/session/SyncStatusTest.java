package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.QueryResult;
import io.syncline.core.Side;
import io.syncline.core.SyncStatus;
import io.syncline.core.SyncStatus.State;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sync status in SQL: after each load (and the apply after it) the database's {@code
 * syncline_sync_status} view lists the records not in sync, with how and the checksum their base
 * holds, and {@code status ENTITY} says the same; on every database.
 */
class SyncStatusTest extends InWorkingDirectory {
  final List<Runnable> cleanUps = new ArrayList<>();
  String kind;

  @AfterEach
  void dropScratch() {
    if (session != null) {
      session.close();
      session = null;
    }
    cleanUps.forEach(Runnable::run);
  }

  static String countries(String... records) {
    return "[\n  " + String.join(",\n  ", records) + "\n]\n";
  }

  static String country(String code, String name, String numeric) {
    return "{\"alpha_2\": \""
        + code
        + "\", \"name\": \""
        + name
        + "\", \"num\": \""
        + numeric
        + "\"}";
  }

  static LoadRequest load() {
    return new LoadRequest("countries.json", "country", List.of("alpha_2"), null, null, null);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void theViewListsEachRecordNotInSyncWithHowAndItsAgreedChecksum(String kind) throws IOException {
    this.kind = kind;
    Servers.Target target = Servers.empty(kind, dir, "status", cleanUps);
    session = new Session(dir, Clock.systemUTC());
    session.connect(target.url(), target.user(), null, false);
    Files.writeString(
        dir.resolve("countries.json"),
        countries(
            country("AW", "Aruba", "533"),
            country("BE", "Belgium", "056"),
            country("DE", "Germany", "276"),
            country("FR", "France", "250"),
            country("GB", "United Kingdom", "826"),
            country("NL", "Netherlands", "528")));

    session.load(load());
    SyncStatus first = session.syncStatus("country").orElseThrow();
    assertThat(first.listed()).isFalse();
    assertThat(first.counts()).isEqualTo(Map.of(State.FILE, 6L));
    assertThat(first.appliedAt()).isNull();
    session.apply();
    SyncStatus applied = session.syncStatus("country").orElseThrow();
    assertThat(applied.inSync()).isEqualTo(6);
    assertThat(applied.notInSync()).isEmpty();
    assertThat(applied.appliedAt()).isNotNull();

    // AW in the file, BE in the database, DE on both (different fields), FR both to different
    // values, IT new in the file, NL deleted in the database; GB untouched
    Files.writeString(
        dir.resolve("countries.json"),
        countries(
            country("AW", "Aruba!", "533"),
            country("BE", "Belgium", "056"),
            country("DE", "Deutschland", "276"),
            country("FR", "France!", "250"),
            country("GB", "United Kingdom", "826"),
            country("IT", "Italy", "380"),
            country("NL", "Netherlands", "528")));
    session.sql("UPDATE country SET name = 'Belgique' WHERE alpha_2 = 'BE'");
    session.sql("UPDATE country SET num = '277' WHERE alpha_2 = 'DE'");
    session.sql("UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'");
    session.sql("DELETE FROM country WHERE alpha_2 = 'NL'");
    session.load(load());

    assertThat(
            rows(
                "SELECT {record_key}, {state}, CASE WHEN {agreed_checksum} IS NULL THEN 'none' ELSE"
                    + " 'base' END FROM"
                    + " {syncline_sync_status} WHERE {entity} = 'country' ORDER BY {record_key}"))
        .containsExactly(
            List.of("AW", "file", "base"),
            List.of("BE", "database", "base"),
            List.of("DE", "both", "base"),
            List.of("FR", "conflict", "base"),
            List.of("IT", "file", "none"),
            List.of("NL", "database", "base"));
    // the checksum is the one the base holds for the record, agreed at the last apply
    assertThat(
            rows(
                "SELECT COUNT(*) FROM {syncline_sync_status} s JOIN {syncline_base} b ON"
                    + " b.{entity} = s.{entity} AND b.{record_key} = s.{record_key}"
                    + " WHERE b.{checksum} = s.{agreed_checksum}"))
        .containsExactly(List.of("5"));
    assertThat(rows("SELECT COUNT(DISTINCT {agreed_at}) FROM {syncline_sync_status}"))
        .containsExactly(List.of("1"));
    SyncStatus seen = session.syncStatus("country").orElseThrow();
    assertThat(seen.records()).isEqualTo(7);
    assertThat(seen.inSync()).isEqualTo(1);
    assertThat(seen.counts())
        .isEqualTo(Map.of(State.FILE, 2L, State.DATABASE, 2L, State.BOTH, 1L, State.CONFLICT, 1L));
    assertThat(seen.appliedAt()).isEqualTo(applied.appliedAt());

    session.changes().resolve("country/FR.name", Side.FILE);
    session.apply();

    assertThat(rows("SELECT COUNT(*) FROM {syncline_sync_status}")).containsExactly(List.of("0"));
    SyncStatus after = session.syncStatus("country").orElseThrow();
    assertThat(after.inSync()).isEqualTo(6);
    assertThat(after.records()).isEqualTo(6);
  }

  /** The query with each {@code {name}} quoted as the connected database quotes names. */
  List<List<String>> rows(String template) {
    String quote = kind.equals("mariadb") ? "`" : "\"";
    String sql = template.replaceAll("\\{([a-z_]+)}", quote + "$1" + quote);
    return ((QueryResult.ResultTable) session.sql(sql)).rows();
  }

  @Test
  void aRollbackRecordsWhatItReadsAgain() throws IOException {
    kind = "sqlite";
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:geo.db", null, null, false);
    Files.writeString(
        dir.resolve("countries.json"),
        countries(country("AW", "Aruba", "533"), country("BE", "Belgium", "056")));
    session.load(load());
    session.apply();
    session.checkpoint("c1");
    Files.writeString(
        dir.resolve("countries.json"),
        countries(country("AW", "Aruba!", "533"), country("BE", "Belgium", "056")));
    session.load(load());
    session.apply();
    session.sql("UPDATE country SET name = 'Belgique' WHERE alpha_2 = 'BE'");

    session.rollback("c1", false);

    // AW's row and base went back; its file, which the user edited and Syncline did not write,
    // did not: changed in the file again
    assertThat(rows("SELECT {record_key}, {state} FROM {syncline_sync_status} ORDER BY 1"))
        .containsExactly(List.of("AW", "file"), List.of("BE", "database"));
  }
}
