package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.Progress;
import io.syncline.core.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large JSON list is read on two cores; what it reads must be exactly what one pass reads, and a
 * problem in either half must be named as one pass names it. One pass is had by reading the same
 * file through a glob that also matches an empty list: several files are never split.
 */
class SplitReadTest {
  @TempDir Path dir;

  static final int RECORDS = 110_000; // about 17 MiB, above SplitRead.FROM_BYTES

  static Entity list(String files) {
    return entity("thing").files(files).build();
  }

  /** Records of several shapes: nulls, whole and decimal numbers, nested values, non-ASCII. */
  static String record(int i) {
    return "{\"id\": \"r"
        + i
        + "\", \"n\": "
        + (i % 3 == 0 ? i + ".5" : String.valueOf(i))
        + ", \"name\": \""
        + (i % 7 == 0 ? "Zoë \\\"quoted\\\" " : "name ")
        + i
        + "\", \"when\": "
        + (i % 5 == 0 ? "null" : "\"2024-01-0" + (1 + i % 9) + "\"")
        + ", \"tags\": [\"a\", {\"b\": "
        + (i % 2 == 0)
        + "}], \"note\": \"lorem ipsum dolor sit amet consectetur adipiscing elit\"}";
  }

  Path writeList(List<String> records) throws IOException {
    Files.writeString(dir.resolve("big-0.json"), "[]");
    return Files.writeString(
        dir.resolve("big.json"), "[\n" + String.join(",\n", records) + "\n]\n");
  }

