package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Interruption;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C pressed in the middle of a command's work, as the shell passes it on ({@link
 * Interruption#request}), at the first record or row the work counts.
 */
class CtrlCDuringWorkTest extends InWorkingDirectory {
  /** Presses Ctrl-C when the work counts its first record or row. */
  static final Progress CTRL_C_AT_FIRST_COUNT =
      (what, unit, total) ->
          new Progress.Counter(what, unit, total) {
            @Override
            public void add(long n) {
              Interruption.request();
              super.add(n);
            }
          };

  void start() throws IOException {
    Files.writeString(dir.resolve("a.json"), "[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]");
    Files.writeString(
        dir.resolve("b.json"),
        IntStream.range(0, 2000)
            .mapToObj(i -> "{\"id\": " + i + ", \"name\": \"n" + i + "\"}")
            .collect(Collectors.joining(",", "[", "]")));
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:work.db", null, null, false);
    session.load(new LoadRequest("a.json", "a", List.of("id"), null, null, null));
  }

  @Test
  void aStoppedLoadChangesNothingAndKeepsWhatWasStaged() throws IOException {
    start();

    try (Interruption.Scope load = Interruption.begin(true)) {
      assertThatThrownBy(
              () ->
                  session.load(
                      new LoadRequest("b.json", "b", List.of("id"), null, null, null),
                      CTRL_C_AT_FIRST_COUNT))
          .isInstanceOf(Interruption.Stopped.class);
    }

    assertThat(session.loaded()).containsOnlyKeys("a");
    assertThat(session.mapping().entity("b")).isEmpty();
    assertThat(session.changes().summary().staged()).isEqualTo(3);
  }

  @Test
  void anApplyRunsToItsEndWhenCtrlCIsPressedDuringIt() throws IOException {
    start();
    session.load(new LoadRequest("b.json", "b", List.of("id"), null, null, null));

    try (Interruption.Scope apply = Interruption.begin(false)) {
      session.apply(CTRL_C_AT_FIRST_COUNT);
    }

    QueryResult.ResultTable rows = (QueryResult.ResultTable) session.sql("SELECT count(*) FROM b");
    assertThat(rows.rows().get(0).get(0)).hasToString("2000");
    assertThat(session.changes().summary().total()).isZero();
  }
}
