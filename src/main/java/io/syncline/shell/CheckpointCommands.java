package io.syncline.shell;

import io.syncline.core.Checkpoint;
import io.syncline.session.Rollback;
import io.syncline.session.Session;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.annotation.Argument;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/** Restore points: {@code checkpoint NAME}, {@code checkpoints}, {@code rollback [NAME]}. */
@Component
public class CheckpointCommands {
  private static final DateTimeFormatter TIME = Views.TIME;
  private final Sessions sessions;

  public CheckpointCommands(Sessions sessions) {
    this.sessions = sessions;
  }

  @Command(
      name = "checkpoint",
      description = "Mark a restore point in the database that rollback can return to.")
  @Usage(
      synopsis = "checkpoint NAME",
      arguments = "NAME: a name not taken yet in this database",
      examples = "checkpoint before-import")
  public String checkpoint(@Argument(index = 0, defaultValue = "") String name) {
    if (name.isBlank()) {
      throw Misuse.needs("checkpoint", "a name", "checkpoint before-import");
    }
    Checkpoint taken = sessions.current().checkpoint(name);
    return SyncCommands.noticed(sessions.current())
        + "checkpoint "
        + taken.name()
        + " taken at "
        + TIME.format(taken.createdAt());
  }

  @Command(
      name = "checkpoints",
      description = "The restore points in this database and what was applied since each.")
  @Usage(
      synopsis = "checkpoints [--format text|json]",
      examples = {"checkpoints", "checkpoints --format json"})
  public String checkpoints(
      @Option(longName = "format", defaultValue = "text", description = "text or json")
          String format) {
    List<Checkpoint> checkpoints = sessions.current().checkpoints();
    if (JsonView.wanted(format)) {
      return JsonView.checkpoints(checkpoints);
    }
    String notice = SyncCommands.noticed(sessions.current());
    if (checkpoints.isEmpty()) {
      return notice + "no checkpoints in this database yet; `checkpoint NAME` takes one";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"name", "taken", "applies since", "changes since"});
    for (Checkpoint c : checkpoints) {
      rows.add(
          new String[] {
            c.name(),
            TIME.format(c.createdAt()),
            String.valueOf(c.applies()),
            String.valueOf(c.records())
          });
    }
    return notice + Views.columns(rows);
  }

  @Command(
      name = "rollback",
      description =
          "Put back every row and file Syncline changed since a checkpoint (default: the newest).")
  @Usage(
      synopsis = "rollback [NAME] [--force]",
      arguments = "NAME: the checkpoint to return to; none: the newest",
      examples = "rollback before-import")
  public String rollback(
      @Argument(index = 0, defaultValue = "") String name,
      @Option(longName = "force", description = "put back rows and files changed by others too")
          boolean force) {
    Session session = sessions.current();
    String target = name;
    if (target.isBlank()) {
      List<Checkpoint> all = session.checkpoints();
      if (all.isEmpty()) {
        throw Misuse.noCheckpoints();
      }
      target = all.get(all.size() - 1).name();
    }
    Rollback.Result result = session.rollback(target, force);
    return SyncCommands.noticed(session) + render(result);
  }

  /** A rollback's result: what was put back, and how to undo it. */
  static String render(Rollback.Result result) {
    Checkpoint c = result.checkpoint();
    StringBuilder out = new StringBuilder();
    if (result.undoneBy() == null) {
      return "nothing was applied since checkpoint "
          + c.name()
          + " ("
          + TIME.format(c.createdAt())
          + "); nothing to put back";
    }
    if (!result.moved().isEmpty()) {
      out.append("put back although changed by something else since (--force): ")
          .append(String.join(", ", result.moved()))
          .append('\n');
    }
    out.append("rolled back to ")
        .append(c.name())
        .append(" (")
        .append(TIME.format(c.createdAt()))
        .append("): ")
        .append(Views.applies(result.applies()))
        .append(" undone, ")
        .append(result.rows())
        .append(" row(s) and ")
        .append(result.files().size())
        .append(" file(s) put back");
    for (String file : result.files()) {
      out.append("\n  ").append(file);
    }
    out.append("\n`rollback ").append(result.undoneBy()).append("` undoes this rollback");
    return out.toString();
  }
}
