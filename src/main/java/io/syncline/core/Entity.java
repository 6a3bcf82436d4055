package io.syncline.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kind of record, how it sits in files and which table holds it.
 *
 * @param files a path or a glob relative to the working directory ({@code epics/*.json})
 * @param at JSON Pointer to the records inside each file; empty for the whole document
 * @param key the fields that identify a record; a compound key prints as {@code a,b}
 * @param fields in file order; the key fields among them
 * @param enrichment what the database works out for each record ({@code enrich:}); null: nothing
 * @param children the list fields kept as child tables ({@code children:}); their records are not
 *     among {@code fields}
 * @param parent for a child entity ({@link #child}), what it hangs from; null for an entity the
 *     mapping names
 */
public record Entity(
    String name,
    String files,
    Layout layout,
    String at,
    String table,
    List<String> key,
    List<Field> fields,
    ConflictPolicy conflicts,
    Enrichment enrichment,
    List<ChildList> children,
    ParentLink parent) {

  /** Separates the levels of a child entity's name: {@code epic.tasks}. */
  public static final char LEVEL = '.';

  public Entity {
    at = at == null ? "" : at;
    table = table == null ? name : table;
    key = List.copyOf(key);
    fields = List.copyOf(fields);
    conflicts = conflicts == null ? ConflictPolicy.ASK : conflicts;
    children = children == null ? List.of() : List.copyOf(children);
  }

  public Entity(
      String name,
      String files,
      Layout layout,
      String at,
      String table,
      List<String> key,
      List<Field> fields,
      ConflictPolicy conflicts,
      Enrichment enrichment) {
    this(name, files, layout, at, table, key, fields, conflicts, enrichment, null, null);
  }

  public Entity(
      String name,
      String files,
      Layout layout,
      String at,
      String table,
      List<String> key,
      List<Field> fields,
      ConflictPolicy conflicts) {
    this(name, files, layout, at, table, key, fields, conflicts, null);
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The fields that files carry and the diff compares: all but the system layer. */
  public List<Field> fileFields() {
    return fields.stream().filter(Field::inFiles).toList();
  }

  public Entity withFields(List<Field> newFields) {
    return new Entity(
        name, files, layout, at, table, key, newFields, conflicts, enrichment, children, parent);
  }

  public Entity withEnrichment(Enrichment newEnrichment) {
    return new Entity(
        name, files, layout, at, table, key, fields, conflicts, newEnrichment, children, parent);
  }

  public Entity withChildren(List<ChildList> newChildren) {
    return new Entity(
        name, files, layout, at, table, key, fields, conflicts, enrichment, newChildren, parent);
  }

  /** The child list of the field {@code field}, if that field is kept as a child table. */
  public Optional<ChildList> childList(String field) {
    return children.stream().filter(c -> c.field().equals(field)).findFirst();
  }

  /** Whether this entity's records hang from another's ({@link #child}). */
  public boolean isChild() {
    return parent != null;
  }

  /**
   * The entity of {@code list}'s elements: named {@code PARENT.FIELD}, in its own table, keyed by
   * this entity's key fields then the element's key (or its order field, for a list without keys),
   * with those fields and the order field first among its fields. When the mapping declares none of
   * the elements' own fields, the load infers them and adds them after these.
   */
  public Entity child(ChildList list) {
    List<Field> childFields = new ArrayList<>();
    for (String keyField : key) {
      childFields.add(
          field(keyField).orElseGet(() -> new Field(keyField, null, FieldType.TEXT, null)));
    }
    childFields.add(
        new Field(
            list.order(),
            null,
            list.positional() ? FieldType.INTEGER : FieldType.DECIMAL,
            Layer.SYNCED));
    for (Field declared : list.fields()) {
      if (!key.contains(declared.name()) && !declared.name().equals(list.order())) {
        childFields.add(declared);
      }
    }
    List<String> childKey = new ArrayList<>(key);
    childKey.addAll(list.positional() ? List.of(list.order()) : list.key());
    return new Entity(
        name + LEVEL + list.field(),
        files,
        layout,
        at,
        list.table() != null ? list.table() : table + "__" + list.field(),
        childKey,
        childFields,
        conflicts,
        null,
        list.children(),
        new ParentLink(
            name,
            list.field(),
            key.size(),
            levelsBelow(),
            list.parent(),
            list.parent() == null ? null : this));
  }

  /**
   * An entity the mapping file can hold on its own and that gives this one back as its child (by
   * {@link Mapping#entity}): this entity itself, or for a child, a parent made of the child's key
   * fields that holds it as its only child list, with every field it has (inferred ones too). What
   * the undo images of apply keep, so that rollback reads the rows back as they were written. A
   * level whose table points at its parent's row by id ({@link ParentReference}) keeps its
   * reference and the tables above it, which resolve the id.
   */
  public Entity standalone() {
    if (!isChild()) {
      return this;
    }
    String[] names = name.split("\\" + LEVEL);
    List<Integer> ends = parent.levels();
    Field order = fields.get(parent.parentKeyFields());
    List<String> ownKey = key.subList(parent.parentKeyFields(), key.size());
    ChildList chain =
        new ChildList(
            names[names.length - 1],
            ownKey.equals(List.of(order.name())) ? List.of() : ownKey,
            table,
            order.name(),
            fields,
            children,
            parent.reference());
    Entity above = parent.byId();
    for (int level = ends.size() - 1; level >= 1; level--) {
      List<String> levelKey = key.subList(ends.get(level - 1), ends.get(level));
      boolean positional = levelKey.equals(List.of(ChildList.DEFAULT_ORDER));
      ParentLink aboveLink = above == null ? null : above.parent();
      chain =
          new ChildList(
              names[level],
              positional ? List.of() : levelKey,
              above == null ? null : above.table(),
              null,
              fieldsNamed(levelKey),
              List.of(chain),
              aboveLink == null ? null : aboveLink.reference());
      above = aboveLink == null ? null : aboveLink.byId();
    }
    List<String> rootKey = key.subList(0, ends.get(0));
    return new Entity(
        names[0],
        files,
        layout,
        at,
        above == null ? names[0] : above.table(),
        rootKey,
        fieldsNamed(rootKey),
        conflicts,
        null,
        List.of(chain),
        null);
  }

  private List<Field> fieldsNamed(List<String> names) {
    List<Field> named = new ArrayList<>();
    names.forEach(n -> field(n).ifPresent(named::add));
    return named;
  }

  /** The level ends of this entity's children's keys: this entity's own, then its key's end. */
  private List<Integer> levelsBelow() {
    List<Integer> levels = new ArrayList<>(isChild() ? parent.levels() : List.of());
    levels.add(key.size());
    return levels;
  }

  /** Every child entity below this one, children before grandchildren, in mapping order. */
  public List<Entity> descendants() {
    List<Entity> all = new ArrayList<>();
    for (ChildList list : children) {
      all.add(child(list));
    }
    for (int i = 0; i < children.size(); i++) {
      all.addAll(all.get(i).descendants());
    }
    return all;
  }

  /** The entity a child entity's name starts with ({@code epic} for {@code epic.tasks}). */
  public static String rootOf(String entityName) {
    int level = entityName.indexOf(LEVEL);
    return level < 0 ? entityName : entityName.substring(0, level);
  }

  public Optional<Enrichment> enriched() {
    return Optional.ofNullable(enrichment);
  }
}
