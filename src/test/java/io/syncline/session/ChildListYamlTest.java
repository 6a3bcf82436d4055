package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child list in a YAML file: written back where it changed, its comments kept. */
class ChildListYamlTest {
  @TempDir Path dir;

  static final String EPICS =
      """
      # all epics
      - epic_key: EP-1
        tasks:
          - task_key: T1   # first task
            done: false
          # a comment between tasks
          - task_key: T2
            done: true
      - epic_key: EP-2
        tasks: []
      """;

  @Test
  void aTaskChangedAndATaskAddedInTheDatabaseLandInTheListWithItsCommentsKept() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "database: jdbc:sqlite:plan.db\n"
            + "entities:\n"
            + "  epic:\n"
            + "    files: epics.yaml\n"
            + "    key: epic_key\n"
            + "    children: {tasks: {key: task_key}}\n");
    Files.writeString(dir.resolve("epics.yaml"), EPICS);
    LoadRequest epics = new LoadRequest("epics.yaml", "epic", null, null, null, null);
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.load(epics);
      session.apply();
      session.sql("UPDATE epic__tasks SET done = 1 WHERE task_key = 'T1'");
      session.sql(
          "INSERT INTO epic__tasks (epic_key, task_key, position, done) VALUES ('EP-1', 'T3', 3, 0)");

      session.load(epics);
      session.apply();

      assertThat(Files.readString(dir.resolve("epics.yaml")))
          .isEqualTo(
              EPICS
                  .replace(
                      "T1   # first task\n      done: false", "T1   # first task\n      done: true")
                  .replace(
                      "      done: true\n- epic_key: EP-2",
                      "      done: true\n    - task_key: T3\n      done: false\n- epic_key: EP-2"));
      session.load(epics);
      assertThat(session.changes().isEmpty()).isTrue();
    }
  }
}
