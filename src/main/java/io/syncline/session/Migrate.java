package io.syncline.session;

import io.syncline.core.Checkpoint;
import io.syncline.core.CheckpointBeforeMigration;
import io.syncline.core.Migration;
import io.syncline.core.MigrationFolder;
import io.syncline.core.NoRollbackScript;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.SynclineException;
import io.syncline.sql.SqlWork;
import io.syncline.sql.UserMigrations;
import io.syncline.state.MigrationRecords;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code migrate}: the user's own schema migrations, from the folder {@code syncline.yml} names.
 * Flyway runs the forward scripts ({@link UserMigrations#up}); the rollback scripts run here,
 * newest version first, each whole or, where DDL commits by itself, statement by statement,
 * recorded as they go so that a rollback stopped half way goes on where it stopped. What {@code
 * migrate up} applied is recorded with Syncline's clock, so {@code rollback NAME} can tell a
 * checkpoint taken before it ({@link #refuseCrossing}).
 */
final class Migrate {
  private final Sides sides;
  private final UserMigrations migrations;
  private final MigrationRecords records;
  private final MigrationFolder folder;

  Migrate(Sides sides, MigrationFolder folder) {
    this.sides = sides;
    this.folder = folder;
    this.migrations =
        new UserMigrations(
            sides.database(), sides.workingDirectory().resolve(folder.folder()), folder);
    this.records = sides.state().migrations();
  }

  /** Every version in the folder or the history, with rollbacks stopped half way marked. */
  List<Migration> status() {
    Map<String, List<String>> stopped = records.rollbacksStopped();
    List<Migration> all = new ArrayList<>();
    for (Migration m : migrations.versions()) {
      List<String> done = ranOf(stopped, m.version());
      all.add(
          done.isEmpty() || !m.applied()
              ? m
              : new Migration(
                  m.version(),
                  m.description(),
                  m.script(),
                  m.rollback(),
                  Migration.State.ROLLBACK_STOPPED,
                  m.installedOn(),
                  done));
    }
    return all;
  }

  /** Runs the pending versions up to {@code to} (null: all); returns those applied. */
  List<String> up(String to) {
    refuseReadOnly("migrate up");
    sides.state().prepare();
    try (WriteLock lock = lock("migrate up")) {
      lock.notice().ifPresent(sides.notices());
      List<String> before = appliedVersions();
      List<String> applied;
      try {
        applied = migrations.up(to);
      } catch (RuntimeException e) {
        // the versions before a failing one are applied: recorded, so rollback sees them too
        try {
          recordApplied(before);
        } catch (RuntimeException second) {
          e.addSuppressed(second);
        }
        throw e;
      }
      recordApplied(before);
      return applied;
    }
  }

  /** Records, at Syncline's clock, the versions applied now that were not {@code before}. */
  private void recordApplied(List<String> before) {
    List<String> now = new ArrayList<>(appliedVersions());
    now.removeAll(before);
    if (!now.isEmpty()) {
      records.applied(now);
    }
  }

  /**
   * Rolls back the newest applied versions: down to {@code to} (kept; "0" rolls back all), or
   * {@code steps} of them, or the newest one. Refused, before anything runs, when one of them has
   * no rollback script. Returns those rolled back, newest first.
   */
  List<String> down(String to, Integer steps) {
    refuseReadOnly("migrate down");
    sides.state().prepare();
    try (WriteLock lock = lock("migrate down")) {
      lock.notice().ifPresent(sides.notices());
      List<Migration> chosen = chosen(status(), to, steps);
      refuseWithoutRollback(chosen);
      List<String> rolledBack = new ArrayList<>();
      for (Migration m : chosen) {
        String version = m.version();
        migrations.rollBack(version, m.rollbackDone().size() + 1, record(version));
        rolledBack.add(label(m));
      }
      return rolledBack;
    }
  }

  /** Throws {@link io.syncline.core.MigrationsEdited} when an applied script changed since. */
  List<Migration> validate() {
    migrations.refuseEdited();
    return status();
  }

  /**
   * Refuses a rollback to a checkpoint taken before a version {@code migrate up} applied that is
   * applied still: the rows kept at the checkpoint belong to the schema before it.
   */
  void refuseCrossing(Checkpoint checkpoint) {
    Map<String, Instant> appliedAt = records.appliedAt();
    List<Migration> applied = status().stream().filter(Migration::applied).toList();
    for (int i = 0; i < applied.size(); i++) {
      Instant at = appliedAt.get(applied.get(i).version());
      if (at != null && at.isAfter(checkpoint.createdAt())) {
        Migration newest = applied.get(applied.size() - 1);
        String below = i == 0 ? "0" : applied.get(i - 1).version();
        throw new CheckpointBeforeMigration(checkpoint.name(), label(newest), below);
      }
    }
  }

  private UserMigrations.RollbackRecord record(String version) {
    return new UserMigrations.RollbackRecord() {
      @Override
      public SqlWork ran(int step, String statement) {
        return records.ran(version, step, statement);
      }

      @Override
      public SqlWork done() {
        return records.forget(version);
      }
    };
  }

  /** The applied versions to roll back, newest first. */
  private List<Migration> chosen(List<Migration> all, String to, Integer steps) {
    List<Migration> applied = new ArrayList<>(all.stream().filter(Migration::applied).toList());
    Collections.reverse(applied);
    if (applied.isEmpty()) {
      throw new SynclineException.Usage(
          "no version of " + folder.folder() + " is applied; nothing to roll back");
    }
    if (to != null && steps != null) {
      throw new SynclineException.Usage(
          "give --to VERSION or --steps N, not both: migrate down --to 1, migrate down --steps 2");
    }
    if (steps != null) {
      if (steps < 1) {
        throw new SynclineException.Usage("--steps takes 1 or more: migrate down --steps 1");
      }
      return applied.subList(0, Math.min(steps, applied.size()));
    }
    if (to == null) {
      return applied.subList(0, 1);
    }
    List<Migration> above = new ArrayList<>();
    for (Migration m : applied) {
      if (sameVersion(m.version(), to)) {
        return above;
      }
      above.add(m);
    }
    if (sameVersion(to, "0")) {
      return above;
    }
    throw new SynclineException.Usage(
        "version "
            + to
            + " is not applied; applied: "
            + String.join(", ", applied.stream().map(Migration::version).toList())
            + " (--to 0 rolls back all of them)");
  }

  /**
   * Names every chosen version without a rollback script; where the newest of them is not the
   * newest applied, says {@code --to} it would stop just above it.
   */
  private void refuseWithoutRollback(List<Migration> chosen) {
    List<String> missing = new ArrayList<>();
    String stopAt = null;
    for (Migration m : chosen) {
      if (m.rollback() == null) {
        missing.add(
            label(m)
                + " has no "
                + (m.script() == null
                    ? "script in the folder"
                    : "rollback script " + rollbackName(m.script())));
        if (missing.size() == 1 && m != chosen.get(0)) {
          stopAt = m.version();
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new NoRollbackScript(missing, folder.folder(), stopAt);
    }
  }

  /** {@code V2__x.sql} → {@code U2__x.sql}; {@code 002_x.sql} → {@code 002_rollback.sql}. */
  private static String rollbackName(String script) {
    if (script.startsWith("V")) {
      return "U" + script.substring(1);
    }
    return script.substring(0, script.indexOf('_')) + "_rollback.sql";
  }

  private List<String> appliedVersions() {
    return migrations.versions().stream()
        .filter(Migration::applied)
        .map(Migration::version)
        .toList();
  }

  private static List<String> ranOf(Map<String, List<String>> stopped, String version) {
    for (Map.Entry<String, List<String>> e : stopped.entrySet()) {
      if (sameVersion(e.getKey(), version)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  static String label(Migration m) {
    return "V" + m.version() + " (" + m.description() + ")";
  }

  /** Versions compare by their numbers: {@code 2}, {@code 002} and {@code 2.0} are one. */
  static boolean sameVersion(String a, String b) {
    return parts(a).equals(parts(b));
  }

  private static List<BigInteger> parts(String version) {
    try {
      List<BigInteger> parts =
          new ArrayList<>(Arrays.stream(version.split("[._]")).map(BigInteger::new).toList());
      while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
        parts.remove(parts.size() - 1);
      }
      return parts;
    } catch (NumberFormatException e) {
      throw new SynclineException.Usage(
          "`" + version + "` is not a version: give its number, as in V2__x.sql: --to 2");
    }
  }

  private void refuseReadOnly(String command) {
    if (sides.database().readOnly()) {
      throw ReadOnlyConnection.needsWritable(command);
    }
  }

  private WriteLock lock(String command) {
    return WriteLock.take(null, sides.database(), command, sides.lockWait(), sides.clock());
  }
}
