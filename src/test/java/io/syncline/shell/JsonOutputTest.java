package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --format json} of status, conflicts, verify, log, log show and checkpoints, read back by a
 * JSON parser as a dashboard would: the field names the README documents, times in ISO-8601 UTC,
 * counts as numbers, the password in the connection URL masked.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class JsonOutputTest {
  static final ObjectMapper JSON = JsonMapper.shared();
  static final String LOAD = "load countries.json --entity country --at /3166-1 --key alpha_2";

  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @TempDir Path work;

  /** A first sync, a checkpoint, then BE renamed in the table and FR on both sides (a conflict). */
  @BeforeEach
  void aSyncAndThenEditsOnBothSides() throws IOException {
    Files.copy(
        Path.of("src/test/resources/transcripts/geo/countries.json"),
        work.resolve("countries.json"));
    sessions.startIn(work);
    run("connect jdbc:h2:" + work.resolve("geo") + ";USER=sa;PASSWORD=s3cret");
    run(LOAD);
    run("apply");
    run("checkpoint before-edits");
    run("sql UPDATE country SET name = 'Belgie' WHERE alpha_2 = 'BE'");
    run("sql UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'");
    run("system sed -i 's/\"France\"/\"France!\"/' countries.json");
    run(LOAD);
  }

  @AfterEach
  void leave() {
    sessions.startIn(Path.of("").toAbsolutePath());
  }

  String run(String line) {
    StringWriter out = new StringWriter();
    dispatcher.run(line, new PrintWriter(out, true));
    return out.toString();
  }

  JsonNode json(String line) {
    String printed = run(line);
    assertThat(printed).doesNotContain("\u001b[").doesNotContain("s3cret");
    return JSON.readTree(printed);
  }

  static void isUtcTime(JsonNode node) {
    assertThat(node.isString()).as(node.toString()).isTrue();
    assertThat(node.asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(Instant.parse(node.asString())).isBeforeOrEqualTo(Instant.now());
  }

  @Test
  void statusGivesTheConnectionMaskedTheLoadedEntitiesTheCountsAndTheCheckpoint() {
    JsonNode status = json("status --format json");

    assertThat(status.get("connection").get("url").asString()).startsWith("h2:").endsWith("geo");
    assertThat(status.get("connection").get("read_only").asBoolean()).isFalse();
    assertThat(status.get("mapping").isNull()).isTrue();
    JsonNode loaded = status.get("loaded").get(0);
    assertThat(loaded.get("entity").asString()).isEqualTo("country");
    assertThat(loaded.get("records").isNumber()).isTrue();
    assertThat(loaded.get("records").asInt()).isEqualTo(3);
    assertThat(loaded.get("table").asString()).isEqualTo("country");
    JsonNode changes = status.get("changes");
    assertThat(changes.get("total").asInt()).isEqualTo(2);
    assertThat(changes.get("updates").asInt()).isEqualTo(1);
    assertThat(changes.get("conflicts").asInt()).isEqualTo(1);
    assertThat(changes.get("unresolved").asInt()).isEqualTo(1);
    assertThat(changes.get("staged").asInt()).isEqualTo(1);
    assertThat(changes.get("schema_changes").asInt()).isZero();
    isUtcTime(status.get("last_apply"));
    assertThat(status.get("checkpoint").get("name").asString()).isEqualTo("before-edits");
    isUtcTime(status.get("checkpoint").get("taken"));
    assertThat(status.get("checkpoint").get("applies_since").asInt()).isZero();
  }

  @Test
  void conflictsGivesTheConflictsInTheShapeOfDiff() {
    JsonNode conflicts = json("conflicts --format json");

    assertThat(conflicts.size()).isEqualTo(1);
    JsonNode c = conflicts.get(0);
    assertThat(c.get("entity").asString()).isEqualTo("country");
    assertThat(c.get("key").asString()).isEqualTo("FR");
    assertThat(c.get("field").asString()).isEqualTo("name");
    assertThat(c.get("kind").asString()).isEqualTo("conflict");
    assertThat(c.get("base").asString()).isEqualTo("France");
    assertThat(c.get("file").asString()).isEqualTo("France!");
    assertThat(c.get("db").asString()).isEqualTo("Frankrijk");
    assertThat(c.get("decided").isNull()).isTrue();

    run("resolve country/FR.name --take db");
    JsonNode decided = json("conflicts --format json").get(0).get("decided");
    assertThat(decided.get("from").asString()).isEqualTo("db");
    assertThat(decided.get("value").asString()).isEqualTo("Frankrijk");
  }

  @Test
  void verifyGivesEveryEntityWithItsCountsAndTheKeysThatDiffer() {
    StringWriter out = new StringWriter();
    assertThatThrownBy(() -> dispatcher.run("verify --format json", new PrintWriter(out, true)))
        .isInstanceOf(SynclineException.SidesDiffer.class)
        .hasMessage("the sides differ; `load` and `diff` show how");
    JsonNode verify = JSON.readTree(out.toString());

    assertThat(verify.get("agrees").asBoolean()).isFalse();
    JsonNode country = verify.get("entities").get(0);
    assertThat(country.get("entity").asString()).isEqualTo("country");
    assertThat(country.get("file_records").asInt()).isEqualTo(3);
    assertThat(country.get("database_rows").asInt()).isEqualTo(3);
    assertThat(country.get("agrees").asBoolean()).isFalse();
    assertThat(country.get("only_in_files").size()).isZero();
    assertThat(country.get("different").toString()).isEqualTo("[\"BE\",\"FR\"]");

    run("resolve country/FR.name --take db");
    run("apply");
    assertThat(json("verify --format json").get("agrees").asBoolean()).isTrue();
  }

  @Test
  void logAndLogShowGiveEachSyncWithTimesCountsAndTheChangedFields() {
    run("resolve country/FR.name --take file");
    run("apply");

    JsonNode log = json("log --format json");
    assertThat(log.size()).isEqualTo(2);
    JsonNode newest = log.get(0);
    assertThat(newest.get("id").asLong()).isEqualTo(2);
    isUtcTime(newest.get("started"));
    isUtcTime(newest.get("finished"));
    assertThat(newest.get("user").asString()).isEqualTo(System.getProperty("user.name"));
    assertThat(newest.get("connection").asString()).contains("PASSWORD=***");
    assertThat(newest.get("entities").toString()).isEqualTo("[\"country\"]");
    assertThat(newest.get("to_db").get("updated").asInt()).isEqualTo(1);
    assertThat(newest.get("to_file").get("updated").asInt()).isEqualTo(1);
    assertThat(newest.get("outcome").asString()).isEqualTo("applied");
    assertThat(newest.has("changes")).isFalse();
    assertThat(log.get(1).get("to_db").get("inserted").asInt()).isEqualTo(3);

    JsonNode shown = json("log show 2 --format json");
    assertThat(shown.get("id").asLong()).isEqualTo(2);
    assertThat(shown.get("files").get(0).asString()).startsWith("rewrite countries.json");
    assertThat(shown.get("changes").toString())
        .isEqualTo(
            "[{\"direction\":\"to-db\",\"kind\":\"update\",\"record\":\"country/FR\","
                + "\"fields\":[\"name\"]},"
                + "{\"direction\":\"to-file\",\"kind\":\"update\",\"record\":\"country/BE\","
                + "\"fields\":[\"name\"]}]");
    assertThat(shown.get("more_changes").asInt()).isZero();
  }

  @Test
  void checkpointsGivesEachRestorePointWithWhatWasAppliedSince() {
    run("resolve country/FR.name --take db");
    run("apply");

    JsonNode checkpoints = json("checkpoints --format json");

    assertThat(checkpoints.size()).isEqualTo(1);
    JsonNode c = checkpoints.get(0);
    assertThat(c.get("name").asString()).isEqualTo("before-edits");
    isUtcTime(c.get("taken"));
    assertThat(c.get("applies_since").asInt()).isEqualTo(1);
    assertThat(c.get("changes_since").isNumber()).isTrue();
    assertThat(c.get("changes_since").asInt()).isEqualTo(2);
  }

  @Test
  void aFormatOtherThanTextOrJsonIsAUsageError() {
    assertThatThrownBy(() -> run("status --format yaml"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("--format is one of text, json");
  }
}
