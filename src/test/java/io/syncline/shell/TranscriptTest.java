package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.SynclineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Golden transcripts: each folder under {@code src/test/resources/transcripts/} holds a {@code
 * script.shell}, the files it works on, {@code transcript.out} (what the script prints) and, under
 * {@code after/}, the files as they must be afterwards, byte for byte. The script runs through the
 * same dispatcher as the prompt and {@code syncline script}.
 *
 * <p>What differs from run to run is written as a placeholder: the working directory as {@code
 * WORK}, a time as {@code YYYY-MM-DD hh:mm:ssZ} (the same width, so tables stay aligned), the user
 * and host the audit log names as {@code USER@HOST}.
 *
 * <p>Each transcript runs on SQLite, H2, PostgreSQL and MariaDB against the one {@code
 * transcript.out}; {@link TranscriptDatabase} gives each run its own databases and is the one place
 * where what differs between databases is put back to SQLite's spelling. A script bound to SQLite
 * (its {@code sql} lines use SQLite's own functions, or it is about the embedded default) says so
 * in a line {@code # sqlite only: REASON} and runs on SQLite alone. Without the servers the server
 * runs are skipped with the reason, unless {@code SYNCLINE_TEST_SERVERS=required}; {@code
 * -Dtranscripts.on=postgresql} runs them on the databases named only.
 *
 * <p>To accept new output after a deliberate change, run with {@code -Dtranscripts.update=true} and
 * read the diff before committing.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class TranscriptTest {
  static final Path ROOT = Path.of("src/test/resources/transcripts");

  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @TempDir Path work;

  static Stream<Arguments> transcripts() throws IOException {
    List<Arguments> runs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        boolean sqliteOnly =
            Files.readAllLines(dir.resolve("script.shell")).stream()
                .anyMatch(line -> line.startsWith(SQLITE_ONLY));
        for (String kind : TranscriptDatabase.KINDS) {
          if ((kind.equals("sqlite") || !sqliteOnly) && ON.contains(kind)) {
            runs.add(Arguments.of(dir.getFileName().toString(), kind));
          }
        }
      }
    }
    return runs.stream();
  }

  static final String SQLITE_ONLY = "# sqlite only:";

  /** {@code -Dtranscripts.on=h2,mariadb}: only on these databases (all four unless told). */
  static final List<String> ON =
      List.of(
          System.getProperty("transcripts.on", String.join(",", TranscriptDatabase.KINDS))
              .split(","));

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("transcripts")
  void theScriptPrintsItsTranscriptAndLeavesTheFilesAsExpected(String name, String kind)
      throws IOException {
    Path fixture = ROOT.resolve(name);
    String printed;
    try (TranscriptDatabase database = new TranscriptDatabase(kind, work)) {
      copy(fixture, work, List.of("transcript.out", "after"), database);
      printed = database.normalise(run());
    }
    String actual = withoutTheMoment(printed.replace(work.toString(), "WORK"));

    Path expected = fixture.resolve("transcript.out");
    boolean update = Boolean.getBoolean("transcripts.update") && kind.equals("sqlite");
    if (update) {
      Files.writeString(expected, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expected));
    Path after = fixture.resolve("after");
    if (Files.isDirectory(after)) {
      try (Stream<Path> files = Files.walk(after)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path produced = work.resolve(after.relativize(file).toString());
          if (update) {
            Files.copy(produced, file, StandardCopyOption.REPLACE_EXISTING);
          }
          assertThat(Files.readString(produced))
              .as(file.toString())
              .isEqualTo(Files.readString(file));
        }
      }
    }
  }

  /** Runs the script in the work folder: what it printed, then how it failed, if it did. */
  private String run() {
    sessions.startIn(work);
    StringWriter out = new StringWriter();
    try {
      new ScriptRunner(dispatcher).run(work.resolve("script.shell"), new PrintWriter(out, true));
      return out.toString();
    } catch (SynclineException e) {
      return out + "FAILED (exit " + e.exitCode() + "): " + e.getMessage() + "\n";
    } finally {
      // closes the session's connection, so that the run's databases can be dropped
      sessions.startIn(Path.of("").toAbsolutePath());
    }
  }

  static final Pattern TIME =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

  static String withoutTheMoment(String text) throws IOException {
    String placeholder = "YYYY-MM-DD hh:mm:ss";
    String timed =
        TIME.matcher(text)
            .replaceAll(
                m -> {
                  StringBuilder out = new StringBuilder(m.group());
                  for (int i = 0; i < out.length(); i++) {
                    if (Character.isDigit(out.charAt(i))) {
                      out.setCharAt(i, i < placeholder.length() ? placeholder.charAt(i) : 'n');
                    }
                  }
                  return out.toString();
                });
    String by = System.getProperty("user.name") + "@" + InetAddress.getLocalHost().getHostName();
    return column(timed, "by", by, "USER@HOST").replace(by, "USER@HOST");
  }

  /**
   * The text with a table column that holds one text in every row ({@code actual}) rewritten to
   * hold {@code placeholder}, the column as wide as the placeholder (or its heading) makes it: the
   * {@code log} table's "by" and "connection" read the same on every machine and database.
   *
   * <pre>
   *   id  by          connection      id  by         connection
   *   1   ann@laptop  sqlite:a.db  →  1   USER@HOST  sqlite:a.db
   * </pre>
   *
   * A table is a line holding the heading at the column where the next line holds {@code actual};
   * its rows are the lines after it that hold {@code actual} at that column.
   */
  static String column(String text, String heading, String actual, String placeholder) {
    String[] lines = text.split("\n", -1);
    int width = Math.max(heading.length(), actual.length());
    int newWidth = Math.max(heading.length(), placeholder.length());
    for (int i = 1; i < lines.length; i++) {
      int at = lines[i].indexOf(actual);
      if (at < 0 || !lines[i - 1].startsWith(heading, at) || lines[i - 1].startsWith(actual, at)) {
        continue;
      }
      lines[i - 1] = padded(lines[i - 1], at, width, heading, newWidth);
      for (int row = i; row < lines.length && lines[row].startsWith(actual, at); row++) {
        lines[row] = padded(lines[row], at, width, placeholder, newWidth);
      }
    }
    return String.join("\n", lines);
  }

  private static String padded(String line, int at, int width, String text, int newWidth) {
    int end = Math.min(line.length(), at + width);
    String cell = end == line.length() ? text : text + " ".repeat(newWidth - text.length());
    return line.substring(0, at) + cell + line.substring(end);
  }

  /**
   * Copies the fixture's files but those named, each script and mapping naming the run's database.
   */
  static void copy(Path from, Path to, List<String> except, TranscriptDatabase database)
      throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = from.relativize(file);
        if (except.contains(relative.getName(0).toString())) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        String name = file.getFileName().toString();
        if (name.endsWith(".shell") || name.endsWith(".yml")) {
          Files.writeString(target, database.rewrite(Files.readString(file)));
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