  static List<String> records() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(record(i));
    }
    return records;
  }

  FileRead split() {
    return new RecordFiles(dir).read(list("big.json"));
  }

  FileRead onePass() {
    return new RecordFiles(dir).read(list("big*.json"));
  }

  @Test
  void aLargeListReadOnTwoCoresHoldsWhatOnePassHolds() throws IOException {
    writeList(records());

    FileRead split = split();
    FileRead onePass = onePass();

    assertThat(split.records().size()).isEqualTo(RECORDS);
    assertThat(new ArrayList<>(split.records().keys()))
        .isEqualTo(new ArrayList<>(onePass.records().keys()));
    for (String key : onePass.records().keys()) {
      assertThat(split.records().get(key)).as(key).isEqualTo(onePass.records().get(key));
    }
    assertThat(split.seenTypes()).containsExactlyEntriesOf(onePass.seenTypes());
    assertThat(split.seenTypes()).containsEntry("n", FieldType.DECIMAL);
    SourceFile same =
        onePass.files().stream()
            .filter(f -> f.path().endsWith("big.json"))
            .findFirst()
            .orElseThrow();
    assertThat(split.files().get(0).checksum()).isEqualTo(same.checksum());
  }

  @Test
  void theSecondHalfStartsAtAListItemNearTheMiddle() throws IOException {
    Path file = writeList(records());
    long size = Files.size(file);

    SplitRead second = SplitRead.start(list("big.json"), file, "big.json", size).orElseThrow();
    Snapshot records = new Snapshot();
    Map<String, FieldType> seen = new LinkedHashMap<>();
    RecordReader first =
        new RecordReader(list("big.json"), "big.json", records, seen, null, uncounted())
            .handingOverAt(second.offset());
    readWith(file, first);

    assertThat(second.offset()).isBetween(size / 3, size * 2 / 3);
    assertThat(first.handedOver()).isTrue();
    assertThat(records.size()).isLessThan(RECORDS);
    assertThat(first.ancestors()).isEmpty();
    assertThat(second.addTo(records, seen, RecordSpans.NONE, uncounted(), first.ancestors()))
        .isTrue();
    assertThat(records.size()).isEqualTo(RECORDS);
  }

  @Test
  void eachRecordsPlaceInTheFileIsKeptFromBothHalves() throws IOException {
    writeList(records());
    byte[] bytes = Files.readAllBytes(dir.resolve("big.json"));

    RecordSpans spans = split().files().get(0).spans();

    assertThat(spans.size()).isEqualTo(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      String span =
          new String(bytes, spans.start(i), spans.end(i) - spans.start(i), StandardCharsets.UTF_8);
      if (!span.equals(record(i)) || !spans.key(i).equals("r" + i)) {
        assertThat(spans.key(i) + " " + span).isEqualTo("r" + i + " " + record(i));
      }
    }
  }

  static Entity nested(String files) {
    return entity("thing").files(files).at("/data/items").build();
  }

  Path writeNested(List<String> records, String tail) throws IOException {
    Files.writeString(dir.resolve("big-0.json"), "{\"data\": {\"items\": []}}");
    return Files.writeString(
        dir.resolve("big.json"),
        "{\"meta\": {\"v\": [1, {\"x\": null}]},\n \"data\": {\"items\": [\n"
            + String.join(",\n", records)
            + "\n]"
            + tail);
  }

  @Test
  void aListInsideADocumentIsReadOnTwoCoresAsOnePassReadsIt() throws IOException {
    writeNested(records(), ", \"after\": [1, 2, {\"items\": []}]},\n \"end\": true}\n");
    Progress.Counter counted = Progress.NONE.start("reading", "records", -1);

    FileRead split = new RecordFiles(dir).read(nested("big.json"), (what, unit, total) -> counted);
    FileRead onePass = new RecordFiles(dir).read(nested("big*.json"));

    assertThat(split.records().size()).isEqualTo(RECORDS);
    assertThat(new ArrayList<>(split.records().keys()))
        .isEqualTo(new ArrayList<>(onePass.records().keys()));
    assertThat(split.records().get("r" + (RECORDS - 1)))
        .isEqualTo(onePass.records().get("r" + (RECORDS - 1)));
    assertThat(counted.done()).isEqualTo(RECORDS);
    assertThat(split.files().get(0).checksum())
        .isEqualTo(
            onePass.files().stream()
                .filter(f -> f.path().endsWith("big.json"))
                .findFirst()
                .orElseThrow()
                .checksum());
  }

  @Test
  void aBrokenTailAfterTheListIsNamedAsOnePassNamesIt() throws IOException {
    writeNested(records(), ", \"after\": [1, 2}\n}\n");

    Throwable split = catchThrowable(() -> new RecordFiles(dir).read(nested("big.json")));
    Throwable onePass = catchThrowable(() -> new RecordFiles(dir).read(nested("big*.json")));

    assertThat(split).isInstanceOf(io.syncline.core.UnableToReadFile.class);
    assertThat(split.getMessage()).startsWith("big.json:" + (RECORDS + 3) + ":");
    assertThat(split.getMessage()).isEqualTo(onePass.getMessage());
  }

  @Test
  void aTailThatLeavesTheDocumentOpenIsNamedAsOnePassNamesIt() throws IOException {
    writeNested(records(), "}\n");

    Throwable split = catchThrowable(() -> new RecordFiles(dir).read(nested("big.json")));
    Throwable onePass = catchThrowable(() -> new RecordFiles(dir).read(nested("big*.json")));

    assertThat(split).isInstanceOf(io.syncline.core.UnableToReadFile.class);
    assertThat(split.getMessage()).isEqualTo(onePass.getMessage());
  }

  @Test
  void contentAfterTheDocumentIsRefusedAsOnePassRefusesIt() throws IOException {
    Files.writeString(dir.resolve("big-0.json"), "[]");
    Files.writeString(
        dir.resolve("big.json"), "[\n" + String.join(",\n", records()) + "\n]\n[1]\n");

    Throwable split = catchThrowable(this::split);
    Throwable onePass = catchThrowable(this::onePass);

    assertThat(split).hasMessageContaining("unexpected content after the end of the document");
    assertThat(split.getMessage()).isEqualTo(onePass.getMessage());
  }

  @Test
  void aGuessInsideAStringIsNotTakenForARecord() throws IOException {
    List<String> records = records();
    String decoy = "}, {\\\"id\\\": \\\"fake\\\"}, ".repeat(200_000); // several MiB over the middle
    records.set(RECORDS / 2, "{\"id\": \"long\", \"note\": \"" + decoy + "\"}");
    Path file = writeList(records);

    SplitRead second =
        SplitRead.start(list("big.json"), file, "big.json", Files.size(file)).orElseThrow();
    RecordReader first =
        new RecordReader(
                list("big.json"),
                "big.json",
                new Snapshot(),
                new LinkedHashMap<>(),
                null,
                uncounted())
            .handingOverAt(second.offset());
    readWith(file, first);
    second.abandon();

    assertThat(first.handedOver()).isFalse();
    FileRead split = split();
    assertThat(split.records().has("fake")).isFalse();
    assertThat(split.records().size()).isEqualTo(RECORDS);
    assertThat(split.records().get("long")).contains("fake");
  }

  @Test
  void aKeyInBothHalvesIsNamedAsOnePassNamesIt() throws IOException {
    List<String> records = records();
    records.set(RECORDS - 1, record(10));
    writeList(records);

    Throwable split = catchThrowable(this::split);
    Throwable onePass = catchThrowable(this::onePass);

    assertThat(split)
        .hasMessageContaining("duplicate key")
        .hasMessageContaining("big.json:" + (RECORDS + 1))
        .hasMessageContaining("first seen at big.json:12");
    assertThat(onePass).hasMessageContaining("big.json:" + (RECORDS + 1));
  }

  @Test
  void aBadRecordInTheSecondHalfIsNamedAsOnePassNamesIt() throws IOException {
    List<String> records = records();
    records.set(RECORDS - 2, "{\"name\": \"no key\"}");
    writeList(records);

    Throwable split = catchThrowable(this::split);
    Throwable onePass = catchThrowable(this::onePass);

    assertThat(split).hasMessageContaining("has no id").hasMessageContaining(":" + RECORDS);
    assertThat(split.getMessage()).isEqualTo(onePass.getMessage());
  }

  private static io.syncline.core.Progress.Counter uncounted() {
    return io.syncline.core.Progress.NONE.start("reading", "records", -1);
  }

  private void readWith(Path file, RecordReader reader) throws IOException {
    try (var in = Files.newInputStream(file);
        var parser = Parsers.open(file, in)) {
      reader.read(parser, false);
    }
  }
}
