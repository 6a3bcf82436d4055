package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Child records as their tables hold them, each with its parent's key fields and its order field:
 * put back into their parents' lists ({@code export}), or with the order field made a rank within
 * the parent's list ({@code verify}).
 *
 * <p>Why ranks: a file holds a list's order, not the positions the table keeps. The positions of
 * {@code a x b} may be 1, 1.5, 2 in the table and 1, 2, 3 when the list is read without a base;
 * both are the order a, x, b, and both rank as 1, 2, 3.
 */
public final class ChildRows {
  private ChildRows() {}

  /**
   * The records of {@code entity} with each child list put back in: its rows of the child's table
   * whose parent key fields are the record's key, ordered by their order field (then as read),
   * without the parent key fields and the order field, with their own lists put back likewise. A
   * record with no child rows gets an empty list.
   *
   * @param rowsOf the rows of a child list's table, as records in key order
   */
  public static List<Value.Obj> nest(
      Entity entity,
      List<Value.Obj> records,
      BiFunction<ChildList, Entity, List<Value.Obj>> rowsOf) {
    if (entity.children().isEmpty()) {
      return records;
    }
    List<Map<String, Value>> nested = new ArrayList<>(records.size());
    records.forEach(r -> nested.add(new LinkedHashMap<>(r.fields())));
    for (ChildList list : entity.children()) {
      Entity child = entity.child(list);
      List<Value.Obj> rows = nest(child, rowsOf.apply(list, child), rowsOf);
      Map<String, List<Value.Obj>> byParent = new HashMap<>();
      for (Value.Obj row : rows) {
        byParent.computeIfAbsent(parentKey(entity, row), k -> new ArrayList<>()).add(row);
      }
      for (Map<String, Value> record : nested) {
        List<Value.Obj> children =
            byParent.getOrDefault(parentKey(entity, new Value.Obj(record)), List.of());
        List<Value.Obj> ordered = new ArrayList<>(children);
        ordered.sort(byOrder(list.order())); // stable: rows of one position stay in key order
        List<Value> elements = new ArrayList<>(ordered.size());
        for (Value.Obj row : ordered) {
          Map<String, Value> fields = new LinkedHashMap<>(row.fields());
          entity.key().forEach(fields::remove);
          fields.remove(list.order());
          elements.add(new Value.Obj(fields));
        }
        record.put(list.field(), new Value.Array(elements));
      }
    }
    return nested.stream().map(Value.Obj::new).toList();
  }

  /**
   * The child entity's records (canonical text by key text) with the order field of each record
   * that {@code other} holds too made its rank among those within its parent's list, 1 to n, by
   * order field then key. Records only on one side are left as they are: they differ anyway, and an
   * element inserted on one side does not move the others' ranks. A list without keys is left as it
   * is: there the order field is the key, and a gap in it is a difference.
   *
   * @param child the entity of {@code list}'s elements
   */
  public static Snapshot ranked(ChildList list, Entity child, Snapshot records, Snapshot other) {
    if (list.positional()) {
      return records;
    }
    int parentFields = child.parent().parentKeyFields();
    Map<String, List<Ranked>> byParent = new LinkedHashMap<>();
    Snapshot out = new Snapshot(records.size());
    for (String key : records.keys()) {
      if (!other.has(key)) {
        out.put(key, records.get(key));
        continue;
      }
      Value.Obj record = Records.parse(records.get(key));
      StringBuilder parent = new StringBuilder();
      for (String field : child.key().subList(0, parentFields)) {
        parent.append(record.get(field).canonical()).append('\0');
      }
      byParent
          .computeIfAbsent(parent.toString(), k -> new ArrayList<>())
          .add(new Ranked(key, record, position(record, list.order())));
    }
    for (List<Ranked> rows : byParent.values()) {
      rows.sort(Ranked.ORDER);
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Value> fields = new LinkedHashMap<>(rows.get(i).record().fields());
        fields.put(list.order(), new Value.Num(BigDecimal.valueOf(i + 1L)));
        out.put(rows.get(i).key(), Records.canonical(child, new Value.Obj(fields)));
      }
    }
    return out;
  }

  /** A child record on its way to its rank: by position, none last, then by key. */
  private record Ranked(String key, Value.Obj record, BigDecimal position) {
    static final Comparator<Ranked> ORDER =
        Comparator.comparing(
                Ranked::position, Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
            .thenComparing(Ranked::key, RecordKey.ORDER);
  }

  private static String parentKey(Entity parent, Value.Obj record) {
    return RecordKey.text(parent, record, parent.table());
  }

  private static Comparator<Value.Obj> byOrder(String order) {
    return Comparator.comparing(
        (Value.Obj row) -> position(row, order),
        Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()));
  }

  private static BigDecimal position(Value.Obj record, String order) {
    return record.get(order) instanceof Value.Num number ? number.value() : null;
  }
}
