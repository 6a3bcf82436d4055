package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar as cron would: {@code java -jar target/syncline.jar script FILE}, with no
 * terminal, and checks exit codes and the {@code FILE:LINE: message} on standard error.
 */
class ScriptExitCodesIT {
  static final Path JAR = Path.of("target/syncline.jar").toAbsolutePath();
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run run(String script) throws IOException, InterruptedException {
    Files.writeString(
        dir.resolve("rec.json"),
        "[{\"id\": 1, \"name\": \"one\"}, {\"id\": 2, \"name\": \"two\"}]");
    Path file = dir.resolve("job.shell");
    Files.writeString(file, script);
    Process process =
        new ProcessBuilder("java", "-jar", JAR.toString(), "script", "job.shell")
            .directory(dir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), out, err);
  }

  @Test
  void aScriptThatSucceedsExitsZeroAndSkipsComments() throws Exception {
    Run run =
        run(
            "# a comment\n// another\n\nconnect jdbc:sqlite:t.db\nload rec.json --entity rec\napply\nverify\n");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("syncline> verify", "both sides agree");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void anUnknownCommandStopsTheScriptWithUsageErrorAndItsLine() throws Exception {
    Run run = run("connect jdbc:sqlite:t.db\n\nfrobnicate now\nload rec.json --entity rec\n");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("job.shell:3: unknown command `frobnicate`");
    assertThat(run.out()).doesNotContain("syncline> load");
  }

  @Test
  void badInputFailsWithTheFileLineAndColumnAndNoStackTrace() throws Exception {
    Files.writeString(dir.resolve("bad.json"), "[\n  {\"id\": 1,}\n]");
    Run run = run("connect jdbc:sqlite:t.db\nload bad.json --entity rec\n");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("job.shell:2: bad.json:2:").doesNotContain("\tat ");
  }

  @Test
  void verifyExitsThreeWhenTheSidesDiffer() throws Exception {
    Run run =
        run(
            "connect jdbc:sqlite:t.db\nload rec.json --entity rec\napply\n"
                + "sql UPDATE rec SET name = 'uno' WHERE id = 1\nverify\n");

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).startsWith("job.shell:5: rec: 2 record(s) in files, 2 row(s) in rec");
    assertThat(run.err()).contains("different (1): 1");
  }

  static final String PROD =
      "connect jdbc:sqlite:prod.db\n"
          + "sql CREATE TABLE books (isbn TEXT PRIMARY KEY, price NUMERIC)\n"
          + "sql INSERT INTO books VALUES ('a', 10), ('b', 99)\n";

  @Test
  void copyExitsOneWhenTheTargetRefusesRowsAfterCopyingTheRest() throws Exception {
    Run run =
        run(
            PROD
                + "connect jdbc:sqlite:dev.db\n"
                + "sql CREATE TABLE books (isbn TEXT PRIMARY KEY, price NUMERIC CHECK (price < 50))\n"
                + "copy --from jdbc:sqlite:prod.db --to jdbc:sqlite:dev.db"
                + " --dead-letter refused.jsonl\n"
                + "verify\n");

    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    assertThat(run.err())
        .startsWith(
            "job.shell:6: 1 row(s) could not be copied; they are in refused.jsonl with the"
                + " database's reason");
    assertThat(run.out()).doesNotContain("syncline> verify");
    assertThat(Files.readString(dir.resolve("refused.jsonl"))).contains("\"key\": \"b\"");
  }

  @Test
  void copyExitsThreeWhenNothingWasRefusedButTheTargetDiffers() throws Exception {
    Run run =
        run(
            PROD
                + "connect jdbc:sqlite:dev.db\n"
                + "sql CREATE TABLE books (isbn TEXT PRIMARY KEY, price NUMERIC)\n"
                + "sql INSERT INTO books VALUES ('dev-only', 1)\n"
                + "copy --from jdbc:sqlite:prod.db --to jdbc:sqlite:dev.db\n"
                + "verify\n");

    assertThat(run.exit()).as(run.err()).isEqualTo(3);
    assertThat(run.err())
        .startsWith(
            "job.shell:7: the target differs from the source (see the table above); --replace"
                + " makes an exact copy");
    assertThat(run.out()).doesNotContain("syncline> verify");
  }

  @Test
  void resolveWithoutAnAnswerInAScriptIsAUsageErrorNotAWait() throws Exception {
    Run run =
        run(
            "connect jdbc:sqlite:t.db\nload rec.json --entity rec\napply\n"
                + "sql UPDATE rec SET name = 'uno' WHERE id = 1\n"
                + "system sed -i 's/\"one\"/\"eins\"/' rec.json\n"
                + "load rec.json --entity rec\nresolve rec/1.name\n");

    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "job.shell:7: nobody to ask here (a script or a single command); say how: resolve"
                + " rec/1.name --take file|db|base, or --value JSON");
  }
}
