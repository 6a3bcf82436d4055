package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import io.syncline.core.SynclineException;
import io.syncline.core.UpdateMaps;
import io.syncline.core.Value;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load} keeps where each record of a JSON list sits, and {@code apply} writing records back
 * finds them there instead of parsing the file's text again: with exactly the bytes the parse would
 * give, and never trusting spans that do not fit the text.
 */
class RecordSpansTest {
  @TempDir Path dir;

  static final Entity THINGS = entity("thing").files("things.json").build();

  @Test
  void loadKeepsWhereEachRecordOfAJsonListSits() throws IOException {
    String text =
        "[{\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\",\n   \"note\": \"Zoë\"}, {\"id\": \"c\"}]\n";
    Files.writeString(dir.resolve("things.json"), text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

    RecordSpans spans = new RecordFiles(dir).read(THINGS).files().get(0).spans();

    assertThat(spans.size()).isEqualTo(3);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      found.add(
          spans.key(i)
              + "="
              + new String(
                  bytes, spans.start(i), spans.end(i) - spans.start(i), StandardCharsets.UTF_8));
    }
    assertThat(found)
        .containsExactly(
            "a={\"id\": \"a\", \"n\": 1}",
            "b={\"id\": \"b\",\n   \"note\": \"Zoë\"}",
            "c={\"id\": \"c\"}");
  }

  @Test
  void noSpansAreKeptForYamlMapsOrSeveralFiles() throws IOException {
    Files.writeString(dir.resolve("a.yml"), "- id: a\n");
    Files.writeString(dir.resolve("m.json"), "{\"a\": {\"n\": 1}}");
    Files.writeString(dir.resolve("s-1.json"), "[{\"id\": \"a\"}]");
    Files.writeString(dir.resolve("s-2.json"), "[{\"id\": \"b\"}]");
    RecordFiles files = new RecordFiles(dir);

    assertThat(files.read(entity("y").files("a.yml").build()).files().get(0).spans().kept())
        .isFalse();
    assertThat(
            files
                .read(entity("m").files("m.json").layout(Layout.MAP).build())
                .files()
                .get(0)
                .spans()
                .kept())
        .isFalse();
    assertThat(files.read(entity("s").files("s-*.json").build()).files())
        .allSatisfy(f -> assertThat(f.spans().kept()).isFalse());
  }

  @Test
  void anUpdateFromSpansDoesNotParseTheRestOfTheText() throws IOException {
    // The middle record is not JSON: a parse of the whole text would stop there. (A file load
    // read has no such record; this one shows the text between the spans is not read again.)
    String text =
        "[\n{\"id\": \"a\", \"n\": 1},\n{\"id\": \"b\", , },\n{\"id\": \"c\", \"n\": 3}\n]\n";
    RecordSpans spans = spansOf(text, "a", "b", "c");

    byte[] written = patch(text, spans, UpdateMaps.byKey(Map.of("c", Map.of("n", "4"))));

    assertThat(new String(written, StandardCharsets.UTF_8))
        .isEqualTo(text.replace("\"n\": 3", "\"n\": 4"));
  }

  /**
   * Text beyond ASCII in one record leaves the others patched from their spans, byte for byte; that
   * record itself is patched the whole text's way.
   */
  @Test
  void aRecordBeyondAsciiLeavesTheOthersPatchedFromTheirSpans() throws IOException {
    String far = " ".repeat(FileExcerpts.MARGIN * 2);
    String text =
        "[{\"id\": \"a\", \"n\": 1},"
            + far
            + "{\"id\": \"b\", \"note\": \"Zoë\"},"
            + far
            + "{\"id\": \"c\", \"n\": 3}]\n";
    Files.writeString(dir.resolve("things.json"), text);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    RecordSpans spans = new RecordFiles(dir).read(THINGS).files().get(0).spans();

    SplicedBytes c =
        fromSpans(bytes, spans, THINGS, UpdateMaps.byKey(Map.of("c", Map.of("n", "4"))));
    Map<String, FieldUpdates> b = UpdateMaps.byKey(Map.of("b", Map.of("note", "\"Zoé\"")));

    assertThat(c).isNotNull();
    assertThat(new String(c.toArray(), StandardCharsets.UTF_8))
        .isEqualTo(text.replace("\"n\": 3", "\"n\": 4"));
    assertThat(fromSpans(bytes, spans, THINGS, b)).isNull();
    assertThat(new String(patch(text, spans, b), StandardCharsets.UTF_8))
        .isEqualTo(text.replace("Zoë", "Zoé"));
  }

