package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Value;
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
      {"a/b": [{"skip": [{"id": 0}]}, {"items": [{"id": 1}, {"id": 2, "n": [3]}, {"id": 4}]}]}
      """;

  @Test
  void recordsNotKeptWholeKeepOnlyWhereTheyAreAndTheLastStaysWhole() {
    List<String> seen = new ArrayList<>();
    Node root =
        Spans.parse(
            TEXT,
            false,
            "f.json",
            "/a~1b/1/items",
            (i, name, record) -> {
              seen.add(i + ":" + record.value().canonical());
              return false;
            });

    assertThat(seen).containsExactly("0:{\"id\":1}", "1:{\"id\":2,\"n\":[3]}", "2:{\"id\":4}");
    Node items = root.children.get(0).children.get(1).children.get(0);
    Node second = items.children.get(1);
    assertThat(second.whole).isFalse();
    assertThat(second.children).isEmpty();
    assertThat(TEXT.substring(second.start, second.end)).isEqualTo("{\"id\": 2, \"n\": [3]}");
    assertThat(items.children.get(2).whole).isTrue();
    assertThat(items.children.get(2).value()).isEqualTo(new Value.Obj(Map.of("id", num(4))));
    assertThatThrownBy(second::value).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void onlyTheRecordsAtThePointerAreShown() {
    List<Integer> seen = new ArrayList<>();
    Spans.parse(
        TEXT,
        false,
        "f.json",
        "/a~1b/1/items",
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
            "- &a {id: 1}\n- id: 2\n  copy: *a\n", true, "f.yml", "", (i, name, record) -> false);

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

  private static Value num(int n) {
    return new Value.Num(new java.math.BigDecimal(n));
  }
}
