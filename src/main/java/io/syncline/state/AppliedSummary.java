package io.syncline.state;

import io.syncline.core.EntityPlan;
import java.time.Instant;
import java.util.List;

/**
 * What one apply did, for the audit log.
 *
 * @param outcome how it ended, in a word or a line: {@code applied}, {@code rolled back: ...}
 */
public record AppliedSummary(
    Instant startedAt, List<String> entities, Counts toDatabase, Counts toFiles, String outcome) {

  public AppliedSummary {
    entities = List.copyOf(entities);
  }

  /** The counts and entity names of the plans. */
  public static AppliedSummary of(Instant startedAt, List<EntityPlan> plans, String outcome) {
    Counts toDatabase = Counts.NONE;
    Counts toFiles = Counts.NONE;
    for (EntityPlan plan : plans) {
      toDatabase =
          toDatabase.plus(
              new Counts(
                  plan.databaseInserts().size(),
                  plan.databaseUpdates().size(),
                  plan.databaseDeletes().size()));
      toFiles =
          toFiles.plus(
              new Counts(
                  plan.fileInserts().size(), plan.fileUpdates().size(), plan.fileDeletes().size()));
    }
    List<String> names = plans.stream().map(p -> p.entity().name()).distinct().sorted().toList();
    return new AppliedSummary(startedAt, names, toDatabase, toFiles, outcome);
  }
}
