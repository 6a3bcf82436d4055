package io.syncline.shell;

import io.syncline.core.ChangeSet;
import io.syncline.core.Checkpoint;
import io.syncline.core.ChildListGuess;
import io.syncline.core.EntityPlan;
import io.syncline.core.QueryResult;
import io.syncline.core.RecordKey;
import io.syncline.core.SchemaChange;
import io.syncline.core.TableCopy;
import io.syncline.core.UnreadableDuration;
import io.syncline.session.ApplyPreview;
import io.syncline.session.CopyResult;
import io.syncline.session.LoadResult;
import io.syncline.session.LoadedFiles;
import io.syncline.session.Session;
import io.syncline.session.Verification;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Plain-text renderings of what the session reports. */
final class Views {
  /**
   * The one way times are shown (status, log, checkpoints): UTC to the second, {@code 2026-11-23
   * 15:13:38Z}, the ISO-8601 form with a space for the {@code T}.
   */
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Views() {}

  /**
   * {@code loaded 9 epic record(s) from 9 file(s) (table framework_epics)}; with child lists,
   * {@code loaded 9 epic record(s) with 202 tasks from 9 file(s) (tables framework_epics,
   * framework_tasks)}, and for each list whose key the load guessed, a line saying which field keys
   * its elements, or that their place in the list does, and how to name another.
   */
  static String loaded(LoadResult result) {
    List<String> tables = new ArrayList<>(List.of(result.entity().table()));
    List<String> lists = new ArrayList<>();
    for (LoadResult.Child child : result.children()) {
      tables.add(child.table());
      lists.add(child.records() + " " + child.list());
    }
    StringBuilder out =
        new StringBuilder("loaded ")
            .append(result.records())
            .append(' ')
            .append(result.entity().name())
            .append(" record(s)");
    if (!lists.isEmpty()) {
      out.append(" with ").append(inWords(lists));
    }
    out.append(" from ")
        .append(result.files())
        .append(" file(s) (")
        .append(tables.size() == 1 ? "table " : "tables ")
        .append(String.join(", ", tables))
        .append(')');
    for (LoadResult.Child child : result.children()) {
      if (child.guessed()) {
        out.append('\n').append(guessedKey(result.entity().name(), child));
      }
    }
    return out.toString();
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String inWords(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  /**
   * {@code tasks: keyed by task_key within each epic (guessed; --children tasks:FIELD names
   * another)}.
   */
  private static String guessedKey(String entity, LoadResult.Child child) {
    String list = child.list();
    if (child.key().isEmpty()) {
      List<String> names = ChildListGuess.keyNames(list);
      return list
          + ": keyed by their place in the list (no "
          + String.join(", ", names.subList(0, names.size() - 1))
          + " or "
          + names.get(names.size() - 1)
          + " in each element; `--children "
          + list
          + ":FIELD` names one)";
    }
    return list
        + ": keyed by "
        + String.join(", ", child.key())
        + " within each "
        + entity
        + " record (guessed; `--children "
        + list
        + ":FIELD` names another)";
  }

  /**
   * {@code 3 change(s): 1 insert, 1 update, 1 conflict (1 unresolved); 2 staged}, then {@code ;
   * plus 1 schema change} when apply also creates or alters a table. Schema changes are counted
   * apart: they are not staged or unstaged one by one, and counted in they would make the parts add
   * up to more than the total.
   */
  static String summaryLine(ChangeSet changes) {
    ChangeSet.Summary s = changes.summary();
    if (s.total() == 0 && s.schemaChanges() == 0) {
      return "no differences";
    }
    String schema =
        s.schemaChanges() == 1 ? "1 schema change" : s.schemaChanges() + " schema changes";
    if (s.total() == 0) {
      return schema + "; no record changes";
    }
    return recordLine(s) + (s.schemaChanges() == 0 ? "" : "; plus " + schema);
  }

  private static String recordLine(ChangeSet.Summary s) {
    List<String> parts = new ArrayList<>();
    count(parts, s.inserts(), "insert", "inserts");
    count(parts, s.updates(), "update", "updates");
    count(parts, s.deletes(), "delete", "deletes");
    if (s.conflicts() > 0) {
      parts.add(
          s.conflicts()
              + (s.conflicts() == 1 ? " conflict" : " conflicts")
              + (s.unresolved() > 0 ? " (" + s.unresolved() + " unresolved)" : " (resolved)"));
    }
    return s.total() + " change(s): " + String.join(", ", parts) + "; " + s.staged() + " staged";
  }

  private static void count(List<String> parts, int n, String one, String many) {
    if (n > 0) {
      parts.add(n + " " + (n == 1 ? one : many));
    }
  }

  /**
   * The durations the last load could not read, one line each, for the top of {@code diff}: their
   * records are in the diff without calculated fields, and this says why.
   */
  static String unreadable(Session session) {
    StringBuilder out = new StringBuilder();
    for (UnreadableDuration duration : session.unreadableDurations()) {
      out.append("[?]  ").append(duration.getMessage()).append('\n');
    }
    return out.toString();
  }

  static String status(Session session) {
    StringBuilder out = new StringBuilder();
    out.append("connection   ")
        .append(
            session
                .connection()
                .map(c -> c.name() + (c.readOnly() ? " (read-only)" : ""))
                .orElse("none (`connect`)"))
        .append('\n');
    out.append("mapping      ").append(session.mappingSource().orElse("inferred")).append('\n');
    if (session.loadedFiles().isEmpty()) {
      out.append("loaded       nothing (`load FILE`)\n");
    }
    for (Map.Entry<String, LoadedFiles> entry : session.loadedFiles().entrySet()) {
      LoadedFiles read = entry.getValue();
      List<String> tables =
          new ArrayList<>(List.of(session.mapping().entity(entry.getKey()).orElseThrow().table()));
      List<String> lists = new ArrayList<>();
      for (LoadedFiles.Child child : read.children()) {
        tables.add(child.table());
        lists.add(child.records() + " " + child.list());
      }
      out.append("loaded       ")
          .append(entry.getKey())
          .append(": ")
          .append(read.records().size())
          .append(" record(s)")
          .append(lists.isEmpty() ? "" : " with " + inWords(lists))
          .append(" from ")
          .append(read.entity().files())
          .append(tables.size() == 1 ? " → table " : " → tables ")
          .append(String.join(", ", tables))
          .append('\n');
    }
    out.append("changes      ").append(summaryLine(session.changes())).append('\n');
    for (UnreadableDuration duration : session.unreadableDurations()) {
      out.append("unreadable   ").append(duration.getMessage()).append('\n');
    }
    out.append("last apply   ")
        .append(session.lastApply().map(TIME::format).orElse("none in this session"));
    if (session.connected()) {
      List<Checkpoint> checkpoints = session.checkpoints();
      out.append("\ncheckpoint   ");
      if (checkpoints.isEmpty()) {
        out.append("none (`checkpoint NAME`)");
      } else {
        Checkpoint last = checkpoints.get(checkpoints.size() - 1);
        out.append(last.name())
            .append(" (")
            .append(TIME.format(last.createdAt()))
            .append("), ")
            .append(applies(last.applies()))
            .append(" since");
      }
    }
    return out.toString();
  }

  static String preview(ApplyPreview preview, boolean dryRun) {
    if (preview.isEmpty()) {
      boolean settles = preview.plans().stream().anyMatch(p -> !p.base().isEmpty());
      return settles
          ? (dryRun ? "would record" : "recorded")
              + " the agreed state of records both sides already share"
          : "nothing to apply";
    }
    String verb = dryRun ? "would " : "";
    StringBuilder out = new StringBuilder(dryRun ? "apply would:\n" : "applied:\n");
    for (SchemaChange schema : preview.schema()) {
      out.append("  ").append(schema.describe()).append('\n');
    }
    for (EntityPlan plan : preview.plans()) {
      if (plan.touchesDatabase()) {
        out.append("  table ")
            .append(plan.entity().table())
            .append(": ")
            .append(
                counts(
                    plan.databaseInserts().size(),
                    plan.databaseUpdates().size(),
                    plan.databaseDeletes().size()))
            .append('\n');
        for (String key : plan.databaseUpdates().keySet()) {
          if (out.length() > 4000) {
            break;
          }
          out.append("    update ")
              .append(RecordKey.display(key))
              .append(": ")
              .append(String.join(", ", plan.databaseUpdates().get(key).fields()))
              .append('\n');
        }
      }
    }
    for (String file : preview.fileWrites()) {
      out.append("  ").append(file).append('\n');
    }
    int waiting = preview.summary().unresolved();
    if (waiting > 0) {
      out.append("  ")
          .append(waiting)
          .append(" conflict(s) ")
          .append(verb.isEmpty() ? "wait" : "would wait")
          .append(" for `resolve`; `conflicts` lists them\n");
    }
    return out.toString().stripTrailing();
  }

  private static String counts(int inserted, int updated, int deleted) {
    return inserted + " insert(s), " + updated + " update(s), " + deleted + " delete(s)";
  }

  static String verification(Verification result) {
    StringBuilder out = new StringBuilder();
    for (Verification.EntityCheck check : result.checks()) {
      out.append(check.entity().name())
          .append(": ")
          .append(check.fileRecords())
          .append(" record(s) in files, ")
          .append(check.databaseRows())
          .append(" row(s) in ")
          .append(check.entity().table());
      if (check.agrees()) {
        out.append(", all agree\n");
        continue;
      }
      out.append('\n');
      keys(out, "only in files", check.onlyInFiles());
      keys(out, "only in the database", check.onlyInDatabase());
      keys(out, "different", check.differing());
    }
    out.append(
        result.agrees() ? "both sides agree" : "the sides differ; `load` and `diff` show how");
    return out.toString();
  }

  private static void keys(StringBuilder out, String label, List<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> shown = keys.size() > 20 ? keys.subList(0, 20) : keys;
    out.append("  ")
        .append(label)
        .append(" (")
        .append(keys.size())
        .append("): ")
        .append(String.join(", ", shown))
        .append(keys.size() > 20 ? ", …" : "")
        .append('\n');
  }

  /** A query's rows as an aligned table; NULL shown as {@code NULL}. */
  static String query(QueryResult result) {
    if (result instanceof QueryResult.UpdateCount count) {
      return count.count() + " row(s) changed";
    }
    QueryResult.ResultTable table = (QueryResult.ResultTable) result;
    int columns = table.columns().size();
    int[] width = new int[columns];
    for (int i = 0; i < columns; i++) {
      width[i] = table.columns().get(i).length();
    }
    for (List<String> row : table.rows()) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], Math.min(60, cell(row.get(i)).length()));
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, table.columns(), width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < columns; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.append(rule).append('\n');
    for (List<String> row : table.rows()) {
      line(out, row, width);
    }
    out.append('(')
        .append(table.rows().size())
        .append(table.rows().size() == 1 ? " row)" : " rows)");
    if (table.truncated()) {
      out.append(" — only the first ")
          .append(table.rows().size())
          .append(" shown; add a LIMIT or WHERE");
    }
    return out.toString();
  }

