package io.syncline.session;

import io.syncline.core.ChangeSet;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.EntityPlan;
import io.syncline.core.FileImage;
import io.syncline.core.Mapping;
import io.syncline.core.Progress;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.RecordImage;
import io.syncline.core.SynclineException;
import io.syncline.formats.FileRead;
import io.syncline.formats.FileWrite;
import io.syncline.formats.MappingFile;
import io.syncline.formats.RecordFiles;
import io.syncline.formats.SourceFile;
import io.syncline.state.Checkpoints;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code apply}: carries out the staged changes, the rows in one transaction and the files just
 * before it commits (see {@link ApplyTransaction}), and tells the session what its entities are
 * after it.
 */
final class Apply {
  private final Sides sides;
  private final RecordFiles files;

  Apply(Sides sides, RecordFiles files) {
    this.sides = sides;
    this.files = files;
  }

  /**
   * What an apply did, and the applied entities' files and diffs after it, by entity name (child
   * entities' diffs included).
   *
   * @param appliedAt when it committed; null when there was nothing to write
   * @param listsWritten the entities whose files had child list elements written into them: their
   *     lists are to be taken apart again, with the new bases
   */
  record Applied(
      ApplyPreview preview,
      Instant appliedAt,
      Map<String, FileRead> reads,
      Map<String, EntityDiff> diffs,
      Set<String> listsWritten) {}

  /**
   * Applies {@code changes}, made from the {@code loaded} files and the {@code diffs}; refuses,
   * changing nothing, when either side moved since they were read.
   */
  Applied apply(
      Mapping mapping,
      ChangeSet changes,
      Map<String, FileRead> loaded,
      Map<String, EntityDiff> diffs,
      Progress progress) {
    if (sides.database().readOnly()) {
      throw ReadOnlyConnection.needsWritable("apply");
    }
    ApplyTransaction transaction = new ApplyTransaction(sides);
    // Under the lock from the first look at the files to the commit: the checks below see what the
    // writes replace, and no other Syncline process writes between them.
    try {
      return transaction.underLock(
          "apply", () -> applyLocked(transaction, mapping, changes, loaded, diffs, progress));
    } catch (SynclineException.FileChanged e) {
      throw e.during("since `load` (during the apply)", "nothing was changed", "run `load` again");
    }
  }

  private Applied applyLocked(
      ApplyTransaction transaction,
      Mapping mapping,
      ChangeSet changes,
      Map<String, FileRead> loaded,
      Map<String, EntityDiff> diffs,
      Progress progress) {
    List<EntityPlan> plans = changes.plan();
    // load checked the names against the database it was connected to; a later connect may have
    // opened another, with other limits.
    for (EntityPlan plan : plans) {
      SqlNames.refuseSharedTable(mapping, plan.entity(), sides.database());
      SqlNames.refuseUnkept(plan.entity(), sides.database());
    }
    List<EntityPlan> forFiles = ChildPlans.forFiles(plans, loaded, childBases(sides));
    // The files' writes are made on the other core while the database re-reads the rows (a large
    // file's patch takes as long), unless whether to apply at all depends on them: with nothing
    // agreed to record, an apply only runs when it writes something.
    Supplier<FileWrite> prepare = () -> files.prepareToStage(forFiles, loaded);
    if (plans.stream().allMatch(p -> p.base().isEmpty())) {
      FileWrite write = prepare.get();
      ApplyPreview nothing = ApplyPreview.of(changes, plans, write);
      if (nothing.isEmpty()) {
        return new Applied(nothing, null, Map.of(), Map.of(), Set.of());
      }
      prepare = () -> write;
    }
    // The records' texts after the apply, made while the files' bytes are written.
    Map<String, Map<String, String>> updatedTexts = new HashMap<>();
    Runnable meanwhile =
        () -> {
          for (EntityPlan plan : forFiles) {
            String name = plan.entity().name();
            updatedTexts.put(name, RecordFiles.updatedTexts(loaded.get(name), plan));
          }
        };
    FileWrite write =
        transaction.commit(
            new ApplyTransaction.Writes(
                changes.schema(),
                plans,
                prepare,
                "applied",
                undoImages(plans, diffs),
                seen(plans, loaded),
                meanwhile),
            progress);
    ApplyPreview done = ApplyPreview.of(changes, plans, write);
    Instant appliedAt = sides.clock().instant();
    // The entities after the apply, without reading either side again: what was applied is known,
    // and reading every record back would double the cost.
    // A child entity's diff follows its plan as any entity's does, unless elements were written
    // into its parent's files: their lists are then read again, to take them apart as the next
    // load will (reading the tables again doubled the cost of a load and apply of child lists).
    Map<String, FileRead> reads = new LinkedHashMap<>();
    Map<String, EntityDiff> after = new LinkedHashMap<>();
    Set<String> listsWritten = new LinkedHashSet<>();
    for (EntityPlan plan : plans) {
      String name = plan.entity().name();
      after.put(name, diffs.get(name).afterApply(plan, changes::isStaged));
      if (plan.entity().isChild() && plan.touchesFiles()) {
        listsWritten.add(Entity.rootOf(name));
      }
    }
    for (EntityPlan plan : forFiles) {
      String name = plan.entity().name();
      reads.put(name, files.afterWrite(loaded.get(name), plan, write, updatedTexts.get(name)));
    }
    return new Applied(done, appliedAt, reads, after, listsWritten);
  }

  /** What apply would write to files: see {@link ChildPlans} for entities with child lists. */
  static FileWrite prepareFiles(
      Sides sides, RecordFiles files, List<EntityPlan> plans, Map<String, FileRead> loaded) {
    return files.prepare(ChildPlans.forFiles(plans, loaded, childBases(sides)), loaded);
  }

  /**
   * A child entity's base, read when a parent's list is written back: as load read it, so none when
   * it was agreed with another table.
   */
  private static java.util.function.Function<Entity, io.syncline.core.Snapshot> childBases(
      Sides sides) {
    Map<String, io.syncline.core.Snapshot> read = new HashMap<>();
    return child -> read.computeIfAbsent(child.name(), name -> sides.state().agreedBase(child));
  }

  /** The plans' entities' files as load read them. */
  private List<FileImage> seen(List<EntityPlan> plans, Map<String, FileRead> loaded) {
    FileWrite write = new FileWrite(sides.workingDirectory(), sides.clock()); // names them alone
    List<FileImage> images = new ArrayList<>();
    for (EntityPlan plan : plans) {
      FileRead read = loaded.get(plan.entity().name());
      for (SourceFile file : read == null ? List.<SourceFile>of() : read.files()) {
        images.add(write.seen(file));
      }
    }
    return images;
  }

  /**
   * What each plan does to rows and bases, with the entity's mapping to read it back later; made
   * when asked, on the other core while the rows are written.
   */
  private static Supplier<List<Checkpoints.Undo>> undoImages(
      List<EntityPlan> plans, Map<String, EntityDiff> diffs) {
    Map<String, EntityDiff> from = new HashMap<>(diffs); // made on another thread: not the live map
    return () -> {
      List<Checkpoints.Undo> undo = new ArrayList<>();
      for (EntityPlan plan : plans) {
        Collection<RecordImage> images = RecordImage.of(plan, from.get(plan.entity().name()));
        if (!images.isEmpty()) {
          String definition =
              MappingFile.write(new Mapping(null, List.of(plan.entity().standalone())));
          undo.add(new Checkpoints.Undo(plan.entity().name(), definition, images));
        }
      }
      return undo;
    };
  }
}
