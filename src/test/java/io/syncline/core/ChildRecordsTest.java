package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records with child lists taken apart ({@link ChildRecords#split}) and a list made again from its
 * child edits ({@link ChildRecords#nest}), on tiny literal epics: the edges a list has (empty,
 * null, absent, one element, every element moved, no keys at all).
 */
class ChildRecordsTest {
  static final Entity EPIC =
      entity("epic")
          .key("epic_key")
          .build()
          .withChildren(List.of(ChildList.of("tasks", "task_key")));

  /** Steps have no key of their own: each is known by its place in the list. */
  static final Entity RECIPE =
      entity("recipe").key("id").build().withChildren(List.of(ChildList.of("steps", null)));

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"epic_key\": \"EP-7\", \"name\": \"S\", \"tasks\": []}",
        "{\"epic_key\": \"EP-7\", \"name\": \"S\", \"tasks\": null}",
        "{\"epic_key\": \"EP-7\", \"name\": \"S\"}"
      })
  void anEmptyNullOrAbsentListGivesNoChildrenAndLeavesTheParentItsOwnFields(String epic) {
    ChildRecords.Split split = split(EPIC, Map.of(), epic);

    assertThat(records(split, "epic"))
        .containsExactly("EP-7 {\"epic_key\":\"EP-7\",\"name\":\"S\"}");
    assertThat(records(split, "epic.tasks")).isEmpty();
  }

  @Test
  void aListOfOneGivesOneChildWithItsParentsKeyAndPositionOne() {
    ChildRecords.Split split =
        split(EPIC, Map.of(), "{\"epic_key\": \"EP-7\", \"tasks\": [{\"task_key\": \"T1\"}]}");

    assertThat(records(split, "epic.tasks"))
        .containsExactly("EP-7/T1 {\"epic_key\":\"EP-7\",\"position\":1,\"task_key\":\"T1\"}");
  }

  @Test
  void theSameTaskKeyUnderTwoEpicsIsTwoChildren() {
    ChildRecords.Split split =
        split(
            EPIC,
            Map.of(),
            "{\"epic_key\": \"EP-7\", \"tasks\": [{\"task_key\": \"T1\"}]}",
            "{\"epic_key\": \"EP-8\", \"tasks\": [{\"task_key\": \"T1\"}]}");

    assertThat(split.of("epic.tasks").keys())
        .extracting(RecordKey::display)
        .containsExactly("EP-7/T1", "EP-8/T1");
  }

  @Test
  void aListReadAgainKeepsThePositionsItsBaseGaveItsElements() {
    Map<String, String> base = Map.of("T1", "1", "T7", "1.5", "T2", "2");

    ChildRecords.Split split = split(EPIC, base, epic("T1", "T7", "T2"));

    assertThat(positions(split)).containsExactly("T1=1", "T7=1.5", "T2=2");
  }

  @Test
  void everyElementMovedChangesAllButOnePosition() {
    Map<String, String> base = Map.of("T1", "1", "T2", "2", "T3", "3");

    ChildRecords.Split split = split(EPIC, base, epic("T3", "T2", "T1"));

    assertThat(positions(split)).containsExactly("T3=-1", "T2=0", "T1=1");
  }

  @Test
  void anElementAddedToAnEmptiedListComesFirst() {
    Map<String, String> base = Map.of("T1", "1", "T2", "2");

    ChildRecords.Split split = split(EPIC, base, epic("T9"));

    assertThat(positions(split)).containsExactly("T9=1");
  }

  @Test
  void aListWithoutKeysKnowsItsElementsByPlace() {
    ChildRecords.Split split =
        split(
            RECIPE,
            Map.of(),
            "{\"id\": \"soup\", \"steps\": [{\"do\": \"chop\"}, {\"do\": \"boil\"}]}");

    assertThat(records(split, "recipe.steps"))
        .containsExactly(
            "soup/1 {\"do\":\"chop\",\"id\":\"soup\",\"position\":1}",
            "soup/2 {\"do\":\"boil\",\"id\":\"soup\",\"position\":2}");
  }

  @Test
  void aListWithoutKeysWhoseFirstElementGoesShiftsTheOthersUpByPlace() {
    ChildRecords.Split split =
        split(RECIPE, Map.of(), "{\"id\": \"soup\", \"steps\": [{\"do\": \"boil\"}]}");

    assertThat(records(split, "recipe.steps"))
        .containsExactly("soup/1 {\"do\":\"boil\",\"id\":\"soup\",\"position\":1}");
  }

  // ---- nest: a list made again from child edits

  static final ChildList TASKS = EPIC.children().get(0);

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"epic_key\": \"EP-7\", \"tasks\": []}",
        "{\"epic_key\": \"EP-7\", \"tasks\": null}",
        "{\"epic_key\": \"EP-7\"}"
      })
  void aTaskInsertedIntoAnEmptyNullOrAbsentListIsItsOnlyElement(String epic) {
    ChildRecords.FileEdits edits =
        new ChildRecords.FileEdits(
            Set.of(),
            Map.of(),
            Map.of(
                task("T1"),
                "{\"done\":true,\"epic_key\":\"EP-7\",\"position\":1,\"task_key\":\"T1\"}"));

    Value.Array list = nest(epic, Map.of(), edits);

    assertThat(list.canonical()).isEqualTo("[{\"done\":true,\"task_key\":\"T1\"}]");
  }

  @Test
  void theOnlyTaskDeletedLeavesAnEmptyList() {
    ChildRecords.FileEdits edits =
        new ChildRecords.FileEdits(Set.of(task("T1")), Map.of(), Map.of());

    Value.Array list = nest(epic("T1"), Map.of("T1", "1"), edits);

    assertThat(list.items()).isEmpty();
  }

  @Test
  void everyTaskMovedByTheDatabaseComesBackInTheDatabasesOrder() {
    Map<String, FieldUpdates> moves = new LinkedHashMap<>();
    moves.put(task("T1"), new FieldUpdates().set("position", "30"));
    moves.put(task("T2"), new FieldUpdates().set("position", "20"));
    moves.put(task("T3"), new FieldUpdates().set("position", "10"));
    ChildRecords.FileEdits edits = new ChildRecords.FileEdits(Set.of(), moves, Map.of());

    Value.Array list = nest(epic("T1", "T2", "T3"), Map.of("T1", "1", "T2", "2", "T3", "3"), edits);

    assertThat(list.canonical())
        .isEqualTo("[{\"task_key\":\"T3\"},{\"task_key\":\"T2\"},{\"task_key\":\"T1\"}]");
  }

  @Test
  void aTaskInsertedIntoAnotherEpicIsNotThisOnes() {
    ChildRecords.FileEdits edits =
        new ChildRecords.FileEdits(
            Set.of(),
            Map.of(),
            Map.of(
                "EP-70" + RecordKey.LEVEL + "T1",
                "{\"epic_key\":\"EP-70\",\"position\":1,\"task_key\":\"T1\"}"));

    Value.Array list = nest(epic("T1"), Map.of("T1", "1"), edits);

    assertThat(list.canonical()).isEqualTo("[{\"task_key\":\"T1\"}]");
  }

  // ---- helpers

  /** The key text of EP-7's task {@code key}. */
  static String task(String key) {
    return "EP-7" + RecordKey.LEVEL + key;
  }

  /** EP-7 with tasks of the given keys, in that order. */
  static String epic(String... tasks) {
    List<String> items = new ArrayList<>();
    for (String task : tasks) {
      items.add("{\"task_key\": \"" + task + "\"}");
    }
    return "{\"epic_key\": \"EP-7\", \"tasks\": [" + String.join(", ", items) + "]}";
  }

  /** Splits the records, EP-7's tasks having the base positions given by task key. */
  static ChildRecords.Split split(Entity entity, Map<String, String> positions, String... records) {
    Snapshot nested = new Snapshot();
    for (String record : records) {
      Value.Obj parsed = (Value.Obj) CanonicalJson.parse(record);
      nested.put(RecordKey.text(entity, parsed, null), parsed.canonical());
    }
    Snapshot base = base(positions);
    return ChildRecords.split(entity, nested, key -> "test.json", name -> base);
  }

  static Snapshot base(Map<String, String> positions) {
    Snapshot base = new Snapshot();
    positions.forEach(
        (task, position) ->
            base.put(
                task(task),
                "{\"epic_key\":\"EP-7\",\"position\":"
                    + position
                    + ",\"task_key\":\""
                    + task
                    + "\"}"));
    return base;
  }

  static Value.Array nest(
      String epic, Map<String, String> positions, ChildRecords.FileEdits edits) {
    return ChildRecords.nest(
        EPIC, TASKS, "EP-7", (Value.Obj) CanonicalJson.parse(epic), base(positions), edits);
  }

  static List<String> records(ChildRecords.Split split, String entity) {
    List<String> out = new ArrayList<>();
    Snapshot records = split.of(entity);
    for (String key : records.keys()) {
      out.add(RecordKey.display(key) + " " + records.get(key));
    }
    return out;
  }

  static List<String> positions(ChildRecords.Split split) {
    List<String> out = new ArrayList<>();
    Snapshot records = split.of("epic.tasks");
    for (String key : records.keys()) {
      Value.Obj record = Records.parse(records.get(key));
      out.add(key.substring("EP-7/".length()) + "=" + record.get("position").canonical());
    }
    return out;
  }
}
