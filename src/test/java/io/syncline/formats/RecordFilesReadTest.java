package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.BadRecord;
import io.syncline.core.Entity;
import io.syncline.core.EntityBuilder;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.UnableToReadFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFilesReadTest {
  @TempDir Path dir;

  static Entity entity(String files, Layout layout, String at, String key, Field... fields) {
    return EntityBuilder.entity("thing")
        .files(files)
        .layout(layout)
        .at(at)
        .key(key)
        .field(fields)
        .build();
  }

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aListAtAPointerReadsAsCanonicalRecordsByKey() throws IOException {
    write("c.json", "{\"3166-1\": [{\"alpha_2\": \"AW\", \"name\": \"Aruba\", \"n\": 1.50}]}");

    FileRead read = new RecordFiles(dir).read(entity("c.json", Layout.LIST, "/3166-1", "alpha_2"));

    assertThat(read.records().get("AW"))
        .isEqualTo("{\"alpha_2\":\"AW\",\"n\":1.5,\"name\":\"Aruba\"}");
    assertThat(read.seenTypes())
        .containsEntry("n", FieldType.DECIMAL)
        .containsEntry("name", FieldType.TEXT);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} reads as {1} ({2})")
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "12.5                  | 12.5                  | DECIMAL",
        "-0.5                  | -0.5                  | DECIMAL",
        "0.000001              | 0.000001              | DECIMAL",
        "1.50                  | 1.5                   | DECIMAL",
        "2.0                   | 2                     | INTEGER",
        "1e3                   | 1000                  | INTEGER",
        "-0                    | 0                     | INTEGER",
        "-0.0                  | 0                     | INTEGER",
        "42                    | 42                    | INTEGER",
        "-42                   | -42                   | INTEGER",
        "123456789012345678901 | 123456789012345678901 | INTEGER"
      })
  void numbersReadAsTheirCanonicalSpellingInJsonAndYaml(
      String written, String canonical, FieldType type) throws IOException {
    write("n.json", "[{\"id\": \"a\", \"n\": " + written + ", \"tags\": [" + written + "]}]");
    write("n.yml", "- id: a\n  n: " + written + "\n  tags: [" + written + "]\n");

    for (String file : List.of("n.json", "n.yml")) {
      FileRead read = new RecordFiles(dir).read(entity(file, Layout.LIST, "", "id"));

      assertThat(read.records().get("a"))
          .as(file)
          .isEqualTo("{\"id\":\"a\",\"n\":" + canonical + ",\"tags\":[" + canonical + "]}");
      assertThat(read.seenTypes()).as(file).containsEntry("n", type);
    }
  }

  @Test
  void stringsAreQuotedCanonicallyAndOnlyPlainIsoDatesAreDates() throws IOException {
    write(
        "s.json",
        "[{\"id\": \"a\\\"b\", \"d\": \"2025-08-18\", \"t\": \"tab\\there\","
            + " \"u\": \"\\u00e9\\u0001\", \"n\": \"2025-08-1x\"}]");

    FileRead read = new RecordFiles(dir).read(entity("s.json", Layout.LIST, "", "id"));

    assertThat(read.records().get("a\"b"))
        .isEqualTo(
            "{\"d\":\"2025-08-18\",\"id\":\"a\\\"b\",\"n\":\"2025-08-1x\","
                + "\"t\":\"tab\\there\",\"u\":\"\u00e9\\u0001\"}");
    assertThat(read.seenTypes())
        .containsEntry("d", FieldType.DATE)
        .containsEntry("n", FieldType.TEXT)
        .containsEntry("t", FieldType.TEXT);
  }

  @Test
  void nestedObjectsComeOutWithSortedMembers() throws IOException {
    write(
        "o.json",
        "[{\"id\": \"a\", \"in_order\": {\"a\": 1, \"b\": [{\"d\": 1, \"c\": 2}]},"
            + " \"o\": {\"b\": 3, \"a\": {\"y\": 2, \"x\": 1}}}]");

    FileRead read = new RecordFiles(dir).read(entity("o.json", Layout.LIST, "", "id"));

    assertThat(read.records().get("a"))
        .isEqualTo(
            "{\"id\":\"a\",\"in_order\":{\"a\":1,\"b\":[{\"c\":2,\"d\":1}]},"
                + "\"o\":{\"a\":{\"x\":1,\"y\":2},\"b\":3}}");
  }

  @Test
  void aYamlMapTakesItsKeysFromTheMemberNames() throws IOException {
    write(
        "s.yml",
        "# jobs\ntasks:\n  daily-backup:\n    cron: \"0 2 * * *\"  # nightly\n    since: 2025-08-18\n");

    FileRead read = new RecordFiles(dir).read(entity("s.yml", Layout.MAP, "/tasks", "id"));

    assertThat(read.records().get("daily-backup"))
        .isEqualTo("{\"cron\":\"0 2 * * *\",\"id\":\"daily-backup\",\"since\":\"2025-08-18\"}");
    assertThat(read.seenTypes())
        .containsKeys("id", "cron", "since")
        .containsEntry("since", FieldType.DATE);
  }

  @Test
  void oneRecordPerFileReadsEveryMatchingFile() throws IOException {
    write("epics/EP-1.json", "{\"epic_key\": \"EP-1\", \"tasks\": [{\"t\": 1}]}");
    write("epics/EP-2.json", "{\"epic_key\": \"EP-2\"}");
    write("epics/notes.txt", "not a record");

    FileRead read = new RecordFiles(dir).read(entity("epics/*.json", Layout.FILE, "", "epic_key"));

    assertThat(read.records().keys()).containsExactlyInAnyOrder("EP-1", "EP-2");
    assertThat(read.originByKey()).containsEntry("EP-2", "epics/EP-2.json");
    assertThat(read.seenTypes()).containsEntry("tasks", FieldType.JSON);
  }

  /**
   * Apply keeps the files it replaced under .syncline/backups/, with their paths: a glob that read
   * them would bring a deleted record back from its backup.
   */
  @Test
  void aGlobNeverReadsSynclinesOwnDirectory() throws IOException {
    write("epics/e1.json", "{\"id\": \"e1\"}");
    write(".syncline/backups/20260101T000000Z/epics/e2.json", "{\"id\": \"e2\"}");
    write("epics/.syncline/e3.json", "{\"id\": \"e3\"}");
    write("epics/.e1.json.4711.syncline-tmp", "{\"id\": \"e1\"}"); // left by a killed write

    for (String glob : List.of("**/*.json", "**", "*/*.json", "**/e*.json", "epics/*")) {
      FileRead read = new RecordFiles(dir).read(entity(glob, Layout.FILE, "", "id"));
      assertThat(read.records().keys()).as(glob).containsExactly("e1");
    }
  }

  @Test
  void filesInsideSynclinesOwnDirectoryAreRefusedWhenNamed() throws IOException {
    write(".syncline/backups/20260101T000000Z/epics.json", "[{\"id\": \"e2\"}]");
    RecordFiles files = new RecordFiles(dir);

    for (String named :
        List.of(
            ".syncline/backups/20260101T000000Z/epics.json",
            "./.syncline/backups/../backups/20260101T000000Z/epics.json",
            ".syncline/backups/**/*.json")) {
      assertThatThrownBy(() -> files.read(entity(named, Layout.LIST, "", "id")))
          .as(named)
          .isInstanceOf(UnableToReadFile.class)
          .hasMessageContaining(named + ": inside .syncline/, where Syncline keeps its backups");
    }
    assertThatThrownBy(() -> files.sniff(".syncline/backups/20260101T000000Z/epics.json", ""))
        .hasMessageContaining("inside .syncline/");
  }

  @Test
  void aRecordWithoutItsKeyNamesFileLineAndField() throws IOException {
    write("c.json", "[\n {\"id\": 1},\n {\"name\": \"no id\"}\n]");

    assertThatThrownBy(() -> new RecordFiles(dir).read(entity("c.json", Layout.LIST, "", "id")))
        .isInstanceOf(BadRecord.class)
        .hasMessageStartingWith("c.json:3: thing.id: the record has no id");
  }

  @Test
  void aDuplicateKeyIsRefused() throws IOException {
    write("c.json", "[\n {\"id\": 1},\n {\"id\": 1.0}\n]");

    assertThatThrownBy(() -> new RecordFiles(dir).read(entity("c.json", Layout.LIST, "", "id")))
        .isInstanceOf(BadRecord.class)
        .hasMessage(
            "c.json:3: thing/1: duplicate key; first seen at c.json:2; nothing was changed");
  }

  @Test
  void aDuplicateKeyInAnotherFileNamesBothPlaces() throws IOException {
    write("d/a.json", "[\n {\"id\": \"x\"},\n {\"id\": \"y\"}\n]");
    write("d/b.json", "[\n {\"id\": \"z\"},\n\n {\"id\": \"y\"}\n]");

    assertThatThrownBy(() -> new RecordFiles(dir).read(entity("d/*.json", Layout.LIST, "", "id")))
        .isInstanceOf(BadRecord.class)
        .hasMessage(
            "d/b.json:4: thing/y: duplicate key; first seen at d/a.json:3; nothing was changed");
  }

  @Test
  void aValueOfTheWrongTypeForADeclaredFieldNamesRecordAndField() throws IOException {
    write("c.json", "[{\"id\": \"a\", \"pop\": \"many\"}]");
    Entity declared =
        entity(
            "c.json",
            Layout.LIST,
            "",
            "id",
            new Field("id", null, FieldType.TEXT, null),
            new Field("pop", null, FieldType.INTEGER, null));

    assertThatThrownBy(() -> new RecordFiles(dir).read(declared))
        .isInstanceOf(BadRecord.class)
        .hasMessageContaining("thing/a.pop: expected integer, found \"many\"");
  }

  @Test
  void malformedJsonNamesLineAndColumn() throws IOException {
    write("c.json", "[\n  {\"id\": 1,}\n]");

    assertThatThrownBy(() -> new RecordFiles(dir).read(entity("c.json", Layout.LIST, "", "id")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageStartingWith("c.json:2:")
        .hasMessageEndingWith("; nothing was changed")
        .hasMessageNotContaining("Source");
  }

  @Test
  void theWrongShapeSaysWhatWasFound() throws IOException {
    write("c.json", "{\"items\": \"none\"}");

    assertThatThrownBy(
            () -> new RecordFiles(dir).read(entity("c.json", Layout.LIST, "/items", "id")))
        .hasMessageContaining("expected a list of records at /items, found a string");
  }

  @Test
  void anObjectThatHoldsNoRecordsSaysWhatItHoldsOnce() throws IOException {
    write("c.json", "{\"name\": \"Aruba\"}");

    assertThatThrownBy(() -> new RecordFiles(dir).sniff("c.json", ""))
        .hasMessageContaining("; found an object with a string in \"name\" (one record per file?");
  }

  @Test
  void sniffTellsAListFromAMap() throws IOException {
    write("l.json", "{\"a\": [{\"id\": 1}]}");
    write("m.yml", "a:\n  x: {n: 1}\n  y: {n: 2}\n");

    RecordFiles files = new RecordFiles(dir);

    assertThat(files.sniff("l.json", "/a")).isEqualTo(Layout.LIST);
    assertThat(files.sniff("m.yml", "/a")).isEqualTo(Layout.MAP);
  }

  /** Words of the parser's own that mean nothing to someone fixing a file. */
  static final String PARSER_WORDS =
      "Feature|`|Source|REDACTED|VALUE_|START_|END_|getMax|Constraints|Exception|code \\d|"
          + "jackson|JSON String|Unexpected|Unrecognized|property name|root-level";

  @Test
  void everyFileOfTheJsonTestSuiteEndsInRecordsOrOneClearError() throws IOException {
    Path suite =
        Path.of("../shared/testdata/JSONTestSuite/test_parsing").toAbsolutePath().normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(suite), "JSONTestSuite not found at " + suite);
    List<String> accepted = new ArrayList<>();
    List<Path> all;
    try (Stream<Path> files = Files.list(suite)) {
      all = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    RecordFiles files = new RecordFiles(suite);
    for (Path file : all) {
      String name = file.getFileName().toString();
      for (Layout layout : Layout.values()) {
        try {
          files.read(entity(name, layout, "", "id"));
          accepted.add(name);
        } catch (UnableToReadFile e) {
          assertThat(e.getMessage())
              .as(name + " as " + layout)
              .startsWith(name)
              .matches(java.util.regex.Pattern.quote(name) + ":\\d+:\\d+: .*")
              .doesNotContainPattern(PARSER_WORDS)
              .doesNotContainPattern("\\p{Cntrl}");
        } catch (BadRecord e) {
          assertThat(e.getMessage())
              .as(name)
              .matches(java.util.regex.Pattern.quote(name) + ":\\d+: thing[/.].*");
        } catch (RuntimeException | Error e) {
          throw new AssertionError(name + " escaped as " + e, e);
        }
      }
      try {
        files.sniff(name, "");
      } catch (UnableToReadFile e) {
        assertThat(e.getMessage())
            .as("sniffing " + name)
            .matches(java.util.regex.Pattern.quote(name) + ":\\d+:\\d+: .*")
            .doesNotContain("a a ")
            .doesNotContainPattern(PARSER_WORDS);
      }
    }
    assertThat(all).hasSizeGreaterThan(300);
    assertThat(accepted).as("n_ files must all be refused").noneMatch(n -> n.startsWith("n_"));
  }
}
