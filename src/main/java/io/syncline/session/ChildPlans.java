package io.syncline.session;

import io.syncline.core.ChildList;
import io.syncline.core.ChildRecords;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import io.syncline.core.RecordKey;
import io.syncline.core.RecordMap;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import io.syncline.core.Value;
import io.syncline.formats.FileRead;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What apply writes to files for entities with child lists: the child plans' file sides folded into
 * their parents', as the new value of each list a child changed in ({@link ChildRecords#nest}),
 * deepest first, so that a task's checklist goes into the task before the task goes into its epic.
 * The file patch then writes only what differs inside the list: a changed field is one changed
 * line. The database side needs nothing of this: each child entity's plan writes its own table.
 */
final class ChildPlans {
  private final Map<String, FileRead> loaded;
  private final Function<Entity, Snapshot> bases;

  /** The plans as the files are written, by entity name: copies, so folding touches no other. */
  private final Map<String, EntityPlan> forFiles = new LinkedHashMap<>();

  private ChildPlans(Map<String, FileRead> loaded, Function<Entity, Snapshot> bases) {
    this.loaded = loaded;
    this.bases = bases;
  }

  /**
   * The plans as the files are written: each root's plan with its descendants' file changes in it;
   * the child plans left out (their records live in their roots' files).
   *
   * @param bases each child entity's base as load read it, which gave its elements their positions
   */
  static List<EntityPlan> forFiles(
      List<EntityPlan> plans, Map<String, FileRead> loaded, Function<Entity, Snapshot> bases) {
    ChildPlans folding = new ChildPlans(loaded, bases);
    List<EntityPlan> children = new ArrayList<>();
    for (EntityPlan plan : plans) {
      Entity entity = plan.entity();
      if (entity.isChild()) {
        children.add(plan);
        folding.forFiles.put(entity.name(), copy(plan, entity));
      } else if (entity.children().isEmpty()) {
        folding.forFiles.put(entity.name(), plan);
      } else {
        folding.forFiles.put(entity.name(), copy(plan, Children.forReading(entity)));
      }
    }
    children.sort(Comparator.comparingInt(ChildPlans::depth).reversed());
    children.forEach(child -> folding.fold(child.entity()));
    return folding.forFiles.values().stream().filter(p -> !p.entity().isChild()).toList();
  }

  private static int depth(EntityPlan plan) {
    return plan.entity().name().split("\\" + Entity.LEVEL).length;
  }

  /** The child's file changes, as new values of its parents' lists, into the parents' plans. */
  private void fold(Entity child) {
    EntityPlan plan = forFiles.get(child.name());
    EntityPlan parentPlan = forFiles.get(child.parent().entity());
    if (!plan.touchesFiles() || parentPlan == null) {
      return;
    }
    Entity parent = parentPlan.entity();
    ChildList list = parent.childList(child.parent().field()).orElseThrow();
    ChildRecords.FileEdits edits =
        new ChildRecords.FileEdits(
            plan.fileDeletes().keySet(), plan.fileUpdates(), inserts(plan.fileInserts()));
    Snapshot base = bases.apply(child);
    for (String key : parents(edits, parent.name(), parentPlan.fileInserts())) {
      if (parentPlan.fileDeletes().containsKey(key)) {
        continue; // the whole record goes, its list with it
      }
      String inserted = parentPlan.fileInserts().get(key);
      Value.Obj record = inserted != null ? Records.parse(inserted) : inFiles(parent.name(), key);
      Value.Array value = ChildRecords.nest(parent, list, key, record, base, edits);
      if (inserted != null) {
        Map<String, Value> fields = new LinkedHashMap<>(record.fields());
        fields.put(list.field(), value);
        parentPlan.fileInserts().put(key, Records.canonicalAll(new Value.Obj(fields)));
      } else {
        parentPlan
            .fileUpdates()
            .computeIfAbsent(key, k -> new FieldUpdates())
            .set(
                list.field(),
                value.display()); // in order: new elements keep their siblings' field order
      }
    }
  }

  /**
   * The record {@code key} of the entity {@code name} as its file holds it, lists and all; null
   * when the files hold no such record. A child's is found in its parent's list.
   */
  private Value.Obj inFiles(String name, String key) {
    FileRead read = loaded.get(name);
    if (read != null) {
      String text = read.records().get(key);
      return text == null ? null : Records.parse(text);
    }
    EntityPlan childPlan = forFiles.get(name);
    if (childPlan == null) {
      return null;
    }
    Entity child = childPlan.entity();
    EntityPlan parentPlan = forFiles.get(child.parent().entity());
    Entity parent = parentPlan.entity();
    for (String parentKey : cuts(key)) {
      Value.Obj parentRecord = inFiles(parent.name(), parentKey);
      if (parentRecord != null) {
        ChildList list = parent.childList(child.parent().field()).orElseThrow();
        return ChildRecords.childrenOf(parent, list, parentKey, parentRecord, bases.apply(child))
            .get(key);
      }
    }
    return null;
  }

  private static Map<String, String> inserts(RecordMap inserts) {
    Map<String, String> byKey = new LinkedHashMap<>();
    inserts.forEach(byKey::put);
    return byKey;
  }

  /**
   * The parents, by key text, that the edits' child keys belong to: the longest start of a child's
   * key, cut at a {@link RecordKey#LEVEL}, that is a parent record in the files or one being
   * inserted.
   */
  private Set<String> parents(ChildRecords.FileEdits edits, String parent, RecordMap inserted) {
    Set<String> childKeys = new LinkedHashSet<>(edits.deletes());
    childKeys.addAll(edits.updates().keySet());
    childKeys.addAll(edits.inserts().keySet());
    Map<String, Boolean> inFiles = new HashMap<>();
    Set<String> parents = new LinkedHashSet<>();
    for (String key : childKeys) {
      for (String candidate : cuts(key)) {
        if (inserted.containsKey(candidate)
            || inFiles.computeIfAbsent(candidate, k -> inFiles(parent, k) != null)) {
          parents.add(candidate);
          break;
        }
      }
    }
    return parents;
  }

  /** The starts of a key cut at each {@link RecordKey#LEVEL}, longest first. */
  private static List<String> cuts(String key) {
    List<String> cuts = new ArrayList<>();
    for (int cut = key.lastIndexOf(RecordKey.LEVEL);
        cut > 0;
        cut = key.lastIndexOf(RecordKey.LEVEL, cut - 1)) {
      cuts.add(key.substring(0, cut));
    }
    return cuts;
  }

  /**
   * A copy of the plan to write files from, read as {@code reading} (its lists among its fields).
   */
  private static EntityPlan copy(EntityPlan plan, Entity reading) {
    EntityPlan empty = EntityPlan.empty(reading);
    RecordMap inserts = empty.fileInserts();
    plan.fileInserts().forEach(inserts::put);
    Map<String, FieldUpdates> updates = empty.fileUpdates();
    plan.fileUpdates()
        .forEach(
            (key, fields) -> {
              FieldUpdates copy = new FieldUpdates();
              fields.edits().forEach(copy::put);
              updates.put(key, copy);
            });
    Map<String, String> deletes = empty.fileDeletes();
    deletes.putAll(plan.fileDeletes());
    return new EntityPlan(
        reading,
        plan.databaseInserts(),
        plan.databaseUpdates(),
        plan.databaseDeletes(),
        inserts,
        updates,
        deletes,
        plan.expectedDatabase(),
        plan.base());
  }
}
