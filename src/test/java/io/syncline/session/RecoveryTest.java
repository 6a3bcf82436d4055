package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.FileImage;
import io.syncline.formats.ApplyIntent;
import io.syncline.formats.FileWrite;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * A leftover {@code .syncline/apply-intent}, written here by hand as a killed apply leaves it (the
 * kills themselves are in {@code CrashIT}): what {@code connect} does with it.
 */
class RecoveryTest extends InWorkingDirectory {
  static final Instant KILLED = Instant.parse("2026-11-23T14:00:00Z");

  /** A file rewritten from "old" to "new", its backup kept, by an apply that never committed. */
  FileImage rewritten(String name, String now) throws IOException {
    Path backup = dir.resolve(".syncline/backups/20261123-140000-000/" + name);
    Files.createDirectories(backup.getParent());
    Files.writeString(backup, "old\n");
    Files.writeString(dir.resolve(name), now);
    return new FileImage(
        name,
        dir.relativize(backup).toString(),
        FileWrite.sha256("old\n".getBytes(StandardCharsets.UTF_8)),
        FileWrite.sha256("new\n".getBytes(StandardCharsets.UTF_8)));
  }

  String connect() {
    session = new Session(dir, Clock.systemUTC());
    session.connect("jdbc:sqlite:state.db", null, null, false);
    return session.takeNotice().orElse("no notice");
  }

  @Test
  void anApplyTheDatabaseNeverCommittedIsUndoneFileByFile() throws IOException {
    FileImage written = rewritten("a.json", "new\n");
    FileImage untouched = rewritten("b.json", "old\n");
    Files.writeString(dir.resolve("c.json"), "created\n");
    FileImage created =
        new FileImage(
            "c.json", null, null, FileWrite.sha256("created\n".getBytes(StandardCharsets.UTF_8)));
    String url = "jdbc:sqlite:" + dir.resolve("state.db");
    new ApplyIntent("run-1", KILLED, url, List.of(written, untouched, created)).write(dir);

    String notice = connect();

    assertThat(notice)
        .isEqualTo(
            "an apply interrupted at 2026-11-23T14:00:00Z was undone: the database had not"
                + " committed it; 2 file(s) put back from .syncline/backups");
    assertThat(dir.resolve("a.json")).hasContent("old");
    assertThat(dir.resolve("b.json")).hasContent("old");
    assertThat(dir.resolve("c.json")).doesNotExist();
    assertThat(ApplyIntent.path(dir)).doesNotExist();
    assertThat(connect()).isEqualTo("no notice");
  }

  @Test
  void theIntentOfAnApplyAnotherProcessIsStillRunningIsLeftAlone() throws IOException {
    FileImage written = rewritten("a.json", "new\n");
    String url = "jdbc:sqlite:" + dir.resolve("state.db");
    new ApplyIntent("run-1", KILLED, url, List.of(written)).write(dir);

    String notice;
    try (WriteLock running = WriteLock.tryFiles(dir, "apply", Clock.systemUTC()).orElseThrow()) {
      notice = connect();
    }

    assertThat(notice).isEqualTo("no notice");
    assertThat(dir.resolve("a.json")).hasContent("new\n");
    assertThat(ApplyIntent.path(dir)).exists();
  }

  @Test
  void aFileSomethingElseChangedMeanwhileIsLeftAsItIsAndNamed() throws IOException {
    FileImage edited = rewritten("a.json", "edited by hand\n");
    String url = "jdbc:sqlite:" + dir.resolve("state.db");
    new ApplyIntent("run-1", KILLED, url, List.of(edited)).write(dir);

    assertThat(connect())
        .endsWith(
            "0 file(s) put back from .syncline/backups; changed by something else since,"
                + " left as they are: a.json");
    assertThat(dir.resolve("a.json")).hasContent("edited by hand");
  }

  /**
   * An apply keeps CRC32C checksums in its intent now (SHA-256 before, as above): a file it wrote
   * is put back, one it did not reach is left, one edited since is named.
   */
  @Test
  void anIntentWithCrc32cChecksumsIsUndoneAndAFileEditedSinceNamed() throws IOException {
    String url = "jdbc:sqlite:" + dir.resolve("state.db");
    List<FileImage> files = new ArrayList<>();
    for (String[] file :
        new String[][] {{"a.json", "new\n"}, {"b.json", "old\n"}, {"c.json", "x"}}) {
      FileImage sha = rewritten(file[0], file[1]);
      files.add(
          new FileImage(
              sha.path(),
              sha.backup(),
              FileWrite.crc32c(dir.resolve(sha.backup())),
              crc32c("new\n")));
    }
    new ApplyIntent("run-1", KILLED, url, files).write(dir);

    assertThat(connect())
        .endsWith(
            "1 file(s) put back from .syncline/backups; changed by something else since,"
                + " left as they are: c.json");
    assertThat(dir.resolve("a.json")).hasContent("old");
    assertThat(dir.resolve("b.json")).hasContent("old");
    assertThat(dir.resolve("c.json")).hasContent("x");
  }

  static String crc32c(String text) {
    CRC32C crc = new CRC32C();
    crc.update(text.getBytes(StandardCharsets.UTF_8));
    return "crc32c:" + Long.toHexString(crc.getValue());
  }

  @Test
  void anIntentForAnotherDatabaseIsLeftForAConnectToThatOne() throws IOException {
    FileImage written = rewritten("a.json", "new\n");
    new ApplyIntent("run-1", KILLED, "jdbc:postgresql://db/app", List.of(written)).write(dir);

    assertThat(connect())
        .isEqualTo(
            "an apply to jdbc:postgresql://db/app was interrupted at 2026-11-23T14:00:00Z; connect"
                + " to it to finish or undo that apply");
    assertThat(dir.resolve("a.json")).hasContent("new");
    assertThat(ApplyIntent.path(dir)).exists();
  }
}
