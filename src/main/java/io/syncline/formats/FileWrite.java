package io.syncline.formats;

import io.syncline.core.FileImage;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.UnableToReadFile;
import io.syncline.runtime.Crash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * File writes prepared first, then committed together: each file is written to a temporary file
 * beside it, forced to disk and moved over the original in one atomic rename, after the original
 * was kept at {@code .syncline/backups/<yyyyMMdd-HHmmss-SSS>/<path>} (see {@link #keep}). If one
 * file fails, the files already written are put back, so the files are either all old or all new;
 * {@link #undo()} puts them back later too, when the database commit fails after the files were
 * written.
 *
 * <p>Locking: while a file is written, an exclusive {@link FileLock} is held on a sibling {@code
 * .<name>.syncline-lock}, which two Syncline processes writing the same file both take; the second
 * fails with "being written by another process" instead of interleaving. The lock file is deleted
 * afterwards. (Locking the target itself would not survive the rename, which replaces the file.)
 *
 * <p>Each step knows what the file held when the step was planned (its checksum, or that there was
 * no file). Right before the rename, with the new bytes already on disk beside it, the file is read
 * again and compared: a file changed since (an editor saved it while the database was written) is
 * not replaced; the commit stops with {@link SynclineException.FileChanged} and puts back the files
 * already written. Only the instant between that read and the rename stays open: editors take no
 * lock Syncline could wait for.
 */
public final class FileWrite {
  private enum Kind {
    REWRITE,
    CREATE,
    DELETE
  }

  /**
   * {@code bytes} is null for a delete: the new content is kept only as the bytes to write, not
   * also as text (a 250 MB file twice over until the commit), and a patched file's as the bytes it
   * held with the edits' replacements (see {@link SplicedBytes}), not as a second array. {@code
   * expected} is what the file must hold when it is written, as {@link #holds} reads a checksum:
   * null for no file. {@code modeFrom} is the file whose mode a file created by the step takes (its
   * backup, when a deleted file is put back); null for the umask's default. {@code before} is the
   * checksum of the bytes the file holds, when the caller read and checked them (a patched file's),
   * so that {@link #images} need not read the file again; else null.
   */
  private record Step(
      Kind kind,
      Path file,
      SplicedBytes bytes,
      String description,
      String expected,
      Path modeFrom,
      boolean restore,
      String before) {}

  /**
   * A step carried out: where the original went (null when there was none), and the CRC32C of the
   * bytes written, taken as they were written (0 for a delete).
   */
  private record Done(Step step, Path backup, long crc32c) {}

  /**
   * A file as {@link #commit()} left it: its size and CRC32C, as {@code load} would take them, and
   * how its bytes were made, from which the places of its records follow ({@link
   * SplicedBytes#shift}).
   */
  record Written(long size, long crc32c, SplicedBytes bytes) {}

  /**
   * A step's new bytes written to {@code temp} beside the file they replace ({@code written}, the
   * target with its links followed) and forced to disk, with the file's lock held on {@code
   * lockChannel} until the rename; {@code crc32c} is that of the bytes written.
   */
  private record Staged(
      Path written, Path temp, Path lockFile, FileChannel lockChannel, long crc32c) {
    /**
     * Releases the lock, and removes the lock file and the temporary file if it was not renamed.
     */
    void close() throws IOException {
      try {
        Files.deleteIfExists(temp);
        Files.deleteIfExists(lockFile);
      } finally {
        lockChannel.close();
      }
    }
  }

  /** Lets tests fail a step after its temporary file is written, before it replaces the target. */
  interface FailureHook {
    void beforeMove(Path target) throws IOException;
  }

  /** The most handed to the operating system in one read or write: see {@link #replace}. */
  static final int CHUNK = 1 << 20;

  private static final String CRC32C_PREFIX = "crc32c:";

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final Path workingDirectory;
  private final Clock clock;
  private final List<Step> steps = new ArrayList<>();
  private final List<Done> done = new ArrayList<>();
  private final Map<Step, Staged> staged = new IdentityHashMap<>();
  private final Map<Step, Exception> stagingFailed = new IdentityHashMap<>();
  private FailureHook failureHook = target -> {};
  private Path backups;
  private ByteBuffer writeBuffer;

  /**
   * Each file as {@link #commit()} wrote it, in the order added, without reading it again: its
   * checksum was taken as its bytes went out. Null for a file deleted; restores ({@code rollback})
   * are left out.
   */
  Map<Path, Written> written() {
    Map<Path, Written> written = new LinkedHashMap<>();
    for (Done done : done) {
      Step step = done.step();
      if (!step.restore()) {
        written.put(
            step.file(),
            step.kind() == Kind.DELETE
                ? null
                : new Written(step.bytes().size(), done.crc32c(), step.bytes()));
      }
    }
    return written;
  }

  public FileWrite(Path workingDirectory, Clock clock) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.clock = clock;
  }

  void failureHook(FailureHook hook) {
    this.failureHook = hook;
  }

  /** Replaces the file, which must still hold what it holds now when it is written. */
  public void rewrite(Path file, String newText, String description) {
    rewrite(file, newText, description, sha256(absolute(file)));
  }

  /**
   * Replaces the file, which must hold the bytes with checksum {@code expected} ({@code crc32c:HEX}
   * or SHA-256 hex, as {@link #holds}) when it is written.
   */
  public void rewrite(Path file, String newText, String description, String expected) {
    rewrite(file, utf8(newText), description, expected, null);
  }

  /**
   * {@link #rewrite(Path, String, String, String)} with the new content as the UTF-8 bytes to
   * write, kept as given (not copied).
   */
  public void rewrite(Path file, byte[] newBytes, String description, String expected) {
    rewrite(file, SplicedBytes.of(newBytes), description, expected, null);
  }

  /**
   * {@link #rewrite(Path, byte[], String, String)} of a file whose bytes the caller read and
   * checked against {@code expected}, a {@code crc32c:HEX} checksum: it is then also the undo
   * image's checksum before, and the file is not read again for it in {@link #images}. A file that
   * no longer holds those bytes is refused before the rename, as any changed file is.
   */
  void rewriteChecked(Path file, SplicedBytes newBytes, String description, String expected) {
    if (!expected.startsWith(CRC32C_PREFIX)) {
      throw new IllegalArgumentException("not a CRC32C checksum: " + expected);
    }
    rewrite(file, newBytes, description, expected, expected);
  }

  private void rewrite(
      Path file, SplicedBytes newBytes, String description, String expected, String before) {
    steps.add(
        new Step(
            Kind.REWRITE, absolute(file), newBytes, description, expected, null, false, before));
  }

  /** Creates the file, which must still be missing (or hold what it holds now) when written. */
  public void create(Path file, String text, String description) {
    Path target = absolute(file);
    steps.add(
        new Step(Kind.CREATE, target, utf8(text), description, sha256(target), null, false, null));
  }

  public void delete(Path file, String description) {
    delete(file, description, sha256(absolute(file)));
  }

  /** Deletes the file, which must hold the bytes with checksum {@code expected} until then. */
  public void delete(Path file, String description, String expected) {
    steps.add(
        new Step(Kind.DELETE, absolute(file), null, description, expected, null, false, null));
  }

  /** Puts {@code bytes} in place, exactly: for {@code rollback}, from a backup. */
  public void restore(Path file, byte[] bytes, String description) {
    restore(file, bytes, description, sha256(absolute(file)));
  }

  /**
   * {@link #restore(Path, byte[], String)} over a file that must hold the bytes with checksum
   * {@code expected} (null: no file) when it is written.
   */
  public void restore(Path file, byte[] bytes, String description, String expected) {
    restore(file, bytes, null, description, expected);
  }

  /**
   * {@link #restore(Path, byte[], String, String)} of bytes kept in {@code backup}: a file that no
   * longer exists comes back with the backup's mode, which is the mode it had.
   */
  public void restore(Path file, byte[] bytes, Path backup, String description, String expected) {
    Path target = absolute(file);
    Kind kind = Files.exists(target) ? Kind.REWRITE : Kind.CREATE;
    Path modeFrom = backup == null ? null : absolute(backup);
    steps.add(
        new Step(
            kind,
            target,
            SplicedBytes.of(bytes.clone()),
            description,
            expected,
            modeFrom,
            true,
            null));
  }

  private static SplicedBytes utf8(String text) {
    return SplicedBytes.of(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What {@link #commit()} will do to each file, before it does it: where the earlier bytes will be
   * kept and the checksums before and after. Read before the commit (the apply intent names them)
   * and kept after it (the undo images).
   *
   * <p>The checksums are CRC32C ({@code crc32c:HEX}), as {@code load} takes them, not SHA-256: they
   * tell rollback and recovery whether a file still holds the bytes Syncline wrote or kept, which a
   * change by an editor or a script cannot keep by chance (one in four billion), and on a 243 MiB
   * file CRC32C takes 0.02 s where SHA-256 took 0.3 to 0.5 s, twice (before and after), on the
   * apply's way. The bytes before of a patched file are those {@code load} read, checked against
   * its checksum; they are not read again. Images kept by earlier versions hold SHA-256, which
   * {@link #holds} and {@link #matches} still read.
   */
  public List<FileImage> images() {
    Path directory = backupDirectory();
    List<FileImage> images = new ArrayList<>();
    for (Step step : steps) {
      Path target = step.file();
      String before = step.before() != null ? step.before() : crc32c(target);
      images.add(
          new FileImage(
              relative(target),
              before == null ? null : relative(directory.resolve(backupName(target))),
              before,
              step.bytes() == null ? null : crc32c(crc32cAfter(step))));
    }
    return images;
  }

  /**
   * The CRC32C of the bytes the step writes: for bytes made from the file itself ({@link
   * FileExcerpts}), read from it once more, and {@link SynclineException.FileChanged} when it no
   * longer holds what it held when the step was planned.
   */
  private long crc32cAfter(Step step) {
    try {
      return step.bytes().crc32c();
    } catch (SplicedBytes.OriginChanged e) {
      throw changed(step);
    } catch (IOException e) {
      throw new UnableToReadFile(relative(step.file()), 0, 0, "cannot read: " + e.getMessage());
    }
  }

  /** How a CRC32C checksum is written in an image or as a step's expected bytes. */
  static String crc32c(long crc) {
    return CRC32C_PREFIX + Long.toHexString(crc);
  }

  /** The file's CRC32C as {@link #crc32c(long)} writes it; null when there is no such file. */
  public static String crc32c(Path file) {
    try {
      return crc32c(crc32cOf(file));
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UnableToReadFile(
          file.toString(), 0, 0, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  /** The CRC32C of the file's bytes, read through one native buffer. */
  static long crc32cOf(Path file) throws IOException {
    // Streamed, not read whole: right before the rename the new bytes are held already, and a
    // second whole copy of a 250 MB file would only be compared and dropped.
    CRC32C crc = new CRC32C();
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
      while (channel.read(buffer.clear()) >= 0) {
        crc.update(buffer.flip());
      }
    }
    return crc.getValue();
  }

  /**
   * Whether {@code bytes} have this checksum: {@code crc32c:HEX}, or SHA-256 hex as images kept by
   * earlier versions hold it.
   */
  public static boolean matches(byte[] bytes, String checksum) {
    if (checksum != null && checksum.startsWith(CRC32C_PREFIX)) {
      CRC32C crc = new CRC32C();
      crc.update(bytes);
      return checksum.equals(crc32c(crc.getValue()));
    }
    return sha256(bytes).equals(checksum);
  }

  /** SHA-256 of the file's bytes in hex; null when there is no such file. */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new UnableToReadFile(file.toString(), 0, 0, e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Removes what a write killed halfway leaves beside {@code target}: its temporary files ({@code
   * .NAME.*.syncline-tmp}) and its lock file. Best effort: these never hold anything needed.
   */
  public static void removeLeftovers(Path target) {
    Path written;
    try {
      written = followLinks(target.toAbsolutePath());
    } catch (IOException e) {
      return;
    }
    Path directory = written.getParent();
    String name = written.getFileName().toString();
    try (Stream<Path> siblings = Files.list(directory)) {
      for (Path sibling : siblings.toList()) {
        String other = sibling.getFileName().toString();
        if (other.equals("." + name + ".syncline-lock")
            || (other.startsWith("." + name + ".") && other.endsWith(".syncline-tmp"))) {
          Files.deleteIfExists(sibling);
        }
      }
    } catch (IOException e) {
      // left for the user: such files are hidden and never read
    }
  }

  /**
   * The image of a file an apply read but did not write: its checksum as {@code load} took it
   * ({@code crc32c:HEX}, no second read of the file), no backup. Rollback expects the file to hold
   * these bytes still: a file edited and then synced is not "changed by something else".
   */
  public FileImage seen(SourceFile file) {
    String checksum = crc32c(file.checksum());
    return new FileImage(relative(absolute(file.path())), null, checksum, checksum);
  }

  /** Whether a file seen by {@link #seen} or written is an image of a read, not of a write. */
  public static boolean isSeen(FileImage image) {
    return image.backup() == null && image.before() != null;
  }

  /**
   * Whether the file holds the bytes with this checksum ({@code crc32c:HEX}, as images and {@code
   * load} take it, or SHA-256 hex, as images kept by earlier versions hold it); a null checksum
   * means the file does not exist.
   */
  public static boolean holds(Path file, String checksum) {
    if (checksum == null || !checksum.startsWith(CRC32C_PREFIX)) {
      return Objects.equals(sha256(file), checksum);
    }
    return checksum.equals(crc32c(file));
  }

  /** The file's bytes; {@link io.syncline.core.UnableToReadFile} when they cannot be read. */
  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnableToReadFile(
          file.toString(), 0, 0, "cannot read: " + e.getClass().getSimpleName());
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** One line per file, in the order added: "rewrite schedule_config.yml (3 records)". */
  public List<String> describe() {
    return steps.stream().map(Step::description).toList();
  }

  public boolean isEmpty() {
    return steps.isEmpty();
  }

  /**
   * Writes the new bytes of each file beside it, forced to disk, for {@link #commit()} to rename
   * into place: the long part of a commit (a 243 MiB file is written and forced in a third of a
   * second, see {@link FileOutput}), which {@code apply} runs on another core while the database
   * takes its rows. Changes no file a user reads: until the commit only hidden {@code
   * .NAME.*.syncline-tmp} files exist beside them, which recovery removes after a crash. Stops at
   * the first step that fails and keeps why, for {@link #commit()} to throw where it meets that
   * step, as if it had written it then. Run before {@link #commit()}, never while it runs: the
   * caller waits for it.
   */
  public void stage() {
    for (Step step : steps) {
      if (step.kind() == Kind.DELETE || staged.containsKey(step)) {
        continue;
      }
      try {
        Files.createDirectories(step.file().getParent());
        staged.put(step, stageBytes(step.file(), step.bytes(), step, step.modeFrom()));
      } catch (IOException | RuntimeException e) {
        stagingFailed.put(step, e);
        return;
      }
    }
  }

  /**
   * Removes what {@link #stage()} wrote and the commit did not rename, and releases its locks. Best
   * effort, as {@link #removeLeftovers}: what a failure leaves is hidden and never read.
   */
  public void discardStaged() {
    for (Staged left : staged.values()) {
      try {
        left.close();
      } catch (IOException e) {
        // left for the user: such files are hidden and never read
      }
    }
    staged.clear();
    stagingFailed.clear();
  }

  /**
   * Writes every file, or none: on a failure the files already written are put back and {@link
   * UnableToApplyChange} names the file that failed, or {@link SynclineException.FileChanged} the
   * file that no longer held what the step was planned on. Files {@link #stage()} wrote beside
   * their targets are renamed into place; the others are written now.
   */
  public void commit() {
    if (!done.isEmpty()) {
      throw new IllegalStateException("already committed");
    }
    Path backups = backupDirectory();
    try {
      for (Step step : steps) {
        try {
          carryOut(step, backups);
        } catch (SynclineException.FileChanged e) {
          undo();
          throw e;
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
    } finally {
      discardStaged();
    }
  }

  /** Puts every file written by {@link #commit()} back as it was, last first. */
  public void undo() {
    for (int i = done.size() - 1; i >= 0; i--) {
      Done step = done.get(i);
      try {
        if (step.backup() == null) {
          Files.deleteIfExists(followLinks(step.step().file()));
        } else {
          replace(
              step.step().file(),
              SplicedBytes.of(Files.readAllBytes(step.backup())),
              null,
              step.backup());
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

  /** Carries out the step and adds it to {@link #done}, as soon as something was changed. */
  private void carryOut(Step step, Path backups) throws IOException {
    Path target = step.file();
    Path backup = null;
    if (Files.exists(target)) {
      backup = backups.resolve(backupName(target));
      Files.createDirectories(backup.getParent());
      if (step.kind() == Kind.DELETE) {
        move(target, backup);
        // Compared after the move: whatever the file held then is kept in the backup either way.
        if (!holds(backup, step.expected())) {
          move(backup, target);
          throw changed(step);
        }
        done.add(new Done(step, backup, 0));
        Crash.at("file");
        return;
      }
      keep(target, backup);
    } else if (step.kind() == Kind.DELETE) {
      done.add(new Done(step, null, 0)); // gone already, as the step wanted
      return;
    }
    Files.createDirectories(target.getParent());
    if (backup != null) {
      Crash.at("backup");
    }
    long crc32c = finish(staged(step), target, step);
    done.add(new Done(step, backup, crc32c));
    Crash.at("file");
  }

  /** The step's new bytes beside its file: as {@link #stage()} left them, or written now. */
  private Staged staged(Step step) throws IOException {
    Exception failed = stagingFailed.remove(step);
    if (failed instanceof IOException e) {
      throw e;
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    Staged done = staged.remove(step);
    return done != null ? done : stageBytes(step.file(), step.bytes(), step, step.modeFrom());
  }

  /**
   * Keeps what {@code target} holds at {@code backup}: as a second name of the same file where the
   * file system allows one (the rename that replaces the target then leaves that file to the backup
   * alone, and a 250 MB file is not copied), else as a copy with the same mode and times. A backup
   * changed after all is refused by rollback, which checks its checksum.
   */
  private static void keep(Path target, Path backup) throws IOException {
    try {
      Files.createLink(backup, followLinks(target));
    } catch (IOException | UnsupportedOperationException e) {
      // another file system than the backups', or one without hard links
      Files.copy(target, backup, StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /**
   * Temporary file beside the target, forced to disk, renamed over it; then the directory forced.
   * With {@code checked}, the target must still hold what the step expects right before the rename.
   * A target that does not exist takes the mode of {@code modeFrom} when given (a deleted file put
   * back from its backup).
   *
   * <p>A target that is a symbolic link stays one: the file it points to is what is replaced, with
   * the temporary file beside that file (a rename is atomic only within one directory). The
   * replacement keeps the replaced file's mode, and its owner and group where the process may set
   * them; a new file gets the umask's default, as any editor would create it.
   *
   * <p>Returns the CRC32C of the bytes written, taken piece by piece as each goes out, while it is
   * still in the processor's cache: what the file holds after is known without reading it again.
   */
  private long replace(Path target, SplicedBytes bytes, Step checked, Path modeFrom)
      throws IOException {
    return finish(stageBytes(target, bytes, checked, modeFrom), target, checked);
  }

  /**
   * The first half of {@link #replace}: the file's lock taken, the bytes written to a temporary
   * file beside it and forced, its mode (owner, group) given. Nothing is left behind on a failure.
   */
  private Staged stageBytes(Path target, SplicedBytes bytes, Step checked, Path modeFrom)
      throws IOException {
    Path written = followLinks(target);
    Path lockFile = written.resolveSibling("." + written.getFileName() + ".syncline-lock");
    FileChannel lockChannel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
    if (lock == null) {
      lockChannel.close(); // the lock file is the other process's to remove
      throw new IOException(target.getFileName() + " is being written by another process");
    }
    Path temp = null;
    try {
      temp = newTemporaryFile(written);
      long crc32c = writeForced(temp, bytes, checked);
      if (Files.exists(written)) {
        copyOwnerAndMode(written, temp);
      } else if (modeFrom != null) {
        copyOwnerAndMode(modeFrom, temp);
      }
      return new Staged(written, temp, lockFile, lockChannel, crc32c);
    } catch (IOException | RuntimeException e) {
      try (lockChannel) {
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
        Files.deleteIfExists(lockFile);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  /**
   * The second half of {@link #replace}: the check that the target still holds what the step was
   * planned on, the rename, the directory forced. The temporary file is gone after, renamed or not.
   */
  private long finish(Staged staged, Path target, Step checked) throws IOException {
    try {
      failureHook.beforeMove(target);
      if (checked != null && !holds(target, checked.expected())) {
        throw changed(checked);
      }
      move(staged.temp(), staged.written());
    } finally {
      staged.close();
    }
    forceDirectory(staged.written().getParent());
    return staged.crc32c();
  }

  /** Writes {@code bytes} to {@code temp} and forces them to disk; returns their CRC32C. */
  private long writeForced(Path temp, SplicedBytes bytes, Step checked) throws IOException {
    CRC32C crc = new CRC32C();
    try (FileOutput output = FileOutput.open(temp, bytes.size(), this::writeBuffer)) {
      // Through one native buffer of a megabyte at most: the channel would copy a heap array
      // through a native buffer of the size handed to it (for a 250 MB file in one write, 250
      // MB more memory), and the pieces of a patched file (the unchanged runs, straight from
      // the bytes it held, and the replacements between them) are filled into it, so that
      // ten thousand small replacements are not as many writes.
      ByteBuffer out = output.buffer();
      forEachPiece(
          bytes,
          checked,
          (array, offset, length) -> {
            crc.update(array, offset, length);
            for (int at = offset; at < offset + length; ) {
              int n = Math.min(out.remaining(), offset + length - at);
              out.put(array, at, n);
              at += n;
              if (!out.hasRemaining()) {
                output.drain();
              }
            }
          });
      output.finish();
    }
    return crc.getValue();
  }

  /**
   * {@link SplicedBytes#forEachPiece}, made from the file being replaced when they were patched
   * from its records (see {@link FileExcerpts}): {@link SynclineException.FileChanged} when that
   * file no longer holds what the step was planned on, even for a moment while it was read.
   */
  private void forEachPiece(SplicedBytes bytes, Step checked, SplicedBytes.Piece piece)
      throws IOException {
    try {
      bytes.forEachPiece(CHUNK, piece);
    } catch (SplicedBytes.OriginChanged e) {
      if (checked == null) {
        throw e;
      }
      throw changed(checked);
    }
  }

  /**
   * An empty native buffer of at least {@code wanted} bytes, kept for the next file, so that a
   * commit of many files does not leave as many buffers to the collector.
   */
  private ByteBuffer writeBuffer(int wanted) {
    if (writeBuffer == null || writeBuffer.capacity() < wanted) {
      writeBuffer = ByteBuffer.allocateDirect(wanted);
    }
    return writeBuffer.clear();
  }

  /**
   * The path a write to {@code file} lands on: {@code file} itself, or, through each symbolic link,
   * the file it points to (which may not exist yet). Gives up after 40 links, as the kernel does.
   */
  static Path followLinks(Path file) throws IOException {
    Path path = file;
    for (int hops = 0; Files.isSymbolicLink(path); hops++) {
      if (hops == 40) {
        throw new FileSystemException(file.toString(), null, "too many links");
      }
      path = path.getParent().resolve(Files.readSymbolicLink(path)).normalize();
    }
    return path;
  }

  /**
   * An empty {@code .NAME.<random>.syncline-tmp} beside {@code target}, with the mode a plain
   * create gives under the umask. Not {@link Files#createTempFile}: that makes the file 0600, and
   * the rename would carry 0600 onto a file other users read.
   */
  private static Path newTemporaryFile(Path target) throws IOException {
    SecureRandom random = new SecureRandom();
    for (int attempt = 0; ; attempt++) {
      Path temp =
          target.resolveSibling(
              "."
                  + target.getFileName()
                  + "."
                  + Long.toUnsignedString(random.nextLong())
                  + ".syncline-tmp");
      try {
        Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt == 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Gives {@code to} the owner, group and mode of {@code from}. Owner and group first, since
   * changing them may clear mode bits; a refusal (not root, not in the group) keeps the process's
   * own, which is what the user could have done by hand.
   */
  private static void copyOwnerAndMode(Path from, Path to) throws IOException {
    PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
    PosixFileAttributeView copy =
        Files.getFileAttributeView(to, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (source == null || copy == null) {
      return; // not a POSIX file system: the rename keeps what the platform gives
    }
    PosixFileAttributes attributes = source.readAttributes();
    try {
      copy.setOwner(attributes.owner());
    } catch (IOException e) {
      // only root may give a file away
    }
    try {
      copy.setGroup(attributes.group());
    } catch (IOException e) {
      // only a member of the group (or root) may set it
    }
    copy.setPermissions(attributes.permissions());
  }

  private SynclineException.FileChanged changed(Step step) {
    return new SynclineException.FileChanged(relative(step.file()));
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

  /** Chosen once, so that {@link #images()} names the backups {@link #commit()} writes. */
  private Path backupDirectory() {
    if (backups == null) {
      backups = newBackupDirectory();
    }
    return backups;
  }

  private Path newBackupDirectory() {
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
