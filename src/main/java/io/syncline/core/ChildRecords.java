package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Records with child lists ({@link ChildList}) taken apart into the parent's own records and each
 * child entity's, as the diff and the tables see them; and a parent's list made again from its
 * child records, as the files hold it.
 *
 * <p>Worked example, the epic {@code EP-7} with the child list {@code tasks} keyed by {@code
 * task_key}:
 *
 * <pre>
 *   file     {"epic_key":"EP-7","name":"Search","tasks":[{"task_key":"T1","done":true}]}
 *   epic     EP-7     {"epic_key":"EP-7","name":"Search"}
 *   epic.tasks EP-7/T1 {"done":true,"epic_key":"EP-7","position":1,"task_key":"T1"}
 * </pre>
 *
 * The order field's values come from {@link ListPositions}, with the child's base: a list read
 * again unchanged gives the positions it gave before.
 */
public final class ChildRecords {
  private ChildRecords() {}

  /**
   * The records of a parent entity and of its descendants, taken apart.
   *
   * @param parent the parent entity, without its child list fields among its fields
   * @param entities every descendant entity, parents before children, fields inferred where the
   *     mapping declares none
   * @param records each entity's records (the parent's included) by entity name
   * @param placed by child entity name, the keys of the elements the file gave a position anew (new
   *     to the base, or moved): the only ones whose positions {@link #clearOfTable} may change
   */
  public record Split(
      Entity parent,
      List<Entity> entities,
      Map<String, Snapshot> records,
      Map<String, Set<String>> placed) {
    public Snapshot of(String entityName) {
      return records.get(entityName);
    }
  }

  /**
   * Takes {@code nested} apart.
   *
   * @param entity an entity with child lists; its fields may hold the list fields (as inferred)
   * @param nested the records as read from the files, key text to canonical text
   * @param originOf the file a record came from, by its key text, for messages
   * @param bases each descendant's base by entity name (empty where none), for positions
   */
  public static Split split(
      Entity entity,
      Snapshot nested,
      Function<String, String> originOf,
      Function<String, Snapshot> bases) {
    return ChildSplit.split(entity, nested, originOf, bases);
  }

  /**
   * Moves elements the file placed anew off positions the table gives other elements of the same
   * list. Both sides place new elements between the same neighbours the same way, so a task
   * inserted after T1 in the file and another inserted after T1 in the database would both be at
   * 1.5: the table would hold two rows at one place, and the next load would see the file's order
   * move one of them. The file's element goes halfway down to the next position below it on either
   * side instead (1.25 here); when the lists are written back it goes first among its ties (see
   * {@link #nest}), so both sides end in one order.
   *
   * <p>The same holds for an element the table no longer has and the file changed: the sides
   * conflict over it, and should the file's side be taken it goes back into the table, where its
   * old position may be another's by now (a task inserted at the end after the last was deleted).
   * An element the file left as it was keeps its position: its delete goes through.
   *
   * @param child a child entity of {@code split} whose list has keys
   * @param base the child's base
   * @param rows the child's records in its table
   */
  public static void clearOfTable(Split split, Entity child, Snapshot base, Snapshot rows) {
    if (rows.size() == 0) {
      return;
    }
    String order = orderOf(parentOf(split, child), child);
    Snapshot files = split.of(child.name());
    Set<String> placed = new HashSet<>(split.placed().getOrDefault(child.name(), Set.of()));
    for (String key : files.keys()) {
      if (!rows.has(key) && base.has(key) && !sameBut(order, files.get(key), base.get(key))) {
        placed.add(key);
      }
    }
    if (placed.isEmpty()) {
      return;
    }
    Set<String> lists = new HashSet<>();
    placed.forEach(key -> lists.add(listOf(key)));
    // Every position taken in those lists, on either side, and which keys hold them in the table.
    Map<String, TreeMap<BigDecimal, Set<String>>> taken = new HashMap<>();
    for (Snapshot side : List.of(rows, files)) {
      for (String key : side.keys()) {
        if (lists.contains(listOf(key))
            && Records.parse(side.get(key)).get(order) instanceof Value.Num position) {
          taken
              .computeIfAbsent(listOf(key), k -> new TreeMap<>())
              .computeIfAbsent(position.value(), p -> new HashSet<>())
              .add(side == rows ? key : "");
        }
      }
    }
    Map<String, BigDecimal> at = new HashMap<>();
    for (String key : placed) {
      String text = files.get(key);
      if (text != null && Records.parse(text).get(order) instanceof Value.Num position) {
        at.put(key, position.value());
      }
    }
    List<String> ascending = new ArrayList<>(at.keySet());
    ascending.sort(Comparator.comparing(at::get));
    for (String key : ascending) {
      TreeMap<BigDecimal, Set<String>> list = taken.get(listOf(key));
      BigDecimal position = at.get(key);
      if (list.get(position).stream().noneMatch(k -> !k.isEmpty() && !k.equals(key))) {
        continue;
      }
      BigDecimal below = list.lowerKey(position);
      BigDecimal moved =
          below == null
              ? position.subtract(BigDecimal.ONE)
              : below.add(position).divide(BigDecimal.valueOf(2)).stripTrailingZeros();
      list.computeIfAbsent(moved, p -> new HashSet<>()).add("");
      Map<String, Value> fields = new LinkedHashMap<>(Records.parse(files.get(key)).fields());
      fields.put(order, new Value.Num(moved));
      Value.Obj record = new Value.Obj(fields);
      files.set(
          key,
          child.fields().isEmpty()
              ? Records.canonicalAll(record)
              : Records.canonical(Records.sortedFileFields(child), record));
    }
  }

