package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.Direction;
import io.syncline.core.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * First contact: a file and a table that already hold the same records, one field of one record
 * different. The sides agree on every other field, and the base says so, with that field left
 * unagreed.
 */
class FirstContactTest extends CountriesOnSqlite {
  static final String COUNTRIES =
      """
      [
        {"alpha_2": "AW", "name": "Aruba", "numeric": "533"},
        {"alpha_2": "FR", "name": "France", "numeric": "250"}
      ]
      """;

  /** The file and the table, FR's name different; loaded, the conflict left open, applied. */
  void firstContactLeftOpen() throws IOException {
    start(COUNTRIES);
    session.sql("CREATE TABLE country (alpha_2 TEXT PRIMARY KEY, name TEXT, numeric TEXT)");
    session.sql("INSERT INTO country VALUES ('AW', 'Aruba', '533'), ('FR', 'Frankrijk', '250')");
    session.load(countries());
    assertThat(changes()).containsExactly(tuple("country/FR.name", ChangeKind.CONFLICT, null));
    session.apply(); // the conflict stays open; the bases are written
    newSession();
  }

  List<org.assertj.core.groups.Tuple> changes() {
    return session.changes().changes().stream()
        .map(c -> tuple(c.id(), c.kind(), c.direction()))
        .toList();
  }

  String rows() {
    return ((QueryResult.ResultTable)
            session.sql("SELECT alpha_2, name, numeric FROM country ORDER BY alpha_2"))
        .rows()
        .toString();
  }

  @Test
  void aRecordDeletedInTheDatabaseAgainstAnUnagreedFieldIsAConflictNotAnInsert()
      throws IOException {
    firstContactLeftOpen();
    session.sql("DELETE FROM country WHERE alpha_2 = 'FR'");

    session.load(countries());

    assertThat(changes()).containsExactly(tuple("country/FR", ChangeKind.CONFLICT, null));
    Change conflict = session.changes().changes().get(0);
    assertThat(conflict.base()).isEqualTo("{\"alpha_2\":\"FR\",\"numeric\":\"250\"}");
    session.apply();
    assertThat(rows()).isEqualTo("[[AW, Aruba, 533]]");
  }

  @Test
  void aOneSidedEditOfAnAgreedFieldFlowsWhileTheUnagreedOneWaits() throws IOException {
    firstContactLeftOpen();
    Files.writeString(file, COUNTRIES.replace("\"250\"", "\"251\""));

    session.load(countries());

    assertThat(changes())
        .containsExactly(
            tuple("country/FR.name", ChangeKind.CONFLICT, null),
            tuple("country/FR.numeric", ChangeKind.UPDATE, Direction.TO_DATABASE));
    session.apply();
    assertThat(rows()).isEqualTo("[[AW, Aruba, 533], [FR, Frankrijk, 251]]");

    newSession();
    session.sql("UPDATE country SET numeric = '252' WHERE alpha_2 = 'FR'");
    session.load(countries());
    assertThat(changes())
        .containsExactly(
            tuple("country/FR.name", ChangeKind.CONFLICT, null),
            tuple("country/FR.numeric", ChangeKind.UPDATE, Direction.TO_FILE));
  }

  @Test
  void theSidesAgreeingLaterSettleTheWholeRecord() throws IOException {
    firstContactLeftOpen();
    session.sql("UPDATE country SET name = 'France' WHERE alpha_2 = 'FR'");
    session.load(countries());
    assertThat(changes()).isEmpty();
    session.apply();

    newSession();
    session.sql("DELETE FROM country WHERE alpha_2 = 'FR'");
    session.load(countries());
    assertThat(changes())
        .containsExactly(tuple("country/FR", ChangeKind.DELETE, Direction.TO_FILE));
  }
}
