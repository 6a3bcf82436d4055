package io.syncline.session;

import io.syncline.core.ChildList;
import io.syncline.core.ChildRecords;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Layer;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.ThreeWayDiff;
import io.syncline.formats.FileRead;
import io.syncline.sql.Database;
import io.syncline.state.StateStore;
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
   * how many of its records the parent's files hold.
   */
  record Loaded(Entity entity, EntityDiff diff, List<SchemaChange> schema, int fileRecords) {}

  /** The parent's own records, without its child lists, and its descendants as loaded. */
  record Diffed(Snapshot parentFiles, List<Loaded> children) {}

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
   * Takes the records of {@code read} apart and diffs each descendant of {@code entity}: its
   * records from the files, its table's rows, its base.
   */
  static Diffed diff(Database database, StateStore state, Entity entity, FileRead read) {
    Map<String, Snapshot> bases = new HashMap<>();
    for (Entity descendant : entity.descendants()) {
      bases.put(descendant.name(), state.base(descendant.name()));
    }
    ChildRecords.Split split =
        ChildRecords.split(
            entity,
            read.records(),
            originOf(read),
            name -> bases.computeIfAbsent(name, n -> new Snapshot()));
    List<Loaded> children = new ArrayList<>();
    for (Entity child : split.entities()) {
      Snapshot rows = database.read(child);
      EntityDiff diff =
          ThreeWayDiff.of(child, bases.get(child.name()), split.of(child.name()), rows);
      children.add(
          new Loaded(child, diff, database.schemaChanges(child), split.of(child.name()).size()));
    }
    return new Diffed(split.of(entity.name()), children);
  }

  /** The file each record of {@code read} came from, for messages. */
  static Function<String, String> originOf(FileRead read) {
    String only = read.files().isEmpty() ? null : read.files().get(0).path().toString();
    return key -> read.originByKey().getOrDefault(key, only);
  }
}
