package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A child list that cannot be taken apart is refused by load with one message naming the file, the
 * line and the child's path, before anything is written: no table made, no file touched, and a
 * later apply has nothing of it to write.
 */
class ChildRefusalsTest extends InWorkingDirectory {
  static final String MAPPING = ChildSyncTest.MAPPING;

  /** EP-7's file with {@code tasks} as given, on line 4 and after. */
  static String epic(String tasks) {
    return "{\n  \"epic_key\": \"EP-7\",\n  \"name\": \"Scheduler\",\n  \"tasks\": "
        + tasks
        + "\n}\n";
  }

  static final String GOOD = "{\"task_key\": \"T1\", \"title\": \"Plan\"}";

  static Stream<Arguments> badLists() {
    return Stream.of(
        Arguments.of(
            "a task without its key",
            epic("[\n    " + GOOD + ",\n    {\"title\": \"Build\"}\n  ]"),
            "epics/EP-7.json:6: epic/EP-7.tasks[1]: the element has no task_key (its key in the list); nothing was changed"),
        Arguments.of(
            "a task key twice in one epic",
            epic("[\n    " + GOOD + ",\n    {\"task_key\": \"T1\", \"title\": \"Build\"}\n  ]"),
            "epics/EP-7.json:6: epic/EP-7.tasks[1]: the key T1 is also tasks[0]'s; each element of epic/EP-7.tasks needs a key of its own; nothing was changed"),
        Arguments.of(
            "tasks that are not a list",
            epic("{\"task_key\": \"T1\"}"),
            "epics/EP-7.json:4: epic/EP-7.tasks: holds an object, not the list of objects that children: keeps as the table framework_tasks; make it a list ([] for none), or take tasks out of children:; nothing was changed"),
        Arguments.of(
            "tasks that are text",
            epic("\"none yet\""),
            "epics/EP-7.json:4: epic/EP-7.tasks: holds text, not the list of objects that children: keeps as the table framework_tasks; make it a list ([] for none), or take tasks out of children:; nothing was changed"),
        Arguments.of(
            "a task that is not an object",
            epic("[\n    " + GOOD + ",\n    \"Build\"\n  ]"),
            "epics/EP-7.json:6: epic/EP-7.tasks[1]: is text, not an object; each element of tasks is a row of framework_tasks, its members the columns; nothing was changed"),
        Arguments.of(
            "a task holding its epic's key",
            epic("[\n    " + GOOD + ",\n    {\"task_key\": \"T2\", \"epic_key\": \"EP-8\"}\n  ]"),
            "epics/EP-7.json:6: epic/EP-7.tasks[1].epic_key: an element of a child list cannot hold a field named epic_key, which the child table framework_tasks uses for the key of its epic; nothing was changed"),
        Arguments.of(
            "a task holding the order field",
            epic("[\n    " + GOOD + ",\n    {\"task_key\": \"T2\", \"position\": 7}\n  ]"),
            "epics/EP-7.json:6: epic/EP-7.tasks[1].position: an element of a child list cannot hold a field named position, which the child table framework_tasks uses for the element's place in the list; name another with order: in children:; nothing was changed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badLists")
  void aBadChildListIsRefusedByNameAndLineWithNothingChanged(
      String name, String text, String message) throws IOException {
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    Path file = dir.resolve("epics/EP-7.json");
    Files.writeString(file, text);
    session = new Session(dir, Clock.systemUTC());

    assertThatThrownBy(() -> session.loadAll(Progress.NONE))
        .isInstanceOf(SynclineException.class)
        .hasMessage(message);

    assertThat(Files.readString(file)).isEqualTo(text);
    assertThat(tables()).isEmpty();
  }

  @Test
  void aListBrokenAfterASyncLeavesTheTableAndTheFileAsTheyWere() throws IOException {
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(dir.resolve("syncline.yml"), MAPPING);
    Path file = dir.resolve("epics/EP-7.json");
    Files.writeString(file, epic("[\n    " + GOOD + "\n  ]"));
    session = new Session(dir, Clock.systemUTC());
    session.loadAll(Progress.NONE);
    session.apply();
    String broken = epic("[\n    " + GOOD + ",\n    " + GOOD + "\n  ]");
    Files.writeString(file, broken);
    session.sql("UPDATE framework_tasks SET title = 'Plan (db)'");

    assertThatThrownBy(() -> session.loadAll(Progress.NONE))
        .hasMessageStartingWith("epics/EP-7.json:6: epic/EP-7.tasks[1]: the key T1 is also");
    session.apply();

    assertThat(Files.readString(file)).isEqualTo(broken);
    assertThat(rows()).containsExactly(List.of("T1", "Plan (db)"));
  }

  @Test
  void aYamlFilesElementIsNamedByItsLine() throws IOException {
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(dir.resolve("syncline.yml"), MAPPING.replace("*.json", "*.yml"));
    Files.writeString(
        dir.resolve("epics/EP-7.yml"),
        """
        epic_key: EP-7
        # the plan
        tasks:
          - task_key: T1
            title: Plan
          - title: Build
            done: false
        """);
    session = new Session(dir, Clock.systemUTC());

    assertThatThrownBy(() -> session.loadAll(Progress.NONE))
        .hasMessage(
            "epics/EP-7.yml:6: epic/EP-7.tasks[1]: the element has no task_key (its key in the"
                + " list); nothing was changed");
    assertThat(tables()).isEmpty();
  }

  @Test
  void anElementOfARecordInAListFileIsNamedByItsLine() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        """
        database: jdbc:sqlite:plan.db
        entities:
          country:
            files: countries.json
            key: alpha_2
            children:
              cities:
                key: name
        """);
    Files.writeString(
        dir.resolve("countries.json"),
        """
        [
          {"alpha_2": "AW", "cities": [{"name": "Oranjestad"}]},
          {
            "alpha_2": "BE",
            "cities": [
              {"name": "Brussels"},
              {"name": "Ghent"},
              {"name": "Ghent", "note": "again"}
            ]
          }
        ]
        """);
    session = new Session(dir, Clock.systemUTC());

    assertThatThrownBy(() -> session.loadAll(Progress.NONE))
        .hasMessage(
            "countries.json:8: country/BE.cities[2]: the key Ghent is also cities[1]'s; each"
                + " element of country/BE.cities needs a key of its own; nothing was changed");
  }

  List<List<String>> rows() {
    return ((QueryResult.ResultTable) session.sql("SELECT task_key, title FROM framework_tasks"))
        .rows();
  }

  List<List<String>> tables() {
    QueryResult.ResultTable result =
        (QueryResult.ResultTable)
            session.sql("SELECT name FROM sqlite_master WHERE name LIKE 'framework%'");
    return result.rows();
  }
}