  /** Whether two records are the same but for the field {@code order}. */
  private static boolean sameBut(String order, String a, String b) {
    Map<String, Value> one = new HashMap<>(Records.parse(a).fields());
    Map<String, Value> other = new HashMap<>(Records.parse(b).fields());
    one.remove(order);
    other.remove(order);
    return new Value.Obj(one).sameAs(new Value.Obj(other));
  }

  /**
   * The list a child's key text is in: its parent's key text ({@code EP-7} for {@code EP-7/T1}).
   */
  private static String listOf(String childKey) {
    return childKey.substring(0, Math.max(0, childKey.lastIndexOf(RecordKey.LEVEL)));
  }

  private static Entity parentOf(Split split, Entity child) {
    if (split.parent().name().equals(child.parent().entity())) {
      return split.parent();
    }
    for (Entity entity : split.entities()) {
      if (entity.name().equals(child.parent().entity())) {
        return entity;
      }
    }
    throw new IllegalArgumentException(child.name() + " is not a child in this split");
  }

  /** The entity without its child list fields among its fields: as its table holds it. */
  public static Entity ownEntity(Entity entity) {
    Set<String> lists = listFields(entity);
    if (lists.isEmpty()) {
      return entity;
    }
    return entity.withFields(
        entity.fields().stream().filter(f -> !lists.contains(f.name())).toList());
  }

  /** The names of the entity's child list fields. */
  static Set<String> listFields(Entity entity) {
    Set<String> lists = new HashSet<>();
    entity.children().forEach(c -> lists.add(c.field()));
    return lists;
  }

  /**
   * The record's own canonical text: without its child lists {@code lists}, and with {@code sorted}
   * given, only those fields.
   */
  static String ownText(Value.Obj record, Set<String> lists, List<Field> sorted) {
    if (!lists.isEmpty()) {
      Map<String, Value> fields = new LinkedHashMap<>(record.fields());
      lists.forEach(fields::remove);
      record = new Value.Obj(fields);
    }
    return sorted == null ? Records.canonicalAll(record) : Records.canonical(sorted, record);
  }

  /** One record being taken apart: its key text, its fields, and the file it came from. */
  record Row(String key, Value.Obj record, String origin) {}

