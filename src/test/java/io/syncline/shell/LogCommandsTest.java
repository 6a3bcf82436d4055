package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.SynclineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(properties = "syncline.console.enabled=false")
class LogCommandsTest {
  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @TempDir Path work;

  @BeforeEach
  void twoSyncs() throws IOException {
    Files.copy(
        Path.of("src/test/resources/transcripts/geo/countries.json"),
        work.resolve("countries.json"));
    sessions.startIn(work);
    run("connect jdbc:sqlite:geo.db");
    run("load countries.json --entity country --at /3166-1 --key alpha_2");
    run("apply");
    run("sql UPDATE country SET name = 'Belgie', area_km2 = 1 WHERE alpha_2 = 'BE'");
    run("load countries.json --entity country --at /3166-1 --key alpha_2");
    run("apply");
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

  @Test
  void logListsTheSyncsNewestFirstWithWhoWhereAndHowMuch() {
    String log = run("log");

    String[] lines = log.split("\n");
    assertThat(lines[0])
        .startsWith("id  started")
        .contains("connection", "entities", "files", "to-db", "to-file", "outcome");
    assertThat(lines[1])
        .startsWith("2 ")
        .contains(System.getProperty("user.name") + "@")
        .contains("sqlite:")
        .contains("country   1      +0 ~0 -0  +0 ~1 -0  applied");
    assertThat(lines[2]).startsWith("1 ").contains("country   0      +3 ~0 -0  +0 ~0 -0  applied");
  }

  @Test
  void logShowDetailsOneSyncDownToTheFields() {
    String shown = run("log show 2");

    assertThat(shown)
        .startsWith("sync 2: applied\n")
        .contains("to-file     +0 ~1 -0")
        .contains("files:\n  rewrite countries.json")
        .contains("changes:\n  to-file  update  country/BE: name, area_km2");
  }

  @Test
  void aRollbackThatPutAFileBackCountsTheFileRestored() {
    run("checkpoint c1");
    run("sql UPDATE country SET name = 'Belgium!' WHERE alpha_2 = 'BE'");
    run("load countries.json --entity country --at /3166-1 --key alpha_2");
    run("apply");
    run("rollback c1");

    assertThat(run("log").split("\n")[1])
        .startsWith("4 ")
        .contains("1 file restored")
        .contains("rolled back to c1");
    assertThat(run("log show 4")).contains("to-file     1 file restored\n");
  }

  @Test
  void statusShowsItsTimesAsLogDoes() {
    run("checkpoint c1");
    String time = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}Z";

    String status = run("status");

    assertThat(status).containsPattern("last apply   " + time + "\n");
    assertThat(status).containsPattern("checkpoint   c1 \\(" + time + "\\)");
    assertThat(run("log").split("\n")[1]).containsPattern(time);
  }

  @Test
  void logShowOfAnUnknownIdSaysSo() {
    assertThatThrownBy(() -> run("log show 9"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("no sync 9 in this database's log; `log` lists them");
    assertThatThrownBy(() -> run("log show x"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("log show needs a sync's id, a number: log show 3");
  }
}