  @Test
  void spansThatDoNotFitTheTextAreNotTrusted() throws IOException {
    String text =
        "[\n{\"id\": \"a\", \"n\": 1},\n{\"id\": \"b\", \"n\": 2},\n{\"id\": \"c\", \"n\": 3}\n]\n";
    Map<String, FieldUpdates> updates = UpdateMaps.byKey(Map.of("b", Map.of("n", "5")));
    String expected = text.replace("\"n\": 2", "\"n\": 5");
    RecordSpans right = spansOf(text, "a", "b", "c");
    RecordSpans swapped = RecordSpans.keeping();
    swapped.add("a", right.start(0), right.end(0));
    swapped.add("c", right.start(1), right.end(1)); // b's span, said to be c's
    swapped.add("b", right.start(2), right.end(2));
    RecordSpans shifted = RecordSpans.keeping();
    for (int i = 0; i < 3; i++) {
      shifted.add(right.key(i), right.start(i) + 1, right.end(i) + 1);
    }

    RecordSpans past = RecordSpans.keeping();
    past.add("a", right.start(0), right.end(0));
    past.add("b", right.start(1), text.length() + 1);
    past.add("c", right.start(2), right.end(2));

    assertThat(new String(patch(text, past, updates), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(new String(patch(text, swapped, updates), StandardCharsets.UTF_8))
        .isEqualTo(expected);
    assertThat(new String(patch(text, shifted, updates), StandardCharsets.UTF_8))
        .isEqualTo(expected);
  }

  @Test
  void aFileWithTextBeyondAsciiIsPatchedFromItsWholeText() throws IOException {
    // Char offsets are not byte offsets after the é: the spans' byte ranges are not the text's.
    String text = "[\n{\"id\": \"a\", \"n\": \"Zoë\"},\n{\"id\": \"b\", \"n\": 2}\n]\n";
    RecordSpans spans = RecordSpans.keeping();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String utf8 = new String(bytes, StandardCharsets.ISO_8859_1); // one char per byte
    spans.add("a", utf8.indexOf("{\"id\": \"a\""), utf8.indexOf('}') + 1);
    spans.add("b", utf8.indexOf("{\"id\": \"b\""), utf8.lastIndexOf('}') + 1);

    assertThat(fromSpans(bytes, spans, THINGS, updateOfB())).isNull();
    assertThat(new String(patch(text, spans, updateOfB()), StandardCharsets.UTF_8))
        .isEqualTo(text.replace("\"n\": 2", "\"n\": 5"));
  }

  /**
   * After an apply wrote records back, the session knows where the records sit in the new bytes
   * without reading them again: the places and checksum a new {@code load} would find, so that the
   * next apply too reads only the records it updates.
   */
  @Test
  void afterAWriteTheRecordsPlacesAreThoseANewLoadFinds() throws IOException {
    String text =
        "[\n  {\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\", \"n\": 2},\n"
            + "  {\"id\": \"c\", \"n\": 3},\n  {\"id\": \"d\", \"n\": 4}\n]\n";
    Files.writeString(dir.resolve("things.json"), text);
    RecordFiles files = new RecordFiles(dir);
    FileRead read = files.read(THINGS);
    EntityPlan plan = EntityPlan.empty(THINGS);
    plan.fileUpdates().put("a", new FieldUpdates().set("n", "1000")); // the first record
    plan.fileUpdates().put("b", new FieldUpdates().set("note", "\"new\"")); // a field added
    plan.fileUpdates().put("d", new FieldUpdates().set("n", "5")); // the last one
    FileWrite write = files.prepare(List.of(plan), Map.of("thing", read));
    write.commit();

    SourceFile after =
        files.afterWrite(read, plan, write, RecordFiles.updatedTexts(read, plan)).files().get(0);

    SourceFile loaded = files.read(THINGS).files().get(0);
    assertThat(after.size()).isEqualTo(loaded.size());
    assertThat(after.checksum()).isEqualTo(loaded.checksum());
    assertThat(after.spans().kept()).isTrue();
    assertThat(places(after.spans())).isEqualTo(places(loaded.spans()));
  }

  /**
   * Writing a few records back into a large file holds those records and the edits, not the file:
   * the rest is read from the file again as the new bytes are written, and a file changed after the
   * apply was planned is refused, not spliced into.
   */
  @Test
  void aFewRecordsWrittenBackAreReadFromTheFileNotHeldWhole() throws IOException {
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < 2_000; i++) {
      text.append(i == 0 ? "" : ",\n").append("  {\"id\": \"r" + i + "\", \"n\": " + i + "}");
    }
    String before = text.append("\n]\n").toString();
    Path path = dir.resolve("things.json");
    Files.writeString(path, before);
    RecordFiles files = new RecordFiles(dir);
    FileRead read = files.read(THINGS);
    EntityPlan plan = EntityPlan.empty(THINGS);
    plan.fileUpdates().put("r7", new FieldUpdates().set("n", "70"));
    plan.fileUpdates().put("r1500", new FieldUpdates().set("n", "15000"));

    FileWrite write = files.prepare(List.of(plan), Map.of("thing", read));
    write.images();
    write.commit();

    assertThat(write.written().get(path.toAbsolutePath().normalize()).bytes().readsItsFile())
        .isTrue();
    assertThat(Files.readString(path))
        .isEqualTo(
            before
                .replace("\"r7\", \"n\": 7}", "\"r7\", \"n\": 70}")
                .replace("\"r1500\", \"n\": 1500}", "\"r1500\", \"n\": 15000}"));
  }

  @Test
  void aFileChangedAfterTheApplyWasPlannedIsNotWritten() throws IOException {
    String before = "[\n  {\"id\": \"a\", \"n\": 1},\n  {\"id\": \"b\", \"n\": 2}\n]\n";
    String edited = before.replace("\"n\": 2", "\"n\": 3"); // the same size
    Path path = dir.resolve("things.json");
    Files.writeString(path, before);
    RecordFiles files = new RecordFiles(dir);
    FileRead read = files.read(THINGS);
    EntityPlan plan = EntityPlan.empty(THINGS);
    plan.fileUpdates().put("a", new FieldUpdates().set("n", "100"));
    FileWrite write = files.prepare(List.of(plan), Map.of("thing", read));

    Files.writeString(path, edited);

    assertThatThrownBy(write::images).isInstanceOf(SynclineException.FileChanged.class);
    assertThatThrownBy(write::commit).isInstanceOf(SynclineException.FileChanged.class);
    assertThat(Files.readString(path)).isEqualTo(edited);
  }

  private static List<String> places(RecordSpans spans) {
    List<String> places = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      places.add(spans.key(i) + "@" + spans.start(i) + ".." + spans.end(i));
    }
    return places;
  }

