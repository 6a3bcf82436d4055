package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChangeTest {

  @Test
  void anIdAndItsSelectorsPrintTheKeyAndFieldAsBefore() {
    Change field =
        new Change(
            "pair",
            RecordKey.parse("x,2"),
            FieldPath.of("name"),
            ChangeKind.UPDATE,
            Direction.TO_DATABASE,
            "\"a\"",
            "\"b\"",
            "\"a\"");
    Change record =
        new Change(
            "pair",
            RecordKey.parse("x,2"),
            FieldPath.RECORD,
            ChangeKind.DELETE,
            Direction.TO_FILE,
            "{}",
            "{}",
            null);

    assertThat(field.id()).isEqualTo("pair/x,2.name");
    assertThat(record.id()).isEqualTo("pair/x,2");
    assertThat(field.matches("pair/x,2")).isTrue();
    assertThat(field.matches("pair/x,2.name")).isTrue();
    assertThat(field.matches("pair/x,2.other")).isFalse();
    assertThat(record.matches("pair")).isTrue();
    assertThat(record.wholeRecord()).isTrue();
    assertThat(field.wholeRecord()).isFalse();
  }

  @Test
  void aFieldWhoseNameLooksLikeAPathKeepsItsNameInIdsAndDifferences() {
    Change change =
        new Change(
            "item",
            RecordKey.parse("7"),
            FieldPath.of("a.b"),
            ChangeKind.CONFLICT,
            null,
            "{\"x\":1}",
            "{\"x\":2}",
            "{\"x\":3}");

    assertThat(change.id()).isEqualTo("item/7.a.b");
    assertThat(change.matches("item/7.a.b")).isTrue();
    assertThat(change.differences().differences())
        .extracting(ValueDiff.Difference::path)
        .containsExactly("a.b.x");
  }

  @Test
  void aChangeIsOfARecordOrOneOfItsFieldsNotOfAPlaceInsideAField() {
    assertThatThrownBy(
            () ->
                new Change(
                    "item",
                    RecordKey.parse("7"),
                    FieldPath.of("tags").element(0),
                    ChangeKind.UPDATE,
                    Direction.TO_FILE,
                    "1",
                    "1",
                    "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a change is of a record or one of its fields: tags[0]");
  }

  static final Change DONE =
      new Change(
          "epic.tasks",
          RecordKey.parse("EP-7" + RecordKey.LEVEL + "T1"),
          FieldPath.of("done"),
          ChangeKind.CONFLICT,
          null,
          "false",
          "true",
          "null");

  static final Change CHECKED =
      new Change(
          "epic.tasks.checklist",
          RecordKey.parse("EP-7" + RecordKey.LEVEL + "T1" + RecordKey.LEVEL + "C2"),
          FieldPath.RECORD,
          ChangeKind.INSERT,
          Direction.TO_DATABASE,
          null,
          "{}",
          null);

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} matches {1}: {2}")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      textBlock =
          """
          done    | epic                       | true
          done    | epic.tasks                 | true
          done    | epic/EP-7                  | true
          done    | epic/EP-7.tasks            | true
          done    | epic/EP-7.tasks/T1         | true
          done    | epic/EP-7.tasks/T1.done    | true
          done    | epic/EP-7.tasks/T1.title   | false
          done    | epic/EP-7.tasks/T10        | false
          done    | epic/EP-70                 | false
          done    | epic/EP-7.task             | false
          done    | epic/EP-7.name             | false
          done    | epics                      | false
          checked | epic/EP-7                  | true
          checked | epic/EP-7.tasks/T1         | true
          checked | epic/EP-7.tasks/T1.checklist | true
          checked | epic/EP-7.tasks/T1.checklist/C2 | true
          checked | epic/EP-7.tasks/T2         | false
          """)
  void aChildsChangeIsNamedByItsOwnSelectorsAndEveryOneAboveIt(
      String change, String selector, boolean matches) {
    Change c = change.equals("done") ? DONE : CHECKED;

    assertThat(c.matches(selector)).isEqualTo(matches);
  }

  @org.junit.jupiter.api.Test
  void aChildsIdReadsFromItsRootDown() {
    assertThat(DONE.id()).isEqualTo("epic/EP-7.tasks/T1.done");
    assertThat(DONE.record()).isEqualTo("epic/EP-7.tasks/T1");
    assertThat(CHECKED.id()).isEqualTo("epic/EP-7.tasks/T1.checklist/C2");
  }
}
