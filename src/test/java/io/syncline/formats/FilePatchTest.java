package io.syncline.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Entity;
import io.syncline.core.EntityBuilder;
import io.syncline.core.Field;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import io.syncline.core.UnableToReadFile;
import io.syncline.core.UpdateMaps;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilePatchTest {

  static Entity entity(Layout layout, String at, String key, String... fields) {
    return EntityBuilder.entity("tasks")
        .files("tasks.json")
        .layout(layout)
        .at(at)
        .key(key)
        .fields(Arrays.stream(fields).map(f -> new Field(f, null, null, null)).toList())
        .build();
  }

  static final Entity LIST = entity(Layout.LIST, "", "id", "id", "name", "tags");
  static final Entity ITEMS = entity(Layout.LIST, "/items", "id", "id", "name", "tags");
  static final Entity MAP = entity(Layout.MAP, "/tasks", "name", "name", "cron", "enabled");
  static final Entity YAML_LIST = entity(Layout.LIST, "/tasks", "name", "name", "cron", "enabled");

  static String json(
      String text,
      Map<String, FieldUpdates> updates,
      Map<String, String> inserts,
      Set<String> deletes) {
    return FilePatch.apply(text, false, LIST, "f.json", updates, inserts, deletes);
  }

  static Map<String, FieldUpdates> update(String key, String field, String json) {
    return Map.of(key, UpdateMaps.fields(field, json));
  }

  static final String PRETTY =
      """
      [
        {
          "id": 1,
          "name": "one",
          "tags": ["a", "b"]
        },
        {
          "id": 2,
          "name": "two"
        },
        {
          "id": 3,
          "name": "three"
        }
      ]
      """;

  @Test
  void updatingOneFieldChangesOnlyThatSpan() {
    assertThat(json(PRETTY, update("2", "name", "\"deux\""), Map.of(), Set.of()))
        .isEqualTo(PRETTY.replace("\"two\"", "\"deux\""));
  }

  @Test
  void updatingAListFieldOnOneLineKeepsItOnOneLine() {
    assertThat(json(PRETTY, update("1", "tags", "[\"a\",\"c\",3]"), Map.of(), Set.of()))
        .isEqualTo(PRETTY.replace("[\"a\", \"b\"]", "[\"a\", \"c\", 3]"));
  }

  @Test
  void updatingAMultiLineListPrettyPrintsItAtTheSameIndentation() {
    String text =
        """
        [
          {
            "id": 1,
            "tags": [
              "a"
            ]
          }
        ]
        """;
    assertThat(json(text, update("1", "tags", "[\"x\",{\"k\":1}]"), Map.of(), Set.of()))
        .isEqualTo(
            """
            [
              {
                "id": 1,
                "tags": [
                  "x",
                  {
                    "k": 1
                  }
                ]
              }
            ]
            """);
  }

  @Test
  void addingAnAbsentFieldAppendsItAsTheLastMember() {
    assertThat(json(PRETTY, update("3", "tags", "[\"z\"]"), Map.of(), Set.of()))
        .isEqualTo(
            PRETTY.replace(
                "\"name\": \"three\"",
                "\"name\": \"three\",\n    \"tags\": [\n      \"z\"\n    ]"));
  }

  @Test
  void settingAnAbsentFieldToNullChangesNothing() {
    assertThat(json(PRETTY, update("3", "tags", null), Map.of(), Set.of())).isSameAs(PRETTY);
  }

  @Test
  void settingAPresentFieldToNullRemovesTheMember() {
    assertThat(json(PRETTY, update("1", "tags", null), Map.of(), Set.of()))
        .isEqualTo(PRETTY.replace(",\n    \"tags\": [\"a\", \"b\"]", ""));
  }

  @Test
  void insertingARecordFormatsItLikeTheLastOne() {
    assertThat(
            json(
                PRETTY,
                Map.of(),
                Map.of("4", "{\"name\":\"four\",\"id\":4,\"extra\":true}"),
                Set.of()))
        .isEqualTo(
            """
            [
              {
                "id": 1,
                "name": "one",
                "tags": ["a", "b"]
              },
              {
                "id": 2,
                "name": "two"
              },
              {
                "id": 3,
                "name": "three"
              },
              {
                "id": 4,
                "name": "four",
                "extra": true
              }
            ]
            """);
  }

  @Test
  void insertingIntoAnEmptyListWorks() {
    assertThat(json("[]\n", Map.of(), Map.of("4", "{\"id\":4,\"name\":\"four\"}"), Set.of()))
        .isEqualTo(
            """
            [
              {
                "id": 4,
                "name": "four"
              }
            ]
            """);
  }

  @Test
  void deletingTheFirstMiddleAndLastRecordRemovesThemWithTheirCommas() {
    String first =
        """
        [
          {
            "id": 2,
            "name": "two"
          },
          {
            "id": 3,
            "name": "three"
          }
        ]
        """;
    assertThat(json(PRETTY, Map.of(), Map.of(), Set.of("1"))).isEqualTo(first);
    assertThat(json(PRETTY, Map.of(), Map.of(), Set.of("2")))
        .isEqualTo(
            PRETTY.replace(
                """
              {
                "id": 2,
                "name": "two"
              },
            """,
                ""));
    assertThat(json(PRETTY, Map.of(), Map.of(), Set.of("3")))
        .isEqualTo(
            PRETTY.replace(
                """
            ,
              {
                "id": 3,
                "name": "three"
              }""",
                ""));
    assertThat(json(PRETTY, Map.of(), Map.of(), Set.of("1", "2", "3"))).isEqualTo("[]\n");
  }

  @Test
  void compactOneLineRecordsStayOnOneLine() {
    String text =
        """
        {"items": [
          {"id": 1, "name": "one"},
          {"id": 2, "name": "two"}
        ]}
        """;
    String result =
        FilePatch.apply(
            text,
            false,
            ITEMS,
            "f.json",
            update("1", "tags", "[1,2]"),
            Map.of("3", "{\"id\":3,\"name\":\"three\"}"),
            Set.of("2"));
    assertThat(result)
        .isEqualTo(
            """
        {"items": [
          {"id": 1, "name": "one", "tags": [1, 2]},
          {"id": 3, "name": "three"}
        ]}
        """);
  }

  @Test
  void aOneLineRootArrayStaysOnOneLine() {
    String text = "[{\"id\":1},{\"id\":2}]";
    assertThat(json(text, update("2", "name", "\"b\""), Map.of("3", "{\"id\":3}"), Set.of("1")))
        .isEqualTo("[{\"id\":2,\"name\":\"b\"},{\"id\": 3}]");
  }

  @Test
  void mapLayoutUsesMemberNamesAsKeys() {
    String text =
        """
        {
          "tasks": {
            "backup": {
              "cron": "0 2 * * *",
              "enabled": true
            },
            "report": {
              "cron": "0 6 * * 1"
            }
          }
        }
        """;
    String result =
        FilePatch.apply(
            text,
            false,
            MAP,
            "f.json",
            update("backup", "enabled", "false"),
            Map.of("cleanup", "{\"enabled\":true,\"name\":\"cleanup\",\"cron\":\"@daily\"}"),
            Set.of("report"));
    assertThat(result)
        .isEqualTo(
            """
        {
          "tasks": {
            "backup": {
              "cron": "0 2 * * *",
              "enabled": false
            },
            "cleanup": {
              "cron": "@daily",
              "enabled": true
            }
          }
        }
        """);
  }

  @Test
  void crlfFilesStayCrlf() {
    String text = PRETTY.replace("\n", "\r\n");
    String result =
        json(text, update("3", "tags", "[\"z\"]"), Map.of("4", "{\"id\":4}"), Set.of("2"));
    assertThat(result.replace("\r\n", "")).doesNotContain("\n");
    assertThat(result.replace("\r\n", "\n"))
        .isEqualTo(
            json(PRETTY, update("3", "tags", "[\"z\"]"), Map.of("4", "{\"id\":4}"), Set.of("2")));
  }

  @Test
  void noChangeReturnsTheIdenticalInstance() {
    assertThat(json(PRETTY, Map.of(), Map.of(), Set.of())).isSameAs(PRETTY);
    assertThat(json(PRETTY, update("1", "id", "1.0"), Map.of(), Set.of())).isSameAs(PRETTY);
  }

  @Test
  void aMissingKeyIsReportedWithTheFileName() {
    assertThatThrownBy(() -> json(PRETTY, Map.of(), Map.of(), Set.of("9")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("f.json")
        .hasMessageContaining("no record with key 9");
    assertThatThrownBy(() -> json("[{\"id\": 1,", Map.of(), Map.of(), Set.of("1")))
        .isInstanceOf(UnableToReadFile.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void fileLayoutUpdatesTheDocument() {
    Entity file = entity(Layout.FILE, "", "id", "id", "name");
    String text = "{\n  \"id\": 7,\n  \"name\": \"seven\"\n}\n";
    assertThat(
            FilePatch.apply(
                text, false, file, "7.json", update("7", "name", "\"sept\""), Map.of(), Set.of()))
        .isEqualTo("{\n  \"id\": 7,\n  \"name\": \"sept\"\n}\n");
  }
}
