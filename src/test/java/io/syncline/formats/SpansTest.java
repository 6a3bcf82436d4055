package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.FieldUpdates;
import io.syncline.core.UnableToReadFile;
import io.syncline.formats.Spans.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a large file for a few changes keeps only those records whole. */
class SpansTest {
  static final String TEXT =
      """
      {"a/b": [{"skip": [{"id": 0}]}, {"items": [{"id": 1}, {"n": [3], "id": 2}, {"id": 4, "m": true}]}]}
      """;

  @Test
  void recordsNotKeptWholeKeepOnlyWhereTheyAreAndTheLastIsReadWhole() {
    List<String> seen = new ArrayList<>();
    Node root =
        Spans.parse(
            TEXT,
            false,
            "f.json",
            "/a~1b/1/items",
            Set.of("id"),
            (name, record) -> {
              seen.add(seen.size() + ":" + record.value().canonical());
              return seen.size() == 2;
            });

    // Each record as it is read, with only its key members.
    assertThat(seen).containsExactly("0:{\"id\":1}", "1:{\"id\":2}", "2:{\"id\":4}");
    Node items = root.children.get(0).children.get(1).children.get(0);
    Node first = items.children.get(0);
    assertThat(first.whole).isFalse();
    assertThat(first.children).isEmpty();
    assertThat(TEXT.substring(first.start, first.end)).isEqualTo("{\"id\": 1}");
    assertThatThrownBy(first::value).isInstanceOf(IllegalStateException.class);
    Node second = items.children.get(1);
    assertThat(second.whole).isTrue();
    assertThat(second.value().canonical()).isEqualTo("{\"id\":2,\"n\":[3]}");
    Node n = second.children.get(second.indexOf("n"));
    assertThat(TEXT.substring(n.start, n.end)).isEqualTo("[3]");
    assertThat(TEXT.substring(second.nameStarts.get(1), second.end)).isEqualTo("\"id\": 2}");
    assertThat(second.children.get(1).parent).isSameAs(second);
    Node last = items.children.get(2);
    assertThat(last.whole).isTrue();
    assertThat(last.value().canonical()).isEqualTo("{\"id\":4,\"m\":true}");
    assertThat(TEXT.substring(last.start, last.end)).isEqualTo("{\"id\": 4, \"m\": true}");
    assertThat(last.parent).isSameAs(items);
  }

  /**
   * Records read from their spans for a patch hold whole only the members it reads; the others are
   * where a whole read finds them, with no value made of them.
   */
  @Test
  void aRecordReadFromItsSpanForAPatchHoldsOnlyTheMembersNamedWhole() {
    String text =
        """
        [{"id": 1, "n": 1.50, "tags": ["a", {"b": [2]}], "cfg": {"x": null}, "s": "q\\\\"}, {"id": 2}]
        """;
    RecordSpans spans = RecordSpans.keeping();
    spans.add("1", text.indexOf('{'), text.indexOf("}, {") + 1);
    spans.add("2", text.indexOf("{\"id\": 2"), text.lastIndexOf('}') + 1);
    int[] first = {0};

    Node some = Spans.listOf(FileText.of(text), spans, first, Set.of("id", "cfg")).children.get(0);
    Node all = Spans.listOf(FileText.of(text), spans, first, null).children.get(0);

    assertThat(some.names).isEqualTo(all.names);
    assertThat(some.nameStarts).isEqualTo(all.nameStarts);
    assertThat(some.end).isEqualTo(all.end);
    for (int i = 0; i < all.size(); i++) {
      Node member = some.children.get(i);
      Node whole = all.children.get(i);
      String name = all.names.get(i);
      assertThat(text.substring(member.start, member.end))
          .as(name)
          .isEqualTo(text.substring(whole.start, whole.end));
      assertThat(member.kind).as(name).isEqualTo(whole.kind);
      assertThat(member.parent).as(name).isSameAs(some);
      if (name.equals("id") || name.equals("cfg")) {
        assertThat(member.value()).as(name).isEqualTo(whole.value());
      } else {
        assertThat(member.whole).as(name).isFalse();
        assertThatThrownBy(member::value).as(name).isInstanceOf(IllegalStateException.class);
      }
    }
    assertThat(all.children.get(all.indexOf("s")).value().canonical()).isEqualTo("\"q\\\\\"");
  }

  @Test
  void onlyTheRecordsAtThePointerAreShown() {
    List<Integer> seen = new ArrayList<>();
    Spans.parse(
        TEXT,
        false,
        "f.json",
        "/a~1b/1/items",
        Set.of("id"),
        (name, record) -> {
          seen.add(seen.size());
          return true;
        });

    assertThat(seen).containsExactly(0, 1, 2); // not the item of /a~1b/0/skip
  }

