package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping's {@code conflicts:} decides a field changed on both sides, with no resolve. */
class ConflictsFromMappingTest {
  @TempDir Path dir;

  String names(Session session) {
    QueryResult result = session.sql("SELECT code, name FROM country ORDER BY code");
    return ((QueryResult.ResultTable) result).rows().toString();
  }

  @Test
  void conflictsDbSettlesAConflictByTheDatabasesValue() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "database: jdbc:sqlite:geo.db\n"
            + "entities:\n"
            + "  country:\n"
            + "    files: countries.json\n"
            + "    key: [code]\n"
            + "    conflicts: db\n"
            + "    fields: {code: {}, name: {}}\n");
    Path file = dir.resolve("countries.json");
    Files.writeString(
        file,
        "[{\"code\": \"AW\", \"name\": \"Aruba\"}, {\"code\": \"BE\", \"name\": \"Belgium\"}]\n");
    try (Session first = new Session(dir, Clock.systemUTC())) {
      first.loadAll(Progress.NONE);
      first.apply();
      first.sql("UPDATE country SET name = 'Aruba (database)' WHERE code = 'AW'");
    }
    Files.writeString(
        file,
        "[{\"code\": \"AW\", \"name\": \"Aruba (file)\"},"
            + " {\"code\": \"BE\", \"name\": \"Belgium\"}]\n");

    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.loadAll(Progress.NONE);
      assertThat(session.changes().summary().unresolved()).isZero();
      session.apply();

      assertThat(names(session)).isEqualTo("[[AW, Aruba (database)], [BE, Belgium]]");
      assertThat(Files.readString(file))
          .isEqualTo(
              "[{\"code\": \"AW\", \"name\": \"Aruba (database)\"},"
                  + " {\"code\": \"BE\", \"name\": \"Belgium\"}]\n");
      session.loadAll(Progress.NONE);
      assertThat(session.changes().isEmpty()).isTrue();
    }
  }
}
