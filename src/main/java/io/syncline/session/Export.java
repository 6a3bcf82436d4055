package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.Progress;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import io.syncline.formats.RecordFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code export}: writes the database's records of the given entities to files, each entity to its
 * own {@code files:} or under the directory it is given.
 */
final class Export {
  private final Sides sides;
  private final RecordFiles files;

  Export(Sides sides, RecordFiles files) {
    this.sides = sides;
    this.files = files;
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
    List<Value.Obj> records = sides.database().records(entity, progress);
    Progress.Counter writing = progress.start("writing " + target.getFileName(), null, -1);
    try {
      return files.export(entity, records, target, format);
    } finally {
      writing.end();
    }
  }

  private Path defaultTarget(Entity entity) {
    Path files = sides.workingDirectory().resolve(entity.files());
    return entity.files().contains("*") ? files.getParent() : files;
  }
}
