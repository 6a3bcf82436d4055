package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.ChildList;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Mapping;
import io.syncline.core.ParentReference;
import io.syncline.core.UnableToReadFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code children:} in {@code syncline.yml}, and child entities kept apart from their mapping. */
class MappingFileChildrenTest {
  static final String MAPPING =
      """
      entities:
        epic:
          files: epics/*.json
          key: epic_key
          table: framework_epics
          fields: {epic_key: {}, name: {}}
          children:
            tasks:
              key: task_key
              table: framework_tasks
              fields: {task_key: {}, done: {type: boolean}}
              children:
                checklist: {}
      """;

  @Test
  void childListsAreReadWithTheirDefaultsAndWrittenBack() {
    Mapping mapping = MappingFile.parse(MAPPING, "syncline.yml");
    Entity epic = mapping.entity("epic").orElseThrow();

    ChildList tasks = epic.childList("tasks").orElseThrow();
    assertThat(tasks.key()).containsExactly("task_key");
    assertThat(tasks.order()).isEqualTo("position");
    assertThat(tasks.children().get(0).positional()).isTrue();
    Entity taskEntity = mapping.entity("epic.tasks").orElseThrow();
    assertThat(taskEntity.table()).isEqualTo("framework_tasks");
    assertThat(taskEntity.key()).containsExactly("epic_key", "task_key");
    assertThat(taskEntity.fields().stream().map(Field::name))
        .containsExactly("epic_key", "position", "task_key", "done");
    Entity checklist = mapping.entity("epic.tasks.checklist").orElseThrow();
    assertThat(checklist.table()).isEqualTo("framework_tasks__checklist");
    assertThat(checklist.key()).containsExactly("epic_key", "task_key", "position");

    Mapping again = MappingFile.parse(MappingFile.write(mapping), "again");
    assertThat(again.entity("epic")).contains(epic);
  }

  @Test
  void aChildEntityStandsAloneWithEveryFieldItHas() {
    Entity task = MappingFile.parse(MAPPING, "syncline.yml").entity("epic.tasks").orElseThrow();
    List<Field> inferred = new ArrayList<>(task.fields());
    inferred.add(new Field("title", null, FieldType.TEXT, null));
    Entity withTitle = task.withFields(inferred);

    String kept = MappingFile.write(new Mapping(null, List.of(withTitle.standalone())));

    assertThat(MappingFile.parse(kept, "kept").entity("epic.tasks")).contains(withTitle);
    Entity checklist =
        MappingFile.parse(MAPPING, "syncline.yml").entity("epic.tasks.checklist").orElseThrow();
    String keptChecklist = MappingFile.write(new Mapping(null, List.of(checklist.standalone())));
    assertThat(MappingFile.parse(keptChecklist, "kept").entity("epic.tasks.checklist"))
        .contains(checklist);
  }

  @Test
  void aChildListThatIsNotASettingsBlockIsRefusedByName() {
    assertThatThrownBy(
            () ->
                MappingFile.parse(
                    "entities:\n  epic:\n    files: e.json\n    key: k\n    children: [tasks]\n",
                    "syncline.yml"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("entities.epic.children: expected list fields and their settings");
    assertThatThrownBy(
            () ->
                MappingFile.parse(
                    "entities:\n  epic:\n    files: e.json\n    key: k\n"
                        + "    children: {tasks: {keys: id}}\n",
                    "syncline.yml"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining(
            "entities.epic.children.tasks.keys: unknown setting; expected one of children,"
                + " fields, key, order, parent, table");
  }

  static final String BY_ID =
      """
      entities:
        epic:
          files: epics/*.json
          key: epic_key
          table: framework_epics
          children:
            tasks:
              key: task_key
              table: framework_tasks
              parent: {column: epic_id, references: id}
              children:
                checklist:
                  table: framework_checklist
                  parent: {column: task_id, references: id}
      """;

  @Test
  void aChildTablePointingAtItsParentByIdIsReadWrittenBackAndKeptApart() {
    Mapping mapping = MappingFile.parse(BY_ID, "syncline.yml");
    Entity task = mapping.entity("epic.tasks").orElseThrow();
    assertThat(task.parent().reference()).isEqualTo(new ParentReference("epic_id", "id"));
    assertThat(task.parent().byId().table()).isEqualTo("framework_epics");
    assertThat(task.key()).containsExactly("epic_key", "task_key");

    String written = MappingFile.write(mapping);
    assertThat(written)
        .contains(
            "parent: {column: epic_id, references: id}   # framework_tasks.epic_id ->"
                + " framework_epics.id");
    assertThat(MappingFile.parse(written, "again").entity("epic"))
        .isEqualTo(mapping.entity("epic"));

    Entity checklist = mapping.entity("epic.tasks.checklist").orElseThrow();
    String kept = MappingFile.write(new Mapping(null, List.of(checklist.standalone())));
    Entity back = MappingFile.parse(kept, "kept").entity("epic.tasks.checklist").orElseThrow();
    assertThat(back.table()).isEqualTo("framework_checklist");
    assertThat(back.parent().reference()).isEqualTo(new ParentReference("task_id", "id"));
    assertThat(back.parent().byId().table()).isEqualTo("framework_tasks");
    assertThat(back.parent().byId().parent().byId().table()).isEqualTo("framework_epics");
  }

  @Test
  void aParentReferenceWithoutBothColumnsIsRefusedByName() {
    assertThatThrownBy(
            () ->
                MappingFile.parse(
                    BY_ID.replace("{column: epic_id, references: id}", "{column: epic_id}"),
                    "syncline.yml"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("entities.epic.children.tasks.parent: name both");
  }
}
