package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressRuleTest {
  private static Value.Obj task(String json) {
    return (Value.Obj) CanonicalJson.parse(json);
  }

  @Test
  void countsDoneTasksAndSumsTheirHours() {
    ProgressRule rule = new ProgressRule("tasks", "done", List.of(), "hours");

    Map<String, Value> fields =
        rule.of(
            List.of(
                task("{\"done\":true,\"hours\":4}"),
                task("{\"done\":false,\"hours\":2.5}"),
                task("{\"done\":false}")));

    assertThat(fields.get(Enrichment.PROGRESS).canonical()).isEqualTo("33.3");
    assertThat(fields.get(Enrichment.STATS).canonical())
        .isEqualTo("{\"done\":1,\"estimated_hours\":6.5,\"open\":2,\"total\":3}");
  }

  @Test
  void doneValuesNameWhatCountsAsDone() {
    ProgressRule rule = new ProgressRule("tasks", "status", List.of("done", "closed"), null);

    Map<String, Value> fields =
        rule.of(
            List.of(
                task("{\"status\":\"done\"}"),
                task("{\"status\":\"closed\"}"),
                task("{\"status\":\"open\"}"),
                task("{}")));

    assertThat(fields.get(Enrichment.PROGRESS).canonical()).isEqualTo("50");
    assertThat(fields.get(Enrichment.STATS).canonical())
        .isEqualTo("{\"done\":2,\"open\":2,\"total\":4}");
  }

  @Test
  void aRecordWithoutChildrenHasNoPercentage() {
    Map<String, Value> fields = new ProgressRule("tasks", "done", List.of(), null).of(List.of());

    assertThat(fields.get(Enrichment.PROGRESS)).isEqualTo(Value.NULL);
    assertThat(fields.get(Enrichment.STATS).canonical())
        .isEqualTo("{\"done\":0,\"open\":0,\"total\":0}");
  }

  @Test
  void onlyTrueIsDoneWithoutDoneValues() {
    ProgressRule rule = new ProgressRule("tasks", "done", List.of(), null);

    assertThat(rule.isDone(task("{\"done\":\"true\"}"))).isFalse();
    assertThat(rule.isDone(task("{\"done\":1}"))).isFalse();
    assertThat(rule.isDone(task("{\"done\":true}"))).isTrue();
  }

  @Test
  void childrenAreTakenFromANestedRecordsList() {
    ProgressRule rule = new ProgressRule("tasks", "done", List.of(), null);

    assertThat(rule.childrenIn(task("{\"tasks\":[{\"done\":true},3]}"))).hasSize(1);
    assertThat(rule.childrenIn(task("{\"tasks\":\"none\"}"))).isEmpty();
  }
}
