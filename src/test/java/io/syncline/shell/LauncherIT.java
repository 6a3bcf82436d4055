package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/syncline} runs the unpacked jar with Spring's build-time bean definitions and a
 * class data sharing archive; none of that may change what a run does. These run the launcher as a
 * user would, next to {@code java -jar target/syncline.jar}.
 */
class LauncherIT {
  static final Path LAUNCHER = Path.of("scripts/syncline").toAbsolutePath();
  static final Path JAR = Path.of("target/syncline.jar").toAbsolutePath();
  static final Path ARCHIVE = Path.of("target/app/syncline.jsa").toAbsolutePath();
  static final String JOB =
      "connect jdbc:sqlite:t.db\nload rec.json --entity rec\ndiff\napply\n"
          + "sql UPDATE rec SET name = 'uno' WHERE id = 1\nload rec.json --entity rec\ndiff\n"
          + "apply\nverify\nmapping show\n";

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run run(Path workingDirectory, List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(workingDirectory.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }

  Path jobIn(String name, String script) throws IOException {
    Path work = Files.createDirectories(dir.resolve(name));
    Files.writeString(
        work.resolve("rec.json"),
        "[{\"id\": 1, \"name\": \"one\", \"tags\": [\"a\"]}, {\"id\": 2, \"name\": \"two\"}]");
    Files.writeString(work.resolve("job.shell"), script);
    return work;
  }

  @Test
  void theLauncherPrintsWhatTheJarPrints() throws Exception {
    Run launched = run(jobIn("launched", JOB), List.of(LAUNCHER.toString(), "script", "job.shell"));
    Run plain =
        run(jobIn("plain", JOB), List.of("java", "-jar", JAR.toString(), "script", "job.shell"));

    assertThat(launched.exit()).as(launched.err()).isZero();
    assertThat(launched.out()).contains("both sides agree").isEqualTo(plain.out());
  }

  @Test
  void theLauncherExitsWithTheScriptsCodeAndItsLine() throws Exception {
    Run run =
        run(
            jobIn("failing", "connect jdbc:sqlite:t.db\nfrobnicate\n"),
            List.of(LAUNCHER.toString(), "script", "job.shell"));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("job.shell:2: unknown command `frobnicate`");
  }

  @Test
  void aSingleCommandBesideSynclineYmlReachesItsDatabaseWithoutConnect() throws Exception {
    Path work = jobIn("single", "load\napply\n");
    Files.writeString(
        work.resolve("syncline.yml"),
        "database: jdbc:sqlite:t.db\nentities:\n  rec:\n    files: rec.json\n    key: [id]\n");
    Run synced = run(work, List.of(LAUNCHER.toString(), "script", "job.shell"));
    assertThat(synced.exit()).as(synced.err()).isZero();

    Run query =
        run(work, List.of(LAUNCHER.toString(), "sql", "SELECT id, name FROM rec ORDER BY id"));

    assertThat(query.exit()).as(query.err()).isZero();
    assertThat(query.out()).contains("1  | one").contains("2  | two").contains("(2 rows)");
  }

  @Test
  void theArchiveTheLauncherWroteIsTheOneItStartsFrom() throws Exception {
    run(jobIn("first", "connect jdbc:sqlite:t.db\n"), List.of(LAUNCHER.toString(), "status"));
    assertThat(ARCHIVE).exists();

    // -Xshare:on refuses to start when the archive does not fit this jar and these options.
    List<String> strict = new ArrayList<>();
    strict.addAll(List.of("java", "-XX:+UseParallelGC", "-XX:SharedArchiveFile=" + ARCHIVE));
    strict.addAll(List.of("-Xshare:on", "-Dspring.aot.enabled=true"));
    strict.addAll(List.of("-jar", ARCHIVE.resolveSibling("syncline.jar").toString(), "status"));
    Run run = run(dir, strict);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("connection   none");
  }
}
