package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Child lists guessed from the records, where no mapping declares them: the key of the list {@code
 * load --children FIELD} names, and the lists {@code mapping show} names as ones that could be
 * child tables.
 *
 * <p>The key is the first of {@code id}, the field's singular with {@code _id}, with {@code _key},
 * and {@code key} that every element of every list holds as text or a whole number, no two alike
 * within one list; when none does, the elements are known by their place in the list (positional).
 * Worked examples:
 *
 * <pre>
 *   tasks      [{"task_key": "T1"}, {"task_key": "T2"}]    task_key
 *   entries    [{"id": 7, "entry_id": "a"}]                id (first in the order above)
 *   steps      [{"step_id": 1}, {"name": "x"}]             positional: the second has no step_id
 *   goals      [{"key": "a"}, {"key": "a"}]                positional: a is in the list twice
 * </pre>
 *
 * A positional list reads a move or an insert in its middle as updates of every element after it,
 * so the guess prefers any key it can find; {@code --children FIELD:KEY} names one outright.
 */
public final class ChildListGuess {
  private ChildListGuess() {}

  /**
   * A list field that could be a child table, with the key {@link #of} would guess for it.
   *
   * @param clashes the fields of its elements named as a column the child table keeps for itself
   *     (the parent's key fields, the order field): while there are any, it cannot be one
   */
  public record Candidate(String field, List<String> key, List<String> clashes) {}

  /** The field names tried as the key of {@code field}'s elements, in order. */
  public static List<String> keyNames(String field) {
    String one = singular(field);
    List<String> names = new ArrayList<>();
    for (String name : List.of("id", one + "_id", one + "_key", "key")) {
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /**
   * The child list of {@code field} keyed by {@code key}, or when that is null by the key guessed
   * from the records; refused when no record holds a list there, since a child table of nothing is
   * a misspelt field.
   *
   * @param entity the entity's name, for the message
   * @param records the entity's records as read (key text to canonical text)
   */
  public static ChildList of(String entity, String field, String key, Snapshot records) {
    List<Value.Array> lists = lists(field, records);
    if (lists.isEmpty()) {
      List<String> others = candidates(records, List.of()).stream().map(Candidate::field).toList();
      throw new SynclineException.Usage(
          "no "
              + entity
              + " record holds a list in "
              + field
              + (others.isEmpty()
                  ? "; no field of theirs holds a list of objects"
                  : "; lists of objects there: " + String.join(", ", others))
              + "; nothing was loaded");
    }
    if (key != null) {
      return ChildList.of(field, key);
    }
    List<String> guessed = keyOf(field, lists);
    return ChildList.of(field, guessed.isEmpty() ? null : guessed.get(0));
  }

  /**
   * The fields of the records that hold a non-empty list of objects in some record and nothing but
   * lists of objects (or null) in any: what could be kept as child tables, in the order first met.
   *
   * @param taken the names a child table keeps for itself: its parent's key fields and its order
   *     field; an element holding one is a {@link Candidate#clashes clash}
   */
  public static List<Candidate> candidates(Snapshot records, List<String> taken) {
    Map<String, Boolean> seen = new LinkedHashMap<>(); // field → still a candidate
    for (String key : records.keys()) {
      Records.parse(records.get(key))
          .fields()
          .forEach(
              (name, value) -> {
                if (value instanceof Value.Null || Boolean.FALSE.equals(seen.get(name))) {
                  return;
                }
                boolean objects =
                    value instanceof Value.Array array
                        && array.items().stream().allMatch(v -> v instanceof Value.Obj);
                if (!objects) {
                  seen.put(name, false);
                } else if (!((Value.Array) value).items().isEmpty()) {
                  seen.put(name, true);
                }
              });
    }
    List<Candidate> found = new ArrayList<>();
    seen.forEach(
        (name, candidate) -> {
          if (candidate) {
            List<Value.Array> lists = lists(name, records);
            found.add(new Candidate(name, keyOf(name, lists), clashes(lists, taken)));
          }
        });
    return found;
  }

  /** The names of {@code taken} that some element of the lists holds. */
  private static List<String> clashes(List<Value.Array> lists, List<String> taken) {
    List<String> found = new ArrayList<>();
    for (String name : taken) {
      boolean held =
          lists.stream()
              .flatMap(list -> list.items().stream())
              .anyMatch(e -> e instanceof Value.Obj o && o.fields().containsKey(name));
      if (held) {
        found.add(name);
      }
    }
    return found;
  }

  /** The values of {@code field} that are lists, one per record that has one. */
  private static List<Value.Array> lists(String field, Snapshot records) {
    List<Value.Array> lists = new ArrayList<>();
    for (String key : records.keys()) {
      if (Records.parse(records.get(key)).get(field) instanceof Value.Array list) {
        lists.add(list);
      }
    }
    return lists;
  }

  /** The guessed key: one field name, or none for a positional list. */
  private static List<String> keyOf(String field, List<Value.Array> lists) {
    for (String name : keyNames(field)) {
      if (keysEveryElement(name, lists)) {
        return List.of(name);
      }
    }
    return List.of();
  }

  private static boolean keysEveryElement(String name, List<Value.Array> lists) {
    boolean any = false;
    for (Value.Array list : lists) {
      Set<String> inList = new HashSet<>();
      for (Value element : list.items()) {
        if (!(element instanceof Value.Obj object) || !keyLike(object.get(name))) {
          return false;
        }
        if (!inList.add(object.get(name).canonical())) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private static boolean keyLike(Value value) {
    if (value instanceof Value.Text text) {
      return !text.value().isEmpty();
    }
    if (value instanceof Value.Num number) {
      BigDecimal n = number.value().stripTrailingZeros();
      return n.scale() <= 0;
    }
    return false;
  }

  /**
   * {@code tasks} → {@code task}, {@code entries} → {@code entry}, {@code boxes} → {@code box};
   * {@code checklist} stays. English plurals only, and the common ones: a wrong guess costs only a
   * key name not tried.
   */
  static String singular(String field) {
    if (field.endsWith("ies") && field.length() > 3) {
      return field.substring(0, field.length() - 3) + "y";
    }
    for (String ending : List.of("sses", "xes", "ches", "shes")) {
      if (field.endsWith(ending)) {
        return field.substring(0, field.length() - 2);
      }
    }
    if (field.endsWith("s") && !field.endsWith("ss") && field.length() > 1) {
      return field.substring(0, field.length() - 1);
    }
    return field;
  }
}
