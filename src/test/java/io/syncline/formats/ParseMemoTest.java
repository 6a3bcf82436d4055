package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Progress;
import io.syncline.core.Snapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large file unchanged since its last parse takes its records from the base when the base holds
 * exactly what that parse gave, instead of being parsed again; any doubt parses it. What the
 * recalled read gives (records in file order, types seen, places, checksum) is what a parse gives.
 */
class ParseMemoTest {
  @TempDir Path dir;

  static final Entity THINGS = entity("thing").files("things.json").build();

  /** Every file is remembered here, however small. */
  private RecordFiles files;

  private final List<String> counted = new ArrayList<>();
  private final Progress progress =
      (what, unit, total) -> {
        counted.add(what);
        return new Progress.Counter(what, unit, total);
      };

  @BeforeEach
  void fiftyThings() throws IOException {
    files = new RecordFiles(dir, Clock.systemUTC(), 1);
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < 50; i++) {
      // out of key order, so that the file's order is not the base's
      int k = (i * 7) % 50;
      text.append(i == 0 ? "" : ",\n")
          .append("  {\"id\": \"t")
          .append(k)
          .append("\", \"n\": ")
          .append(k)
          .append(", \"tags\": [\"x\", {\"deep\": ")
          .append(k % 3 == 0 ? "null" : "true")
          .append("}], \"note\": ")
          .append(k % 5 == 0 ? "null" : "\"Zoë " + k + "\"")
          .append('}');
    }
    Files.writeString(dir.resolve("things.json"), text.append("\n]\n"));
  }

  @Test
  void anUnchangedFileTakesItsRecordsFromTheBaseAsTheParseGaveThem() {
    FileRead parsed = files.read(THINGS);
    files.remember(parsed);
    Snapshot base = agreedCopyOf(parsed.records());

    FileRead recalled = files.read(THINGS, progress, () -> base);

    assertThat(counted).containsExactly("checking things.json against its last reading");
    assertThat(new ArrayList<>(recalled.records().keys()))
        .isEqualTo(new ArrayList<>(parsed.records().keys()));
    parsed
        .records()
        .keys()
        .forEach(k -> assertThat(recalled.records().get(k)).isEqualTo(base.get(k)));
    assertThat(recalled.seenTypes()).isEqualTo(parsed.seenTypes());
    assertThat(recalled.seenTypes())
        .containsEntry("note", FieldType.TEXT)
        .containsEntry("n", FieldType.INTEGER);
    assertThat(recalled.originByKey()).isEmpty();
    SourceFile was = parsed.files().get(0);
    SourceFile is = recalled.files().get(0);
    assertThat(List.of(is.path(), is.size(), is.checksum()))
        .isEqualTo(List.of(was.path(), was.size(), was.checksum()));
    assertThat(places(is.spans())).isEqualTo(places(was.spans()));
  }

  @Test
  void whatIsSetInTheRecalledRecordsIsNotSetInTheBase() {
    FileRead parsed = files.read(THINGS);
    files.remember(parsed);
    Snapshot base = agreedCopyOf(parsed.records());
    String before = base.get("t7");

    files.read(THINGS, progress, () -> base).records().set("t7", "{\"id\":\"t7\"}");

    assertThat(base.get("t7")).isEqualTo(before);
  }

  @Test
  void aFileChangedAtTheSameSizeIsParsedAndTheBaseNotAskedFor() throws IOException {
    files.remember(files.read(THINGS));
    Snapshot base = agreedCopyOf(files.read(THINGS).records());
    Path file = dir.resolve("things.json");
    Files.writeString(file, Files.readString(file).replace("\"n\": 12,", "\"n\": 13,"));
    AtomicInteger asked = new AtomicInteger();

    FileRead read =
        files.read(
            THINGS,
            progress,
            () -> {
              asked.incrementAndGet();
              return base;
            });

    assertThat(counted)
        .containsExactly("checking things.json against its last reading", "reading things.json");
    assertThat(asked).hasValue(0);
    assertThat(read.records().get("t12")).contains("\"n\":13");
  }

  @Test
  void aBaseThatDiffersByOneRecordOrHoldsOneMoreIsNotTaken() {
    FileRead parsed = files.read(THINGS);
    files.remember(parsed);
    Snapshot changed = agreedCopyOf(parsed.records());
    changed.set("t3", changed.get("t3").replace("\"n\":3", "\"n\":4"));
    Snapshot more = agreedCopyOf(parsed.records());
    more.put("t50", "{\"id\":\"t50\"}");
    Snapshot fewer = agreedCopyOf(parsed.records());
    fewer.remove("t0");

    for (Snapshot base : List.of(changed, more, fewer, new Snapshot())) {
      counted.clear();
      FileRead read = files.read(THINGS, progress, () -> base);
      assertThat(counted).contains("reading things.json");
      assertThat(read.records().get("t3")).contains("\"n\":3");
      assertThat(read.records().size()).isEqualTo(50);
    }
    counted.clear();
    files.read(THINGS, progress, () -> null);
    assertThat(counted).contains("reading things.json");
  }

  @Test
  void anotherReadingOfTheFileKeepsAMemoOfItsOwn() {
    Entity byN = entity("thing").files("things.json").key("n").build();
    FileRead byId = files.read(THINGS);
    files.remember(byId);
    FileRead readByN = files.read(byN);
    files.remember(readByN);
    Entity typed =
        entity("thing").files("things.json").fields(FieldType.INTEGER, "n").text("id").build();

    files.read(byN, progress, () -> agreedCopyOf(readByN.records()));
    files.read(THINGS, progress, () -> agreedCopyOf(byId.records()));
    files.read(typed, progress, () -> agreedCopyOf(byId.records()));

    assertThat(counted)
        .containsExactly(
            "checking things.json against its last reading",
            "checking things.json against its last reading",
            "reading things.json");
    assertThat(memos()).hasSize(2);
  }

  @Test
  void aMemoCutShortOrGarbledIsNotUsedAndIsWrittenAgain() throws IOException {
    FileRead parsed = files.read(THINGS);
    files.remember(parsed);
    Path memo = onlyMemo();
    byte[] whole = Files.readAllBytes(memo);

    for (int at : new int[] {0, 9, whole.length / 2, whole.length - 1}) {
      byte[] garbled = whole.clone();
      garbled[at] ^= 0x20;
      Files.write(memo, garbled);
      counted.clear();
      files.read(THINGS, progress, () -> agreedCopyOf(parsed.records()));
      assertThat(counted).as("byte %d garbled", at).endsWith("reading things.json");
    }
    Files.write(memo, java.util.Arrays.copyOf(whole, whole.length - 100));
    counted.clear();
    FileRead again = files.read(THINGS, progress, () -> agreedCopyOf(parsed.records()));
    assertThat(counted).endsWith("reading things.json");

    files.remember(again);
    assertThat(Files.readAllBytes(memo)).isEqualTo(whole);
    Files.delete(memo);
    counted.clear();
    files.read(THINGS, progress, () -> agreedCopyOf(parsed.records()));
    assertThat(counted).containsExactly("reading things.json");
  }

  @Test
  void aMemoThatSaysMoreRecordsThanItHoldsIsNotUsed() throws IOException {
    FileRead parsed = files.read(THINGS);
    files.remember(parsed);
    Path memo = onlyMemo();
    byte[] bytes = Files.readAllBytes(memo);
    RecordSpans spans = parsed.files().get(0).spans();
    int places = 0;
    for (int i = 0; i < spans.size(); i++) {
      places += 4 + spans.key(i).getBytes(StandardCharsets.UTF_8).length + 8;
    }
    int body = bytes.length - Long.BYTES;
    ByteBuffer edited = ByteBuffer.wrap(bytes);
    assertThat(edited.getInt(body - places - 4)).isEqualTo(50);
    edited.putInt(body - places - 4, Integer.MAX_VALUE / 2); // and a checksum to match
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, body);
    edited.putLong(body, crc.getValue());
    Files.write(memo, bytes);

    FileRead read = files.read(THINGS, progress, () -> agreedCopyOf(parsed.records()));

    assertThat(counted).endsWith("reading things.json");
    assertThat(read.records().size()).isEqualTo(50);
  }

  @Test
  void whatAKilledWriterLeftIsRemovedByTheNextWriteAndALiveWritersIsNot() throws IOException {
    files.remember(files.read(THINGS));
    Path memo = onlyMemo();
    Path killed = memo.resolveSibling(memo.getFileName() + ".99999999-12345");
    Path writing = memo.resolveSibling(memo.getFileName() + ".1-12345");
    Files.writeString(killed, "half a memo");
    Files.writeString(writing, "half a memo");
    Path file = dir.resolve("things.json");
    Files.writeString(file, Files.readString(file).replace("\"n\": 12,", "\"n\": 13,"));

    files.remember(files.read(THINGS));

    assertThat(memos()).containsExactlyInAnyOrder(memo, writing);
    counted.clear();
    files.read(THINGS, progress, () -> agreedCopyOf(files.read(THINGS).records()));
    assertThat(counted).containsExactly("checking things.json against its last reading");
  }

  @Test
  void loadsKeepingOneMemoAtOnceLeaveOneMemoThatReadsWhole() throws Exception {
    FileRead parsed = files.read(THINGS);
    List<Thread> loads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Thread load = new Thread(() -> files.remember(parsed));
      load.start();
      loads.add(load);
    }
    for (Thread load : loads) {
      load.join();
    }

    assertThat(memos()).hasSize(1);
    files.read(THINGS, progress, () -> agreedCopyOf(parsed.records()));
    assertThat(counted).containsExactly("checking things.json against its last reading");
  }

  @Test
  void keysBeyondAsciiAndAMemoLargerThanItsBufferReadBackAsTheyWere() throws IOException {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < 60_000; i++) {
      text.append(i == 0 ? "" : ",\n").append("{\"id\": \"\u03ba\u00e9-").append(i).append("\"}");
    }
    Files.writeString(dir.resolve("many.json"), text.append("]"));
    Entity many = entity("many").files("many.json").build();
    FileRead parsed = files.read(many);
    files.remember(parsed);
    assertThat(Files.size(onlyMemo())).isGreaterThan(1L << 20);

    FileRead recalled = files.read(many, progress, () -> agreedCopyOf(parsed.records()));

    assertThat(counted).containsExactly("checking many.json against its last reading");
    assertThat(new ArrayList<>(recalled.records().keys()))
        .isEqualTo(new ArrayList<>(parsed.records().keys()))
        .contains("\u03ba\u00e9-59999");
    assertThat(places(recalled.files().get(0).spans()))
        .isEqualTo(places(parsed.files().get(0).spans()));
  }

  @Test
  void onlyAJsonListOfTheSizeGivenIsRemembered() throws IOException {
    RecordFiles large =
        new RecordFiles(dir, Clock.systemUTC(), Files.size(dir.resolve("things.json")) + 1);
    large.remember(large.read(THINGS));
    assertThat(memos()).isEmpty();

    Files.writeString(dir.resolve("things.yml"), "- id: a\n- id: b\n");
    files.remember(files.read(entity("y").files("things.yml").build()));
    Files.writeString(dir.resolve("map.json"), "{\"a\": {\"n\": 1}}");
    files.remember(files.read(entity("m").files("map.json").layout(Layout.MAP).build()));
    assertThat(memos()).isEmpty();

    RecordFiles justLargeEnough =
        new RecordFiles(dir, Clock.systemUTC(), Files.size(dir.resolve("things.json")));
    justLargeEnough.remember(justLargeEnough.read(THINGS));
    assertThat(memos()).hasSize(1);
  }

  @Test
  void aMissingFileIsReadAsBeforeWithoutAMemo() {
    Entity none = entity("none").files("none.json").build();

    FileRead read = files.read(none, progress, () -> new Snapshot());

    assertThat(read.records().size()).isZero();
    assertThat(memos()).isEmpty();
  }

  /** The base an apply that agreed on every record leaves: the same records, in key order. */
  private static Snapshot agreedCopyOf(Snapshot records) {
    Snapshot base = new Snapshot();
    records.keys().stream().sorted().forEach(key -> base.put(key, records.get(key)));
    return base;
  }

  private static List<String> places(RecordSpans spans) {
    List<String> places = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      places.add(spans.key(i) + "@" + spans.start(i) + ".." + spans.end(i));
    }
    return places;
  }

  private Path onlyMemo() throws IOException {
    List<Path> memos = memos();
    assertThat(memos).hasSize(1);
    return memos.get(0);
  }

  private List<Path> memos() {
    Path memo = dir.resolve(".syncline").resolve("memo");
    if (!Files.isDirectory(memo)) {
      return List.of();
    }
    try (Stream<Path> listed = Files.list(memo)) {
      return listed.toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
