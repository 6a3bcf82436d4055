package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Mapping;
import io.syncline.core.MigrationFolder;
import io.syncline.core.UnableToReadFile;
import org.junit.jupiter.api.Test;

/** The {@code migrations:} setting of {@code syncline.yml}: the folder, and the history table. */
class MappingFileMigrationsTest {

  @Test
  void aFolderAloneUsesFlywaysOwnHistoryTableAndWritesBackTheSame() {
    Mapping mapping = MappingFile.parse("migrations: db/migrations\n", "syncline.yml");

    assertThat(mapping.migrations())
        .contains(new MigrationFolder("db/migrations", "flyway_schema_history"));
    assertThat(MappingFile.write(mapping)).startsWith("migrations: db/migrations\n");
    assertThat(MappingFile.parse(MappingFile.write(mapping), "again").migrations())
        .isEqualTo(mapping.migrations());
  }

  @Test
  void aHistoryTableOfItsOwnIsReadAndWrittenBack() {
    Mapping mapping =
        MappingFile.parse(
            "migrations: {folder: db/migrations, table: schema_history}\n", "syncline.yml");

    assertThat(mapping.migrations())
        .contains(new MigrationFolder("db/migrations", "schema_history"));
    assertThat(MappingFile.parse(MappingFile.write(mapping), "again").migrations())
        .isEqualTo(mapping.migrations());
  }

  @Test
  void aTypoInsideTheSettingIsRefusedByName() {
    assertThatThrownBy(
            () -> MappingFile.parse("migrations: {folder: db, tabel: h}\n", "syncline.yml"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("syncline.yml")
        .hasMessageContaining("tabel");
    assertThatThrownBy(() -> MappingFile.parse("migrations: [db]\n", "syncline.yml"))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining(
            "migrations: expected a folder (migrations: db/migrations) or {folder: F, table: T}");
  }

  @Test
  void anEntityLoadedLaterKeepsTheFolder() {
    Mapping mapping =
        MappingFile.parse(
            "migrations: db\nentities:\n  job:\n    files: jobs.json\n    key: id\n", "s.yml");

    Mapping reloaded = mapping.with(mapping.entity("job").orElseThrow());

    assertThat(reloaded.migrations()).contains(new MigrationFolder("db", null));
  }
}
