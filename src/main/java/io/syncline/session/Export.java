package io.syncline.session;

import io.syncline.core.ChildList;
import io.syncline.core.ChildRecords;
import io.syncline.core.ChildRows;
import io.syncline.core.Entity;
import io.syncline.core.Progress;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import io.syncline.formats.RecordFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code export}: writes the database's records of the given entities to files, each entity to its
 * own {@code files:} or under the directory it is given. An entity with child lists gets them back
 * from their tables, each parent's rows in list order ({@link ChildRows#nest}).
 */
final class Export {
  private final Sides sides;
  private final RecordFiles files;
  private final Map<String, Entity> loadedChildren;

  /**
   * @param loadedChildren the child entities loaded in this session, by name, with the fields the
   *     load inferred
   */
  Export(Sides sides, RecordFiles files, Map<String, Entity> loadedChildren) {
    this.sides = sides;
    this.files = files;
    this.loadedChildren = loadedChildren;
  }

  /** The files written, for every entity in order. */
  List<Path> export(List<Entity> entities, String to, String format, Progress progress) {
    List<Path> written = new ArrayList<>();
    // The files' lock only: export reads the database and writes nothing there.
    try (WriteLock lock =
        WriteLock.take(sides.workingDirectory(), null, "export", sides.lockWait(), sides.clock())) {
      lock.notice().ifPresent(sides.notices());
      for (Entity entity : entities) {
        written.addAll(exportOne(entity, to, format, progress));
      }
    } catch (SynclineException.FileChanged e) {
      throw e.during("during the export", "it was left as it is", "run `export` again");
    }
    return written;
  }

  private List<Path> exportOne(Entity entity, String to, String format, Progress progress) {
    Path target = to != null ? sides.workingDirectory().resolve(to) : defaultTarget(entity);
    if (entity.fields().isEmpty()) {
      // A mapping that names no fields, not loaded in this session: the fields of the last sync.
      sides.state().prepare();
      entity = TableGuess.fromBase(entity, sides.state());
    }
    List<Value.Obj> records =
        ChildRows.nest(
            entity,
            sides.database().records(ChildRecords.ownEntity(entity), progress),
            (list, child) -> sides.database().records(childFields(list, child), progress));
    Progress.Counter writing = progress.start("writing " + target.getFileName(), null, -1);
    try {
      return files.export(entity, records, target, format);
    } finally {
      writing.end();
    }
  }

  /**
   * The child entity with its fields: as this session loaded it, as the mapping declares them, or,
   * for a list whose fields are inferred and not loaded here, as its last sync saw them.
   */
  private Entity childFields(ChildList list, Entity child) {
    Entity loaded = loadedChildren.get(child.name());
    if (loaded != null) {
      return loaded;
    }
    if (!list.fields().isEmpty()) {
      return child;
    }
    sides.state().prepare();
    return TableGuess.fromBase(child, sides.state());
  }

  private Path defaultTarget(Entity entity) {
    Path files = sides.workingDirectory().resolve(entity.files());
    return entity.files().contains("*") ? files.getParent() : files;
  }
}
