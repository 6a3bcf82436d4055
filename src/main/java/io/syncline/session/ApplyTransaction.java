package io.syncline.session;

import io.syncline.core.EntityPlan;
import io.syncline.core.FileImage;
import io.syncline.core.Progress;
import io.syncline.core.SchemaChange;
import io.syncline.core.SynclineException;
import io.syncline.formats.ApplyIntent;
import io.syncline.formats.FileWrite;
import io.syncline.runtime.Background;
import io.syncline.runtime.Crash;
import io.syncline.sql.Database;
import io.syncline.state.AppliedSummary;
import io.syncline.state.Checkpoints;
import io.syncline.state.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How {@code apply} and {@code rollback} write rows and files together, so that a crash at any
 * moment leaves both as they were before or both as they are after:
 *
 * <ol>
 *   <li>under the write lock, an apply an earlier process left unfinished is finished or undone
 *       first ({@link Recovery}, this sequence's inverse);
 *   <li>in one database transaction: the rows, the base, the audit log entry and the undo images;
 *       meanwhile, on another thread, the files' new bytes are made (a large file's patch), the
 *       intent ({@code .syncline/apply-intent}) names the run and the files, and the new bytes are
 *       written beside them and forced ({@link FileWrite#stage()});
 *   <li>just before that transaction commits, the files are renamed into place;
 *   <li>the intent is removed once it has committed.
 * </ol>
 *
 * The intent is written before anything a user reads is (the renames) and before the temporary
 * files, so it names every file a crash could leave written; a crash before it leaves the
 * transaction uncommitted, which the database rolls back.
 *
 * <p>When the transaction fails, the files written are put back before the failure is thrown; when
 * the process dies, the next {@code connect} reads the intent and lets the database decide.
 */
final class ApplyTransaction {
  private final Path workingDirectory;
  private final Clock clock;
  private final Database database;
  private final StateStore state;
  private final Duration lockWait;
  private final Consumer<String> notices;

  ApplyTransaction(Sides sides) {
    this.workingDirectory = sides.workingDirectory();
    this.clock = sides.clock();
    this.database = sides.database();
    this.state = sides.state();
    this.lockWait = sides.lockWait();
    this.notices = sides.notices();
  }

  /**
   * What one apply or rollback writes and keeps to be undone.
   *
   * @param files what is written to files, made when asked: on the other core while the database
   *     re-reads the rows (a large file's patch)
   * @param outcome the audit log's word for it: {@code applied}, {@code rolled back to NAME}
   * @param undo the rows' and bases' undo images, made when asked: on the other core while the rows
   *     are written
   * @param seen the files the entities were read from, kept beside those written so that a rollback
   *     can tell whether they changed since; a file also written is kept once, as written
   * @param meanwhile work for after the apply that does not need it done, run while the database
   *     waits for the files' bytes to be written (its results are for a committed apply only)
   */
  record Writes(
      List<SchemaChange> schema,
      List<EntityPlan> plans,
      Supplier<FileWrite> files,
      String outcome,
      Supplier<List<Checkpoints.Undo>> undo,
      List<FileImage> seen,
      Runnable meanwhile) {}

  /**
   * Runs {@code work} under the write lock for {@code command}, once an interrupted apply to this
   * database is finished or undone; refuses when one to another database is left, whose intent this
   * run's would replace, and with it the only record of which files to put back.
   */
  <T> T underLock(String command, Supplier<T> work) {
    try (WriteLock lock = WriteLock.take(workingDirectory, database, command, lockWait, clock)) {
      lock.notice().ifPresent(notices);
      Recovery.underLock(workingDirectory, clock, database, state).ifPresent(notices);
      refuseIfInterrupted();
      return work.get();
    }
  }

  private void refuseIfInterrupted() {
    ApplyIntent.read(workingDirectory)
        .ifPresent(
            intent -> {
              throw new SynclineException(
                  "an apply to "
                      + intent.database()
                      + " was interrupted at "
                      + intent.startedAt().truncatedTo(ChronoUnit.SECONDS)
                      + "; connect to it to finish or undo that apply first; nothing was changed");
            });
  }

  /**
   * Writes it all, or nothing: called in the work of {@link #underLock}. Returns what was written
   * to files.
   */
  FileWrite commit(Writes writes, Progress progress) {
    Instant started = clock.instant();
    String runId = UUID.randomUUID().toString();
    // On the other core, while the database re-reads and takes the rows: the files' new bytes are
    // made (a large file's patch), the intent names them, and they are written beside the files
    // and forced; the database's part asks for them only at its end, to log and keep them, and
    // its commit waits for them to be written.
    CompletableFuture<Intended> intended =
        CompletableFuture.supplyAsync(
            () -> intend(writes.files().get(), runId, started), Background.FILES);
    CompletableFuture<Void> staged =
        intended.thenAcceptAsync(files -> files.write().stage(), Background.FILES);
    FilesBeforeCommit files = new FilesBeforeCommit(intended, staged, writes.meanwhile());
    try {
      database.apply(
          writes.schema(),
          writes.plans(),
          state
              .writeBase(writes.plans())
              .andThen(
                  state.recordApply(
                      () ->
                          AppliedSummary.of(
                              started,
                              writes.plans(),
                              files.intended().write().describe(),
                              writes.outcome()),
                      runId))
              .andThen(
                  state
                      .checkpoints()
                      .recordUndo(
                          runId,
                          writes.undo(),
                          () -> kept(files.intended().images(), writes.seen())))
              .andThen(c -> Crash.at("rows")),
          files,
          progress);
    } catch (RuntimeException e) {
      files.undoIfWritten();
      files.discardStaged(); // the other core's work done: no intent written after this
      ApplyIntent.remove(workingDirectory);
      throw e;
    } finally {
      files.discardStaged();
    }
    Crash.at("commit");
    ApplyIntent.remove(workingDirectory);
    return files.intended().write();
  }

  /** The files' writes, and their images as the intent names them. */
  private record Intended(FileWrite write, List<FileImage> images) {}

  /** Names {@code write}'s files in the intent, before anything is written to them. */
  private Intended intend(FileWrite write, String runId, Instant started) {
    List<FileImage> images = write.images();
    new ApplyIntent(runId, started, database.maskedUrl(), images).write(workingDirectory);
    Crash.at("intent");
    return new Intended(write, images);
  }

  /** The files written, then those only seen. */
  private static List<FileImage> kept(List<FileImage> written, List<FileImage> seen) {
    List<FileImage> images = new ArrayList<>(written);
    Set<String> paths = new HashSet<>();
    written.forEach(image -> paths.add(image.path()));
    for (FileImage image : seen) {
      if (paths.add(image.path())) {
        images.add(image);
      }
    }
    return images;
  }

  /**
   * The files' commit, run by the database just before its own; remembers whether it ran, since
   * only files written are to be put back when the database's commit then fails.
   */
  private static final class FilesBeforeCommit implements Runnable {
    private final CompletableFuture<Intended> intended;
    private final CompletableFuture<Void> staged;
    private final Runnable meanwhile;
    private boolean written;

    /**
     * {@code intended}: the files' writes being made and named in the intent; {@code staged}:
     * {@link FileWrite#stage()} of them, after. Both on the other core, waited for here, after
     * {@code meanwhile}.
     */
    FilesBeforeCommit(
        CompletableFuture<Intended> intended, CompletableFuture<Void> staged, Runnable meanwhile) {
      this.intended = intended;
      this.staged = staged;
      this.meanwhile = meanwhile;
    }

    /** The files' writes, once named in the intent; what making them threw, as it was thrown. */
    Intended intended() {
      try {
        return intended.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }

    @Override
    public void run() {
      FileWrite files = intended().write();
      meanwhile.run();
      staged.join(); // stage() keeps its failures for commit() to throw
      files.commit();
      written = true;
      Crash.at("files");
    }

    void undoIfWritten() {
      if (written) {
        intended().write().undo();
      }
    }

    /**
     * Once the other core's work is over, removes what the staging wrote that was not renamed: all
     * of it when the database failed before the files' turn. Waits without being interrupted, so
     * that no intent nor temporary file is written after this returns.
     */
    void discardStaged() {
      try {
        staged.join();
      } catch (CompletionException | CancellationException e) {
        // what it wrote is removed all the same; a failure to make the files wrote nothing
      }
      if (!intended.isCompletedExceptionally()) {
        intended.join().write().discardStaged();
      }
    }
  }
}
