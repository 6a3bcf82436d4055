package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.syncline.core.Interruption;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C at the prompt, through a JLine virtual terminal: the terminal raises SIGINT while a
 * command runs, as a real one does when the key is pressed. The session holds 250 staged inserts
 * (countries loaded, never applied) that must survive it.
 */
class CtrlCTest extends AtTheTerminal {
  /** A query SQLite takes minutes over: it counts to a billion. */
  static final String LONG_QUERY =
      "sql WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000)"
          + " SELECT count(*) FROM n";

  @BeforeEach
  void stagedInserts() throws IOException {
    startWithCountries();
    run(
        "connect jdbc:sqlite:geo.db",
        "load countries.json --entity country --at /3166-1 --key alpha_2");
  }

  @AfterEach
  void stopTheCommandStillRunning() throws InterruptedException {
    // A test that failed with its command still running must not leave it running for the next
    // test class: Ctrl-C belongs to one command per process.
    for (int tries = 0; Interruption.running() && tries < 100; tries++) {
      Interruption.request();
      Thread.sleep(100);
    }
  }

  @Test
  void ctrlCCancelsALongQueryAndThePromptKeepsTheStagedChanges() {
    String screen = typeAndPressCtrlC(LONG_QUERY);

    assertThat(screen)
        .contains("sql: cancelled at Ctrl-C; nothing of it was committed")
        .contains("3 staged")
        .doesNotContain("1000000000\n");
    assertThat(sessions.current().changes().summary().staged()).isEqualTo(3);
  }

  @Test
  void ctrlCKillsTheProcessOfSystemAndThePromptStays() {
    String screen = typeAndPressCtrlC("system sleep 60");

    assertThat(screen).contains("system: `sleep 60` stopped at Ctrl-C").contains("3 staged");
    assertThat(sessions.current().changes().summary().staged()).isEqualTo(3);
  }

  @Test
  void ctrlCStopsSystemEvenWhenABackgroundChildStillHoldsItsOutput() {
    // The subshell's sleep is orphaned at once: no longer a child to kill, yet it keeps the
    // output pipe open for longer than the test waits.
    String screen = typeAndPressCtrlC("system (sleep 50 &); sleep 40");

    assertThat(screen).contains("stopped at Ctrl-C").contains("3 staged");
  }

  @Test
  void ctrlCStopsAScriptAtItsLineAndRunsNoMoreOfIt() throws IOException {
    Files.writeString(work.resolve("job.shell"), "system sleep 60\nsystem touch ran.txt\n");

    String screen = typeAndPressCtrlC("script job.shell");

    // Stopped in line 1's sleep, or before it when the key came first: line 1 either way.
    assertThat(screen).containsPattern("job.shell:1: .*stopped at Ctrl-C");
    assertThat(work.resolve("ran.txt")).doesNotExist();
    assertThat(sessions.current().changes().summary().staged()).isEqualTo(3);
  }

  /**
   * Types {@code command}, presses Ctrl-C while it runs (again, as a user does, until it has
   * stopped), then types {@code status} and leaves. The whole must end well before the command
   * would have ended by itself.
   */
  String typeAndPressCtrlC(String command) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          ByteArrayOutputStream screen = new ByteArrayOutputStream();
          PipedOutputStream keys = new PipedOutputStream();
          try (Terminal terminal = terminal(new PipedInputStream(keys), screen)) {
            Console console = console(terminal);
            CompletableFuture<Void> prompt = CompletableFuture.runAsync(console::interactive);
            keys.write((command + "\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
            while (!Interruption.running()) {
              Thread.sleep(20);
            }
            // A press before the statement has started cancels nothing yet; a user presses again.
            while (Interruption.running()) {
              terminal.raise(Terminal.Signal.INT);
              Thread.sleep(200);
            }
            keys.write("status\nexit --force\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            prompt.join();
          }
          return text(screen);
        });
  }
}
