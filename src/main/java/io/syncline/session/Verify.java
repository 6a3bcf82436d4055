package io.syncline.session;

import io.syncline.core.ChildList;
import io.syncline.core.ChildRecords;
import io.syncline.core.ChildRows;
import io.syncline.core.Entity;
import io.syncline.core.Progress;
import io.syncline.core.Snapshot;
import io.syncline.formats.FileRead;
import io.syncline.formats.RecordFiles;
import io.syncline.sql.Database;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code verify}: reads the files and the table of each entity afresh and compares them record by
 * record, without the base and without changing the session. An entity with child lists is compared
 * as its tables hold it: its own records, then each child entity's, taken from the parent's files
 * ({@link ChildRecords}), with list order compared as ranks ({@link ChildRows}).
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
              Children.forReading(
                  inferred.contains(entity.name()) ? entity.withFields(List.of()) : entity),
              progress);
      // A mapping that names no fields, not loaded in this session: the files say which to read.
      Entity compared =
          entity.fields().isEmpty() ? InferredFields.widen(entity, read.seenTypes()) : entity;
      if (compared.children().isEmpty()) {
        checks.add(
            Verification.compare(compared, read.records(), database.read(compared, progress)));
      } else {
        checks.addAll(withChildren(compared, read, progress));
      }
    }
    return new Verification(checks);
  }

  /**
   * The entity's own records, then each descendant's. Read without a base, a list's elements are
   * numbered 1 to n, where the table may hold 1, 1.5, 2 for the same order: both sides are ranked,
   * so that what is compared is the order of the elements both hold.
   */
  private List<Verification.EntityCheck> withChildren(
      Entity entity, FileRead read, Progress progress) {
    ChildRecords.Split split =
        ChildRecords.split(
            entity, read.records(), Children.originOf(read, files::relative), name -> null);
    List<Verification.EntityCheck> checks = new ArrayList<>();
    Entity parent = split.parent();
    checks.add(
        Verification.compare(parent, split.of(parent.name()), database.read(parent, progress)));
    Map<String, Entity> byName = new HashMap<>();
    byName.put(parent.name(), parent);
    for (Entity child : split.entities()) {
      byName.put(child.name(), child);
      ChildList list =
          byName.get(child.parent().entity()).childList(child.parent().field()).orElseThrow();
      Snapshot fileSide = split.of(child.name());
      Snapshot tableSide = database.read(child, progress);
      checks.add(
          Verification.compare(
              child,
              ChildRows.ranked(list, child, fileSide, tableSide),
              ChildRows.ranked(list, child, tableSide, fileSide)));
    }
    return checks;
  }
}
