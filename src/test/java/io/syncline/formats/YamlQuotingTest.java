package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A string Syncline writes into a YAML file reads back, through Syncline's own reader, as the same
 * string: never cut at a comment, taken for a mapping, an indicator, a boolean, null, a number or a
 * date. Written as an update of a block scalar, an insert, and an item of a flow list.
 */
class YamlQuotingTest {
  @TempDir Path dir;

  static final Entity TASKS =
      entity("tasks")
          .files("tasks.yml")
          .at("/tasks")
          .key("name")
          .text("name", "cron")
          .fields(FieldType.JSON, "tags")
          .build();

  static final String FILE =
      """
      # written by hand
      tasks:
        - name: backup   # the big one
          cron: nightly  # UTC
          tags: [db, nightly]
      """;

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "a #b",
        "a: b",
        "a:",
        "-x",
        "- x",
        "-",
        "?x",
        "? x",
        "&anchor",
        "*alias",
        "!tag",
        "|block",
        ">folded",
        "%directive",
        "@at",
        "`tick",
        "#comment",
        "true",
        "False",
        "null",
        "Null",
        "yes",
        "No",
        "on",
        "~",
        "123",
        "-7",
        "1e3",
        "0x1F",
        "0o17",
        ".5",
        ".inf",
        "2025-08-18",
        "2025-08-18T10:00:00Z",
        "2025-08-18 10:00:00"
      })
  void aStringReadsBackAsItself(String text) throws IOException {
    String quoted = new Value.Text(text).canonical();

    String updated =
        FilePatch.apply(
            FILE,
            true,
            TASKS,
            "tasks.yml",
            Map.of(
                "backup",
                new FieldUpdates().set("cron", quoted).set("tags", "[" + quoted + ", \"db\"]")),
            Map.of(),
            Set.of());
    assertThat(readBack(updated, "backup"))
        .as(updated)
        .isEqualTo(
            "{\"cron\":" + quoted + ",\"name\":\"backup\",\"tags\":[" + quoted + ",\"db\"]}");

    String inserted =
        FilePatch.apply(
            FILE,
            true,
            TASKS,
            "tasks.yml",
            Map.of(),
            Map.of("new", "{\"name\":\"new\",\"cron\":" + quoted + ",\"tags\":[" + quoted + "]}"),
            Set.of());
    assertThat(readBack(inserted, "new"))
        .as(inserted)
        .isEqualTo("{\"cron\":" + quoted + ",\"name\":\"new\",\"tags\":[" + quoted + "]}");
  }

  String readBack(String text, String key) throws IOException {
    Files.writeString(dir.resolve("tasks.yml"), text);
    return new RecordFiles(dir).read(TASKS).records().get(key);
  }
}
