package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.QueryResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * {@code journal save}: a session, interactive answers included, saved and replayed with {@code
 * script} on a copy of the same starting files ends with the same rows and the same file bytes.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class JournalReplayTest {
  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @Autowired CommandRegistry registry;
  @TempDir Path original;
  @TempDir Path copy;
  final StringWriter screen = new StringWriter();
  final PrintWriter out = new PrintWriter(screen, true);

  @AfterEach
  void leave() {
    sessions.startIn(Path.of("").toAbsolutePath());
  }

  /** Answers typed at the prompt, one per question. */
  static InputReader answers(String... lines) {
    Deque<String> queue = new ArrayDeque<>(List.of(lines));
    return new InputReader() {
      @Override
      public String readInput(String prompt) {
        return queue.poll();
      }
    };
  }

  void startIn(Path dir) throws IOException {
    Files.copy(
        Path.of("src/test/resources/transcripts/geo/countries.json"),
        dir.resolve("countries.json"));
    sessions.startIn(dir);
  }

  @Test
  void replayingTheSavedJournalOnTheStartingStateGivesTheSameRowsAndFiles() throws IOException {
    startIn(original);
    for (String line :
        List.of(
            "connect jdbc:sqlite:geo.db",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "diff",
            "apply",
            "system sed -i 's/\"Aruba\"/\"Aruba!\"/; s/\"France\"/\"France!\"/; s/30689/30690/'"
                + " countries.json",
            "sql UPDATE country SET name = 'Arubba', numeric = '534' WHERE alpha_2 = 'AW'",
            "sql UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'",
            "sql SELECT * FROM country",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "unstage country/AW.numeric",
            "status")) {
      dispatcher.run(line, out);
    }
    // AW.name: the database's; FR.name: typed, after a wrong try
    dispatcher.run("resolve", out, answers("d", "e", "oops", "\"France's\""));
    dispatcher.run("apply", out);
    dispatcher.run("export country --to export.json", out);
    dispatcher.run("journal save session.shell", out);

    String journal = Files.readString(original.resolve("session.shell"));
    assertThat(journal.lines().filter(l -> !l.startsWith("#")))
        .containsExactly(
            "connect jdbc:sqlite:geo.db",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "apply",
            "system sed -i 's/\"Aruba\"/\"Aruba!\"/; s/\"France\"/\"France!\"/; s/30689/30690/'"
                + " countries.json",
            "sql UPDATE country SET name = 'Arubba', numeric = '534' WHERE alpha_2 = 'AW'",
            "sql UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "unstage country/AW.numeric",
            "resolve country/AW.name --take db",
            "resolve country/FR.name --value \"\\\"France's\\\"\"",
            "apply",
            "export country --to export.json");
    List<String> rows = rows();
    assertThat(rows)
        .containsExactly("[AW, Arubba, 534]", "[BE, Belgium, 056]", "[FR, France's, 250]");

    startIn(copy);
    new ScriptRunner(dispatcher).run(original.resolve("session.shell"), out);

    assertThat(rows()).isEqualTo(rows);
    for (String file : List.of("countries.json", "export.json")) {
      assertThat(Files.readAllBytes(copy.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(original.resolve(file)));
    }
  }

  @Test
  void aSessionThatRolledBackReplaysToTheSameRowsAndFiles() throws IOException {
    startIn(original);
    for (String line :
        List.of(
            "connect jdbc:sqlite:geo.db",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "apply",
            "checkpoint before-edit",
            "system sed -i 's/\"Aruba\"/\"Aruba!\"/' countries.json",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "apply",
            "rollback",
            "checkpoints")) {
      dispatcher.run(line, out);
    }
    dispatcher.run("journal save session.shell", out);

    String journal = Files.readString(original.resolve("session.shell"));
    assertThat(journal.lines().filter(l -> !l.startsWith("#")))
        .containsExactly(
            "connect jdbc:sqlite:geo.db",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "apply",
            "checkpoint before-edit",
            "system sed -i 's/\"Aruba\"/\"Aruba!\"/' countries.json",
            "load countries.json --entity country --at /3166-1 --key alpha_2",
            "apply",
            "rollback");
    List<String> rows = rows();
    assertThat(rows).contains("[AW, Aruba, 533]");

    startIn(copy);
    new ScriptRunner(dispatcher).run(original.resolve("session.shell"), out);

    assertThat(rows()).isEqualTo(rows);
    assertThat(Files.readAllBytes(copy.resolve("countries.json")))
        .isEqualTo(Files.readAllBytes(original.resolve("countries.json")));
  }

  @Test
  void aPasswordNeverReachesTheJournal() throws IOException {
    startIn(original);
    dispatcher.run("connect jdbc:h2:mem:journal;PASSWORD=s3cret", out);
    dispatcher.run("journal save session.shell", out);

    String journal = Files.readString(original.resolve("session.shell"));
    assertThat(journal)
        .doesNotContain("s3cret")
        .contains("# the password is not kept; give it with --password-env VARIABLE\n")
        .contains("connect jdbc:h2:mem:journal;PASSWORD=***\n");
  }

  @Test
  void aCopyIsJournaledWithItsPasswordsLeftOut() {
    LineParser parser = new LineParser(registry);
    String typed =
        "copy --from jdbc:h2:mem:src;PASSWORD=s3cret --to jdbc:sqlite:dev.db --to-password";

    assertThat(Journaling.linesFor(parser.parse(typed), typed))
        .containsExactly(
            "# the passwords were typed at the prompt; in a script give them with"
                + " --from-password-env and --to-password-env",
            "copy --from jdbc:h2:mem:src;PASSWORD=*** --to jdbc:sqlite:dev.db --to-password");
  }

  List<String> rows() {
    QueryResult result =
        sessions.current().sql("SELECT alpha_2, name, numeric FROM country ORDER BY alpha_2");
    return ((QueryResult.ResultTable) result).rows().stream().map(Object::toString).toList();
  }
}
