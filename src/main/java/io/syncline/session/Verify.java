package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.Progress;
import io.syncline.formats.FileRead;
import io.syncline.formats.RecordFiles;
import io.syncline.sql.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code verify}: reads the files and the table of each entity afresh and compares them record by
 * record, without the base and without changing the session.
 */
final class Verify {
  private final Database database;
  private final RecordFiles files;

  Verify(Database database, RecordFiles files) {
    this.database = database;
    this.files = files;
  }

  /**
   * What each entity's sides hold; {@code inferred} names the entities whose fields were inferred
   * in this session, whose files are read for every field they hold.
   */
  Verification verify(List<Entity> entities, Set<String> inferred, Progress progress) {
    List<Verification.EntityCheck> checks = new ArrayList<>();
    for (Entity entity : entities) {
      FileRead read =
          files.read(
              inferred.contains(entity.name()) ? entity.withFields(List.of()) : entity, progress);
      // A mapping that names no fields, not loaded in this session: the files say which to read.
      Entity compared =
          entity.fields().isEmpty() ? InferredFields.widen(entity, read.seenTypes()) : entity;
      checks.add(Verification.compare(compared, read.records(), database.read(compared, progress)));
    }
    return new Verification(checks);
  }
}
