package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  static final WriteLockHolder ANN =
      new WriteLockHolder(4711, "ann", "build-1", Instant.parse("2026-12-05T14:20:03Z"), "apply");

  @TempDir Path dir;

  @Test
  void aSecondTakerIsRefusedAndToldTheHolderUntilTheFirstReleases() {
    Path file = dir.resolve(".syncline/lock");
    try (LockFile first = LockFile.tryTake(file, ANN).orElseThrow()) {
      assertThat(LockFile.tryTake(file, ANN)).isEmpty();
      assertThat(LockFile.holder(file)).hasValue(ANN);
    }
    assertThat(file).isEmptyFile();
    Optional<LockFile> again = LockFile.tryTake(file, ANN);
    assertThat(again).isPresent();
    assertThat(again.get().leftBy()).isEmpty();
    again.get().close();
  }

  @Test
  void theHolderADeadProcessLeftIsTakenOver() throws IOException {
    Path file = dir.resolve("lock");
    Files.writeString(file, ANN.text());

    try (LockFile taken =
        LockFile.tryTake(file, WriteLockHolder.thisProcess("apply", Instant.now())).orElseThrow()) {
      assertThat(taken.leftBy()).hasValue(ANN);
      assertThat(Files.readString(file)).startsWith("pid " + ProcessHandle.current().pid() + "\n");
    }
  }

  @Test
  void aHolderReadsBackAsWritten() {
    assertThat(WriteLockHolder.parse(ANN.text())).hasValue(ANN);
    assertThat(WriteLockHolder.parse("")).isEmpty();
    assertThat(ANN.describe())
        .isEqualTo("pid 4711 (ann on build-1, `apply` since 2026-12-05T14:20:03Z)");
    assertThat(ANN.clientName()).isEqualTo("syncline 4711@build-1 apply");
  }
}
