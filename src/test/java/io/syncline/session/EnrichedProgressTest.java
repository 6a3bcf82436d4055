package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enrich: progress:}: the database counts each epic's tasks, kept as a child table. */
class EnrichedProgressTest {
  @TempDir Path dir;

  static final String MAPPING =
      "database: jdbc:sqlite:epics.db\n"
          + "entities:\n"
          + "  epic:\n"
          + "    files: epics/*.json\n"
          + "    key: epic_key\n"
          + "    children: {tasks: {key: task_key}}\n"
          + "    enrich:\n"
          + "      duration: duration\n"
          + "      progress: {children: tasks, done: done, hours: hours}\n";

  void epic(String key, String tasks) throws IOException {
    Path file = dir.resolve("epics").resolve(key + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\n  \"epic_key\": \""
            + key
            + "\",\n  \"duration\": \"2 dias\",\n  \"tasks\": "
            + tasks
            + "\n}\n");
  }

  static LoadRequest epics() {
    return new LoadRequest(
        "epics/*.json", "epic", null, null, null, null, LocalDate.parse("2025-08-15"));
  }

  String progress(Session session) {
    QueryResult result =
        session.sql("SELECT epic_key, progress_percentage, stats FROM epic ORDER BY epic_key");
    return ((QueryResult.ResultTable) result)
        .rows().stream().map(Object::toString).collect(Collectors.joining("\n"));
  }

  @Test
  void progressFollowsTheTasksOfEitherSideAndIsWrittenToBoth() throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    epic(
        "EP-1",
        "[{\"task_key\": \"T1\", \"done\": true, \"hours\": 3},"
            + " {\"task_key\": \"T2\", \"done\": false, \"hours\": 5}]");
    epic("EP-2", "[]");
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epics());
      session.apply();
      assertThat(progress(session))
          .isEqualTo(
              "[EP-1, 50, {\"done\":1,\"estimated_hours\":8,\"open\":1,\"total\":2}]\n"
                  + "[EP-2, null, {\"done\":0,\"estimated_hours\":0,\"open\":0,\"total\":0}]");

      // the second task done in the database, a third added in the file: both count
      session.sql("UPDATE epic__tasks SET done = 1 WHERE task_key = 'T2'");
      String text = Files.readString(dir.resolve("epics/EP-1.json"));
      Files.writeString(
          dir.resolve("epics/EP-1.json"),
          text.replace("\"hours\": 5}", "\"hours\": 5}, {\"task_key\": \"T3\", \"done\": false}"));
      session.load(epics());
      session.apply();

      assertThat(progress(session))
          .startsWith("[EP-1, 66.7, {\"done\":2,\"estimated_hours\":8,\"open\":1,\"total\":3}]");
      assertThat(Files.readString(dir.resolve("epics/EP-1.json")))
          .contains("\"progress_percentage\": 66.7");
      session.load(epics());
      assertThat(session.changes().isEmpty()).isTrue();
    }
  }
}