  /** The child records of one parent record's list, in list order, with their positions. */
  static List<Row> flatten(
      Entity parent, ChildList list, Entity child, Row row, Snapshot base, Set<String> placed) {
    Value value = row.record().get(list.field());
    String path = parent.name() + "/" + RecordKey.display(row.key()) + "." + list.field();
    if (value instanceof Value.Null) {
      return List.of();
    }
    if (!(value instanceof Value.Array array)) {
      throw new BadElement(
          row.origin(),
          parent.name(),
          row.key(),
          list.field(),
          -1,
          null,
          "holds "
              + kindOf(value)
              + ", not the list of objects that children: keeps as the table "
              + child.table()
              + "; make it a list ([] for none), or take "
              + list.field()
              + " out of children:");
    }
    List<Value.Obj> elements = new ArrayList<>(array.items().size());
    List<String> taken = new ArrayList<>(parent.key());
    taken.add(list.order());
    for (int i = 0; i < array.items().size(); i++) {
      if (!(array.items().get(i) instanceof Value.Obj element)) {
        throw new BadElement(
            row.origin(),
            parent.name(),
            row.key(),
            list.field(),
            i,
            null,
            "is "
                + kindOf(array.items().get(i))
                + ", not an object; each element of "
                + list.field()
                + " is a row of "
                + child.table()
                + ", its members the columns");
      }
      refuseParentFields(parent, list, taken, element, row, i);
      elements.add(element);
    }
    return list.positional()
        ? byPlace(parent, child, row, elements)
        : byKey(parent, list, child, row, elements, base, path, placed);
  }

  /** {@code taken}: the parent's key fields and the order field, which the child record adds. */
  private static void refuseParentFields(
      Entity parent, ChildList list, List<String> taken, Value.Obj element, Row row, int index) {
    for (String name : taken) {
      if (element.fields().containsKey(name)) {
        throw new BadElement(
            row.origin(),
            parent.name(),
            row.key(),
            list.field(),
            index,
            name,
            "an element of a child list cannot hold a field named "
                + name
                + ", which the child table "
                + parent.child(list).table()
                + " uses for "
                + (name.equals(list.order())
                    ? "the element's place in the list; name another with order: in children:"
                    : "the key of its " + parent.name()));
      }
    }
  }

