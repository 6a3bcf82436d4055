package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldUpdatesTest {
  static final Entity ITEM =
      entity("item").key("id").text("id", "name").fields(FieldType.JSON, "tags").build();

  @Test
  void theUpdatesBetweenTwoRecordsSetWhatDiffersAndRemoveWhatTheTargetLacks() {
    FieldUpdates updates =
        FieldUpdates.between(
            ITEM,
            "{\"id\":\"a\",\"name\":\"Ann\",\"tags\":[\"x\"]}",
            "{\"id\":\"a\",\"name\":\"Anne\"}");

    assertThat(updates.edits())
        .containsExactly(
            java.util.Map.entry("name", new FieldEdit.SetTo("\"Anne\"")),
            java.util.Map.entry("tags", FieldEdit.REMOVE));
  }

  @Test
  void appliedToTheRecordTheUpdatesGiveTheTarget() {
    String current = "{\"id\":\"a\",\"name\":\"Ann\",\"tags\":[\"x\"]}";
    String target = "{\"id\":\"a\",\"name\":\"Anne\"}";

    String after = Records.withFields(ITEM, current, FieldUpdates.between(ITEM, current, target));

    assertThat(after).isEqualTo(target);
    assertThat(FieldUpdates.between(ITEM, current, current).isEmpty()).isTrue();
  }

  @Test
  void aSideWithoutTheFieldRemovesItAndAValueIsNeverNull() {
    assertThat(FieldEdit.to(null)).isEqualTo(FieldEdit.REMOVE);
    assertThat(FieldEdit.to("[1]").value()).isEqualTo(CanonicalJson.parse("[1]"));
    assertThat(FieldEdit.REMOVE.value()).isEqualTo(Value.NULL);
    assertThatThrownBy(() -> new FieldUpdates().set("name", null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
