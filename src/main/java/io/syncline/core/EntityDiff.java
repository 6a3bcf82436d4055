package io.syncline.core;

import java.util.List;
import java.util.Map;

/**
 * The differences of one entity.
 *
 * @param changes ordered by key, then field in mapping order
 * @param touched the three states of every record that has a change, to build its new base
 * @param settled records the sides already agree on whose base must follow: key → agreed text,
 *     or null where the record is gone from both sides
 */
public record EntityDiff(
    Entity entity,
    List<Change> changes,
    Map<String, RecordStates> touched,
    Map<String, String> settled) {

  public EntityDiff {
    changes = List.copyOf(changes);
  }
}
