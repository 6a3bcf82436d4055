package io.syncline.session;

import io.syncline.core.BadElement;
import io.syncline.core.ChildList;
import io.syncline.core.ChildRecords;
import io.syncline.core.Enrichment;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Layer;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.ThreeWayDiff;
import io.syncline.core.Value;
import io.syncline.formats.ElementLines;
import io.syncline.formats.FileRead;
import io.syncline.formats.SourceFile;
import io.syncline.sql.Database;
import io.syncline.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The child entities of an entity with {@code children:}: their records taken from the parent's
 * files ({@link ChildRecords}), read from their own tables, and diffed with their bases, as an
 * entity's are.
 */
final class Children {
  private Children() {}

  /**
   * A child entity as loaded: its fields (inferred where the mapping declares none), its diff, and
   * how many of its records the files hold.
   */
  record Loaded(Entity entity, EntityDiff diff, List<SchemaChange> schema, int records) {}

  /**
   * The parent's own records, without its child lists, and its descendants as loaded.
   *
   * @param counted for {@code enrich: progress:}, each parent's children (by the parent's key text)
   *     as the sync leaves them; empty without progress
   */
  record Diffed(
      Snapshot parentFiles, List<Loaded> children, Map<String, List<Value.Obj>> counted) {}

  /**
   * The entity as its files are read: with its child list fields among its fields (as JSON) when
   * the mapping declares fields, so that the read keeps the lists to take apart.
   */
  static Entity forReading(Entity entity) {
    if (entity.children().isEmpty() || entity.fields().isEmpty()) {
      return entity;
    }
    List<Field> fields = new ArrayList<>(entity.fields());
    Set<String> names = new HashSet<>();
    fields.forEach(f -> names.add(f.name()));
    for (ChildList list : entity.children()) {
      if (names.add(list.field())) {
        fields.add(new Field(list.field(), null, FieldType.JSON, Layer.SYNCED));
      }
    }
    return entity.withFields(fields);
  }

  /**
   * The entity with each child list whose table points at its parent by id without the mapping
   * saying so ({@link Database#foundParent}) given that reference, to any depth: what the tables
   * hold, which `mapping show` then prints. Asked at every {@code load}, {@code verify} and {@code
   * export}, so that a session that did not load yet reads such a table right too.
   */
  static Entity withFoundParents(Database database, Entity entity) {
    List<ChildList> lists = new ArrayList<>();
    for (ChildList list : entity.children()) {
      ChildList found =
          list.parent() != null
              ? list
              : database.foundParent(entity, entity.child(list)).map(list::withParent).orElse(list);
      lists.add(found.withChildren(withFoundParents(database, entity.child(found)).children()));
    }
    return lists.equals(entity.children()) ? entity : entity.withChildren(lists);
  }

  /**
   * Takes the records of {@code read} apart and diffs each descendant of {@code entity}: its
   * records from the files, its table's rows, its base.
   */
  static Diffed diff(
      Database database,
      StateStore state,
      Entity entity,
      FileRead read,
      Function<Path, String> naming) {
    Map<String, Snapshot> bases = new HashMap<>();
    for (Entity descendant : entity.descendants()) {
      bases.put(descendant.name(), state.agreedBase(descendant));
    }
    ChildRecords.Split split;
    try {
      split =
          ChildRecords.split(
              entity,
              read.records(),
              originOf(read, naming),
              name -> bases.computeIfAbsent(name, n -> new Snapshot()));
    } catch (BadElement refusal) {
      throw located(refusal, read);
    }
    String counted =
        entity
            .enriched()
            .map(Enrichment::progress)
            .map(p -> entity.name() + Entity.LEVEL + p.children())
            .orElse(null);
    Map<String, List<Value.Obj>> countedChildren = new HashMap<>();
    // each child's parent, for the foreign key of a table apply creates for it
    Map<String, Entity> parents = new HashMap<>();
    parents.put(entity.name(), entity);
    split.entities().forEach(child -> parents.put(child.name(), child));
    List<Loaded> children = new ArrayList<>();
    for (Entity child : split.entities()) {
      SqlNames.refuseUnkept(child, database);
      Snapshot rows = database.read(child);
      Snapshot base = bases.get(child.name());
      ChildRecords.clearOfTable(split, child, base, rows);
      EntityDiff diff = ThreeWayDiff.of(child, base, split.of(child.name()), rows);
      children.add(
          new Loaded(
              child,
              diff,
              database.schemaChanges(child, parents.get(child.parent().entity())),
              split.of(child.name()).size()));
      if (child.name().equals(counted)) {
        countedChildren = afterSync(entity, base, split.of(child.name()), rows);
      }
    }
    return new Diffed(split.of(entity.name()), children, countedChildren);
  }

  /**
   * Each parent's children as the sync leaves them, by the parent's key text, for counting: a child
   * deleted on one side is gone, one inserted on either side is there, and of one both hold the
   * side that changed it (the files', when both did).
   */
  private static Map<String, List<Value.Obj>> afterSync(
      Entity parent, Snapshot base, Snapshot files, Snapshot rows) {
    Map<String, List<Value.Obj>> byParent = new HashMap<>();
    Set<String> keys = new java.util.LinkedHashSet<>(files.keys());
    keys.addAll(rows.keys());
    for (String key : keys) {
      String file = files.get(key);
      String row = rows.get(key);
      String agreed = base.get(key);
      String kept;
      if (file == null) {
        kept = agreed != null ? null : row; // deleted from the files, or new in the table
      } else if (row == null) {
        kept = agreed != null ? null : file;
      } else {
        kept = file.equals(agreed) ? row : file;
      }
      if (kept != null) {
        Value.Obj child = Records.parse(kept);
        byParent
            .computeIfAbsent(RecordKey.text(parent, child, null), k -> new ArrayList<>())
            .add(child);
      }
    }
    return byParent;
  }

  /** The refusal naming the line of the element in its file, when the file is one of read's. */
  private static BadElement located(BadElement refusal, FileRead read) {
    if (refusal.origin() == null) {
      return refusal;
    }
    for (SourceFile file : read.files()) {
      if (file.path().endsWith(refusal.origin())
          || file.path().toString().equals(refusal.origin())) {
        return ElementLines.locate(refusal, read.entity(), file.path(), refusal.origin());
      }
    }
    return refusal;
  }

  /** The file each record of {@code read} came from, for messages. */
  static Function<String, String> originOf(FileRead read, Function<Path, String> naming) {
    String only = read.files().isEmpty() ? null : naming.apply(read.files().get(0).path());
    return key -> read.originByKey().getOrDefault(key, only);
  }
}
