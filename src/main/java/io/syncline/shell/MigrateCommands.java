package io.syncline.shell;

import io.syncline.core.Migration;
import io.syncline.session.Session;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.annotation.Command;
import org.springframework.shell.core.command.annotation.Option;
import org.springframework.stereotype.Component;

/**
 * The user's own schema migrations, from the folder {@code migrations:} of {@code syncline.yml}:
 * {@code migrate}, {@code migrate up}, {@code migrate down}, {@code migrate validate}.
 */
@Component
public class MigrateCommands {
  private final Sessions sessions;

  public MigrateCommands(Sessions sessions) {
    this.sessions = sessions;
  }

  @Command(
      name = "migrate",
      description = "The schema migrations: applied, pending, edited since applied, rollbacks.")
  @Usage(synopsis = "migrate", examples = "migrate")
  public String status() {
    Session session = sessions.current();
    return SyncCommands.noticed(session) + table(session.migrations());
  }

  @Command(
      name = {"migrate", "up"},
      description = "Apply the pending schema migrations with Flyway, into the user's history.")
  @Usage(
      synopsis = "migrate up [--to VERSION]",
      examples = {"migrate up", "migrate up --to 2"})
  public String up(
      @Option(
              longName = "to",
              defaultValue = "",
              description = "the last version to apply; none: all")
          String to) {
    Session session = sessions.current();
    List<String> applied = session.migrateUp(SyncCommands.blankToNull(to));
    return SyncCommands.noticed(session)
        + (applied.isEmpty()
            ? "nothing to apply: no version is pending"
            : "applied " + String.join(", ", applied));
  }

  @Command(
      name = {"migrate", "down"},
      description = "Roll back the newest schema migrations with their rollback scripts.")
  @Usage(
      synopsis = "migrate down [--to VERSION | --steps N]",
      examples = {"migrate down", "migrate down --to 1", "migrate down --steps 2"})
  public String down(
      @Option(longName = "to", defaultValue = "", description = "the version to keep; 0: none")
          String to,
      @Option(longName = "steps", defaultValue = "0", description = "how many versions; 0: one")
          int steps) {
    Session session = sessions.current();
    List<String> rolledBack =
        session.migrateDown(SyncCommands.blankToNull(to), steps == 0 ? null : steps);
    return SyncCommands.noticed(session)
        + (rolledBack.isEmpty()
            ? "nothing to roll back: no version above " + to + " is applied"
            : "rolled back " + String.join(", ", rolledBack));
  }

  @Command(
      name = {"migrate", "validate"},
      description = "Check every applied migration script against its checksum in the history.")
  @Usage(synopsis = "migrate validate", examples = "migrate validate")
  public String validate() {
    Session session = sessions.current();
    long applied = session.validateMigrations().stream().filter(Migration::applied).count();
    return SyncCommands.noticed(session)
        + applied
        + " applied script(s) are as they were when applied";
  }

  /** One row per version; a rollback stopped half way gets a line of its own below. */
  static String table(List<Migration> migrations) {
    if (migrations.isEmpty()) {
      return "no migrations yet: the folder holds no scripts";
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"version", "description", "state", "applied", "rollback"});
    List<String> notes = new ArrayList<>();
    for (Migration m : migrations) {
      rows.add(
          new String[] {
            m.version(),
            m.description(),
            m.state().label(),
            m.installedOn() == null ? "" : Views.TIME.format(m.installedOn()),
            m.rollback() == null ? "none" : m.rollback()
          });
      if (m.state() == Migration.State.ROLLBACK_STOPPED) {
        notes.add(
            "V"
                + m.version()
                + ": its rollback stopped after statement "
                + m.rollbackDone().size()
                + "; `migrate down` goes on at statement "
                + (m.rollbackDone().size() + 1));
      }
    }
    StringBuilder out = new StringBuilder(Views.columns(rows));
    notes.forEach(note -> out.append('\n').append(note));
    return out.toString();
  }
}
