package io.syncline.shell;

import io.syncline.core.Counts;
import io.syncline.core.LogEntry;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** The audit trail kept in the database: {@code log} and {@code log show ID}. */
@Component
public class LogCommands {
  private static final DateTimeFormatter TIME = Views.TIME;
  private final Sessions sessions;

  public LogCommands(Sessions sessions) {
    this.sessions = sessions;
  }

  @Command(name = "log", description = "The audit trail of syncs in this database, newest first.")
  @Usage(
      synopsis = "log [--format text|json]",
      examples = {"log", "log --format json"})
  public String log(
      @Option(longName = "format", defaultValue = "text", description = "text or json")
          String format) {
    List<LogEntry> entries = sessions.current().log();
    if (JsonView.wanted(format)) {
      return JsonView.log(entries);
    }
    String notice = SyncCommands.noticed(sessions.current());
    if (entries.isEmpty()) {
      return notice + "no syncs logged in this database yet";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "id", "started", "by", "connection", "entities", "files", "to-db", "to-file", "outcome"
        });
    for (LogEntry e : entries) {
      rows.add(
          new String[] {
            String.valueOf(e.id()),
            TIME.format(e.startedAt()),
            by(e),
            sessions.current().connectionName(e.connection()),
            String.join(",", e.entities()),
            String.valueOf(e.files().size()),
            counts(e.toDatabase()),
            toFiles(e),
            e.outcome()
          });
    }
    return notice + Views.columns(rows);
  }

  @Command(
      name = {"log", "show"},
      description = "One sync in full: who, when, files written, every change down to the fields.")
  @Usage(
      synopsis = "log show ID [--format text|json]",
      arguments = "ID: a sync's id, as `log` lists it",
      examples = {"log show 2", "log show 2 --format json"})
  public String show(
      @Argument(index = 0, defaultValue = "") String id,
      @Option(longName = "format", defaultValue = "text", description = "text or json")
          String format) {
    boolean json = JsonView.wanted(format);
    long wanted;
    try {
      wanted = Long.parseLong(id.strip());
    } catch (NumberFormatException e) {
      throw Misuse.needs("log show", "a sync's id, a number", "log show 3");
    }
    LogEntry e =
        sessions.current().log().stream()
            .filter(entry -> entry.id() == wanted)
            .findFirst()
            .orElseThrow(() -> Misuse.noSync(wanted));
    if (json) {
      return JsonView.logShow(e);
    }
    StringBuilder out = new StringBuilder();
    out.append("sync ").append(e.id()).append(": ").append(e.outcome()).append('\n');
    line(out, "started", TIME.format(e.startedAt()));
    line(out, "finished", TIME.format(e.finishedAt()));
    line(out, "by", by(e));
    line(out, "connection", e.connection());
    line(out, "entities", String.join(", ", e.entities()));
    line(out, "to-db", counts(e.toDatabase()) + "  (+inserted ~updated -deleted)");
    line(out, "to-file", toFiles(e));
    out.append("files:\n");
    e.files().forEach(f -> out.append("  ").append(f).append('\n'));
    if (e.files().isEmpty()) {
      out.append("  none\n");
    }
    out.append("changes:\n");
    e.detail().forEach(d -> out.append("  ").append(d).append('\n'));
    if (e.detail().isEmpty()) {
      out.append("  none recorded\n");
    }
    return out.toString().stripTrailing();
  }

  private static void line(StringBuilder out, String label, String value) {
    out.append(label).append(" ".repeat(12 - label.length())).append(value).append('\n');
  }

  private static String by(LogEntry e) {
    return (e.user() == null ? "?" : e.user()) + "@" + (e.host() == null ? "?" : e.host());
  }

  /**
   * What was written to files. A rollback puts whole files back from their backups rather than
   * records, so its record counts are all zero; it counts the files instead: {@code 1 file
   * restored}, {@code 2 files restored, 1 deleted}. Its file lines are FileWrite's step
   * descriptions, {@code restore PATH} and {@code delete PATH}.
   */
  private static String toFiles(LogEntry e) {
    long restored = e.files().stream().filter(f -> f.startsWith("restore ")).count();
    long deleted = e.files().stream().filter(f -> f.startsWith("delete ")).count();
    if (e.toFiles().total() > 0 || restored + deleted == 0) {
      return counts(e.toFiles());
    }
    return restored
        + (restored == 1 ? " file restored" : " files restored")
        + (deleted > 0 ? ", " + deleted + " deleted" : "");
  }

  private static String counts(Counts c) {
    return "+" + c.inserted() + " ~" + c.updated() + " -" + c.deleted();
  }
}