  /** A list without keys: each element is known by its place, 1 to n. */
  private static List<Row> byPlace(Entity parent, Entity child, Row row, List<Value.Obj> elements) {
    List<Row> rows = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      Value.Obj record =
          childRecord(parent, child, row, elements.get(i), BigDecimal.valueOf(i + 1L));
      rows.add(new Row(RecordKey.text(child, record, row.origin()), record, row.origin()));
    }
    return rows;
  }

  private static List<Row> byKey(
      Entity parent,
      ChildList list,
      Entity child,
      Row row,
      List<Value.Obj> elements,
      Snapshot base,
      String path,
      Set<String> placed) {
    int n = elements.size();
    String[] keys = new String[n];
    BigDecimal[] basePositions = new BigDecimal[n];
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < n; i++) {
      try {
        keys[i] = keyText(parent, child, row, elements.get(i));
      } catch (BadRecord.MissingKey e) {
        throw new BadElement(
            row.origin(),
            parent.name(),
            row.key(),
            list.field(),
            i,
            null,
            "the element has no " + String.join(", ", list.key()) + " (its key in the list)");
      }
      Integer first = seen.putIfAbsent(keys[i], i);
      if (first != null) {
        throw new BadElement(
            row.origin(),
            parent.name(),
            row.key(),
            list.field(),
            i,
            null,
            "the key "
                + keys[i].substring(row.key().length() + 1)
                + " is also "
                + list.field()
                + "["
                + first
                + "]'s; each element of "
                + path
                + " needs a key of its own");
      }
      basePositions[i] = basePosition(base, keys[i], list.order());
    }
    BigDecimal[] positions = ListPositions.of(basePositions);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (basePositions[i] == null || positions[i].compareTo(basePositions[i]) != 0) {
        placed.add(keys[i]);
      }
      rows.add(
          new Row(
              keys[i],
              childRecord(parent, child, row, elements.get(i), positions[i]),
              row.origin()));
    }
    return rows;
  }

  /**
   * The key text of the element's child record, as {@link RecordKey#text} gives it for {@link
   * #childRecord}, without making the record: the parent's key fields, then the element's.
   */
  private static String keyText(Entity parent, Entity child, Row row, Value.Obj element) {
    List<String> key = child.key();
    String[] parts = new String[key.size()];
    for (int i = 0; i < parts.length; i++) {
      Value part = (i < parent.key().size() ? row.record() : element).get(key.get(i));
      if (part instanceof Value.Null) {
        throw BadRecord.missingKey(row.origin(), child.name(), key.get(i));
      }
      parts[i] = RecordKey.part(part);
    }
    return RecordKey.join(child, parts);
  }

  static BigDecimal basePosition(Snapshot base, String key, String order) {
    String text = base == null ? null : base.get(key);
    if (text == null) {
      return null;
    }
    return Records.number(text, order);
  }

  /** The element with its parent's key fields and its position (when given) added in front. */
  private static Value.Obj childRecord(
      Entity parent, Entity child, Row row, Value.Obj element, BigDecimal position) {
    Map<String, Value> fields = new LinkedHashMap<>();
    for (String keyField : parent.key()) {
      fields.put(keyField, row.record().get(keyField));
    }
    if (position != null) {
      fields.put(orderOf(parent, child), new Value.Num(position));
    }
    fields.putAll(element.fields());
    return new Value.Obj(fields);
  }

  private static String orderOf(Entity parent, Entity child) {
    return parent.childList(child.parent().field()).orElseThrow().order();
  }

  /**
   * The child entity with the fields its records show added after its key and order fields: {@code
   * seen} holds each field's name in the order first seen and the type its values show (null: none,
   * only nulls, or a child list).
   */
  static Entity inferred(Entity child, Map<String, FieldType> seen) {
    Set<String> lists = listFields(child);
    List<Field> fields = new ArrayList<>(child.fields());
    Set<String> known = new HashSet<>();
    fields.forEach(f -> known.add(f.name()));
    for (String keyField : child.key()) { // the element's own key next, then the rest
      if (known.add(keyField)) {
        FieldType type = seen.get(keyField);
        fields.add(new Field(keyField, null, type == null ? FieldType.TEXT : type, null));
      }
    }
    seen.forEach(
        (name, type) -> {
          if (!known.contains(name) && !lists.contains(name)) {
            fields.add(new Field(name, null, type == null ? FieldType.TEXT : type, null));
          }
        });
    return child.withFields(fields);
  }

  /**
   * What a child entity's records become on the file side: by child key text, the records deleted,
   * the fields updated, and the records inserted (canonical text).
   */
  public record FileEdits(
      Set<String> deletes, Map<String, FieldUpdates> updates, Map<String, String> inserts) {
    public boolean isEmpty() {
      return deletes.isEmpty() && updates.isEmpty() && inserts.isEmpty();
    }
  }

  /**
   * The list {@code list} of the parent record {@code record} (as its file holds it, key {@code
   * key}) after {@code edits}: elements deleted, fields set in place (the element's other fields
   * and their order kept), new elements placed by their order field among the others, the elements
   * sorted by it.
   *
   * @param base the child's base, which gave the elements their positions at load
   */
  public static Value.Array nest(
      Entity parent, ChildList list, String key, Value.Obj record, Snapshot base, FileEdits edits) {
    Entity child = parent.child(list);
    Set<String> anew = new HashSet<>();
    List<Row> current = flatten(parent, list, child, new Row(key, record, null), base, anew);
    List<Placed> placed = new ArrayList<>();
    for (Row row : current) {
      if (edits.deletes().contains(row.key())) {
        continue;
      }
      Map<String, Value> fields = new LinkedHashMap<>(row.record().fields());
      FieldUpdates updates = edits.updates().get(row.key());
      if (updates != null) {
        updates.applyTo(fields);
        updates
            .edits()
            .forEach(
                (name, edit) -> {
                  if (edit instanceof FieldEdit.Remove) {
                    fields.remove(name);
                  }
                });
      }
      boolean placedAnew =
          anew.contains(row.key()) && (updates == null || !updates.contains(list.order()));
      placed.add(new Placed(position(fields, list.order()), placedAnew, placed.size(), fields));
    }
    // a new element takes its fields in the order its siblings have them, then the entity's
    List<String> template = new ArrayList<>();
    current.forEach(row -> row.record().fields().keySet().forEach(template::add));
    child.key().forEach(template::add);
    child.fields().forEach(f -> template.add(f.name()));
    edits
        .inserts()
        .forEach(
            (childKey, text) -> {
              if (childKey.startsWith(key + RecordKey.LEVEL)) {
                Map<String, Value> fields = inOrder(template, Records.parse(text));
                placed.add(
                    new Placed(position(fields, list.order()), false, placed.size(), fields));
              }
            });
    placed.sort(Placed.ORDER);
    List<Value> elements = new ArrayList<>(placed.size());
    for (Placed element : placed) {
      Map<String, Value> fields = element.fields();
      parent.key().forEach(fields::remove);
      fields.remove(list.order());
      elements.add(new Value.Obj(fields));
    }
    return new Value.Array(elements);
  }

  /**
   * The records of one parent's list as the files hold them (each with its own lists still in it),
   * by child key text, in list order: what {@link #nest} starts from.
   */
  public static Map<String, Value.Obj> childrenOf(
      Entity parent, ChildList list, String key, Value.Obj record, Snapshot base) {
    Map<String, Value.Obj> byKey = new LinkedHashMap<>();
    for (Row row :
        flatten(
            parent, list, parent.child(list), new Row(key, record, null), base, new HashSet<>())) {
      byKey.put(row.key(), row.record());
    }
    return byKey;
  }

  /**
   * An element on its way back into its list: where it goes, whether the file placed it there anew
   * (its position here is the one load gave it before {@link #clearOfTable} may have put it just
   * below), and where it was.
   */
  private record Placed(BigDecimal position, boolean anew, int seen, Map<String, Value> fields) {
    /**
     * By position, an element without one last; the same position: one the file placed anew first
     * (its table position is just below), then as they were.
     */
    static final java.util.Comparator<Placed> ORDER =
        java.util.Comparator.comparing(
                Placed::position,
                java.util.Comparator.nullsLast(java.util.Comparator.<BigDecimal>naturalOrder()))
            .thenComparing(p -> !p.anew())
            .thenComparingInt(Placed::seen);
  }

  private static BigDecimal position(Map<String, Value> fields, String order) {
    return fields.get(order) instanceof Value.Num number ? number.value() : null;
  }

  /** A record's fields in the order {@code names} gives (first place wins), then the rest. */
  private static Map<String, Value> inOrder(List<String> names, Value.Obj record) {
    Map<String, Value> fields = new LinkedHashMap<>();
    for (String name : names) {
      Value value = record.get(name);
      if (!(value instanceof Value.Null)) {
        fields.putIfAbsent(name, value);
      }
    }
    record.fields().forEach(fields::putIfAbsent);
    return fields;
  }

  private static String kindOf(Value value) {
    if (value instanceof Value.Obj) {
      return "an object";
    }
    if (value instanceof Value.Text) {
      return "text";
    }
    if (value instanceof Value.Num) {
      return "a number";
    }
    if (value instanceof Value.Bool) {
      return "a boolean";
    }
    return value instanceof Value.Array ? "a list" : "null";
  }
}
