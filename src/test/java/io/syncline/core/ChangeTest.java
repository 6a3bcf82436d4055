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
}
