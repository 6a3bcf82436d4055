package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
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
 * <p>To accept new output after a deliberate change, run with {@code -Dtranscripts.update=true} and
 * read the diff before committing.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class TranscriptTest {
  static final Path ROOT = Path.of("src/test/resources/transcripts");

  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @TempDir Path work;

  static Stream<String> transcripts() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("transcripts")
  void theScriptPrintsItsTranscriptAndLeavesTheFilesAsExpected(String name) throws IOException {
    Path fixture = ROOT.resolve(name);
    copy(fixture, work, List.of("transcript.out", "after"));
    sessions.startIn(work);
    StringWriter out = new StringWriter();
    String failure = "";
    try {
      new ScriptRunner(dispatcher).run(work.resolve("script.shell"), new PrintWriter(out, true));
    } catch (io.syncline.core.SynclineException e) {
      failure =
          "FAILED (exit "
              + e.exitCode()
              + "): "
              + e.getMessage().replace(work.toString(), "WORK")
              + "\n";
    } finally {
      sessions.startIn(Path.of("").toAbsolutePath());
    }
    String actual = withoutTheMoment(out.toString().replace(work.toString(), "WORK") + failure);

    Path expected = fixture.resolve("transcript.out");
    if (Boolean.getBoolean("transcripts.update")) {
      Files.writeString(expected, actual);
    }
    assertThat(actual).isEqualTo(Files.readString(expected));
    Path after = fixture.resolve("after");
    if (Files.isDirectory(after)) {
      try (Stream<Path> files = Files.walk(after)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path produced = work.resolve(after.relativize(file).toString());
          if (Boolean.getBoolean("transcripts.update")) {
            Files.copy(produced, file, StandardCopyOption.REPLACE_EXISTING);
          }
          assertThat(Files.readString(produced))
              .as(file.toString())
              .isEqualTo(Files.readString(file));
        }
      }
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
    // The log's "by" column is as wide as the user and host of this machine: its heading is
    // padded to the placeholder's width instead, so the table reads the same on every machine.
    String heading = "  by" + " ".repeat(Math.max(2, by.length()));
    return timed
        .replace(heading, "  by" + " ".repeat("USER@HOST".length()))
        .replace(by, "USER@HOST");
  }

  static void copy(Path from, Path to, List<String> except) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path relative = from.relativize(file);
        if (except.contains(relative.getName(0).toString())) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
      }
    }
  }
}
