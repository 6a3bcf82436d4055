package io.syncline.state;

import io.syncline.core.Change;
import io.syncline.core.Counts;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What one apply did, for the audit log.
 *
 * @param files what was written to files, a line each: {@code rewrite countries.json (3 records)}
 * @param detail the changes down to the fields, a line each (see {@link #detail(List)})
 * @param outcome how it ended, in a word or a line: {@code applied}, {@code rolled back: ...}
 */
public record AppliedSummary(
    Instant startedAt,
    List<String> entities,
    Counts toDatabase,
    Counts toFiles,
    List<String> files,
    List<String> detail,
    String outcome) {
  /** A million-row apply keeps its counts, not a million lines; the first lines say enough. */
  static final int MAX_DETAIL = 1000;

  public AppliedSummary {
    entities = List.copyOf(entities);
    files = List.copyOf(files);
    detail = List.copyOf(detail);
  }

  /** The counts and entity names of the plans, without the files written. */
  public static AppliedSummary of(Instant startedAt, List<EntityPlan> plans, String outcome) {
    return of(startedAt, plans, List.of(), outcome);
  }

  public static AppliedSummary of(
      Instant startedAt, List<EntityPlan> plans, List<String> files, String outcome) {
    Counts toDatabase = Counts.NONE;
    Counts toFiles = Counts.NONE;
    for (EntityPlan plan : plans) {
      toDatabase =
          toDatabase.plus(
              new Counts(
                  plan.databaseInserts().size(),
                  plan.databaseUpdates().size(),
                  plan.databaseDeletes().size()));
      toFiles =
          toFiles.plus(
              new Counts(
                  plan.fileInserts().size(), plan.fileUpdates().size(), plan.fileDeletes().size()));
    }
    List<String> names = plans.stream().map(p -> p.entity().name()).distinct().sorted().toList();
    return new AppliedSummary(startedAt, names, toDatabase, toFiles, files, detail(plans), outcome);
  }

  /**
   * One line per record changed, side by side, with the fields for updates:
   *
   * <pre>
   *   to-db    insert  country/DE
   *   to-db    update  country/AW: name, numeric
   *   to-file  delete  country/XK
   *   to-file  update  epic/EP-7.tasks/T3: done
   * </pre>
   *
   * At most {@link #MAX_DETAIL} lines, then {@code … N more}.
   */
  static List<String> detail(List<EntityPlan> plans) {
    List<String> lines = new ArrayList<>();
    int[] more = {0};
    for (EntityPlan plan : plans) {
      String entity = plan.entity().name();
      side(
          lines,
          more,
          "to-db  ",
          entity,
          plan.databaseInserts(),
          plan.databaseUpdates(),
          plan.databaseDeletes());
      side(
          lines,
          more,
          "to-file",
          entity,
          plan.fileInserts(),
          plan.fileUpdates(),
          plan.fileDeletes());
    }
    if (more[0] > 0) {
      lines.add("… " + more[0] + " more");
    }
    return lines;
  }

  private static void side(
      List<String> lines,
      int[] more,
      String direction,
      String entity,
      Map<String, String> inserts,
      Map<String, FieldUpdates> updates,
      Map<String, String> deletes) {
    for (String key : firstOf(inserts.keySet(), lines, more)) {
      lines.add(direction + "  insert  " + Change.record(entity, key));
    }
    for (Map.Entry<String, FieldUpdates> update : firstOf(updates.entrySet(), lines, more)) {
      lines.add(
          direction
              + "  update  "
              + Change.record(entity, update.getKey())
              + ": "
              + String.join(", ", update.getValue().fields()));
    }
    for (String key : firstOf(deletes.keySet(), lines, more)) {
      lines.add(direction + "  delete  " + Change.record(entity, key));
    }
  }

  /**
   * As many of {@code all} as there is room for, the rest counted in {@code more}: a first sync of
   * a million records would otherwise walk a million entries to keep a thousand lines.
   */
  private static <T> List<T> firstOf(Collection<T> all, List<String> lines, int[] more) {
    int room = Math.max(0, MAX_DETAIL - lines.size());
    List<T> first = new ArrayList<>(Math.min(room, all.size()));
    for (T item : all) {
      if (first.size() == room) {
        break;
      }
      first.add(item);
    }
    more[0] += all.size() - first.size();
    return first;
  }
}
