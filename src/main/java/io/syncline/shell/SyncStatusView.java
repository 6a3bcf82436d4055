package io.syncline.shell;

import io.syncline.core.SyncStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status ENTITY}: what the last load (or the apply after it) saw of the entity, as the
 * database's {@code syncline_sync_status} view holds it.
 *
 * <pre>
 *   country: 249 record(s) in files, seen 2026-12-05T14:20:03Z, last apply 2026-12-05T14:00:00Z
 *   246 in sync, 1 changed in the file, 1 changed in the database, 0 changed on both sides, 1 in conflict
 *   record  state     agreed checksum
 *   AW      file      5d41402a
 * </pre>
 *
 * An entity with child lists is followed by each child entity's summary ({@code epic.tasks: 202
 * record(s) in files, ...}), its records listed the same way.
 */
final class SyncStatusView {
  /** Records shown at most; the view holds them all. */
  static final int SHOWN = 200;

  private SyncStatusView() {}

  /** The entity's summary, then each child entity's, a blank line between. */
  static String text(String entity, SyncStatus status, List<SyncStatus> children) {
    StringBuilder out = new StringBuilder(text(entity, status));
    for (SyncStatus child : children) {
      out.append("\n\n").append(text(child.entity(), child));
    }
    return out.toString();
  }

  static String text(String entity, SyncStatus status) {
    if (status == null) {
      return "no sync status of " + entity + " in the database yet; `load` records one";
    }
    StringBuilder out = new StringBuilder();
    out.append(entity)
        .append(": ")
        .append(status.records())
        .append(" record(s) in files, seen ")
        .append(time(status.seenAt()))
        .append(", last apply ")
        .append(status.appliedAt() == null ? "none" : time(status.appliedAt()))
        .append('\n');
    out.append(status.inSync())
        .append(" in sync, ")
        .append(count(status, SyncStatus.State.FILE))
        .append(" changed in the file, ")
        .append(count(status, SyncStatus.State.DATABASE))
        .append(" changed in the database, ")
        .append(count(status, SyncStatus.State.BOTH))
        .append(" changed on both sides, ")
        .append(count(status, SyncStatus.State.CONFLICT))
        .append(" in conflict");
    if (!status.listed()) {
      return out.append(
              "\nnever applied, so every record is new and none is listed; `apply` agrees on them")
          .toString();
    }
    if (status.notInSync().isEmpty()) {
      return out.toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"record", "state", "agreed checksum"});
    for (SyncStatus.Entry entry : status.notInSync().subList(0, shown(status))) {
      rows.add(
          new String[] {
            entry.key(),
            entry.state().text(),
            entry.agreedChecksum() == null ? "none" : entry.agreedChecksum()
          });
    }
    out.append('\n').append(Views.columns(rows));
    int more = status.notInSync().size() - shown(status);
    if (more > 0) {
      out.append("\n... ")
          .append(more)
          .append(" more: SELECT * FROM syncline_sync_status WHERE entity = '")
          .append(entity.replace("'", "''"))
          .append("'");
    }
    return out.toString();
  }

  /**
   * The same as JSON:
   *
   * <pre>
   * {"entity": "country", "seen_at": "...", "applied_at": "...", "records": 249, "in_sync": 246,
   *  "changed_in_file": 1, "changed_in_database": 1, "changed_on_both": 0, "conflicts": 1,
   *  "listed": true, "not_in_sync": [{"key": "AW", "state": "file", "agreed_checksum": "5d41402a"}]}
   * </pre>
   *
   * {@code null} when nothing was recorded. An entity with child lists has {@code "children"}: one
   * such object per child entity.
   */
  static String json(SyncStatus status, List<SyncStatus> children) {
    if (status == null) {
      return JsonView.write(null);
    }
    Map<String, Object> out = map(status);
    if (!children.isEmpty()) {
      out.put("children", children.stream().map(c -> (Object) map(c)).toList());
    }
    return JsonView.write(out);
  }

  private static Map<String, Object> map(SyncStatus status) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("entity", status.entity());
    out.put("seen_at", status.seenAt());
    out.put("applied_at", status.appliedAt());
    out.put("records", status.records());
    out.put("in_sync", status.inSync());
    out.put("changed_in_file", count(status, SyncStatus.State.FILE));
    out.put("changed_in_database", count(status, SyncStatus.State.DATABASE));
    out.put("changed_on_both", count(status, SyncStatus.State.BOTH));
    out.put("conflicts", count(status, SyncStatus.State.CONFLICT));
    out.put("listed", status.listed());
    List<Object> records = new ArrayList<>();
    for (SyncStatus.Entry entry : status.notInSync()) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("key", entry.key());
      record.put("state", entry.state().text());
      record.put("agreed_checksum", entry.agreedChecksum());
      records.add(record);
    }
    out.put("not_in_sync", records);
    return out;
  }

  private static int shown(SyncStatus status) {
    return Math.min(SHOWN, status.notInSync().size());
  }

  private static long count(SyncStatus status, SyncStatus.State state) {
    return status.counts().getOrDefault(state, 0L);
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
