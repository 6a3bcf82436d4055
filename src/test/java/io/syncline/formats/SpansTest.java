package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.formats.Spans.Node;
import java.util.ArrayList;
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
            (i, name, record) -> {
              seen.add(i + ":" + record.value().canonical());
              return i == 1;
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

  @Test
  void onlyTheRecordsAtThePointerAreShown() {
    List<Integer> seen = new ArrayList<>();
    Spans.parse(
        TEXT,
        false,
        "f.json",
        "/a~1b/1/items",
        Set.of("id"),
        (i, name, record) -> {
          seen.add(i);
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
            (i, name, record) -> {
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
            (i, name, record) -> false);

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
            Map.of("500", Map.of("n", "\"y\"")),
            Map.of("1000", "{\"id\":1000,\"n\":\"z\"}"),
            Set.of("3", "999"));

    assertThat(after)
        .isEqualTo(
            before
                .replace("  {\"id\": 3, \"n\": \"x\"},\n", "")
                .replace("{\"id\": 500, \"n\": \"x\"}", "{\"id\": 500, \"n\": \"y\"}")
                .replace(",\n  {\"id\": 999, \"n\": \"x\"}", ",\n  {\"id\": 1000, \"n\": \"z\"}"));
  }
}
