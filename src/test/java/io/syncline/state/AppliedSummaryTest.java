package io.syncline.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppliedSummaryTest {
  @Test
  void theDetailKeepsAThousandLinesAndCountsTheRest() {
    EntityPlan plan = EntityPlan.empty(StateStoreContract.JOB);
    for (int i = 0; i < 1003; i++) {
      plan.databaseInserts().put(String.format("k%04d", i), "{\"id\":\"k\"}");
    }
    plan.fileUpdates().put("u", new FieldUpdates().set("cron", "\"* * * * *\""));

    List<String> detail = AppliedSummary.detail(List.of(plan));

    assertThat(detail).hasSize(1001);
    assertThat(detail.get(0)).isEqualTo("to-db    insert  job/k0000");
    assertThat(detail.get(999)).isEqualTo("to-db    insert  job/k0999");
    assertThat(detail.get(1000)).isEqualTo("… 4 more");
  }
}
