package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promise that the files are put back when the database side of an apply fails: the
 * files are written just before the commit, so a commit that fails must undo them.
 */
class FailedCommitTest {
  static final String CITIES =
      """
      # cities, kept by hand
      cities:
        - code: AMS
          name: Amsterdam
          people: 921402
        - code: BRU
          name: Brussels   # the region
          people: 1249597
      """;

  @TempDir Path dir;
  Session session;

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  LoadRequest cities() {
    return new LoadRequest("cities.yml", "city", List.of("code"), "/cities", null, null);
  }

  String rows() {
    QueryResult result = session.sql("SELECT code, name, people FROM city ORDER BY code");
    return ((QueryResult.ResultTable) result).rows().toString();
  }

  @Test
  void aCommitThatFailsPutsTheFilesBackAndChangesNoRow() throws IOException {
    Path file = dir.resolve("cities.yml");
    Files.writeString(file, CITIES);
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:cities.db", null, null, false);
    session.load(cities());
    session.apply();
    // A foreign key checked only at COMMIT: every statement of the apply succeeds, the files are
    // written, and then the commit fails. Only the known codes may be in city.
    session.sql("CREATE TABLE known (code TEXT PRIMARY KEY)");
    session.sql("INSERT INTO known (code) VALUES ('AMS'), ('BRU')");
    session.sql("ALTER TABLE city RENAME TO city_old");
    session.sql(
        "CREATE TABLE city (code TEXT PRIMARY KEY, name TEXT, people INTEGER,"
            + " FOREIGN KEY (code) REFERENCES known (code) DEFERRABLE INITIALLY DEFERRED)");
    session.sql("INSERT INTO city SELECT code, name, people FROM city_old");
    session.sql("DROP TABLE city_old");
    // A change for the file (BRU's people) and one for the database (PAR, unknown).
    session.sql("UPDATE city SET people = 1250000 WHERE code = 'BRU'");
    Files.writeString(file, CITIES + "  - code: PAR\n    name: Paris\n    people: 2102650\n");
    // sqlite-jdbc turns foreign keys on for the connection from its URL.
    session.close();
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:cities.db?foreign_keys=true", null, null, false);
    byte[] before = Files.readAllBytes(file);
    String rowsBefore = rows();
    session.load(cities());
    assertThat(session.changes().changes()).hasSize(2);

    assertThatThrownBy(() -> session.apply()).hasMessageContaining("commit");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(rows()).isEqualTo(rowsBefore);
  }

  /**
   * The file's new bytes are written beside it while the database takes the rows: a row the
   * database refuses leaves the file as it was and nothing beside it.
   */
  @Test
  void aRowTheDatabaseRefusesLeavesTheFileAndNothingBesideIt() throws IOException {
    Path file = dir.resolve("cities.yml");
    Files.writeString(file, CITIES);
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:cities.db", null, null, false);
    session.sql(
        "CREATE TABLE city (code TEXT PRIMARY KEY, name TEXT,"
            + " people INTEGER CHECK (people < 2000000))");
    session.load(cities());
    session.apply();
    session.sql("UPDATE city SET people = 1250000 WHERE code = 'BRU'"); // for the file
    Files.writeString(file, CITIES + "  - code: PAR\n    name: Paris\n    people: 2102650\n");
    byte[] before = Files.readAllBytes(file);
    String rowsBefore = rows();
    session.load(cities());
    assertThat(session.changes().changes()).hasSize(2);

    assertThatThrownBy(() -> session.apply()).hasMessageContaining("CHECK");

    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(rows()).isEqualTo(rowsBefore);
    try (Stream<Path> beside = Files.list(dir)) {
      assertThat(beside.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".cities.yml.")); // a temporary or lock file
    }
  }
}