  @Test
  void theMembersOfAnObjectOfRecordsAreShownWithTheirNames() {
    List<String> names = new ArrayList<>();
    Node root =
        Spans.parse(
            "{\"x\": {\"id\": 1}, \"y\": {\"id\": 2}, \"z\": {\"id\": 3}}",
            false,
            "f.json",
            "",
            Set.of(),
            (name, record) -> {
              names.add(name);
              return name.equals("x");
            });

    assertThat(names).containsExactly("x", "y", "z");
    assertThat(root.children.stream().map(n -> n.whole)).containsExactly(true, false, true);
    assertThat(root.names).containsExactly("x", "y", "z");
  }

  @Test
  void yamlRecordsAreAllKeptWholeSinceTheyCanShareAnchors() {
    Node root =
        Spans.parse(
            "- &a {id: 1}\n- id: 2\n  copy: *a\n",
            true,
            "f.yml",
            "",
            Set.of("id"),
            (name, record) -> false);

    assertThat(root.children.stream().map(n -> n.whole)).containsExactly(true, true);
  }

  @Test
  void aFilePatchReadingPastRecordsWritesWhatOneKeepingAllWould() {
    StringBuilder text = new StringBuilder("{\"items\": [\n");
    for (int i = 0; i < 1000; i++) {
      text.append(i == 0 ? "" : ",\n").append("  {\"id\": ").append(i).append(", \"n\": \"x\"}");
    }
    String before = text.append("\n]}\n").toString();

    String after =
        FilePatch.apply(
            before,
            false,
            FilePatchTest.ITEMS,
            "f.json",
            Map.of("500", new FieldUpdates().set("n", "\"y\"")),
            Map.of("1000", "{\"id\":1000,\"n\":\"z\"}"),
            Set.of("3", "999"));

    assertThat(after)
        .isEqualTo(
            before
                .replace("  {\"id\": 3, \"n\": \"x\"},\n", "")
                .replace("{\"id\": 500, \"n\": \"x\"}", "{\"id\": 500, \"n\": \"y\"}")
                .replace(",\n  {\"id\": 999, \"n\": \"x\"}", ",\n  {\"id\": 1000, \"n\": \"z\"}"));
  }

  /** A list of n records; every record's note holds {@code note}. */
  private static String records(int n, String note) {
    StringBuilder text = new StringBuilder("[\n");
    for (int i = 0; i < n; i++) {
      text.append(i == 0 ? "" : ",\n")
          .append("  {\"id\": \"r")
          .append(i)
          .append("\", \"a\": {\"b\": [1, {\"c\": \"}\"}]}, \"note\": \"")
          .append(note)
          .append(i)
          .append("\"}");
    }
    return text.append("\n]\n").toString();
  }

  /** What a parse keeps of each record: where it is, its key, and whole records' values. */
  private static List<String> kept(Node list) {
    List<String> kept = new ArrayList<>();
    for (Node record : list.children) {
      kept.add(
          record.start
              + "-"
              + record.end
              + " "
              + record.key
              + " "
              + (record.whole ? record.value().canonical() : "past")
              + " "
              + (record.parent == list));
    }
    kept.add("end " + list.end);
    return kept;
  }

  private static Node parseKeeping(String text, int splitFrom, Set<String> threads) {
    return Spans.parse(
        text,
        false,
        "f.json",
        "",
        Set.of("id"),
        (name, record) -> {
          threads.add(Thread.currentThread().getName());
          String key = record.value().canonical();
          if (key.endsWith("7\"}")) {
            record.key = key;
          }
          return key.endsWith("00\"}");
        },
        splitFrom);
  }

  @Test
  void aLargeListIsReadInTwoHalvesOnTwoThreadsAsOnePassReadsIt() {
    String text = records(2000, "x");
    Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    List<String> split = kept(parseKeeping(text, 0, threads));

    assertThat(threads).contains("syncline-patch"); // the second half was read beside
    assertThat(split).isEqualTo(kept(parseKeeping(text, Integer.MAX_VALUE, new HashSet<>())));
  }

  @Test
  void aGuessInsideAStringIsReadPastInOnePass() {
    // Every note holds "}, {": the item start guessed near the middle is inside a string.
    String text = records(2000, "}, {");

    assertThat(kept(parseKeeping(text, 0, java.util.concurrent.ConcurrentHashMap.newKeySet())))
        .isEqualTo(kept(parseKeeping(text, Integer.MAX_VALUE, new HashSet<>())));
  }

  @Test
  void aRecordTheSecondHalfRefusesIsReportedAsOnePassReportsIt() {
    String text = records(2000, "x");
    Spans.Records refuse =
        (name, record) -> {
          if (record.value().canonical().contains("r1500\"")) {
            throw new UnableToReadFile("f.json", 0, 0, "r1500 refused");
          }
          return false;
        };

    assertThatThrownBy(() -> Spans.parse(text, false, "f.json", "", Set.of("id"), refuse, 0))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("r1500 refused");
  }
}
