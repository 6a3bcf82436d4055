package io.syncline.session;

import io.syncline.core.Checkpoint;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import io.syncline.core.FileImage;
import io.syncline.core.Mapping;
import io.syncline.core.Progress;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.RecordImage;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToReadFile;
import io.syncline.formats.FileWrite;
import io.syncline.formats.MappingFile;
import io.syncline.sql.Database;
import io.syncline.state.Checkpoints;
import io.syncline.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code rollback NAME}: puts back every row, base and file that Syncline changed after the
 * checkpoint, from the undo images the applies kept, in one transaction with the files committed
 * just before it, as an apply is ({@link ApplyTransaction}).
 *
 * <p>What it puts back is, for each record or file, its state before the first apply after the
 * checkpoint that changed it; what it expects to find is its state after the last one. Anything
 * else (another writer changed the row or the file since) is listed and refused unless forced.
 * Before it writes, it takes the checkpoint {@code before-rollback-to-NAME}, and it keeps undo
 * images of its own, so {@code rollback before-rollback-to-NAME} undoes it.
 */
public final class Rollback {
  /** The most changed rows and files a refusal names; the rest are counted. */
  private static final int NAMED = 20;

  private final Path workingDirectory;
  private final Clock clock;
  private final Database database;
  private final StateStore state;
  private final ApplyTransaction transaction;

  Rollback(Sides sides) {
    this.workingDirectory = sides.workingDirectory();
    this.clock = sides.clock();
    this.database = sides.database();
    this.state = sides.state();
    this.transaction = new ApplyTransaction(sides);
  }

  /**
   * What a rollback did.
   *
   * @param undoneBy the checkpoint taken just before, which undoes this rollback
   * @param moved rows and files something else had changed, put back anyway (with --force)
   */
  public record Result(
      Checkpoint checkpoint,
      int applies,
      int rows,
      List<String> files,
      String undoneBy,
      List<String> moved) {}

  /** A record's first and last image since the checkpoint. */
  private static final class Span {
    boolean rowChanged;
    String rowBefore;
    String rowAfter;
    boolean baseChanged;
    String baseBefore;
  }

  /** Rolls back to the checkpoint {@code name}; {@code force} puts back what moved since, too. */
  Result rollback(String name, boolean force) {
    if (database.readOnly()) {
      throw ReadOnlyConnection.needsWritable("rollback");
    }
    try {
      return transaction.underLock("rollback " + name, () -> rollbackLocked(name, force));
    } catch (SynclineException.FileChanged e) {
      throw e.during(
          "during the rollback", "nothing was changed", "run `rollback " + name + "` again");
    }
  }

  private Result rollbackLocked(String name, boolean force) {
    Checkpoints checkpoints = state.checkpoints();
    Checkpoint checkpoint =
        checkpoints
            .find(name)
            .orElseThrow(
                () ->
                    new SynclineException.Usage(
                        "no checkpoint " + name + " in this database; `checkpoints` lists them"));
    List<Checkpoints.Applied> applied = checkpoints.since(checkpoint.logId());
    Map<String, Entity> entities = new TreeMap<>();
    Map<String, Map<String, Span>> records = new TreeMap<>();
    Map<String, FileImage[]> files = new TreeMap<>(); // path → {first, last}
    for (Checkpoints.Applied apply : applied) {
      for (Checkpoints.Undo undo : apply.entities()) {
        if (undo.definition() != null) {
          entities.put(
              undo.entity(),
              MappingFile.parse(undo.definition(), "the mapping kept with apply " + apply.logId())
                  .entity(undo.entity())
                  .orElseThrow());
        }
        Map<String, Span> spans = records.computeIfAbsent(undo.entity(), e -> new TreeMap<>());
        for (RecordImage image : undo.images()) {
          Span span = spans.computeIfAbsent(image.key(), k -> new Span());
          if (image.rowChanged()) {
            if (!span.rowChanged) {
              span.rowBefore = image.rowBefore();
            }
            span.rowChanged = true;
            span.rowAfter = image.rowAfter();
          }
          if (image.baseChanged()) {
            if (!span.baseChanged) {
              span.baseBefore = image.baseBefore();
            }
            span.baseChanged = true;
          }
        }
      }
      for (FileImage file : apply.files()) {
        FileImage[] span = files.computeIfAbsent(file.path(), p -> new FileImage[2]);
        if (span[0] == null && !FileWrite.isSeen(file)) {
          span[0] = file; // the first write: what the file held before Syncline changed it
        }
        span[1] = file; // the last write or read: what the file should hold now
      }
    }

    if (records.isEmpty() && files.values().stream().allMatch(span -> span[0] == null)) {
      return new Result(checkpoint, applied.size(), 0, List.of(), null, List.of());
    }

    // Read the rows and files as they are now, and compare with what Syncline last wrote.
    List<String> moved = new ArrayList<>();
    Map<String, Snapshot> current = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Span>> entity : records.entrySet()) {
      Entity definition = entities.get(entity.getKey());
      Snapshot rows = database.read(definition);
      current.put(entity.getKey(), rows);
      entity
          .getValue()
          .forEach(
              (key, span) -> {
                if (span.rowChanged && !RecordImage.holds(rows.get(key), span.rowAfter)) {
                  moved.add(entity.getKey() + "/" + key + " (row)");
                }
              });
    }
    Map<String, byte[]> restore = new LinkedHashMap<>();
    Map<String, Path> keptIn = new LinkedHashMap<>(); // path → its backup, whose mode it gets back
    List<String> delete = new ArrayList<>();
    Map<String, String> found = new LinkedHashMap<>(); // path → checksum now: what is replaced
    files.values().removeIf(span -> span[0] == null); // read, never written: nothing to restore
    for (FileImage[] span : files.values()) {
      FileImage first = span[0];
      String path = first.path();
      String now = FileWrite.sha256(workingDirectory.resolve(path));
      found.put(path, now);
      if (!FileWrite.holds(workingDirectory.resolve(path), span[1].after())) {
        moved.add(path + " (file)");
      }
      if (Objects.equals(now, first.before())) {
        continue; // already as it was
      }
      if (first.before() == null) {
        delete.add(path);
      } else {
        restore.put(path, backup(first));
        keptIn.put(path, workingDirectory.resolve(first.backup()));
      }
    }
    if (!moved.isEmpty() && !force) {
      throw new SynclineException(
          "rollback to "
              + name
              + " refused: "
              + named(moved)
              + (moved.size() == 1 ? " was" : " were")
              + " changed by something else since Syncline wrote "
              + (moved.size() == 1 ? "it" : "them")
              + "; `rollback "
              + name
              + " --force` puts "
              + (moved.size() == 1 ? "it" : "them")
              + " back anyway; nothing was changed");
    }

