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
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import io.syncline.formats.FileRead;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What apply writes to files for entities with child lists: the child plans' file sides folded into
 * their parents', as the new value of each list a child changed in ({@link ChildRecords#nest}). The
 * file patch then writes only what differs inside the list: a changed field is one changed line.
 * The database side needs nothing of this: each child entity's plan writes its own table.
 */
final class ChildPlans {
  private ChildPlans() {}

  /**
   * The plans as the files are written: each parent's plan with its children's file changes in it;
   * the child plans left out (their records live in their parents' files).
   *
   * @param bases each child entity's base, by name, which gave its elements their positions
   */
  static List<EntityPlan> forFiles(
      List<EntityPlan> plans, Map<String, FileRead> loaded, Function<String, Snapshot> bases) {
    Map<String, EntityPlan> byName = new LinkedHashMap<>();
    plans.forEach(p -> byName.put(p.entity().name(), p));
    List<EntityPlan> forFiles = new java.util.ArrayList<>();
    for (EntityPlan plan : plans) {
      Entity entity = plan.entity();
      if (entity.isChild()) {
        if (Entity.rootOf(entity.name()).equals(entity.parent().entity())) {
          continue; // folded into its parent's plan below
        }
        // a grandchild's file changes would otherwise be left out of the files, and its base
        // would say they were written
        refuseInFiles(plan, entity.parent().entity());
        continue;
      }
      if (entity.children().isEmpty()) {
        forFiles.add(plan);
        continue;
      }
      forFiles.add(folded(plan, byName, loaded.get(entity.name()), bases));
    }
    return forFiles;
  }

  private static EntityPlan folded(
      EntityPlan plan,
      Map<String, EntityPlan> byName,
      FileRead read,
      Function<String, Snapshot> bases) {
    Entity entity = plan.entity();
    EntityPlan files = copyForFiles(plan, read.entity());
    for (ChildList list : entity.children()) {
      EntityPlan child = byName.get(entity.name() + Entity.LEVEL + list.field());
      if (child == null || !child.touchesFiles()) {
        continue;
      }
      refuseGrandchildren(child);
      ChildRecords.FileEdits edits =
          new ChildRecords.FileEdits(
              child.fileDeletes().keySet(), child.fileUpdates(), inserts(child.fileInserts()));
      Snapshot base = bases.apply(child.entity().name());
      for (String parent : parents(edits, read.records(), files.fileInserts())) {
        if (files.fileDeletes().containsKey(parent)) {
          continue; // the whole record goes, its list with it
        }
        String inserted = files.fileInserts().get(parent);
        Value.Obj record = Records.parse(inserted != null ? inserted : read.records().get(parent));
        Value.Array value = ChildRecords.nest(entity, list, parent, record, base, edits);
        if (inserted != null) {
          Map<String, Value> fields = new LinkedHashMap<>(record.fields());
          fields.put(list.field(), value);
          files.fileInserts().put(parent, Records.canonicalAll(new Value.Obj(fields)));
        } else {
          files
              .fileUpdates()
              .computeIfAbsent(parent, k -> new FieldUpdates())
              .set(list.field(), value.canonical());
        }
      }
    }
    return files;
  }

  /** Grandchildren are kept in tables, but not yet written back into files. */
  private static void refuseGrandchildren(EntityPlan child) {
    if (!child.entity().children().isEmpty()) {
      refuseInFiles(child, child.entity().name());
    }
  }

  private static void refuseInFiles(EntityPlan plan, String withLists) {
    if (plan.touchesFiles()) {
      throw new SynclineException.Usage(
          "apply would write changes of "
              + plan.entity().name()
              + " into files, but "
              + withLists
              + " has child lists of its own, which apply does not write back into files yet;"
              + " keep them as JSON fields (leave them out of children:); nothing was changed");
    }
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
  private static Set<String> parents(
      ChildRecords.FileEdits edits, Snapshot fileRecords, RecordMap insertedParents) {
    Set<String> parents = new LinkedHashSet<>();
    Set<String> childKeys = new LinkedHashSet<>(edits.deletes());
    childKeys.addAll(edits.updates().keySet());
    childKeys.addAll(edits.inserts().keySet());
    for (String key : childKeys) {
      for (int cut = key.lastIndexOf(RecordKey.LEVEL);
          cut > 0;
          cut = key.lastIndexOf(RecordKey.LEVEL, cut - 1)) {
        String parent = key.substring(0, cut);
        if (fileRecords.has(parent) || insertedParents.containsKey(parent)) {
          parents.add(parent);
          break;
        }
      }
    }
    return parents;
  }

  /**
   * A copy of the plan to write files from, read as {@code reading} (its lists among its fields).
   */
  private static EntityPlan copyForFiles(EntityPlan plan, Entity reading) {
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
    return new EntityPlan(
        reading,
        plan.databaseInserts(),
        plan.databaseUpdates(),
        plan.databaseDeletes(),
        inserts,
        updates,
        plan.fileDeletes(),
        plan.expectedDatabase(),
        plan.base());
  }
}
