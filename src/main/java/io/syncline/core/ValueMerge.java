package io.syncline.core;

import java.util.Optional;

/**
 * Merges one value that both sides may have changed, with the rules of a field:
 *
 * <pre>
 *   file = database, or database = base     the file's value
 *   file = base                             the database's value
 *   both changed, both objects              member by member ({@link ObjectMerge})
 *   both changed, both lists                element by element ({@link ListMerge})
 *   both changed, anything else             none: a conflict
 * </pre>
 *
 * {@link ValueDiff} names the paths where a merge found no answer.
 */
public final class ValueMerge {
  private ValueMerge() {}

  /** The merged value, or empty when some part changed on both sides to different values. */
  public static Optional<Value> merge(Value base, Value file, Value database) {
    if (file.sameAs(database) || database.sameAs(base)) {
      return Optional.of(file);
    }
    if (file.sameAs(base)) {
      return Optional.of(database);
    }
    if (base instanceof Value.Obj && file instanceof Value.Obj && database instanceof Value.Obj) {
      return ObjectMerge.merge(base, file, database);
    }
    return ListMerge.merge(base, file, database);
  }
}
