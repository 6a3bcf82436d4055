package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link ChildRecords#split} on the records' canonical texts: each child's text is made from its
 * element's text in its parent's, its parent's key fields and its position put in among its members
 * in name order, without parsing the parent or writing the child again from values. Ten thousand
 * epics of twenty tasks took half of a load's time the other way.
 *
 * <p>Worked example, the epic EP-7 whose tasks are keyed by task_key:
 *
 * <pre>
 *   EP-7       {"epic_key":"EP-7","name":"Search","tasks":[{"done":true,"task_key":"T1"}]}
 *   epic       {"epic_key":"EP-7","name":"Search"}                    (tasks left out)
 *   epic.tasks {"done":true,"epic_key":"EP-7","position":1,"task_key":"T1"}
 * </pre>
 *
 * A record the scan cannot take as it stands ({@link CanonicalMembers}: not written canonically, or
 * a list, element or key that is wrong) goes the way of {@link ChildRecords#flatten} instead,
 * parsed: the same records, and for bad input the same refusal.
 */
final class ChildSplit {
  /** A record being taken apart: its key text, canonical text (nulls left out), and file. */
  private record Part(String key, String text, String origin) {}

  private final Function<String, Snapshot> bases;
  private final Map<String, Snapshot> records = new LinkedHashMap<>();
  private final List<Entity> entities = new ArrayList<>();
  private final Map<String, Set<String>> placed = new HashMap<>();
  private final CanonicalMembers row = new CanonicalMembers();
  private final CanonicalMembers element = new CanonicalMembers();

  private ChildSplit(Function<String, Snapshot> bases) {
    this.bases = bases;
  }

  static ChildRecords.Split split(
      Entity entity,
      Snapshot nested,
      Function<String, String> originOf,
      Function<String, Snapshot> bases) {
    List<Part> rows = new ArrayList<>(nested.size());
    for (String key : nested.keys()) {
      rows.add(new Part(key, nested.get(key), originOf.apply(key)));
    }
    ChildSplit split = new ChildSplit(bases);
    Entity parent = split.level(ChildRecords.ownEntity(entity), rows);
    return new ChildRecords.Split(parent, List.copyOf(split.entities), split.records, split.placed);
  }

  private Entity level(Entity entity, List<Part> rows) {
    Set<String> listNames = ChildRecords.listFields(entity);
    // sorted once per level, not once per record: a level may hold hundreds of thousands
    List<Field> sorted = entity.fields().isEmpty() ? null : Records.sortedFileFields(entity);
    Set<String> kept = null;
    if (sorted != null) {
      kept = new HashSet<>();
      for (Field field : sorted) {
        kept.add(field.name());
      }
    }
    List<ChildList> lists = entity.children();
    List<Part> children = new ArrayList<>();
    OneList first = lists.isEmpty() ? null : oneList(entity, lists.get(0));
    Snapshot own = new Snapshot(rows.size());
    // the first list's children taken from the same scan of each record as its own fields
    for (Part part : rows) {
      boolean canonical = row.scan(part.text(), 0) == part.text().length();
      own.put(
          part.key(),
          canonical
              ? own(part.text(), listNames, kept)
              : ChildRecords.ownText(Records.parse(part.text()), listNames, sorted));
      if (first != null && !(canonical && children(first, part, children))) {
        parsed(first, part, children);
      }
    }
    records.put(entity.name(), own);
    for (int i = 0; i < lists.size(); i++) {
      OneList at = first;
      if (i > 0) {
        at = oneList(entity, lists.get(i));
        children = new ArrayList<>();
        for (Part part : rows) {
          if (!(row.scan(part.text(), 0) == part.text().length() && children(at, part, children))) {
            parsed(at, part, children);
          }
        }
      }
      Entity typed = at.seen == null ? at.child : ChildRecords.inferred(at.child, at.seen);
      entities.add(typed);
      level(typed, children);
    }
    return entity;
  }

  private OneList oneList(Entity parent, ChildList list) {
    Entity child = parent.child(list);
    return new OneList(
        parent,
        list,
        child,
        bases.apply(child.name()),
        placed.computeIfAbsent(child.name(), n -> new HashSet<>()),
        list.fields().isEmpty() ? new LinkedHashMap<>() : null);
  }

  /**
   * The own text of the record just scanned: without its child lists and nulls, and with {@code
   * kept} given, only those fields.
   */
  private String own(String text, Set<String> lists, Set<String> kept) {
    int members = row.count();
    int dropped = 0;
    for (int i = 0; i < members; i++) {
      if (isDropped(i, lists, kept)) {
        dropped++;
      }
    }
    if (dropped == 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length()).append('{');
    for (int i = 0; i < members; i++) {
      if (!isDropped(i, lists, kept)) {
        if (out.length() > 1) {
          out.append(',');
        }
        row.appendMember(i, out);
      }
    }
    return out.append('}').toString();
  }

  private boolean isDropped(int member, Set<String> lists, Set<String> kept) {
    String name = row.name(member);
    return row.isNull(member) || lists.contains(name) || (kept != null && !kept.contains(name));
  }

  /**
   * One child list being taken apart: the parent entity and its list, the child entity and its
   * base, the keys placed anew, the types seen (null: the mapping declares the fields), and what
   * each child record adds to its element: the parent's key fields and the order field, by name.
   */
  private static final class OneList {
    final Entity parent;
    final ChildList list;
    final Entity child;
    final Snapshot base;
    final Set<String> placed;
    final Map<String, FieldType> seen;
    final Set<String> grandchildren;
    final String[] added;

    OneList(
        Entity parent,
        ChildList list,
        Entity child,
        Snapshot base,
        Set<String> placed,
        Map<String, FieldType> seen) {
      this.parent = parent;
      this.list = list;
      this.child = child;
      this.base = base;
      this.placed = placed;
      this.seen = seen;
      this.grandchildren = ChildRecords.listFields(child);
      List<String> names = new ArrayList<>(parent.key());
      names.add(list.order());
      added = names.stream().sorted().toArray(String[]::new);
    }
  }

  /**
   * Adds the child records of one parent record's list to {@code out}, in list order, from the
   * record just scanned; false, with nothing added or changed, when the text cannot be taken as it
   * stands.
   */
  private boolean children(OneList at, Part part, List<Part> out) {
    String text = part.text();
    int list = row.indexOf(at.list.field());
    if (list < 0 || row.isNull(list)) {
      return true;
    }
    if (row.kind(list) != '[') {
      return false;
    }
    // the parent's key fields: each child record's first fields and its key's first parts
    List<String> parentKey = at.parent.key();
    Map<String, String> addedValues = new HashMap<>();
    String[] parentParts = new String[parentKey.size()];
    FieldType[] parentTypes = new FieldType[parentKey.size()];
    for (int i = 0; i < parentParts.length; i++) {
      int member = row.indexOf(parentKey.get(i));
      if (member < 0 || row.isNull(member)) {
        return false;
      }
      parentParts[i] = row.keyPart(member);
      parentTypes[i] = row.type(member);
      addedValues.put(parentKey.get(i), row.value(member));
    }
    // the elements: where each is, and its key; anything wrong is left to the parsed way
    List<Integer> starts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    Set<String> unique = new HashSet<>();
    int from = row.start(list) + 1;
    if (text.charAt(from) == ']') {
      from = -1;
    }
    while (from >= 0) {
      int end = element.scan(text, from);
      if (end < 0 || hasAdded(at)) {
        return false;
      }
      String key = keyOf(at, parentParts, starts.size());
      if (key == null || !unique.add(key)) {
        return false;
      }
      starts.add(from);
      keys.add(key);
      from = text.charAt(end) == ',' ? end + 1 : -1;
    }
    BigDecimal[] positions = positions(at, keys);
    StringBuilder child = new StringBuilder(256);
    for (int i = 0; i < keys.size(); i++) {
      element.scan(text, starts.get(i));
      String position = CanonicalJson.number(positions[i]);
      addedValues.put(at.list.order(), position);
      out.add(new Part(keys.get(i), childText(at, addedValues, child), part.origin()));
      if (at.seen != null) {
        for (int k = 0; k < parentParts.length; k++) {
          see(at.seen, parentKey.get(k), parentTypes[k]);
        }
        see(at.seen, at.list.order(), FieldType.ofNumber(positions[i]));
        for (int m = 0; m < element.count(); m++) {
          String name = element.name(m);
          see(at.seen, name, at.grandchildren.contains(name) ? null : element.type(m));
        }
      }
    }
    return true;
  }

  /** Whether the element holds a field the child record adds (refused, the parsed way). */
  private boolean hasAdded(OneList at) {
    for (String name : at.added) {
      if (element.indexOf(name) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * The key text of the element just scanned, the {@code index}th of its list; null when a key
   * field is missing.
   */
  private String keyOf(OneList at, String[] parentParts, int index) {
    List<String> key = at.child.key();
    String[] parts = new String[key.size()];
    System.arraycopy(parentParts, 0, parts, 0, parentParts.length);
    for (int i = parentParts.length; i < parts.length; i++) {
      if (at.list.positional()) {
        parts[i] = String.valueOf(index + 1);
        continue;
      }
      int member = element.indexOf(key.get(i));
      if (member < 0 || element.isNull(member)) {
        return null;
      }
      parts[i] = element.keyPart(member);
    }
    return RecordKey.join(at.child, parts);
  }

  /**
   * The elements' positions: 1 to n in a list without keys; otherwise as {@link ListPositions}
   * keeps them from the base, those placed anew noted.
   */
  private static BigDecimal[] positions(OneList at, List<String> keys) {
    int n = keys.size();
    BigDecimal[] positions = new BigDecimal[n];
    if (at.list.positional()) {
      for (int i = 0; i < n; i++) {
        positions[i] = BigDecimal.valueOf(i + 1L);
      }
      return positions;
    }
    BigDecimal[] basePositions = new BigDecimal[n];
    for (int i = 0; i < n; i++) {
      basePositions[i] = ChildRecords.basePosition(at.base, keys.get(i), at.list.order());
    }
    positions = ListPositions.of(basePositions);
    for (int i = 0; i < n; i++) {
      if (basePositions[i] == null || positions[i].compareTo(basePositions[i]) != 0) {
        at.placed.add(keys.get(i));
      }
    }
    return positions;
  }

  /**
   * The element just scanned with the added fields among its members in name order, its nulls left
   * out, as canonical text.
   */
  private String childText(OneList at, Map<String, String> addedValues, StringBuilder out) {
    out.setLength(0);
    out.append('{');
    int next = 0;
    for (int m = 0; m < element.count(); m++) {
      if (element.isNull(m)) {
        continue;
      }
      String name = element.name(m);
      while (next < at.added.length && at.added[next].compareTo(name) < 0) {
        added(out, at.added[next], addedValues.get(at.added[next++]));
      }
      if (out.length() > 1) {
        out.append(',');
      }
      element.appendMember(m, out);
    }
    while (next < at.added.length) {
      added(out, at.added[next], addedValues.get(at.added[next++]));
    }
    return out.append('}').toString();
  }

  private static void added(StringBuilder out, String name, String value) {
    if (out.length() > 1) {
      out.append(',');
    }
    CanonicalJson.quote(name, out);
    out.append(':').append(value);
  }

  /** The parsed way, for a record the scan leaves alone: {@link ChildRecords#flatten}. */
  private void parsed(OneList at, Part part, List<Part> out) {
    for (ChildRecords.Row child :
        ChildRecords.flatten(
            at.parent,
            at.list,
            at.child,
            new ChildRecords.Row(part.key(), Records.parse(part.text()), part.origin()),
            at.base,
            at.placed)) {
      if (at.seen != null) {
        child
            .record()
            .fields()
            .forEach(
                (name, value) ->
                    see(
                        at.seen,
                        name,
                        at.grandchildren.contains(name) || value instanceof Value.Null
                            ? null
                            : FieldType.of(value)));
      }
      out.add(new Part(child.key(), Records.canonicalAll(child.record()), child.origin()));
    }
  }

  /** Notes a field's type among those seen (null: no type shown, a null or a child list). */
  private static void see(Map<String, FieldType> seen, String name, FieldType type) {
    if (type == null) {
      seen.putIfAbsent(name, null);
    } else {
      seen.merge(name, type, (a, b) -> a == null ? b : a.widen(b));
    }
  }
}
