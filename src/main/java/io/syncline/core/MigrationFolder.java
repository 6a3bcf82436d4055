package io.syncline.core;

/**
 * Where the user's own schema migrations are, as {@code syncline.yml} names them: {@code
 * migrations: db/migrations}, or {@code migrations: {folder: db/migrations, table:
 * schema_history}}.
 *
 * @param folder the folder of scripts, relative to the working directory
 * @param table the user's Flyway history table, which other Flyway tools read and write too
 */
public record MigrationFolder(String folder, String table) {
  /** Flyway's own default, so that the Flyway command line sees the same history. */
  public static final String DEFAULT_TABLE = "flyway_schema_history";

  public MigrationFolder {
    if (table == null || table.isBlank()) {
      table = DEFAULT_TABLE;
    }
  }
}
