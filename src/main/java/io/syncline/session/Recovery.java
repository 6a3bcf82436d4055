package io.syncline.session;

import io.syncline.core.FileImage;
import io.syncline.formats.ApplyIntent;
import io.syncline.formats.FileWrite;
import io.syncline.sql.Database;
import io.syncline.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finishes or undoes an apply that was interrupted (the process killed, the machine down), from the
 * intent it left in {@code .syncline/apply-intent}: the inverse of {@link ApplyTransaction}, which
 * writes the intent, then the rows, base, log and undo images in one transaction, renames the files
 * into place just before that transaction commits, and removes the intent last. So the database
 * decides:
 *
 * <pre>
 *   the log holds the intent's run id    the apply committed: the files were all written before;
 *                                        keep them ("finished")
 *   it does not                          the transaction rolled back: put each file that holds the
 *                                        new bytes back from its backup, delete each one it created
 *                                        ("undone")
 * </pre>
 *
 * A file that holds neither the bytes before nor the bytes after was changed by something else
 * since; it is left as it is and named.
 *
 * <p>An intent is only interrupted when no process holds the working directory's write lock (see
 * {@link WriteLock}): while another Syncline process applies, its intent is there too. So the
 * intent is read again, and acted on, only under that lock.
 */
final class Recovery {
  private Recovery() {}

  /**
   * For {@code connect}: one line saying what was found and done; empty when no apply was
   * interrupted, or when the intent belongs to an apply another process is running now.
   */
  static Optional<String> run(
      Path workingDirectory, Clock clock, Database database, StateStore state) {
    if (ApplyIntent.read(workingDirectory).isEmpty()) {
      return Optional.empty();
    }
    Optional<WriteLock> lock = WriteLock.tryFiles(workingDirectory, "connect", clock);
    if (lock.isEmpty()) {
      return Optional.empty(); // its apply is running, not interrupted
    }
    try (WriteLock held = lock.get()) {
      Optional<String> done = underLock(workingDirectory, clock, database, state);
      Optional<String> tookOver = held.notice();
      if (tookOver.isPresent() && done.isPresent()) {
        return Optional.of(done.get() + "\n" + tookOver.get());
      }
      return done.or(() -> tookOver);
    }
  }

  /**
   * {@link #run}, for a caller that holds the write lock already ({@code apply}, {@code rollback}):
   * an intent found now was left by a process that died.
   */
  static Optional<String> underLock(
      Path workingDirectory, Clock clock, Database database, StateStore state) {
    Optional<ApplyIntent> found = ApplyIntent.read(workingDirectory);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ApplyIntent intent = found.get();
    if (!intent.database().equals(database.maskedUrl())) {
      return Optional.of(
          "an apply to "
              + intent.database()
              + " was interrupted at "
              + intent.startedAt().truncatedTo(ChronoUnit.SECONDS)
              + "; connect to it to finish or undo that apply");
    }
    if (database.readOnly()) {
      return Optional.of(
          "an apply to this database was interrupted at "
              + intent.startedAt().truncatedTo(ChronoUnit.SECONDS)
              + "; connect without --read-only to finish or undo it");
    }
    for (FileImage file : intent.files()) {
      FileWrite.removeLeftovers(workingDirectory.resolve(file.path()));
    }
    List<String> strangers = new ArrayList<>();
    String outcome;
    if (state.checkpoints().committed(intent.runId())) {
      for (FileImage file : intent.files()) {
        if (!FileWrite.holds(workingDirectory.resolve(file.path()), file.after())) {
          strangers.add(file.path());
        }
      }
      outcome =
          "finished: the database had committed it, and its "
              + intent.files().size()
              + " file(s) were written";
    } else {
      FileWrite write = new FileWrite(workingDirectory, clock);
      int putBack = 0;
      for (FileImage file : intent.files()) {
        Path path = workingDirectory.resolve(file.path());
        // The intent may keep checksums of two kinds (see FileWrite.images): each is read as kept.
        if (FileWrite.holds(path, file.before())) {
          continue; // not reached by the apply
        }
        String now = FileWrite.crc32c(path);
        if (!FileWrite.holds(path, file.after())) {
          strangers.add(file.path());
        } else if (file.before() == null) {
          write.delete(path, "delete " + file.path(), now);
          putBack++;
        } else {
          byte[] bytes = FileWrite.read(workingDirectory.resolve(file.backup()));
          if (!FileWrite.matches(bytes, file.before())) {
            strangers.add(file.path() + " (its backup " + file.backup() + " differs)");
            continue;
          }
          write.restore(
              path, bytes, workingDirectory.resolve(file.backup()), "restore " + file.path(), now);
          putBack++;
        }
      }
      write.commit();
      outcome =
          "undone: the database had not committed it; "
              + putBack
              + " file(s) put back from "
              + ".syncline/backups";
    }
    ApplyIntent.remove(workingDirectory);
    return Optional.of(
        "an apply interrupted at "
            + intent.startedAt().truncatedTo(ChronoUnit.SECONDS)
            + " was "
            + outcome
            + (strangers.isEmpty()
                ? ""
                : "; changed by something else since, left as they are: "
                    + String.join(", ", strangers)));
  }
}
