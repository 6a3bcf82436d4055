package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.syncline.core.CheckpointBeforeMigration;
import io.syncline.core.Migration;
import io.syncline.core.MigrationFailed;
import io.syncline.core.MigrationsEdited;
import io.syncline.core.NoRollbackScript;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.RollbackStopped;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToReadFile;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code migrate}: the user's own schema migrations, up with Flyway into the user's history table
 * and down with the rollback scripts, on each database in a place of its own.
 */
class MigrateTest {
  @TempDir Path dir;
  Session session;
  String kind;
  final List<Runnable> cleanUps = new ArrayList<>();

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    cleanUps.forEach(Runnable::run);
  }

  /**
   * Three versions and their rollbacks, the statements holding what a careless split would cut: a
   * {@code ;} inside a string and inside comments.
   */
  void start(String kind) throws IOException {
    this.kind = kind;
    Servers.Target target = Servers.empty(kind, dir, "plans", cleanUps);
    Files.writeString(dir.resolve("syncline.yml"), "migrations: migrations\n");
    script(
        "V1__create_tables.sql",
        "-- the epics first; tasks point at them\n"
            + "CREATE TABLE plan_epic (epic_key VARCHAR(50) PRIMARY KEY, name VARCHAR(200));\n"
            + "CREATE TABLE plan_task (task_key VARCHAR(50) PRIMARY KEY, epic_key VARCHAR(50));\n"
            + "INSERT INTO plan_epic VALUES ('EP-1', 'plan; then -- build');\n");
    script(
        "U1__create_tables.sql",
        "/* tasks first; they point at epics */ DROP TABLE plan_task;\nDROP TABLE plan_epic;\n");
    script(
        "V2__add_planned_dates.sql",
        "ALTER TABLE plan_epic ADD COLUMN planned_start_date DATE;\n"
            + "ALTER TABLE plan_epic ADD COLUMN planned_end_date DATE;\n");
    script(
        "U2__add_planned_dates.sql",
        "ALTER TABLE plan_epic DROP COLUMN planned_end_date;\n"
            + "ALTER TABLE plan_epic DROP COLUMN planned_start_date;\n");
    script("V3__add_indexes.sql", "CREATE INDEX idx_plan_task_epic ON plan_task (epic_key);\n");
    script(
        "U3__add_indexes.sql",
        kind.equals("mariadb")
            ? "DROP INDEX idx_plan_task_epic ON plan_task;\n"
            : "DROP INDEX idx_plan_task_epic;\n");
    session = new Session(dir, Clock.systemUTC());
    session.connect(target.url(), target.user(), null, false);
  }

  void script(String name, String text) throws IOException {
    Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(dir.resolve("migrations").resolve(name), text);
  }

  List<String> states() {
    return session.migrations().stream().map(m -> m.version() + " " + m.state().label()).toList();
  }

  /** The columns of plan_epic, as the database lists them. */
  List<String> epicColumns() {
    QueryResult.ResultTable rows = (QueryResult.ResultTable) session.sql("SELECT * FROM plan_epic");
    return rows.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
  }

  boolean epicTableExists() {
    try {
      session.sql("SELECT * FROM plan_epic");
      return true;
    } catch (SynclineException e) {
      return false;
    }
  }

  /** The history as another Flyway tool reads it: versions applied successfully, in order. */
  List<String> history() {
    QueryResult.ResultTable rows =
        (QueryResult.ResultTable)
            session.sql(
                "SELECT version FROM flyway_schema_history WHERE version <> '0' ORDER BY"
                    + " installed_rank");
    return rows.rows().stream().map(r -> r.get(0)).toList();
  }

  /**
   * SQLite changes a column by rebuilding its table (create the new one, copy the rows, drop the
   * old one, rename the new one): on a table others refer to, a migration does so with foreign keys
   * off, as SQLite's own procedure asks, and they hold again afterwards.
   */
  @Test
  void aSqliteMigrationRebuildsATableOthersReferTo() throws IOException {
    start("sqlite");
    script(
        "V4__teams.sql",
        "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT);\n"
            + "CREATE TABLE member (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES team (id));\n"
            + "INSERT INTO team VALUES (1, 'Owls');\n"
            + "INSERT INTO member VALUES (1, 1);\n");
    script(
        "V5__team_name_required.sql",
        "CREATE TABLE team_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n"
            + "INSERT INTO team_new SELECT id, name FROM team;\n"
            + "DROP TABLE team;\n"
            + "ALTER TABLE team_new RENAME TO team;\n");

    assertThat(session.migrateUp(null)).contains("V5 (team name required)");

    assertThat(((QueryResult.ResultTable) session.sql("SELECT count(*) FROM member")).rows())
        .containsExactly(List.of("1"));
    assertThatThrownBy(() -> session.sql("INSERT INTO member VALUES (2, 99)"))
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("FOREIGN KEY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void upAppliesEveryVersionIntoTheUsersHistoryAndDownTakesThemBackNewestFirst(String kind)
      throws IOException {
    start(kind);
    assertThat(states()).containsExactly("1 pending", "2 pending", "3 pending");

    assertThat(session.migrateUp(null))
        .containsExactly("V1 (create tables)", "V2 (add planned dates)", "V3 (add indexes)");
    assertThat(states()).containsExactly("1 applied", "2 applied", "3 applied");
    assertThat(history()).containsExactly("1", "2", "3");
    assertThat(epicColumns()).contains("planned_start_date", "planned_end_date");

    assertThat(session.migrateDown(null, null)).containsExactly("V3 (add indexes)");
    assertThat(states()).containsExactly("1 applied", "2 applied", "3 pending");
    assertThat(history()).containsExactly("1", "2");

    assertThat(session.migrateDown("1", null)).containsExactly("V2 (add planned dates)");
    assertThat(epicColumns()).containsExactly("epic_key", "name");

    assertThat(session.migrateDown("0", null)).containsExactly("V1 (create tables)");
    assertThat(epicTableExists()).isFalse();
    assertThat(states()).containsExactly("1 pending", "2 pending", "3 pending");

    assertThat(session.migrateUp("2"))
        .containsExactly("V1 (create tables)", "V2 (add planned dates)");
    assertThat(session.migrateDown(null, 2))
        .containsExactly("V2 (add planned dates)", "V1 (create tables)");
    assertThat(epicTableExists()).isFalse();
  }

  @Test
  void validateNamesAnAppliedScriptEditedSinceAndUpRefusesToRun() throws IOException {
    start("sqlite");
    session.migrateUp("2");
    script(
        "V2__add_planned_dates.sql",
        "ALTER TABLE plan_epic ADD COLUMN planned_start_date TEXT;\n"
            + "ALTER TABLE plan_epic ADD COLUMN planned_end_date DATE;\n");

    assertThatThrownBy(() -> session.validateMigrations())
        .isInstanceOf(MigrationsEdited.class)
        .hasMessage(
            "an applied script changed since flyway_schema_history recorded it: V2 (add planned"
                + " dates): V2__add_planned_dates.sql; put each back as it was when applied, and"
                + " make the change a new version")
        .extracting(e -> ((SynclineException) e).exitCode())
        .isEqualTo(3);
    assertThat(states()).containsExactly("1 applied", "2 edited", "3 pending");
    assertThatThrownBy(() -> session.migrateUp(null)).isInstanceOf(MigrationsEdited.class);
    assertThat(states()).containsExactly("1 applied", "2 edited", "3 pending");
  }

  @Test
  void aVersionWithoutARollbackScriptIsNamedAndNothingIsRolledBack() throws IOException {
    start("sqlite");
    Files.delete(dir.resolve("migrations/U2__add_planned_dates.sql"));
    session.migrateUp(null);

    assertThatThrownBy(() -> session.migrateDown("1", null))
        .isInstanceOf(NoRollbackScript.class)
        .hasMessage(
            "cannot roll back: V2 (add planned dates) has no rollback script"
                + " U2__add_planned_dates.sql in migrations; nothing was rolled back; write the"
                + " rollback script, or stop above it with `migrate down --to 2`");
    assertThat(states()).containsExactly("1 applied", "2 applied", "3 applied");
    assertThat(session.migrations())
        .extracting(Migration::rollback)
        .containsExactly("U1__create_tables.sql", null, "U3__add_indexes.sql");
  }

  /**
   * MariaDB commits each DDL statement by itself: the statement before the failing one stays done,
   * and the message, the table and the next {@code migrate down} all know it.
   */
  @Test
  void aRollbackThatFailsHalfWayOnMariaDbSaysWhatRanAndWhatIsLeftAndGoesOnFromThere()
      throws IOException {
    start("mariadb");
    session.migrateUp("2");
    script(
        "U2__add_planned_dates.sql",
        "ALTER TABLE plan_epic DROP COLUMN planned_end_date;\n"
            + "ALTER TABLE plan_epic DROP COLUMN planned_finish;\n"
            + "ALTER TABLE plan_epic DROP COLUMN planned_start_date;\n");

    assertThatThrownBy(() -> session.migrateDown(null, null))
        .isInstanceOf(RollbackStopped.class)
        .hasMessageStartingWith(
            "rolling back V2 (add planned dates) stopped at statement 2 of"
                + " U2__add_planned_dates.sql (ALTER TABLE plan_epic DROP COLUMN planned_finish): ")
        .hasMessageEndingWith(
            "; this database commits each statement by itself, so these ran and stay: 1. ALTER"
                + " TABLE plan_epic DROP COLUMN planned_end_date; left to run: 2. ALTER TABLE"
                + " plan_epic DROP COLUMN planned_finish, 3. ALTER TABLE plan_epic DROP COLUMN"
                + " planned_start_date; V2 (add planned dates) is still applied in"
                + " flyway_schema_history; fix the cause or the script, then `migrate down` goes"
                + " on at statement 2");
    assertThat(epicColumns()).containsExactly("epic_key", "name", "planned_start_date");
    assertThat(states()).containsExactly("1 applied", "2 rollback stopped", "3 pending");

    script(
        "U2__add_planned_dates.sql",
        "ALTER TABLE plan_epic DROP COLUMN planned_end_date;\n"
            + "SELECT 1;\n"
            + "ALTER TABLE plan_epic DROP COLUMN planned_start_date;\n");
    assertThat(session.migrateDown(null, null)).containsExactly("V2 (add planned dates)");
    assertThat(epicColumns()).containsExactly("epic_key", "name");
    assertThat(states()).containsExactly("1 applied", "2 pending", "3 pending");
  }

  /** Where DDL is transactional the failing rollback leaves everything as it was. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRollbackThatFailsHalfWayWhereDdlIsTransactionalChangesNothing(String kind)
      throws IOException {
    start(kind);
    session.migrateUp("2");
    script(
        "U2__add_planned_dates.sql",
        "ALTER TABLE plan_epic DROP COLUMN planned_end_date;\n"
            + "ALTER TABLE plan_epic DROP COLUMN planned_finish;\n");

    assertThatThrownBy(() -> session.migrateDown(null, null))
        .isInstanceOf(RollbackStopped.class)
        .hasMessageEndingWith(
            "; nothing was changed: its statements and its history row roll back together; fix"
                + " the cause or the script, then `migrate down` again");
    assertThat(epicColumns()).contains("planned_start_date", "planned_end_date");
    assertThat(states()).containsExactly("1 applied", "2 applied", "3 pending");
  }

  @Test
  void aRollbackToACheckpointTakenBeforeAMigrationIsRefusedUntilMigrateDown() throws Exception {
    start("sqlite");
    session.migrateUp("1");
    session.checkpoint("before-dates");
    Thread.sleep(5);
    session.migrateUp(null);

    assertThatThrownBy(() -> session.rollback("before-dates", false))
        .isInstanceOf(CheckpointBeforeMigration.class)
        .hasMessage(
            "checkpoint before-dates was taken before the schema migration V3 (add indexes);"
                + " rollback does not cross a migration: run `migrate down --to 1` first, then"
                + " `rollback before-dates`; nothing was changed");
    assertThat(states()).containsExactly("1 applied", "2 applied", "3 applied");

    session.migrateDown("1", null);
    assertThat(session.rollback("before-dates", false).undoneBy()).isNull();
  }

  @Test
  void theOldSystemsNumberedScriptsAndTheirRollbacksAreReadToo() throws IOException {
    start("sqlite");
    for (String name : List.of("V1", "U1", "V2", "U2", "V3", "U3")) {
      try (var files = Files.list(dir.resolve("migrations"))) {
        for (Path p :
            files.filter(f -> f.getFileName().toString().startsWith(name + "__")).toList()) {
          Files.delete(p);
        }
      }
    }
    script(
        "001_create_tables.sql",
        "CREATE TABLE plan_epic (epic_key VARCHAR(50) PRIMARY KEY, name VARCHAR(200));\n");
    script("001_rollback.sql", "DROP TABLE plan_epic;\n");
    script(
        "002_enhance_framework_epics.sql",
        "ALTER TABLE plan_epic ADD COLUMN planned_start_date TEXT;\n");
    script("002_rollback.sql", "ALTER TABLE plan_epic DROP COLUMN planned_start_date;\n");

    assertThat(session.migrateUp(null))
        .containsExactly("V001 (create tables)", "V002 (enhance framework epics)");
    assertThat(session.migrations())
        .extracting(Migration::script, Migration::rollback)
        .containsExactly(
            tuple("001_create_tables.sql", "001_rollback.sql"),
            tuple("002_enhance_framework_epics.sql", "002_rollback.sql"));
    assertThat(epicColumns()).containsExactly("epic_key", "name", "planned_start_date");

    assertThat(session.migrateDown(null, null)).containsExactly("V002 (enhance framework epics)");
    assertThat(epicColumns()).containsExactly("epic_key", "name");
    assertThat(states()).containsExactly("001 applied", "002 pending");
  }

  @Test
  void aColumnAMigrationAddsIsNoLongerAMissingColumnInTheNextDiff() throws IOException {
    start("sqlite");
    Files.writeString(
        dir.resolve("syncline.yml"),
        "migrations: migrations\n"
            + "entities:\n"
            + "  epic:\n"
            + "    files: epics/*.json\n"
            + "    table: plan_epic\n"
            + "    key: epic_key\n"
            + "    fields:\n"
            + "      epic_key: {}\n"
            + "      name: {}\n"
            + "      planned_start_date: {type: date, layer: calculated}\n");
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(
        dir.resolve("epics/EP-1.json"), "{\"epic_key\": \"EP-1\", \"name\": \"x\"}\n");
    session.loadMapping("syncline.yml");
    session.migrateUp("1");
    session.loadAll(Progress.NONE);
    assertThat(session.changes().schema())
        .singleElement()
        .satisfies(change -> assertThat(change.newTable()).isFalse());

    session.migrateUp(null);

    assertThat(session.changes().schema()).isEmpty();
  }

  /**
   * A forward script that fails is named with its line and the database's reason; SQLite rolls the
   * version back whole, MariaDB keeps what ran and its history marks the version failed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "mariadb"})
  void aForwardScriptThatFailsIsNamedWithItsLineAndWhatIsLeftToDo(String kind) throws IOException {
    start(kind);
    script(
        "V2__add_planned_dates.sql",
        "ALTER TABLE plan_epic ADD COLUMN planned_start_date DATE;\n"
            + "ALTER TABLE plan_epik ADD COLUMN planned_end_date DATE;\n");

    assertThatThrownBy(() -> session.migrateUp(null))
        .isInstanceOf(MigrationFailed.class)
        .hasMessageStartingWith(
            "migrate up stopped in V2__add_planned_dates.sql at line 2 (ALTER TABLE plan_epik ADD"
                + " COLUMN planned_end_date DATE): ")
        .hasMessageContaining("plan_epik")
        .hasMessageEndingWith(
            kind.equals("sqlite")
                ? "; that version was rolled back whole and the versions before it stay applied;"
                    + " fix the script, then `migrate up` again"
                : "; this database commits each statement by itself, so what the statements before"
                    + " it did stays, and flyway_schema_history marks version 2 failed: undo those"
                    + " statements, remove the row (`sql DELETE FROM flyway_schema_history WHERE"
                    + " version = '2'`, as `flyway repair` does), fix the script, then `migrate up`"
                    + " again");
    assertThat(states())
        .containsExactly(
            "1 applied", kind.equals("sqlite") ? "2 pending" : "2 failed", "3 pending");
    assertThat(epicColumns().contains("planned_start_date")).isEqualTo(kind.equals("mariadb"));
  }

  @Test
  void aReadOnlyConnectionShowsTheMigrationsButRefusesToRunThem() throws IOException {
    start("sqlite");
    session.migrateUp("1");
    session.connect("jdbc:sqlite:plans.db", null, null, true);

    assertThat(states()).containsExactly("1 applied", "2 pending", "3 pending");
    assertThatThrownBy(() -> session.migrateUp(null))
        .isInstanceOf(ReadOnlyConnection.class)
        .hasMessageContaining("migrate up");
    assertThatThrownBy(() -> session.migrateDown(null, null))
        .isInstanceOf(ReadOnlyConnection.class)
        .hasMessageContaining("migrate down");
    assertThat(states()).containsExactly("1 applied", "2 pending", "3 pending");
  }

  @Test
  void theVersionsAFailingUpAppliedBeforeItAreNotCrossedByARollbackEither() throws Exception {
    start("sqlite");
    session.migrateUp("1");
    session.checkpoint("before-dates");
    Thread.sleep(5);
    script("V3__add_indexes.sql", "CREATE INDEX idx_plan_task_epic ON plan_tusk (epic_key);\n");
    assertThatThrownBy(() -> session.migrateUp(null)).isInstanceOf(MigrationFailed.class);
    assertThat(states()).containsExactly("1 applied", "2 applied", "3 pending");

    assertThatThrownBy(() -> session.rollback("before-dates", false))
        .isInstanceOf(CheckpointBeforeMigration.class)
        .hasMessageContaining("before the schema migration V2 (add planned dates)")
        .hasMessageContaining("`migrate down --to 1`");
  }

  @Test
  void aScriptInNeitherNamingOrASecondScriptOfAVersionIsRefusedByName() throws IOException {
    start("sqlite");
    script("V4_add_owner.sql", "ALTER TABLE plan_epic ADD COLUMN owner TEXT;\n");

    assertThatThrownBy(() -> session.migrateUp(null))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessage(
            "migrations/V4_add_owner.sql: not a migration script name: use V2__what_it_does.sql"
                + " with its rollback U2__what_it_does.sql (or 002_what_it_does.sql with"
                + " 002_rollback.sql); nothing was changed");
    Files.delete(dir.resolve("migrations/V4_add_owner.sql"));
    script("002_add_owner.sql", "ALTER TABLE plan_epic ADD COLUMN owner TEXT;\n");
    assertThatThrownBy(() -> session.migrations())
        .isInstanceOf(UnableToReadFile.class)
        .hasMessage(
            "migrations/V2__add_planned_dates.sql: version 2 has a script already,"
                + " 002_add_owner.sql; give each version one script and one rollback; nothing was"
                + " changed");
    assertThat(epicTableExists()).isFalse();
  }
}
