package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Layout;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordFileNamesTest {
  @TempDir Path dir;

  static Entity epics(String glob) {
    return entity("epic").files(glob).layout(Layout.FILE).build();
  }

  @ParameterizedTest(name = "{0} in {1} is written to {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "EP-10 | epics/*.json   | epics/EP-10.json",
        "a..b  | epics/*.json   | epics/a..b.json",
        "..    | epics/*.json   | epics/...json",
        "x     | epics/EP-*.yml | epics/EP-x.yml",
        "x     | *.json         | x.json",
      })
  void aKeyFillsTheStarOfTheGlob(String key, String glob, String file) {
    assertThat(RecordFileNames.fileFor(epics(glob), key)).isEqualTo(file);
  }

  @ParameterizedTest(name = "{0} in {1} is refused")
  @CsvSource(
      delimiter = '|',
      value = {
        "a/b      | epics/*.json",
        "../x     | epics/*.json",
        "/etc/x   | epics/*.json",
        "a\\b     | epics/*.json",
        "..       | epics/*",
        ".        | epics/*",
        "''       | epics/*.json",
      })
  void aKeyThatIsNoPlainFileNameIsRefused(String key, String glob) {
    assertThatThrownBy(() -> RecordFileNames.fileFor(epics(glob), key))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith("epic/" + key + ": this key cannot be a file name (");
  }

  @Test
  void aGlobWithMoreThanTheOneStarOfAFileNameNamesNoNewFile() {
    for (String glob : List.of("epics/**/*.json", "*/e.json", "epics/*-*.json", "e?/*.json")) {
      assertThatThrownBy(() -> RecordFileNames.fileFor(epics(glob), "x"))
          .as(glob)
          .hasMessageContaining("epic's files are " + glob);
    }
  }

  /**
   * The load-time refusal has a twin where the files are written: a record that reaches the files
   * some other way (a conflict resolved for the database's side) is refused there too.
   */
  @Test
  void applyRefusesANewRecordWhoseFileHoldsAnotherRecord() throws IOException {
    Files.createDirectories(dir.resolve("epics"));
    Files.writeString(dir.resolve("epics/foo.json"), "{\"id\": \"e5\"}");
    RecordFiles files = new RecordFiles(dir);
    Entity entity = epics("epics/*.json");
    FileRead read = files.read(entity);
    EntityPlan plan = EntityPlan.empty(entity);
    plan.fileInserts().put("foo", "{\"id\":\"foo\"}");

    assertThatThrownBy(() -> files.prepare(List.of(plan), java.util.Map.of("epic", read)))
        .hasMessage(
            "epic/foo would be written to epics/foo.json, which holds epic/e5; rename one of them");
    assertThat(Files.readString(dir.resolve("epics/foo.json"))).isEqualTo("{\"id\": \"e5\"}");
  }

  @Test
  void thisFileSystemIsKnownToKeepCaseOrNot() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("Epics"));
    boolean folds = Files.exists(dir.resolve("EPICS"));
    assertThat(RecordFileNames.ignoresCase(sub)).isEqualTo(folds);
  }
}