    // The plans: each changed row back to its first image, each base to its first image.
    List<EntityPlan> plans = new ArrayList<>();
    List<Checkpoints.Undo> undo = new ArrayList<>();
    List<SchemaChange> schema = new ArrayList<>();
    int rows = 0;
    for (Map.Entry<String, Map<String, Span>> entity : records.entrySet()) {
      Entity definition = entities.get(entity.getKey());
      Snapshot now = current.get(entity.getKey());
      // The bases as they are, for the rollback's own images: the store keeps after texts only as
      // fingerprints, and undoing this rollback must put the texts back.
      Snapshot bases = state.base(definition);
      EntityPlan plan = EntityPlan.empty(definition);
      List<RecordImage> images = new ArrayList<>();
      for (Map.Entry<String, Span> record : entity.getValue().entrySet()) {
        String key = record.getKey();
        Span span = record.getValue();
        String row = now.get(key);
        boolean rowWritten = span.rowChanged && !Records.same(row, span.rowBefore);
        if (rowWritten) {
          rows++;
          if (span.rowBefore == null) {
            plan.databaseDeletes().put(key, row);
            plan.expectedDatabase().put(key, row);
          } else if (row == null) {
            plan.databaseInserts().put(key, span.rowBefore);
          } else {
            plan.databaseUpdates().put(key, FieldUpdates.between(definition, row, span.rowBefore));
            plan.expectedDatabase().put(key, row);
          }
        }
        if (span.baseChanged) {
          plan.base().put(key, span.baseBefore);
        }
        if (rowWritten || span.baseChanged) {
          images.add(
              new RecordImage(
                  key,
                  rowWritten,
                  rowWritten ? row : null,
                  rowWritten ? span.rowBefore : null,
                  span.baseChanged,
                  span.baseChanged ? bases.get(key) : null,
                  span.baseChanged ? span.baseBefore : null));
        }
      }
      if (plan.touchesDatabase()) {
        schema.addAll(database.schemaChanges(definition));
      }
      plans.add(plan);
      if (!images.isEmpty()) {
        undo.add(
            new Checkpoints.Undo(
                definition.name(),
                MappingFile.write(new Mapping(null, List.of(definition))),
                images));
      }
    }
    FileWrite write = new FileWrite(workingDirectory, clock);
    restore.forEach(
        (path, bytes) ->
            write.restore(
                Path.of(path), bytes, keptIn.get(path), "restore " + path, found.get(path)));
    delete.forEach(path -> write.delete(Path.of(path), "delete " + path, found.get(path)));

    Checkpoint before = checkpoints.mark("before-rollback-to-" + name, true);
    transaction.commit(
        new ApplyTransaction.Writes(
            schema, plans, write, "rolled back to " + name, () -> undo, List.of()),
        Progress.NONE);
    List<String> written = new ArrayList<>(restore.keySet());
    written.addAll(delete);
    return new Result(checkpoint, applied.size(), rows, written, before.name(), moved);
  }

  /** The backup's bytes, refused when the backup is gone or not what was kept. */
  private byte[] backup(FileImage image) {
    Path backup = workingDirectory.resolve(image.backup());
    byte[] bytes;
    try {
      bytes = FileWrite.read(backup);
    } catch (UnableToReadFile e) {
      throw new SynclineException(
          "cannot put back " + image.path() + " from its backup: " + e.getMessage());
    }
    if (!FileWrite.sha256(bytes).equals(image.before())) {
      throw new SynclineException(
          "cannot put back "
              + image.path()
              + ": its backup "
              + image.backup()
              + " is not the file Syncline replaced (its checksum differs); nothing was changed");
    }
    return bytes;
  }

  private static String named(List<String> items) {
    String shown = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
    return items.size() > NAMED ? shown + " and " + (items.size() - NAMED) + " more" : shown;
  }
}
