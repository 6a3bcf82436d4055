package io.syncline.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The differences of one entity.
 *
 * @param changes ordered by key, then field in mapping order
 * @param touched the three states of every record that has a field change, to build its new base (a
 *     whole-record change carries its states itself: see {@link #states})
 * @param settled records the sides already agree on whose base must follow: key → agreed text, or
 *     null where the record is gone from both sides
 */
public record EntityDiff(
    Entity entity,
    ChangeList changes,
    Map<String, RecordStates> touched,
    Map<String, String> settled) {

  /** The three states of the record a change belongs to. */
  public RecordStates states(Change change) {
    RecordStates held = touched.get(change.key().text());
    if (held != null || !change.wholeRecord()) {
      return held;
    }
    return new RecordStates(change.base(), change.file(), change.database());
  }

  /**
   * The diff after {@code plan} was applied: the changes that were not carried out stay exactly as
   * they were (their fields did not move on either side), and their records' states follow what the
   * plan wrote. Every settled base was written, so nothing is left to settle.
   */
  public EntityDiff afterApply(EntityPlan plan, Predicate<Change> applied) {
    List<Change> remaining = new ArrayList<>();
    for (Change change : changes.listed()) {
      if (!applied.test(change)) {
        remaining.add(change);
      }
    }
    for (Inserts run : changes.inserts()) {
      if (plan.took(run)) {
        continue; // every one of them was inserted
      }
      for (int i = 0; i < run.size(); i++) {
        Change change = run.change(entity.name(), i);
        if (!applied.test(change)) {
          remaining.add(change);
        }
      }
    }
    remaining.sort(Comparator.comparing(Change::key));
    Map<String, RecordStates> states = new HashMap<>();
    for (Change change : remaining) {
      RecordStates old = states(change);
      states.computeIfAbsent(
          change.key().text(),
          key ->
              new RecordStates(
                  plan.base().containsKey(key) ? plan.base().get(key) : old.base(),
                  Records.withFields(entity, old.file(), plan.fileUpdates().get(key)),
                  Records.withFields(entity, old.database(), plan.databaseUpdates().get(key))));
    }
    return new EntityDiff(
        entity, ChangeList.of(entity.name(), remaining, List.of()), states, Map.of());
  }
}