  private static Map<String, FieldUpdates> updateOfB() {
    return UpdateMaps.byKey(Map.of("b", Map.of("n", "5")));
  }

  /**
   * For random lists of records, pretty or on one line, and random updates (a field changed, added,
   * set null, nested values patched), the bytes written from the spans {@code load} kept are those
   * written after a parse of the whole text.
   */
  @Test
  void updatesFromSpansWriteTheBytesAWholeParseWrites() throws IOException {
    String[] fields = {"name", "cron", "enabled", "tags", "n", "cfg"};
    Entity entity = FilePatchTest.entity(Layout.LIST, "", "name", fields);
    Entity loaded = entity("tasks").files("tasks.json").key("name").build(); // types not checked
    Path file = dir.resolve("tasks.json");
    int fromSpans = 0;
    for (int seed = 0; seed < 400; seed++) {
      Random random = new Random(seed);
      Map<String, Value.Obj> records = new LinkedHashMap<>();
      int count = 2 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        records.put("k" + i, oneMember(random, i) ? single("k" + i) : record(random, "k" + i));
      }
      String text =
          FilePatchPropertyTest.document(entity, records.values(), false, random.nextBoolean());
      if (random.nextInt(3) == 0) {
        text = text.replace("\n", "\r\n"); // a pretty value written anew takes the CR LF
      }
      Map<String, Map<String, String>> edits = new LinkedHashMap<>();
      for (String key : records.keySet()) {
        if (random.nextInt(3) == 0) {
          Map<String, String> changed = new LinkedHashMap<>();
          String field = fields[1 + random.nextInt(fields.length - 1)];
          Value value = newValue(records.get(key).get(field), random);
          changed.put(field, value instanceof Value.Null ? null : value.canonical());
          edits.put(key, changed);
        }
      }
      Map<String, FieldUpdates> updates = UpdateMaps.byKey(edits);
      Files.writeString(file, text);
      RecordSpans spans = new RecordFiles(dir).read(loaded).files().get(0).spans();
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

      byte[] expected =
          FilePatch.apply(text, false, entity, "f", updates, Map.of(), Set.of())
              .getBytes(StandardCharsets.UTF_8);
      SplicedBytes spliced = fromSpans(bytes, spans, entity, updates);
      byte[] written;
      if (spliced == null) {
        written =
            FilePatch.applyUtf8(bytes, text, false, entity, "f", updates, Map.of(), Set.of())
                .toArray();
      } else {
        written = spliced.toArray();
        fromSpans++;
      }

      assertThat(new String(written, StandardCharsets.UTF_8))
          .as("seed " + seed + "\n" + text)
          .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }
    assertThat(fromSpans).as("files patched from their spans").isGreaterThan(50);
  }

  /** Null, a new value, or (for half of the fields there) the old one changed inside. */
  private static Value newValue(Value old, Random random) {
    boolean empty =
        old instanceof Value.Array a && a.items().isEmpty()
            || old instanceof Value.Obj o && o.fields().isEmpty();
    if (random.nextInt(4) == 0) {
      return Value.NULL;
    }
    return old != null && !empty && random.nextBoolean()
        ? FilePatchPropertyTest.mutate(old, random)
        : FilePatchPropertyTest.value(random, 1);
  }

  private static boolean oneMember(Random random, int i) {
    return i < 2 && random.nextInt(3) == 0;
  }

  /** A record of its key alone: a field added to it takes its separator from the list. */
  private static Value.Obj single(String key) {
    return new Value.Obj(Map.of("name", new Value.Text(key)));
  }

  /** A record as the property test makes them, its texts kept ASCII. */
  private static Value.Obj record(Random random, String key) {
    Value.Obj record = FilePatchPropertyTest.record(random, key);
    return record.canonical().chars().allMatch(c -> c < 0x80) ? record : single(key);
  }

  private static RecordSpans spansOf(String text, String... keys) {
    RecordSpans spans = RecordSpans.keeping();
    int from = 0;
    for (String key : keys) {
      int start = text.indexOf("{\"id\": \"" + key + "\"", from);
      int end = text.indexOf('}', start) + 1;
      spans.add(key, start, end);
      from = end;
    }
    return spans;
  }

  /**
   * {@link FilePatch#applyFromSpans} as {@code FilePlan} calls it: on the excerpts of a file
   * holding {@code bytes}, read through a buffer of a few bytes so that records cross its edges.
   */
  private SplicedBytes fromSpans(
      byte[] bytes, RecordSpans spans, Entity entity, Map<String, FieldUpdates> updates)
      throws IOException {
    int[] positions = spans.positionsOf(updates.keySet());
    if (positions == null) {
      return null;
    }
    Path file = dir.resolve("patched.json");
    Files.write(file, bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    FileExcerpts excerpts =
        FileExcerpts.read(file, bytes.length, crc.getValue(), spans, positions, 7);
    return FilePatch.applyFromSpans(excerpts, spans, positions, entity, "f", updates);
  }

  /** As {@code FilePlan} patches: from the spans, or, when they do not apply, the whole text. */
  private byte[] patch(String text, RecordSpans spans, Map<String, FieldUpdates> updates)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    SplicedBytes written = fromSpans(bytes, spans, THINGS, updates);
    return written != null
        ? written.toArray()
        : FilePatch.applyUtf8(
                bytes, text, false, THINGS, "things.json", updates, Map.of(), Set.of())
            .toArray();
  }
}
