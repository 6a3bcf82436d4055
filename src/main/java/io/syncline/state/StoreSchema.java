package io.syncline.state;

import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.SynclineException;
import io.syncline.sql.Database;
import io.syncline.sql.SingleConnection;
import java.sql.Connection;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Syncline's tables in one database, migrated by Flyway through its API, with a history table of
 * its own ({@code syncline_schema_history}) and scripts per database under {@code
 * io/syncline/state/migration/<vendor>}; a user's {@code flyway_schema_history} is never read or
 * written. The first use migrates; a read-only connection is only refused when something must be
 * written, and reads an absent store as empty.
 */
final class StoreSchema {
  static final String HISTORY = "syncline_schema_history";
  static final String BASE = "syncline_base";
  static final String BASE_TABLE = "syncline_base_table";
  static final String LOG = "syncline_log";
  static final String CHECKPOINT = "syncline_checkpoint";
  static final String MIGRATION = "syncline_migration";

  private final Database database;
  private boolean migrated;

  StoreSchema(Database database) {
    this.database = database;
  }

  /** Migrates now when the connection may write; {@link #ready} without the answer. */
  void prepare() {
    ready("cannot read Syncline's tables in " + database.maskedUrl());
  }

  /**
   * Whether the store can be read: migrated now if the connection may write; on a read-only
   * connection, whether the tables are there (false: read as empty).
   */
  boolean ready(String what) {
    if (migrated) {
      return true;
    }
    if (!database.readOnly()) {
      migrateForWrite();
      return true;
    }
    return database.call(
        what,
        c ->
            database.dialect().columns(c, BASE).isPresent()
                && database.dialect().columns(c, LOG).isPresent());
  }

  /**
   * Whether the checkpoint tables are there, once {@link #ready} said yes: not so on a read-only
   * connection to a store from before checkpoints.
   */
  boolean hasCheckpoints() {
    return database.call(
        "cannot read the checkpoints", c -> database.dialect().columns(c, CHECKPOINT).isPresent());
  }

  /**
   * Whether the table of user migrations is there, once {@link #ready} said yes: not so on a
   * read-only connection to a store from before it.
   */
  boolean hasMigrationRecords() {
    return database.call(
        "cannot read what Syncline migrated",
        c -> database.dialect().columns(c, MIGRATION).isPresent());
  }

  /** Migrates now, or refuses a read-only connection: something is about to be written. */
  void migrateForWrite() {
    if (migrated) {
      return;
    }
    if (database.readOnly()) {
      throw ReadOnlyConnection.ownTablesNeedWritable();
    }
    database.selfCommitting(
        "cannot prepare Syncline's tables in " + database.maskedUrl(),
        c -> {
          migrate(c);
          return null;
        });
    migrated = true;
  }

  /**
   * Runs the scripts of the connected database's vendor. (Flyway itself does not expand a {@code
   * {vendor}} placeholder; Spring Boot does, and Boot is not used here.)
   */
  private void migrate(Connection connection) {
    try {
      Flyway.configure(StoreSchema.class.getClassLoader())
          .dataSource(new SingleConnection(connection))
          .table(HISTORY)
          .locations("classpath:io/syncline/state/migration/" + database.dialect().vendor())
          // A schema that already holds the user's tables has no history of ours yet: start ours
          // at version 0 rather than refuse, and never look at anyone else's history table.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .validateMigrationNaming(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new SynclineException(
          "cannot prepare Syncline's tables in "
              + database.maskedUrl()
              + ": "
              + SynclineException.firstLine(e.getMessage()),
          e);
    }
  }
}
