package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static io.syncline.core.UpdateMaps.byKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Entity;
import io.syncline.core.Layout;
import io.syncline.core.UnableToReadFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written to break the readers: bytes that are not UTF-8, repeated member names, YAML
 * aliases. Each is read as records exactly or refused with its place, and nothing else.
 */
class HostileInputTest {
  @TempDir Path dir;

  static Entity list(String file) {
    return entity("thing").files(file).build();
  }

  Path write(String name, byte[]... parts) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.write(part);
    }
    Path file = dir.resolve(name);
    Files.write(file, out.toByteArray());
    return file;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0} is refused as {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "C0AF     | overlong encoding C0 AF",
        "C1BF     | overlong encoding C1 BF",
        "E080AF   | overlong encoding E0 80 AF",
        "F08280AF | overlong encoding F0 82 80 AF",
        "F4908080 | code point above U+10FFFF F4 90 80 80",
        "F5808080 | code point above U+10FFFF F5 80 80 80",
        "EDA080   | encoded surrogate ED A0 80",
        "EDBFBF   | encoded surrogate ED BF BF",
        "E282     | truncated sequence E2 82",
        "C3       | truncated sequence C3",
        "F09F98   | truncated sequence F0 9F 98",
        "80       | stray continuation byte 80",
        "BF       | stray continuation byte BF",
        "FE       | byte never used in UTF-8 FE",
        "FF       | byte never used in UTF-8 FF",
        "F8888080 | byte never used in UTF-8 F8"
      })
  void invalidUtf8IsRefusedWithItsLineAndColumnInJsonAndYaml(String hex, String what)
      throws IOException {
    byte[] bad = HexFormat.of().parseHex(hex);
    write(
        "u.json", utf8("[\n {\"id\": \"é\"},\n {\"id\": \"b\", \"x\": \"ü"), bad, utf8("\"}\n]\n"));
    write("u.yml", utf8("- id: é\n- id: b\n  x: \"ü"), bad, utf8("\"\n"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("u.json")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessage("u.json:3:21: invalid UTF-8 (" + what + "); nothing was changed");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("u.yml")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessage("u.yml:3:8: invalid UTF-8 (" + what + "); nothing was changed");
  }

  @Test
  void invalidUtf8AtTheEndOfTheFileOrInAMemberNameIsRefused() throws IOException {
    write("end.json", utf8("[{\"id\": \"a\"}]\n"), new byte[] {(byte) 0xE2, (byte) 0x82});
    write(
        "name.json",
        utf8("[{\"id\": \"a\", \"x"),
        new byte[] {(byte) 0xC0, (byte) 0xAF},
        utf8("\": 1}]"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("end.json")))
        .hasMessage("end.json:2:1: invalid UTF-8 (truncated sequence E2 82); nothing was changed");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("name.json")))
        .hasMessage("name.json:1:16: invalid UTF-8 (overlong encoding C0 AF); nothing was changed");
  }

  @Test
  void validUtf8OfEveryLengthReadsAsWritten() throws IOException {
    write("ok.json", utf8("[{\"id\": \"a\", \"x\": \"$ é € 😀 \uFFFD \uD7FF \uE000\"}]"));

    assertThat(new RecordFiles(dir).read(list("ok.json")).records().get("a"))
        .isEqualTo("{\"id\":\"a\",\"x\":\"$ é € 😀 \uFFFD \uD7FF \uE000\"}");
  }

  @Test
  void invalidUtf8InTheSecondHalfOfALargeFileIsRefusedToo() throws IOException {
    StringBuilder records = new StringBuilder("[\n");
    int count = (int) (SplitRead.FROM_BYTES / 40) + 1000;
    for (int i = 0; i < count; i++) {
      records.append(" {\"id\": \"k").append(i).append("\", \"name\": \"some text\"},\n");
    }
    write(
        "big.json",
        utf8(records.toString()),
        utf8(" {\"id\": \"last\", \"x\": \""),
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        utf8("\"}\n]\n"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("big.json")))
        .hasMessage(
            "big.json:"
                + (count + 2)
                + ":23: invalid UTF-8 (encoded surrogate ED A0 80); nothing was changed");
  }

  @Test
  void aMemberGivenTwiceInARecordIsRefusedWithItsLineInJsonAndYaml() throws IOException {
    write("d.json", utf8("[\n {\"id\": \"a\",\n  \"n\": 1,\n  \"n\": 2}\n]\n"));
    write("d.yml", utf8("- id: a\n  n: 1\n  n: 2\n"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("d.json")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessage(
            "d.json:4:3: the member \"n\" is given twice in one record; keep one;"
                + " nothing was changed");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("d.yml")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageStartingWith("d.yml:3:")
        .hasMessageContaining("the member \"n\" is given twice");
  }

  @Test
  void aMemberGivenTwiceInsideAFieldOrAboveTheRecordsIsRefused() throws IOException {
    write("unordered.json", utf8("[{\"id\": \"a\", \"meta\": {\"b\": 1, \"a\": 2, \"b\": 3}}]"));
    write("ordered.json", utf8("[{\"id\": \"a\", \"tags\": [{\"a\": 1, \"a\": 2}]}]"));
    // two names given twice: the message names the one repeated first in the file, b, not a
    write(
        "twice.json",
        utf8("[{\"id\": \"a\", \"meta\": {\"b\": 1, \"z\": 0, \"a\": 2, \"b\": 3, \"a\": 4}}]"));
    write("above.json", utf8("{\"t\": [{\"id\": \"a\"}],\n \"t\": []}"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("unordered.json")))
        .hasMessageContaining("the member \"b\" is given twice in the record's field meta");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("twice.json")))
        .hasMessageContaining("the member \"b\" is given twice in the record's field meta");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("ordered.json")))
        .hasMessageContaining("the member \"a\" is given twice in the record's field tags");
    assertThatThrownBy(
            () -> new RecordFiles(dir).read(entity("thing").files("above.json").at("/t").build()))
        .hasMessageStartingWith("above.json:2:2: the member \"t\" is given twice");
  }

  @Test
  void aMapRecordMayRestateItsKeyInside() throws IOException {
    write("m.json", utf8("{\"a\": {\"id\": \"a\", \"n\": 1}}"));

    assertThat(
            new RecordFiles(dir)
                .read(entity("thing").files("m.json").layout(Layout.MAP).build())
                .records()
                .get("a"))
        .isEqualTo("{\"id\":\"a\",\"n\":1}");
  }

  static final String BOM = "\uFEFF";

  /** The file's records after {@code FilePatch} rewrote it, read back as {@code load} reads. */
  java.util.Map<String, String> patchAndReload(
      String name,
      java.util.Map<String, java.util.Map<String, String>> updates,
      java.util.Map<String, String> inserts,
      java.util.Set<String> deletes)
      throws IOException {
    Path file = dir.resolve(name);
    String before = Files.readString(file);
    String after =
        FilePatch.apply(
            before, name.endsWith(".yml"), list(name), name, byKey(updates), inserts, deletes);
    assertThat(after).as(name + " keeps its byte order mark").startsWith(BOM);
    assertThat(after.substring(1)).doesNotStartWith(BOM);
    Files.writeString(file, after);
    io.syncline.core.Snapshot records = new RecordFiles(dir).read(list(name)).records();
    java.util.Map<String, String> byKey = new java.util.TreeMap<>();
    records.keys().forEach(k -> byKey.put(k, records.get(k)));
    return byKey;
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "b.json|[\n  {\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\", \"n\": 2}\n]\n",
        "b.yml|- id: a\n  n: 1\n- id: b\n  n: 2\n",
        "c.yml|# jobs\n- id: a\n  n: 1\n- id: b\n  n: 2\n"
      })
  void aByteOrderMarkIsKeptThroughInsertUpdateAndDeletingTheFirstRecord(String file)
      throws IOException {
    String name = file.substring(0, file.indexOf('|'));
    write(name, utf8(BOM + file.substring(file.indexOf('|') + 1)));
    assertThat(new RecordFiles(dir).read(list(name)).records().get("a"))
        .isEqualTo("{\"id\":\"a\",\"n\":1}");

    assertThat(
            patchAndReload(
                name,
                java.util.Map.of("a", java.util.Map.of("n", "5")),
                java.util.Map.of("c", "{\"id\":\"c\",\"n\":3}"),
                java.util.Set.of()))
        .containsEntry("a", "{\"id\":\"a\",\"n\":5}")
        .containsEntry("c", "{\"id\":\"c\",\"n\":3}")
        .hasSize(3);
    assertThat(patchAndReload(name, java.util.Map.of(), java.util.Map.of(), java.util.Set.of("a")))
        .containsOnlyKeys("b", "c");
    assertThat(patchAndReload(name, java.util.Map.of(), java.util.Map.of(), java.util.Set.of("b")))
        .containsOnlyKeys("c");
  }

  @Test
  void columnsOnTheFirstLineCountFromAfterTheByteOrderMark() throws IOException {
    write("col.json", utf8(BOM + "[{\"id\": \"a\",}]"));
    write(
        "col.yml",
        utf8(BOM + "- id: a\n- {id: b, x: \"\u00e9"),
        new byte[] {(byte) 0xC0},
        utf8("\"}\n"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("col.json")))
        .hasMessageStartingWith("col.json:1:13: ");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("col.yml")))
        .hasMessageStartingWith("col.yml:2:16: invalid UTF-8");
  }

  static final String SHARED =
      """
      defaults: &d
        cron: "0 2 * * *"
        enabled: true
      jobs:
        - id: a
          tags: &t [db, nightly]
          n: &n 5
        - id: b
          tags: *t
          size: *n
          <<: *d
          enabled: false
        - &c
          id: c
          <<: [*d, {owner: ops, cron: never}]
        - <<: *c
          id: e
      """;

  static Entity jobs(String file) {
    return entity("job").files(file).at("/jobs").build();
  }

  java.util.Map<String, String> records(Entity entity) {
    io.syncline.core.Snapshot records = new RecordFiles(dir).read(entity).records();
    java.util.Map<String, String> byKey = new java.util.TreeMap<>();
    records.keys().forEach(k -> byKey.put(k, records.get(k)));
    return byKey;
  }

  @Test
  void yamlAliasesAndMergeKeysReadAsTheValuesTheyStandFor() throws IOException {
    write("config.yml", utf8(SHARED));

    assertThat(records(jobs("config.yml")))
        .containsEntry("a", "{\"id\":\"a\",\"n\":5,\"tags\":[\"db\",\"nightly\"]}")
        .containsEntry(
            "b",
            "{\"cron\":\"0 2 * * *\",\"enabled\":false,\"id\":\"b\",\"size\":5,"
                + "\"tags\":[\"db\",\"nightly\"]}")
        .containsEntry(
            "c", "{\"cron\":\"0 2 * * *\",\"enabled\":true,\"id\":\"c\",\"owner\":\"ops\"}")
        .containsEntry(
            "e", "{\"cron\":\"0 2 * * *\",\"enabled\":true,\"id\":\"e\",\"owner\":\"ops\"}");
  }

  @Test
  void anAliasBombIsRefusedWithAClearMessage() throws IOException {
    StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char level = 'b'; level <= 'i'; level++) {
      bomb.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append((char) (level - 1));
      }
      bomb.append("]\n");
    }
    bomb.append("jobs:\n  - id: x\n    v: *i\n");
    write("bomb.yml", utf8(bomb.toString()));
    write("unknown.yml", utf8("jobs:\n  - id: x\n    v: *nowhere\n"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(jobs("bomb.yml")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("the aliases expand to more than 100 times the values in the file");
    assertThatThrownBy(() -> new RecordFiles(dir).read(jobs("unknown.yml")))
        .hasMessage(
            "unknown.yml:3:8: the alias *nowhere names no anchor (&nowhere) before it;"
                + " nothing was changed");
  }

  @Test
  void aSecondYamlDocumentIsRefusedWithItsLine() throws IOException {
    write("two.yml", utf8("---\n- id: a\n---\n- id: b\n"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("two.yml")))
        .hasMessageStartingWith("two.yml:4:1: a second YAML document starts here");
  }

  String patch(
      java.util.Map<String, java.util.Map<String, String>> updates, java.util.Set<String> deletes) {
    return FilePatch.apply(
        SHARED,
        true,
        jobs("config.yml"),
        "config.yml",
        byKey(updates),
        java.util.Map.of(),
        deletes);
  }

  @Test
  void aChangeWrittenThroughASharedAliasOrAnchorIsRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(
            () ->
                patch(
                    java.util.Map.of("b", java.util.Map.of("tags", "[\"x\"]")), java.util.Set.of()))
        .hasMessage(
            "config.yml:9: job/b.tags is written as the alias *t shared with other records;"
                + " edit it by hand or remove the alias; nothing was changed");
    assertThatThrownBy(
            () ->
                patch(
                    java.util.Map.of("a", java.util.Map.of("tags", "[\"x\"]")), java.util.Set.of()))
        .hasMessageStartingWith("config.yml:6: job/a.tags holds the anchor &t");
    assertThatThrownBy(
            () -> patch(java.util.Map.of("a", java.util.Map.of("n", "6")), java.util.Set.of()))
        .hasMessageStartingWith("config.yml:7: job/a.n holds the anchor &n");
    assertThatThrownBy(
            () ->
                patch(
                    java.util.Map.of("c", java.util.Map.of("owner", "\"dev\"")),
                    java.util.Set.of()))
        .hasMessageContaining("job/c.owner is inside the anchor &c that other records use");
    assertThatThrownBy(
            () -> patch(java.util.Map.of("b", java.util.Map.of()), java.util.Set.of("a")))
        .hasMessageStartingWith("config.yml:6: job/a holds the anchor &t");
    assertThatThrownBy(
            () ->
                patch(java.util.Map.of("b", java.util.Map.of("cron", "null")), java.util.Set.of()))
        .hasMessageContaining("job/b.cron comes from the merge key <<");
  }

  @Test
  void changesBesideAliasesAreWrittenAndReadBack() throws IOException {
    String after =
        patch(
            java.util.Map.of(
                "b",
                java.util.Map.of("enabled", "true", "cron", "\"0 5 * * *\""),
                "e",
                java.util.Map.of("owner", "\"dev\"")),
            java.util.Set.of());
    write("config.yml", utf8(after));

    assertThat(records(jobs("config.yml")))
        .containsEntry(
            "b",
            "{\"cron\":\"0 5 * * *\",\"enabled\":true,\"id\":\"b\",\"size\":5,"
                + "\"tags\":[\"db\",\"nightly\"]}")
        .containsEntry(
            "e", "{\"cron\":\"0 2 * * *\",\"enabled\":true,\"id\":\"e\",\"owner\":\"dev\"}")
        .containsEntry(
            "c", "{\"cron\":\"0 2 * * *\",\"enabled\":true,\"id\":\"c\",\"owner\":\"ops\"}");
  }

  @Test
  void invalidUtf8InTheMappingFileIsRefusedAtItsPlaceNotAtTheStart() throws IOException {
    Path mapping =
        write(
            "syncline.yml",
            utf8("entities:\n  job:\n    files: jobs"),
            new byte[] {(byte) 0x80},
            utf8(".yml\n"));

    assertThatThrownBy(() -> MappingFile.read(mapping))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageEndingWith(
            "syncline.yml:3:16: invalid UTF-8 (stray continuation byte 80); nothing was changed");
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "- id: a\n\tn: 1\n",
        "- id: \"a\n",
        "- id: a\n n: 1\n",
        "- id: a\n  n: [1, 2\n",
        "- id: a\n  n: !!binary 123\n",
        "- {id: a, n: .nan}\n",
        "- id: a\n  <<: 5\n",
        "- id: a\n  n: [1, *missing]\n",
        "- id: a\n---\n- id: b\n"
      })
  void brokenYamlIsRefusedAtItsPlaceInSynclinesWords(String yaml) throws IOException {
    write("broken.yml", utf8(yaml));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("broken.yml")))
        .isInstanceOf(UnableToReadFile.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .matches("broken\\.yml:\\d+:\\d+: .*")
                    .doesNotContainPattern(
                        RecordFilesReadTest.PARSER_WORDS + "|java\\.|Base64Variant")
                    .doesNotContain("\n"));
  }

  @Test
  void columnsCountCharactersNotBytesAfterAccentedText() throws IOException {
    write("shape.json", utf8("[{\"id\": \"é\"}, \"x\"]"));
    write("syntax.json", utf8("[{\"id\": \"é\"}, {\"id\": \"b\",}]"));

    assertThatThrownBy(() -> new RecordFiles(dir).read(list("shape.json")))
        .hasMessageStartingWith("shape.json:1:15: item 1 of the list");
    assertThatThrownBy(() -> new RecordFiles(dir).read(list("syntax.json")))
        .hasMessageStartingWith("syntax.json:1:26: ");
  }
}
