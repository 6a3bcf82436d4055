package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Change;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child list of a child list: an epic's tasks, each with its checklist, three tables deep. */
class GrandchildrenTest {
  @TempDir Path dir;

  static final String EPIC =
      """
      {
        "epic_key": "EP-1",
        "tasks": [
          {
            "task_key": "T1",
            "checklist": [
              {"item": "a", "ok": true},
              {"item": "b", "ok": false}
            ]
          },
          {
            "task_key": "T2"
          }
        ]
      }
      """;

  static final String MAPPING =
      """
      database: jdbc:sqlite:plan.db
      entities:
        epic:
          files: e/*.json
          key: epic_key
          children:
            tasks:
              key: task_key
              children:
                checklist: {}
      """;

  @Test
  void aChecklistItemChangedOrAddedInTheDatabaseIsWrittenIntoItsTaskInTheFile() throws IOException {
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    Files.createDirectories(dir.resolve("e"));
    Files.writeString(dir.resolve("e/EP-1.json"), EPIC);
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(new LoadRequest("e/*.json", "epic", null, null, null, null));
      session.apply();
      session.sql("UPDATE epic__tasks__checklist SET ok = 1 WHERE item = 'b'");
      session.sql(
          "INSERT INTO epic__tasks__checklist (epic_key, task_key, position, item, ok)"
              + " VALUES ('EP-1', 'T2', 1, 'new', 0)");

      session.load(new LoadRequest("e/*.json", "epic", null, null, null, null));

      assertThat(session.changes().changes().stream().map(Change::id))
          .containsExactly("epic/EP-1.tasks/T1.checklist/2.ok", "epic/EP-1.tasks/T2.checklist/1");
      assertThat(session.changes().matching("epic/EP-1.tasks/T1")).hasSize(1);
      session.apply();
      assertThat(Files.readString(dir.resolve("e/EP-1.json")))
          .isEqualTo(
              EPIC.replace("\"ok\": false}", "\"ok\": true}")
                  .replace(
                      "\"task_key\": \"T2\"\n",
                      "\"task_key\": \"T2\",\n"
                          + "      \"checklist\": [\n"
                          + "        {\n"
                          + "          \"item\": \"new\",\n"
                          + "          \"ok\": false\n"
                          + "        }\n"
                          + "      ]\n"));
      session.load(new LoadRequest("e/*.json", "epic", null, null, null, null));
      assertThat(session.changes().isEmpty()).isTrue();
    }
  }
}
