package io.syncline.formats;

import io.syncline.core.UnableToApplyChange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * File writes prepared first, then committed together: each file is written to a temporary file
 * beside it, forced to disk and moved over the original in one atomic rename, after the original
 * was copied to {@code .syncline/backups/<yyyyMMdd-HHmmss-SSS>/<path>}. If one file fails, the
 * files already written are put back, so the files are either all old or all new; {@link #undo()}
 * puts them back later too, when the database commit fails after the files were written.
 *
 * <p>Locking: while a file is written, an exclusive {@link FileLock} is held on a sibling {@code
 * .<name>.syncline-lock}, which two Syncline processes writing the same file both take; the second
 * fails with "being written by another process" instead of interleaving. The lock file is deleted
 * afterwards. (Locking the target itself would not survive the rename, which replaces the file.)
 */
public final class FileWrite {
  private enum Kind {
    REWRITE,
    CREATE,
    DELETE
  }

  private record Step(Kind kind, Path file, String text, String description) {}

  /** A step carried out: where the original went (null when there was none). */
  private record Done(Step step, Path backup) {}

  /** Lets tests fail a step after its temporary file is written, before it replaces the target. */
  interface FailureHook {
    void beforeMove(Path target) throws IOException;
  }

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path workingDirectory;
  private final Clock clock;
  private final List<Step> steps = new ArrayList<>();
  private final List<Done> done = new ArrayList<>();
  private FailureHook failureHook = target -> {};

  /** Each file's new text in the order added; null for a file to delete. */
  public Map<Path, String> contents() {
    Map<Path, String> contents = new java.util.LinkedHashMap<>();
    for (Step step : steps) {
      contents.put(
          step.file().toAbsolutePath().normalize(),
          step.kind() == Kind.DELETE ? null : step.text());
    }
    return contents;
  }

  public FileWrite(Path workingDirectory, Clock clock) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.clock = clock;
  }

  void failureHook(FailureHook hook) {
    this.failureHook = hook;
  }

  public void rewrite(Path file, String newText, String description) {
    steps.add(new Step(Kind.REWRITE, absolute(file), newText, description));
  }

  public void create(Path file, String text, String description) {
    steps.add(new Step(Kind.CREATE, absolute(file), text, description));
  }

  public void delete(Path file, String description) {
    steps.add(new Step(Kind.DELETE, absolute(file), null, description));
  }

  /** One line per file, in the order added: "rewrite schedule_config.yml (3 records)". */
  public List<String> describe() {
    return steps.stream().map(Step::description).toList();
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /**
   * Writes every file, or none: on a failure the files already written are put back and {@link
   * UnableToApplyChange} names the file that failed.
   */
  public void commit() {
    if (!done.isEmpty()) {
      throw new IllegalStateException("already committed");
    }
    Path backups = backupDirectory();
    for (Step step : steps) {
      try {
        done.add(new Done(step, carryOut(step, backups)));
      } catch (IOException | RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        try {
          undo();
        } catch (UnableToApplyChange undoFailed) {
          e.addSuppressed(undoFailed);
          reason +=
              "; putting back the files already written failed too: " + undoFailed.getMessage();
        }
        throw new UnableToApplyChange("file " + relative(step.file()), null, reason, e);
      }
    }
  }

  /** Puts every file written by {@link #commit()} back as it was, last first. */
  public void undo() {
    for (int i = done.size() - 1; i >= 0; i--) {
      Done step = done.get(i);
      try {
        if (step.backup() == null) {
          Files.deleteIfExists(step.step().file());
        } else {
          replace(step.step().file(), Files.readAllBytes(step.backup()));
        }
        done.remove(i);
      } catch (IOException e) {
        throw new UnableToApplyChange(
            "file " + relative(step.step().file()),
            null,
            "could not restore it from " + step.backup() + ": " + e.getMessage(),
            e);
      }
    }
  }

  private Path carryOut(Step step, Path backups) throws IOException {
    Path target = step.file();
    Path backup = null;
    if (Files.exists(target)) {
      backup = backups.resolve(backupName(target));
      Files.createDirectories(backup.getParent());
      if (step.kind() == Kind.DELETE) {
        move(target, backup);
        return backup;
      }
      Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
    } else if (step.kind() == Kind.DELETE) {
      return null;
    }
    Files.createDirectories(target.getParent());
    replace(target, step.text().getBytes(StandardCharsets.UTF_8));
    return backup;
  }

  /**
   * Temporary file beside the target, forced to disk, renamed over it; then the directory forced.
   */
  private void replace(Path target, byte[] bytes) throws IOException {
    Path directory = target.getParent();
    Path lockFile = directory.resolve("." + target.getFileName() + ".syncline-lock");
    try (FileChannel lockChannel =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock()) {
      if (lock == null) {
        throw new IOException(target.getFileName() + " is being written by another process");
      }
      Path temp =
          Files.createTempFile(directory, "." + target.getFileName() + ".", ".syncline-tmp");
      try {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          ByteBuffer buffer = ByteBuffer.wrap(bytes);
          while (buffer.hasRemaining()) {
            channel.write(buffer);
          }
          channel.force(true);
        }
        failureHook.beforeMove(target);
        move(temp, target);
      } finally {
        Files.deleteIfExists(temp);
        Files.deleteIfExists(lockFile);
      }
    }
    forceDirectory(directory);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING); // e.g. a backup on another disk
    }
  }

  /** Makes the rename durable where the platform allows opening a directory (not on Windows). */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Best effort: the file itself was forced before the rename.
    }
  }

  private Path backupDirectory() {
    Path root = workingDirectory.resolve(".syncline").resolve("backups");
    String stamp = STAMP.withZone(clock.getZone()).format(clock.instant());
    Path directory = root.resolve(stamp);
    for (int n = 2; Files.exists(directory); n++) {
      directory = root.resolve(stamp + "-" + n); // two commits within one millisecond
    }
    return directory;
  }

  /**
   * Inside the working directory: the relative path; outside: the absolute path without its root.
   */
  private Path backupName(Path file) {
    if (file.startsWith(workingDirectory)) {
      return workingDirectory.relativize(file);
    }
    return file.getRoot() == null ? file : file.getRoot().relativize(file);
  }

  private String relative(Path file) {
    return file.startsWith(workingDirectory)
        ? workingDirectory.relativize(file).toString()
        : file.toString();
  }

  private Path absolute(Path file) {
    return workingDirectory.resolve(file).toAbsolutePath().normalize();
  }
}
