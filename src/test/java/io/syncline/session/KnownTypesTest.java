package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.FieldType;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * A field whose type is known (from its table's column, the mapping, or an earlier load) keeps it:
 * a value of another type in a file is refused where it is, instead of re-typing the column.
 */
class KnownTypesTest extends CountriesOnSqlite {
  static final String COUNTRIES =
      """
      [
        {"alpha_2": "AW", "name": "Aruba", "numeric": "533"},
        {"alpha_2": "BE", "name": "Belgium", "numeric": "056"}
      ]
      """;

  String sql(String query) {
    return ((QueryResult.ResultTable) session.sql(query)).rows().toString();
  }

  FieldType typeOfName() {
    return session.mapping().entity("country").orElseThrow().field("name").orElseThrow().type();
  }

  @Test
  void aNumberInATextColumnIsRefusedWithItsLineAndNothingIsStagedOrWritten() throws IOException {
    start(COUNTRIES);
    session.load(countries());
    session.apply();
    newSession();
    String bad = COUNTRIES.replace("\"Belgium\"", "42");
    Files.writeString(file, bad);

    assertThatThrownBy(() -> session.load(countries()))
        .isInstanceOf(SynclineException.class)
        .hasMessage(
            "countries.json:3: country/BE.name: expected text, found 42; the field is text in"
                + " table country: fix the value in the file, or declare the field's type in"
                + " syncline.yml (fields: {name: {type: json}}); nothing was changed");
    assertThat(session.loaded()).isEmpty();
    assertThat(session.changes().isEmpty()).isTrue();
    assertThat(session.mapping().entity("country")).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(bad);
    assertThat(sql("SELECT alpha_2, name FROM country ORDER BY alpha_2"))
        .isEqualTo("[[AW, Aruba], [BE, Belgium]]");

    Files.writeString(file, COUNTRIES.replace("\"Belgium\"", "\"123\""));
    session.load(countries());
    assertThat(typeOfName()).isEqualTo(FieldType.TEXT);
    session.apply();
    assertThat(sql("SELECT alpha_2, name FROM country ORDER BY alpha_2"))
        .isEqualTo("[[AW, Aruba], [BE, 123]]");
  }

  @Test
  void aLaterLoadInTheSameSessionRefusesTheSameWay() throws IOException {
    start(COUNTRIES);
    session.load(countries());
    session.apply();
    Files.writeString(file, COUNTRIES.replace("\"Aruba\"", "true"));

    assertThatThrownBy(() -> session.load(countries()))
        .hasMessageStartingWith(
            "countries.json:2: country/AW.name: expected text, found true; the field is text since"
                + " the last load of country");
    assertThat(typeOfName()).isEqualTo(FieldType.TEXT);
    assertThat(session.changes().isEmpty()).isTrue();
  }

  /** SQLite keeps JSON as text: the base tells a JSON field from a text one. */
  @Test
  void aJsonFieldInATextColumnStillTakesAnyValue() throws IOException {
    start(COUNTRIES);
    Files.writeString(
        file,
        """
        [
          {"alpha_2": "AW", "name": "Aruba", "note": "small"},
          {"alpha_2": "BE", "name": "Belgium", "note": [1, 2]}
        ]
        """);
    session.load(countries());
    session.apply();
    newSession();
    Files.writeString(
        file,
        """
        [
          {"alpha_2": "AW", "name": "Aruba", "note": 7},
          {"alpha_2": "BE", "name": "Belgium", "note": [1, 2]}
        ]
        """);

    session.load(countries());

    assertThat(session.mapping().entity("country").orElseThrow().field("note").orElseThrow().type())
        .isEqualTo(FieldType.JSON);
    assertThat(session.changes().changes()).extracting("id").containsExactly("country/AW.note");
  }

  @Test
  void anEntityWithNoTableIsStillInferredFromItsValues() throws IOException {
    start(COUNTRIES);
    Files.writeString(file, COUNTRIES.replace("\"Belgium\"", "42"));

    session.load(countries());

    assertThat(typeOfName()).isEqualTo(FieldType.JSON);
  }

  /** The column's type, not the values', names the field: a mapping saved now says decimal. */
  @Test
  void aDecimalColumnKeepsItsTypeWhenTheFilesHoldOnlyWholeNumbers() throws IOException {
    start(COUNTRIES.replace("\"numeric\": \"533\"", "\"area\": 1.5"));
    session.load(countries());
    session.apply();
    newSession();
    Files.writeString(file, COUNTRIES.replace("\"numeric\": \"533\"", "\"area\": 2"));

    LoadResult loaded = session.load(countries());

    assertThat(session.mapping().entity("country").orElseThrow().field("area").orElseThrow().type())
        .isEqualTo(FieldType.DECIMAL);
    assertThat(loaded.schema()).isEmpty();
    assertThat(session.changes().changes()).extracting("id").containsExactly("country/AW.area");
  }
}