  private static void line(StringBuilder out, List<String> cells, int[] width) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < width.length; i++) {
      String cell = cell(cells.get(i));
      if (cell.length() > 60) {
        cell = cell.substring(0, 59) + "…";
      }
      line.append(i == 0 ? "" : " | ")
          .append(cell)
          .append(" ".repeat(Math.max(0, width[i] - cell.length())));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  /** Rows as columns separated by two spaces, each as wide as its widest cell. */
  static String columns(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString().stripTrailing();
  }

  private static String cell(String value) {
    return value == null ? "NULL" : value.replace('\n', ' ');
  }

  /**
   *
   *
   * <pre>
   * copied jdbc:postgresql://db/prod → jdbc:sqlite:dev.db
   * table    source rows   copied   refused   target rows   checksums
   * books              3        3         0             3   agree
   * </pre>
   */
  static String copy(CopyResult result) {
    StringBuilder out =
        new StringBuilder("copied ")
            .append(result.source())
            .append(" → ")
            .append(result.target())
            .append('\n');
    int width = "table".length();
    for (TableCopy table : result.tables()) {
      width = Math.max(width, table.table().length());
    }
    String format = "%-" + width + "s  %12s  %10s  %8s  %12s  %s%n";
    out.append(
        String.format(
            format, "table", "source rows", "copied", "refused", "target rows", "checksums"));
    long copied = 0;
    for (TableCopy table : result.tables()) {
      copied += table.copied();
      out.append(
          String.format(
              format,
              table.table(),
              String.format("%,d", table.sourceRows()),
              String.format("%,d", table.copied()),
              String.format("%,d", table.failed()),
              String.format("%,d", table.targetRows()),
              table.agrees()
                  ? "agree"
                  : "differ (source "
                      + table.sourceChecksum()
                      + ", target "
                      + table.targetChecksum()
                      + ")"));
    }
    out.append(result.tables().size())
        .append(" table(s), ")
        .append(String.format("%,d", copied))
        .append(" row(s) copied; ")
        .append(
            result.agrees()
                ? "source and target agree"
                : result.failed() > 0
                    ? String.format("%,d", result.failed()) + " refused, in " + result.deadLetter()
                    : "the target differs from the source");
    return out.toString();
  }

  /** {@code 1 apply}, {@code 2 applies}. */
  static String applies(long count) {
    return count == 1 ? "1 apply" : count + " applies";
  }
}
