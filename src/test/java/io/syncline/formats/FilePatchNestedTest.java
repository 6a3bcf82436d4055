package io.syncline.formats;

import static io.syncline.formats.FilePatchTest.update;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.Layout;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A database change inside an object or list field patches only the changed member or item: each
 * case gives the file before, the field's new value (canonical JSON, keys sorted and escapes
 * decoded as the database gives them) and the lines that differ after.
 */
class FilePatchNestedTest {
  static final Entity COUNTRIES =
      FilePatchTest.entity(Layout.LIST, "", "id", "id", "translations", "tags");
  static final Entity TASKS =
      FilePatchTest.entity(Layout.LIST, "/tasks", "name", "name", "tags", "cfg");

  /** The lines of {@code before} and {@code after} between their common first and last lines. */
  static List<List<String>> changedLines(String before, String after) {
    List<String> a = before.lines().toList();
    List<String> b = after.lines().toList();
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    return List.of(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix));
  }

  static String json(String text, String key, String field, String value) {
    return FilePatch.apply(
        text, false, COUNTRIES, "countries.json", update(key, field, value), Map.of(), Set.of());
  }

  static String yaml(String text, String key, String field, String value) {
    return FilePatch.apply(
        text, true, TASKS, "tasks.yml", update(key, field, value), Map.of(), Set.of());
  }

  static final String COUNTRY =
      """
      [
      \t{
      \t\t"id": "FR",
      \t\t"translations": {
      \t\t\t"pt": "Fran\\u00e7a",
      \t\t\t"de": "Frankreich",
      \t\t\t"es": "Francia"
      \t\t},
      \t\t"tags": [
      \t\t\t"eu",
      \t\t\t"schengen"
      \t\t]
      \t}
      ]
      """;

  @Test
  void oneChangedMemberOfANestedObjectChangesOneLineAndKeepsOrderEscapesAndTabs() {
    String after =
        json(
            COUNTRY,
            "FR",
            "translations",
            "{\"de\":\"Frankreich!\",\"es\":\"Francia\",\"pt\":\"França\"}");

    assertThat(changedLines(COUNTRY, after))
        .containsExactly(
            List.of("\t\t\t\"de\": \"Frankreich\","), List.of("\t\t\t\"de\": \"Frankreich!\","));
  }

  @Test
  void aChangedStringInAFileThatEscapesIsEscapedToo() {
    String after =
        json(
            COUNTRY,
            "FR",
            "translations",
            "{\"de\":\"Frankreich\",\"es\":\"Francia\",\"pt\":\"França!\"}");

    assertThat(changedLines(COUNTRY, after))
        .containsExactly(
            List.of("\t\t\t\"pt\": \"Fran\\u00e7a\","),
            List.of("\t\t\t\"pt\": \"Fran\\u00e7a!\","));
    assertThat(json("[{\"id\": \"FR\", \"name\": \"x\"}]", "FR", "name", "\"França\""))
        .as("a file that writes no escapes gets none")
        .isEqualTo("[{\"id\": \"FR\", \"name\": \"França\"}]");
  }

  @Test
  void aMemberAddedOrRemovedIsOneLine() {
    String added =
        json(
            COUNTRY,
            "FR",
            "translations",
            "{\"de\":\"Frankreich\",\"es\":\"Francia\",\"it\":\"Francia\",\"pt\":\"França\"}");
    assertThat(changedLines(COUNTRY, added))
        .containsExactly(
            List.of("\t\t\t\"es\": \"Francia\""),
            List.of("\t\t\t\"es\": \"Francia\",", "\t\t\t\"it\": \"Francia\""));

    String removed = json(COUNTRY, "FR", "translations", "{\"es\":\"Francia\",\"pt\":\"França\"}");
    assertThat(changedLines(COUNTRY, removed))
        .containsExactly(List.of("\t\t\t\"de\": \"Frankreich\","), List.of());
  }

  @Test
  void aListItemChangedInsertedOrRemovedIsOneLine() {
    assertThat(changedLines(COUNTRY, json(COUNTRY, "FR", "tags", "[\"EU\",\"schengen\"]")))
        .containsExactly(List.of("\t\t\t\"eu\","), List.of("\t\t\t\"EU\","));
    assertThat(changedLines(COUNTRY, json(COUNTRY, "FR", "tags", "[\"eu\",\"nato\",\"schengen\"]")))
        .containsExactly(List.of(), List.of("\t\t\t\"nato\","));
    assertThat(changedLines(COUNTRY, json(COUNTRY, "FR", "tags", "[\"nato\",\"eu\",\"schengen\"]")))
        .containsExactly(List.of(), List.of("\t\t\t\"nato\","));
    assertThat(changedLines(COUNTRY, json(COUNTRY, "FR", "tags", "[\"schengen\"]")))
        .containsExactly(List.of("\t\t\t\"eu\","), List.of());
    assertThat(changedLines(COUNTRY, json(COUNTRY, "FR", "tags", "[\"eu\"]")))
        .containsExactly(List.of("\t\t\t\"eu\",", "\t\t\t\"schengen\""), List.of("\t\t\t\"eu\""));
  }

  @Test
  void oneLineListsAndObjectsStayOnOneLine() {
    String text =
        "[{\"id\": \"FR\", \"tags\": [\"eu\", \"schengen\"], \"translations\": {\"de\":"
            + " \"Frankreich\"}}]";
    assertThat(json(text, "FR", "tags", "[\"eu\",\"nato\",\"schengen\"]"))
        .isEqualTo(text.replace("\"eu\", \"schengen\"", "\"eu\", \"nato\", \"schengen\""));
    assertThat(json(text, "FR", "tags", "[\"schengen\"]"))
        .isEqualTo(text.replace("\"eu\", \"schengen\"", "\"schengen\""));
    assertThat(json(text, "FR", "translations", "{\"de\":\"Frankreich\",\"es\":\"Francia\"}"))
        .isEqualTo(text.replace("\"Frankreich\"}", "\"Frankreich\", \"es\": \"Francia\"}"));
  }

  @Test
  void aMemberOfAnObjectInAListChangesOnItsOwnLine() {
    String text =
        """
        [
          {
            "id": "FR",
            "tags": [
              {"lang": "de", "text": "EU"},
              {
                "lang": "fr",
                "text": "UE"
              }
            ]
          }
        ]
        """;
    String after =
        json(
            text,
            "FR",
            "tags",
            "[{\"lang\":\"de\",\"text\":\"EU!\"},{\"lang\":\"fr\",\"text\":\"UE!\"}]");
    assertThat(after).isEqualTo(text.replace("\"EU\"", "\"EU!\"").replace("\"UE\"", "\"UE!\""));
  }

  static final String TAGS =
      """
      tasks:
        - name: backup
          tags:
            - x   # first
            # a comment
            - "y"
          cfg:
            retries: 3   # enough
            exts: [".py", '.js']
            owner: 'ops'
        - name: report
      """;

  @Test
  void anItemAppendedToACommentedYamlListKeepsTheCommentsAndTheListsQuotes() {
    assertThat(yaml(TAGS, "backup", "tags", "[\"x\",\"y\",\"z\"]"))
        .isEqualTo(TAGS.replace("      - \"y\"\n", "      - \"y\"\n      - \"z\"\n"));
  }

  @Test
  void anItemInsertedOrRemovedInAYamlListLeavesTheCommentsAboveTheirItems() {
    assertThat(yaml(TAGS, "backup", "tags", "[\"x\",\"w\",\"y\"]"))
        .isEqualTo(TAGS.replace("first\n", "first\n      - w\n"));
    assertThat(yaml(TAGS, "backup", "tags", "[\"w\",\"x\",\"y\"]"))
        .isEqualTo(TAGS.replace("      - x   #", "      - w\n      - x   #"));
    assertThat(yaml(TAGS, "backup", "tags", "[\"y\"]"))
        .isEqualTo(TAGS.replace("      - x   # first\n", ""));
    assertThat(yaml(TAGS, "backup", "tags", "[\"x\",\"Y\"]"))
        .isEqualTo(TAGS.replace("- \"y\"", "- \"Y\""));
  }

  @Test
  void aNestedYamlMemberChangesAloneAndQuotedStringsStayQuoted() {
    assertThat(
            yaml(
                TAGS,
                "backup",
                "cfg",
                "{\"exts\":[\".py\",\".ts\"],\"owner\":\"ops\",\"retries\":3}"))
        .isEqualTo(TAGS.replace("'.js'", "'.ts'"));
    assertThat(
            yaml(
                TAGS,
                "backup",
                "cfg",
                "{\"exts\":[\".py\",\".js\",\".rb\"],\"owner\":\"dev\",\"retries\":5}"))
        .isEqualTo(
            TAGS.replace("retries: 3", "retries: 5")
                .replace("'.js']", "'.js', '.rb']")
                .replace("'ops'", "'dev'"));
    assertThat(
            yaml(
                TAGS,
                "backup",
                "cfg",
                "{\"exts\":[\".py\",\".js\"],\"owner\":\"ops\",\"retries\":3,\"when\":\"daily\"}"))
        .isEqualTo(TAGS.replace("      owner: 'ops'\n", "      owner: 'ops'\n      when: daily\n"));
    assertThat(yaml(TAGS, "backup", "cfg", "{\"exts\":[\".py\",\".js\"],\"owner\":\"ops\"}"))
        .isEqualTo(TAGS.replace("      retries: 3   # enough\n", ""));
  }

  @Test
  void yamlListsInsideListsAndOneItemFlowListsGainItemsInTheirStyle() {
    String text =
        """
        tasks:
          - name: backup
            tags:
              - - a
                - b
            cfg: [x]
        """;
    assertThat(yaml(text, "backup", "tags", "[[\"z\",\"a\",\"b\"]]"))
        .isEqualTo(text.replace("- - a\n", "- - z\n        - a\n"));
    assertThat(yaml(text, "backup", "tags", "[[\"b\"]]"))
        .isEqualTo(text.replace("- - a\n        - b\n", "- - b\n"));
    assertThat(yaml(text, "backup", "cfg", "[\"x\",\"w\"]"))
        .isEqualTo(text.replace("[x]", "[x, w]"));
  }

  @Test
  void aRecordInsertedIntoAYamlListFollowsItsIndentationAndQuotes() {
    String text =
        """
        tasks:
        -   name: "backup"
            tags:
            - 'db'
            cfg:
                retries: 3
        """;
    String after =
        FilePatch.apply(
            text,
            true,
            TASKS,
            "tasks.yml",
            Map.of(),
            Map.of("audit", "{\"cfg\":{\"retries\":1},\"name\":\"audit\",\"tags\":[\"x\",\"y\"]}"),
            Set.of());
    assertThat(after)
        .isEqualTo(
            text
                + """
                -   name: "audit"
                    tags:
                    - 'x'
                    - 'y'
                    cfg:
                        retries: 1
                """);
  }

  @Test
  void aRecordInsertedIntoAYamlMapTakesTheQuotesAndBracketsOfTheRecordBefore() {
    Entity map = FilePatchTest.entity(Layout.MAP, "/tasks", "name", "name", "cron", "tags");
    String text =
        """
        tasks:
          backup:
            cron: '0 2 * * *'
            tags: ["db"]
        """;
    String after =
        FilePatch.apply(
            text,
            true,
            map,
            "tasks.yml",
            Map.of(),
            Map.of("audit", "{\"cron\":\"@daily\",\"name\":\"audit\",\"tags\":[\"x\",\"y\"]}"),
            Set.of());
    assertThat(after)
        .isEqualTo(
            text
                + """
                  audit:
                    cron: '@daily'
                    tags: ["x", "y"]
                """);
  }

  @Test
  void anObjectInsertedIntoAListTakesItsMembersInTheOrderItsNeighbourHasThem() {
    String before =
        """
        [
          {
            "id": "FR",
            "tags": [
              {"since": 1958, "name": "eu"},
              {"since": 1995, "name": "schengen"}
            ]
          }
        ]
        """;

    String after =
        json(
            before,
            "FR",
            "tags",
            "[{\"name\":\"eu\",\"since\":1958},{\"name\":\"nato\",\"since\":1949},"
                + "{\"name\":\"schengen\",\"since\":1995}]");

    assertThat(changedLines(before, after))
        .isEqualTo(List.of(List.of(), List.of("      {\"since\": 1949, \"name\": \"nato\"},")));
  }
}
