package io.syncline.session;

import io.syncline.core.ChangeSet;
import io.syncline.core.EntityPlan;
import io.syncline.core.SchemaChange;
import io.syncline.formats.FileWrite;
import java.util.List;

/** What {@code apply} does, or did: the schema changes, each entity's plan, the files written. */
public record ApplyPreview(
    List<SchemaChange> schema,
    List<EntityPlan> plans,
    List<String> fileWrites,
    ChangeSet.Summary summary) {
  public boolean isEmpty() {
    return schema.isEmpty()
        && fileWrites.isEmpty()
        && plans.stream().noneMatch(EntityPlan::touchesDatabase);
  }

  static ApplyPreview of(ChangeSet changes, List<EntityPlan> plans, FileWrite write) {
    return new ApplyPreview(changes.schema(), plans, write.describe(), changes.summary());
  }
}
