package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ChildRecords#split} takes a record written canonically apart by its text, and one spelled
 * with spaces by parsing it (see {@link ChildSplit}): both ways give the same records, fields and
 * placings, whatever the values hold (escapes, dates, decimals, nulls, nested objects,
 * grandchildren kept as a child table of their own, lists with and without keys, elements that are
 * not objects, keys missing or given twice, bases that move elements).
 */
class ChildSplitPropertiesTest {
  static final ChildList CHECKLIST =
      new ChildList("checklist", List.of("id"), null, null, null, null);
  static final Entity KEYED =
      entity("epic")
          .key("epic_key")
          .build()
          .withChildren(
              List.of(
                  new ChildList(
                      "tasks", List.of("task_key"), null, null, null, List.of(CHECKLIST))));
  static final Entity PLACED =
      entity("epic").key("epic_key").build().withChildren(List.of(ChildList.of("steps", null)));

  @Property(tries = 300)
  void aRecordSplitsTheSameWrittenCanonicallyOrSpelledOtherwise(
      @ForAll("epics") List<Value.Obj> epics,
      @ForAll("positions") Map<String, Integer> positions,
      @ForAll boolean keyed) {
    Entity entity = keyed ? KEYED : PLACED;
    Map<String, String> canonical = new LinkedHashMap<>();
    Map<String, String> spelled = new LinkedHashMap<>();
    for (Value.Obj epic : epics) {
      String key = RecordKey.text(entity, epic, null);
      canonical.putIfAbsent(key, epic.canonical());
      // spaces after commas and colons; members in name order still, since the order they come in
      // is the order of the fields a load infers
      spelled.putIfAbsent(key, sorted(epic).display());
    }
    Snapshot base = new Snapshot();
    positions.forEach((task, at) -> base.put(task, "{\"position\":" + at + "}"));

    assertThat(outcome(entity, canonical, base)).isEqualTo(outcome(entity, spelled, base));
  }

  /** The value with the members of every object in name order. */
  private static Value sorted(Value value) {
    if (value instanceof Value.Obj object) {
      Map<String, Value> fields = new TreeMap<>();
      object.fields().forEach((name, field) -> fields.put(name, sorted(field)));
      return new Value.Obj(fields);
    }
    if (value instanceof Value.Array array) {
      return new Value.Array(array.items().stream().map(ChildSplitPropertiesTest::sorted).toList());
    }
    return value;
  }

  /** The split as text: its entities, records and placings; or the refusal's message. */
  private static String outcome(Entity entity, Map<String, String> records, Snapshot base) {
    Snapshot nested = new Snapshot();
    records.forEach(nested::put);
    try {
      ChildRecords.Split split = ChildRecords.split(entity, nested, key -> "e.json", n -> base);
      StringBuilder out = new StringBuilder().append(split.entities()).append('\n');
      split
          .records()
          .forEach(
              (name, snapshot) -> {
                out.append(name).append('\n');
                snapshot.keys().forEach(k -> out.append(k).append(' ').append(snapshot.get(k)));
              });
      return out.append(new TreeMap<>(split.placed())).toString();
    } catch (BadRecord refusal) {
      return refusal.getMessage();
    }
  }

  @Provide
  Arbitrary<List<Value.Obj>> epics() {
    return Arbitraries.integers()
        .between(0, 3)
        .flatMap(
            key ->
                Arbitraries.maps(Arbitraries.of("name", "zz", "tasks", "steps"), values(3))
                    .ofMaxSize(4)
                    .map(
                        fields -> {
                          Map<String, Value> epic = new LinkedHashMap<>(fields);
                          epic.put("epic_key", new Value.Text(key == 3 ? "EP\"3" : "EP-" + key));
                          return new Value.Obj(epic);
                        }))
        .list()
        .ofMaxSize(4);
  }

  /** Base positions for some of the tasks the epics can hold. */
  @Provide
  Arbitrary<Map<String, Integer>> positions() {
    return Arbitraries.maps(
            Arbitraries.integers()
                .between(0, 3)
                .flatMap(
                    epic ->
                        Arbitraries.of("T1", "T2", "T3", "1")
                            .map(task -> "EP-" + epic + RecordKey.LEVEL + task)),
            Arbitraries.integers().between(0, 5))
        .ofMaxSize(8);
  }

  /** Values up to {@code depth} deep, lists of elements like tasks or steps among them. */
  private static Arbitrary<Value> values(int depth) {
    Arbitrary<Value> scalars =
        Arbitraries.oneOf(
            Arbitraries.of(
                    "a", "b c", "q\"uote", "nl\nx", "ctl\u0001", "é", "2025-01-02", "x,y", "")
                .map(Value.Text::new),
            Arbitraries.of("0", "-3", "12", "1.5", "-0.25", "1E+45", "2.50", "3.0")
                .map(n -> new Value.Num(new BigDecimal(n))),
            Arbitraries.of(Value.TRUE, Value.FALSE, Value.NULL));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<Value> elements =
        Arbitraries.maps(
                Arbitraries.of("task_key", "id", "title", "done", "position", "checklist"),
                values(depth - 1))
            .ofMaxSize(4)
            .map(Value.Obj::new);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalars),
        net.jqwik.api.Tuple.of(
            3,
            Arbitraries.oneOf(elements, elements, elements, scalars)
                .list()
                .ofMaxSize(4)
                .map(items -> (Value) new Value.Array(new ArrayList<>(items)))));
  }
}
