package io.syncline.sql;

import io.syncline.core.Migration;
import io.syncline.core.MigrationFailed;
import io.syncline.core.MigrationFolder;
import io.syncline.core.MigrationsEdited;
import io.syncline.core.RollbackStopped;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToReadFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * The user's own schema migrations in one database: Flyway Community reads the history and runs the
 * forward scripts, with the user's history table ({@code flyway_schema_history} unless the mapping
 * names another), so the Flyway command line and Flyway in the user's application see the same
 * history; Syncline's own tables keep theirs apart ({@code syncline_schema_history}). Rollback
 * scripts, which Flyway Community refuses to run ({@code undo} needs a paid edition) and passes
 * over in silence, run here: {@link #rollBack}.
 */
public final class UserMigrations {
  private final Database database;
  private final Path folder;
  private final MigrationFolder config;

  /** {@code folder} is the configured folder resolved against the working directory. */
  public UserMigrations(Database database, Path folder, MigrationFolder config) {
    this.database = database;
    this.folder = folder;
    this.config = config;
  }

  /** Records that a statement of a rollback ran, or that the whole rollback did. */
  public interface RollbackRecord {
    /** Work run right after statement {@code step} (from 1) committed by itself. */
    SqlWork ran(int step, String statement);

    /** Work run with the removal of the version's history row, in its transaction. */
    SqlWork done();
  }

  /** Every version in the folder or the history, in version order, as the history has it. */
  public List<Migration> versions() {
    List<MigrationScripts.Script> scripts = scripts();
    MigrationInfo[] all = call("cannot read " + config.table(), flyway -> flyway.info().all());
    List<Migration> versions = new ArrayList<>();
    for (MigrationInfo info : all) {
      if (info.getVersion() == null
          || info.getState() == MigrationState.BASELINE
          || info.getState() == MigrationState.BELOW_BASELINE) {
        continue;
      }
      Optional<MigrationScripts.Script> script = find(scripts, info.getVersion());
      versions.add(
          new Migration(
              script.map(MigrationScripts.Script::version).orElse(info.getVersion().getVersion()),
              info.getDescription(),
              script.map(s -> s.forward().getFileName().toString()).orElse(null),
              script
                  .flatMap(MigrationScripts.Script::rollbackScript)
                  .map(p -> p.getFileName().toString())
                  .orElse(null),
              state(info),
              info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
              List.of()));
    }
    return versions;
  }

  private static Migration.State state(MigrationInfo info) {
    return switch (info.getState()) {
      case SUCCESS, OUT_OF_ORDER ->
          info.isChecksumMatching() ? Migration.State.APPLIED : Migration.State.EDITED;
      case MISSING_SUCCESS, FUTURE_SUCCESS -> Migration.State.MISSING;
      case FAILED, MISSING_FAILED, FUTURE_FAILED -> Migration.State.FAILED;
      default -> Migration.State.PENDING;
    };
  }

  /**
   * Runs the pending scripts up to {@code target} (null: all) with Flyway, each in a transaction
   * where the database's DDL is transactional. Refused, before anything runs, when an applied
   * script changed since. Returns the versions applied, as {@code V2 (add planned dates)}.
   */
  public List<String> up(String target) {
    refuseEdited();
    List<MigrateOutput> done =
        call(
            "migrate up failed",
            flyway -> {
              try {
                return flyway.migrate().migrations;
              } catch (FlywayException e) {
                throw failed(e).orElseThrow(() -> e);
              }
            },
            c -> target == null ? c : c.target(MigrationVersion.fromVersion(target)));
    return done.stream().map(m -> "V" + m.version + " (" + m.description + ")").toList();
  }

  /**
   * The failure of a statement of a forward script, told with its script, line and the database's
   * reason. Flyway's {@code FlywaySqlScriptException} (internal, but the one place it keeps the
   * line and the statement) is looked for among the causes; without it Flyway's own message is
   * kept.
   */
  private Optional<MigrationFailed> failed(FlywayException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof FlywaySqlScriptException script
          && script.getCause() instanceof SQLException sql) {
        String name = script.getResource().getFilename();
        String version = name.substring(1, name.indexOf("__"));
        return Optional.of(
            new MigrationFailed(
                name,
                script.getLineNumber(),
                script.getStatement(),
                SqlExceptionTranslator.reason(database.dialect(), sql),
                version,
                config.table(),
                database.dialect().transactionalDdl()));
      }
    }
    return Optional.empty();
  }

  /** Throws {@link MigrationsEdited} naming every applied script changed since. */
  public void refuseEdited() {
    List<String> edited = new ArrayList<>();
    for (Migration m : versions()) {
      if (m.state() == Migration.State.EDITED) {
        edited.add("V" + m.version() + " (" + m.description() + "): " + m.script());
      }
    }
    if (!edited.isEmpty()) {
      throw new MigrationsEdited(edited, config.table());
    }
  }

  /** The rollback script's statements, in order; empty when the version has none. */
  public List<String> rollbackStatements(String version) {
    MigrationScripts.Script script = script(version);
    if (script.rollback() == null) {
      return List.of();
    }
    String shown = shown(script.rollback());
    String text = MigrationScripts.text(script.rollback(), shown);
    try {
      return SqlText.statements(text, database.dialect().lexis()).stream()
          .map(SqlText.Statement::text)
          .toList();
    } catch (IllegalArgumentException e) {
      throw new UnableToReadFile(shown, 0, 0, e.getMessage());
    }
  }

  /**
   * Runs the version's rollback script from statement {@code from} (1: all of it) and removes its
   * row from the history. Where DDL is transactional, in one transaction with {@code
   * record.done()}; elsewhere one statement at a time, {@code record.ran} after each, then the
   * history row with {@code done()}. A failure throws {@link RollbackStopped} saying what ran and
   * what is left.
   */
  public void rollBack(String version, int from, RollbackRecord record) {
    MigrationScripts.Script script = script(version);
    List<String> statements = rollbackStatements(version);
    String deleteHistory =
        "DELETE FROM "
            + database.dialect().quote(config.table())
            + " WHERE "
            + database.dialect().quote("version")
            + " = ?";
    String what = "cannot roll back " + script.label();
    if (database.dialect().transactionalDdl()) {
      migrating(
          what,
          c -> {
            try (Transaction transaction = Transaction.begin(c, Transaction.PLAIN)) {
              run(c, script, statements, 1, null, true);
              removeHistoryRow(c, deleteHistory, version);
              record.done().run(c);
              transaction.commit();
            }
            return null;
          });
      return;
    }
    migrating(
        what,
        c -> {
          run(c, script, statements, from, record, false);
          Transaction.committed(
              c,
              Transaction.PLAIN,
              conn -> {
                removeHistoryRow(conn, deleteHistory, version);
                record.done().run(conn);
              });
          return null;
        });
  }

  /** Runs a migration's work on the connection as the dialect runs schema changes. */
  private <T> T migrating(String what, SqlCall<T> work) {
    return database.call(what, c -> database.dialect().migrating(c, work));
  }

  private void run(
      Connection c,
      MigrationScripts.Script script,
      List<String> statements,
      int from,
      RollbackRecord record,
      boolean transactional)
      throws SQLException {
    for (int i = from; i <= statements.size(); i++) {
      try (Statement statement = c.createStatement()) {
        statement.execute(statements.get(i - 1));
      } catch (SQLException e) {
        throw new RollbackStopped(
            script.label(),
            script.rollback().getFileName().toString(),
            i,
            statements.subList(0, i - 1),
            statements.subList(i - 1, statements.size()),
            SqlExceptionTranslator.reason(database.dialect(), e),
            config.table(),
            transactional);
      }
      if (record != null) {
        record.ran(i, statements.get(i - 1)).run(c);
      }
    }
  }

  private void removeHistoryRow(Connection c, String sql, String version) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement(sql)) {
      delete.setString(1, version);
      delete.executeUpdate();
    }
  }

  /** The scripts of the folder; refused, naming the file, when one is misnamed. */
  private List<MigrationScripts.Script> scripts() {
    return MigrationScripts.read(folder, config.folder());
  }

  private MigrationScripts.Script script(String version) {
    return find(scripts(), MigrationVersion.fromVersion(version))
        .orElseThrow(
            () ->
                new SynclineException(
                    "version " + version + " has no script in " + config.folder()));
  }

  private static Optional<MigrationScripts.Script> find(
      List<MigrationScripts.Script> scripts, MigrationVersion version) {
    return scripts.stream()
        .filter(s -> MigrationVersion.fromVersion(s.version()).equals(version))
        .findFirst();
  }

  private String shown(Path file) {
    return config.folder() + "/" + file.getFileName();
  }

  private <T> T call(String what, Function<Flyway, T> work) {
    return call(what, work, c -> c);
  }

  /**
   * Runs Flyway on the session's connection (an in-memory H2 database exists only there), with the
   * user's history table and the folder's forward scripts, as the dialect runs schema changes
   * ({@link Dialect#migrating}); its failures become one line.
   */
  private <T> T call(
      String what,
      Function<Flyway, T> work,
      Function<FluentConfiguration, FluentConfiguration> settings) {
    List<MigrationScripts.Script> scripts = scripts();
    return database.selfCommitting(
        what,
        connection ->
            database
                .dialect()
                .migrating(
                    connection,
                    c -> {
                      try {
                        FluentConfiguration configuration =
                            Flyway.configure(UserMigrations.class.getClassLoader())
                                .dataSource(new SingleConnection(c))
                                .table(config.table())
                                .resourceProvider(new MigrationResources(scripts))
                                // Syncline's own tables share the schema: a schema without a
                                // history yet is not refused as "non-empty", the history starts
                                // below the first version.
                                .baselineOnMigrate(true)
                                .baselineVersion("0")
                                .validateMigrationNaming(false)
                                .cleanDisabled(true);
                        return work.apply(settings.apply(configuration).load());
                      } catch (FlywayException e) {
                        throw new SynclineException(
                            what + ": " + SynclineException.firstLine(e.getMessage()), e);
                      }
                    }));
  }
}
