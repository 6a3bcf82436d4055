package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plans made at load are kept on every database: the columns the calculated fields get (a decimal
 * and two dates) read back as they were written, so a later load finds nothing to change.
 */
class EnrichedLoadDatabasesTest {
  @TempDir Path dir;
  final List<Runnable> cleanUps = new ArrayList<>();
  Servers.Target target;

  @AfterEach
  void cleanUp() {
    cleanUps.forEach(Runnable::run);
  }

  Session session() {
    Session session = new Session(dir, Clock.systemUTC());
    session.connect(target.url(), target.user(), null, false);
    return session;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aPlanReadsBackAsWrittenAndStaysPut(String kind) throws IOException {
    target = Servers.empty(kind, dir, "epics", cleanUps);
    Files.writeString(
        dir.resolve("syncline.yml"),
        "entities:\n  epic:\n    files: epics.json\n    key: [id]\n"
            + "    enrich: {duration: duration, start: next_monday, days: business, holidays: BR}\n");
    Files.writeString(
        dir.resolve("epics.json"),
        "[{\"id\": \"EP-2\", \"duration\": \"1.5 weeks\"}, {\"id\": \"EP-7\", \"duration\": \"10"
            + " días\"}]\n");
    try (Session session = session()) {
      session.loadAll(LocalDate.parse("2025-11-14"), Progress.NONE);
      session.apply();
    }
    try (Session session = session()) {
      session.loadAll(LocalDate.parse("2025-11-28"), Progress.NONE);
      assertThat(session.changes().changes()).isEmpty();
    }
    assertThat(Files.readString(dir.resolve("epics.json")))
        .contains(
            "\"calculated_duration_days\": 7.5, \"planned_start_date\": \"2025-11-17\","
                + " \"planned_end_date\": \"2025-11-28\"")
        .contains(
            "\"calculated_duration_days\": 10, \"planned_start_date\": \"2025-11-17\","
                + " \"planned_end_date\": \"2025-12-02\"");
  }
}
