package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import java.util.ArrayList;
import java.util.List;

/** What {@code verify} found: per entity, counts and the keys whose records differ. */
public record Verification(List<EntityCheck> checks) {
  public boolean agrees() {
    return checks.stream().allMatch(EntityCheck::agrees);
  }

  /**
   * @param differing keys present on both sides with different records; every key list in key
   *     order, as keys print
   */
  public record EntityCheck(
      Entity entity,
      int fileRecords,
      int databaseRows,
      List<String> onlyInFiles,
      List<String> onlyInDatabase,
      List<String> differing) {
    public boolean agrees() {
      return onlyInFiles.isEmpty() && onlyInDatabase.isEmpty() && differing.isEmpty();
    }
  }

  static EntityCheck compare(Entity entity, Snapshot files, Snapshot database) {
    List<String> onlyFiles = new ArrayList<>();
    List<String> onlyDatabase = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (String key : files.keys()) {
      String row = database.get(key);
      if (row == null) {
        onlyFiles.add(key);
      } else if (!Records.same(files.get(key), row)) {
        differing.add(key);
      }
    }
    for (String key : database.keys()) {
      if (!files.has(key)) {
        onlyDatabase.add(key);
      }
    }
    return new EntityCheck(
        entity,
        files.size(),
        database.size(),
        printed(onlyFiles),
        printed(onlyDatabase),
        printed(differing));
  }

  /** Keys in key order, as they print: a child's levels joined by '/' ({@code EP-7/T1}). */
  private static List<String> printed(List<String> keys) {
    keys.sort(RecordKey.ORDER);
    return keys.stream().map(RecordKey::display).toList();
  }
}
