package io.syncline.core;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges a JSON object value that both sides changed, member by member, with the same rules as a
 * field: a member changed on one side takes that side's value, a member changed on both sides to
 * the same value keeps it. Worked example:
 *
 * <pre>
 *   base {"a": 1, "b": 1}   file {"a": 2, "b": 1}   database {"a": 1, "b": 3}   → {"a": 2, "b": 3}
 *   base {"a": 1}           file {"a": 1, "c": 5}   database {}                 → {"c": 5}
 *   base {"a": 1}           file {"a": 2}           database {"a": 3}           → none: a conflict
 * </pre>
 *
 * Nested objects merge the same way and nested lists element by element ({@link ListMerge}, through
 * {@link ValueMerge}); anything else changed on both sides is a conflict.
 */
public final class ObjectMerge {
  private ObjectMerge() {}

  /** The merged value, or empty when some member changed on both sides to different values. */
  public static Optional<Value> merge(Value base, Value file, Value database) {
    if (!(base instanceof Value.Obj b)
        || !(file instanceof Value.Obj f)
        || !(database instanceof Value.Obj d)) {
      return Optional.empty();
    }
    // File's member order first: the file keeps its layout when rewritten.
    Set<String> names = new LinkedHashSet<>(f.fields().keySet());
    names.addAll(d.fields().keySet());
    names.addAll(b.fields().keySet());
    Map<String, Value> merged = new LinkedHashMap<>();
    for (String name : names) {
      Value fileMember = f.fields().get(name);
      Value databaseMember = d.fields().get(name);
      Value chosen;
      if (f.get(name).sameAs(d.get(name)) || d.get(name).sameAs(b.get(name))) {
        chosen = fileMember;
      } else if (f.get(name).sameAs(b.get(name))) {
        chosen = databaseMember;
      } else {
        Optional<Value> nested = ValueMerge.merge(b.get(name), f.get(name), d.get(name));
        if (nested.isEmpty()) {
          return Optional.empty();
        }
        chosen = nested.get();
      }
      if (chosen != null) { // absent on the side taken: the member was removed
        merged.put(name, chosen);
      }
    }
    return Optional.of(new Value.Obj(merged));
  }
}
