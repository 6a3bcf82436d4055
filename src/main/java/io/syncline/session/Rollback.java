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

  /**
   * Finds what the applies since the checkpoint changed, reads it as it is now, refuses what moved
   * (unless forced), plans the rows and bases back, stages the files back, and commits them with a
   * checkpoint that undoes the rollback.
   */
  private Result rollbackLocked(String name, boolean force) {
    Checkpoints checkpoints = state.checkpoints();
    Checkpoint checkpoint = find(checkpoints, name);
    List<Checkpoints.Applied> applied = checkpoints.since(checkpoint.logId());
    Changes changes = Changes.of(applied);
    if (changes.isEmpty()) {
      return new Result(checkpoint, applied.size(), 0, List.of(), null, List.of());
    }
    List<String> moved = new ArrayList<>();
    Map<String, Snapshot> current = readRows(changes, moved);
    FilesBack files = readFiles(changes, moved);
    if (!moved.isEmpty() && !force) {
      throw refused(name, moved);
    }
    RowsBack rows = planRows(changes, current);
    FileWrite write = files.stage(new FileWrite(workingDirectory, clock));
    Checkpoint before = checkpoints.mark("before-rollback-to-" + name, true);
    transaction.commit(
        new ApplyTransaction.Writes(
            rows.schema,
            rows.plans,
            () -> write,
            "rolled back to " + name,
            () -> rows.undo,
            List.of(),
            () -> {}),
        Progress.NONE);
    return new Result(
        checkpoint, applied.size(), rows.count, files.written(), before.name(), moved);
  }

  private static Checkpoint find(Checkpoints checkpoints, String name) {
    return checkpoints
        .find(name)
        .orElseThrow(
            () ->
                new SynclineException.Usage(
                    "no checkpoint " + name + " in this database; `checkpoints` lists them"));
  }

  /**
   * What the applies since a checkpoint changed, from their undo images: each record's first and
   * last image, each file's first write and last write or read, and the entities as they were
   * mapped.
   */
  private static final class Changes {
    final Map<String, Entity> entities = new TreeMap<>();
    final Map<String, Map<String, Span>> records = new TreeMap<>();
    final Map<String, FileImage[]> files = new TreeMap<>(); // path → {first, last}

    static Changes of(List<Checkpoints.Applied> applied) {
      Changes changes = new Changes();
      for (Checkpoints.Applied apply : applied) {
        for (Checkpoints.Undo undo : apply.entities()) {
          changes.add(apply.logId(), undo);
        }
        for (FileImage file : apply.files()) {
          changes.add(file);
        }
      }
      return changes;
    }

    private void add(long logId, Checkpoints.Undo undo) {
      if (undo.definition() != null) {
        entities.put(
            undo.entity(),
            MappingFile.parse(undo.definition(), "the mapping kept with apply " + logId)
                .entity(undo.entity())
                .orElseThrow());
      }
      Map<String, Span> spans = records.computeIfAbsent(undo.entity(), e -> new TreeMap<>());
      for (RecordImage image : undo.images()) {
        spans.computeIfAbsent(image.key(), k -> new Span()).add(image);
      }
    }

    private void add(FileImage file) {
      FileImage[] span = files.computeIfAbsent(file.path(), p -> new FileImage[2]);
      if (span[0] == null && !FileWrite.isSeen(file)) {
        span[0] = file; // the first write: what the file held before Syncline changed it
      }
      span[1] = file; // the last write or read: what the file should hold now
    }

    /** No record changed, and no file written (only read). */
    boolean isEmpty() {
      return records.isEmpty() && files.values().stream().allMatch(span -> span[0] == null);
    }
  }

  /** A record's first and last image since the checkpoint. */
  private static final class Span {
    boolean rowChanged;
    String rowBefore;
    String rowAfter;
    boolean baseChanged;
    String baseBefore;

    void add(RecordImage image) {
      if (image.rowChanged()) {
        if (!rowChanged) {
          rowBefore = image.rowBefore();
        }
        rowChanged = true;
        rowAfter = image.rowAfter();
      }
      if (image.baseChanged()) {
        if (!baseChanged) {
          baseBefore = image.baseBefore();
        }
        baseChanged = true;
      }
    }
  }

  /**
   * The changed entities' rows as they are now, by entity; a row that is not as Syncline last wrote
   * it is added to {@code moved}.
   */
  private Map<String, Snapshot> readRows(Changes changes, List<String> moved) {
    Map<String, Snapshot> current = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, Span>> entity : changes.records.entrySet()) {
      Snapshot rows = database.read(changes.entities.get(entity.getKey()));
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
    return current;
  }

  /** The files to put back: each one's bytes from its backup, or its deletion where it was new. */
  private static final class FilesBack {
    final Map<String, byte[]> restore = new LinkedHashMap<>();
    final Map<String, Path> keptIn = new LinkedHashMap<>(); // path → its backup, for its mode
    final List<String> delete = new ArrayList<>();
    final Map<String, String> found =
        new LinkedHashMap<>(); // path → checksum now: what is replaced

    /** Stages every restore and delete in {@code write}, for the transaction to commit. */
    FileWrite stage(FileWrite write) {
      restore.forEach(
          (path, bytes) ->
              write.restore(
                  Path.of(path), bytes, keptIn.get(path), "restore " + path, found.get(path)));
      delete.forEach(path -> write.delete(Path.of(path), "delete " + path, found.get(path)));
      return write;
    }

    List<String> written() {
      List<String> written = new ArrayList<>(restore.keySet());
      written.addAll(delete);
      return written;
    }
  }

  /**
   * Reads each written file as it is now: one that is not as Syncline last left it is added to
   * {@code moved}; one not as it was before the first write is to be put back, from its backup
   * (refused if the backup is gone or altered) or by deleting it.
   */
  private FilesBack readFiles(Changes changes, List<String> moved) {
    FilesBack back = new FilesBack();
    for (FileImage[] span : changes.files.values()) {
      FileImage first = span[0];
      if (first == null) {
        continue; // read, never written: nothing to restore
      }
      String path = first.path();
      Path file = workingDirectory.resolve(path);
      back.found.put(path, FileWrite.crc32c(file));
      if (!FileWrite.holds(file, span[1].after())) {
        moved.add(path + " (file)");
      }
      // The images may keep checksums of two kinds (see FileWrite.images): each is read as kept.
      if (FileWrite.holds(file, first.before())) {
        continue; // already as it was
      }
      if (first.before() == null) {
        back.delete.add(path);
      } else {
        back.restore.put(path, backup(first));
        back.keptIn.put(path, workingDirectory.resolve(first.backup()));
      }
    }
    return back;
  }

  private static SynclineException refused(String name, List<String> moved) {
    return new SynclineException(
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

  /** The plans putting rows and bases back, and the rollback's own undo images. */
  private static final class RowsBack {
    final List<EntityPlan> plans = new ArrayList<>();
    final List<Checkpoints.Undo> undo = new ArrayList<>();
    final List<SchemaChange> schema = new ArrayList<>();
    int count; // rows written
  }

  /** Each changed row back to its first image, each base to its first image. */
  private RowsBack planRows(Changes changes, Map<String, Snapshot> current) {
    RowsBack back = new RowsBack();
    for (Map.Entry<String, Map<String, Span>> entity : changes.records.entrySet()) {
      Entity definition = changes.entities.get(entity.getKey());
      // The bases as they are, for the rollback's own images: the store keeps after texts only as
      // fingerprints, and undoing this rollback must put the texts back.
      Snapshot bases = state.base(definition);
      Snapshot now = current.get(entity.getKey());
      EntityPlan plan = EntityPlan.empty(definition);
      List<RecordImage> images = new ArrayList<>();
      for (Map.Entry<String, Span> record : entity.getValue().entrySet()) {
        String key = record.getKey();
        RecordImage image = putBack(plan, key, record.getValue(), now.get(key), bases);
        if (image != null) {
          images.add(image);
          back.count += image.rowChanged() ? 1 : 0;
        }
      }
      if (plan.touchesDatabase()) {
        // a child table dropped since is made again with its foreign key, when the rollback puts
        // back its parent's rows too (a child's kept definition names no parent table of its own)
        Entity parent =
            definition.isChild() ? changes.entities.get(definition.parent().entity()) : null;
        back.schema.addAll(database.schemaChanges(definition, parent));
      }
      back.plans.add(plan);
      if (!images.isEmpty()) {
        back.undo.add(
            new Checkpoints.Undo(
                definition.name(),
                MappingFile.write(new Mapping(null, List.of(definition.standalone()))),
                images));
      }
    }
    return back;
  }

  /**
   * Puts one record's row and base back to their first images in {@code plan}; the rollback's own
   * image of what it changes, or null when it changes nothing.
   */
  private static RecordImage putBack(
      EntityPlan plan, String key, Span span, String row, Snapshot bases) {
    boolean rowWritten = span.rowChanged && !Records.same(row, span.rowBefore);
    if (rowWritten) {
      if (span.rowBefore == null) {
        plan.databaseDeletes().put(key, row);
        plan.expectedDatabase().put(key, row);
      } else if (row == null) {
        plan.databaseInserts().put(key, span.rowBefore);
      } else {
        plan.databaseUpdates().put(key, FieldUpdates.between(plan.entity(), row, span.rowBefore));
        plan.expectedDatabase().put(key, row);
      }
    }
    if (span.baseChanged) {
      plan.base().put(key, span.baseBefore);
    }
    if (!rowWritten && !span.baseChanged) {
      return null;
    }
    return new RecordImage(
        key,
        rowWritten,
        rowWritten ? row : null,
        rowWritten ? span.rowBefore : null,
        span.baseChanged,
        span.baseChanged ? bases.get(key) : null,
        span.baseChanged ? span.baseBefore : null);
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
    if (!FileWrite.matches(bytes, image.before())) {
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
