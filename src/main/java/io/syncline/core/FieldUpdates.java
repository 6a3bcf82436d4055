package io.syncline.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A record's field updates, as {@link EntityPlan} holds them for a record apply updates: each field
 * it sets, to what, and each it removes, in the order they were added (a record's fields in mapping
 * order). Made only for records that change.
 *
 * <pre>
 *   record       {"id":"a","name":"Ann","tags":["x"]}
 *   updates      name → set "Anne", tags → remove
 *   applied      {"id":"a","name":"Anne"}
 * </pre>
 */
public final class FieldUpdates {
  private final Map<String, FieldEdit> edits = new LinkedHashMap<>();

  /**
   * The updates that make the record {@code current} become {@code target} (canonical texts): each
   * file field whose value differs, set to the target's value or removed where the target has none.
   *
   * <pre>
   *   current  {"id":"a","n":1,"tags":["x"]}
   *   target   {"id":"a","n":2}
   *   updates  n → set 2, tags → remove
   * </pre>
   */
  public static FieldUpdates between(Entity entity, String current, String target) {
    Value.Obj now = Records.parse(current);
    Value.Obj wanted = Records.parse(target);
    FieldUpdates updates = new FieldUpdates();
    for (Field field : entity.fileFields()) {
      Value w = wanted.get(field.name());
      if (!w.sameAs(now.get(field.name()))) {
        updates.put(field.name(), FieldEdit.to(w instanceof Value.Null ? null : w.canonical()));
      }
    }
    return updates;
  }

  /** Sets {@code field} to {@code text}, canonical JSON. */
  public FieldUpdates set(String field, String text) {
    return put(field, new FieldEdit.SetTo(text));
  }

  public FieldUpdates remove(String field) {
    return put(field, FieldEdit.REMOVE);
  }

  /** The edit of {@code field}, replacing any given before. */
  public FieldUpdates put(String field, FieldEdit edit) {
    edits.put(field, edit);
    return this;
  }

  /** Field name → edit, in the order added; read-only. */
  public Map<String, FieldEdit> edits() {
    return Collections.unmodifiableMap(edits);
  }

  public Set<String> fields() {
    return Collections.unmodifiableSet(edits.keySet());
  }

  public boolean contains(String field) {
    return edits.containsKey(field);
  }

  /** The edit of {@code field}, or null when these updates leave it as it is. */
  public FieldEdit get(String field) {
    return edits.get(field);
  }

  public int size() {
    return edits.size();
  }

  public boolean isEmpty() {
    return edits.isEmpty();
  }

  /** Makes {@code record}'s fields what these updates say (a removed field holds null). */
  public void applyTo(Map<String, Value> record) {
    edits.forEach((name, edit) -> record.put(name, edit.value()));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FieldUpdates o && edits.equals(o.edits);
  }

  @Override
  public int hashCode() {
    return edits.hashCode();
  }

  /** {@code {name=SetTo[text="Anne"], tags=Remove[]}}: for test failures. */
  @Override
  public String toString() {
    return edits.toString();
  }
}
