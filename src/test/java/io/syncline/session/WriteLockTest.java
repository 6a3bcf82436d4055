package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.sql.Database;
import io.syncline.sql.DatabaseLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One writer at a time, and no write over a file that changed, within one process: the lock held by
 * another session (this JVM counts as one holder per file, as another process would) and files
 * edited while apply writes. The same with real processes is {@code WriteLockIT}.
 */
class WriteLockTest extends InWorkingDirectory {
  static final String ITEMS =
      """
      [
        {"id": "a", "name": "apple"},
        {"id": "b", "name": "banana"}
      ]
      """;

  static Stream<String> databases() {
    return Stream.of("jdbc:sqlite:items.db", "jdbc:h2:mem:" + UUID.randomUUID());
  }

  /** Each database with an edit of another size, then one of the same size, and their messages. */
  static Stream<Arguments> editsAfterLoad() {
    return databases()
        .flatMap(
            url ->
                Stream.of(
                    Arguments.of(
                        url,
                        ITEMS.replace("apple", "fig"),
                        "items.json changed since it was loaded; run `load` again to see the new"
                            + " state"),
                    Arguments.of(
                        url,
                        ITEMS
                            .replace("apple", "apricot")
                            .replace("\"name\": \"banana\"", "\"name\"  \"banana\""),
                        "items.json changed since it was loaded; run `load` again to see the new"
                            + " state"),
                    Arguments.of(
                        url,
                        ITEMS.replace("apple", "avocado"),
                        "items.json changed since `load` (during the apply); nothing was changed;"
                            + " run `load` again")));
  }

  LoadRequest items() {
    return new LoadRequest("items.json", "item", List.of("id"), null, null, null);
  }

  /** Items synced once, then the database's row b renamed: apply will rewrite items.json. */
  void syncedWithARowChanged(String url) throws IOException {
    Files.writeString(dir.resolve("items.json"), ITEMS);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
    session.load(items());
    session.apply();
    session.sql("UPDATE item SET name = 'blueberry' WHERE id = 'b'");
    session.load(items());
  }

  String rows() {
    return ((QueryResult.ResultTable) session.sql("SELECT id, name FROM item ORDER BY id"))
        .rows()
        .toString();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFileEditedWhileApplyWritesIsNotOverwrittenAndNothingIsChanged(String url)
      throws IOException {
    syncedWithARowChanged(url);
    Path file = dir.resolve("items.json");
    String edited = ITEMS.replace("apple", "apricot");
    // The editor saves after apply checked the file and wrote the rows, before it writes files.
    Progress editor =
        (what, unit, total) -> {
          if (what.equals("writing files")) {
            try {
              Files.writeString(file, edited);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          return Progress.NONE.start(what, unit, total);
        };

    assertThatThrownBy(() -> session.apply(editor))
        .isInstanceOf(SynclineException.FileChanged.class)
        .hasMessage(
            "items.json changed since `load` (during the apply); nothing was changed; run `load`"
                + " again");

    assertThat(file).hasContent(edited);
    assertThat(rows()).isEqualTo("[[a, apple], [b, blueberry]]");
    session.load(items());
    assertThat(session.changes().changes())
        .extracting(c -> c.key().text())
        .containsExactlyInAnyOrder("a", "b"); // the editor's change and the row's, both pending
    session.apply();
    assertThat(rows()).isEqualTo("[[a, apricot], [b, blueberry]]");
    assertThat(Files.readString(file)).contains("apricot").contains("blueberry");
  }

  /**
   * The file's patch is made and its new bytes written beside it on the other core while the
   * database takes the rows (see {@code ApplyTransaction}): a file edited after {@code load} fails
   * there, after the rows were sent, and they are rolled back with no log entry, no intent and
   * nothing beside the file. An edit that changes the file's size, or the record to patch, fails
   * the patch; one that keeps both (apricot to avocado) is found by the pass that writes the new
   * bytes, which reads the file whole.
   */
  @ParameterizedTest
  @MethodSource("editsAfterLoad")
  void aFileEditedAfterLoadFailsOnTheOtherCoreAndRollsBackTheRowsAlreadySent(
      String url, String edited, String message) throws IOException {
    Path file = dir.resolve("items.json");
    Files.writeString(file, ITEMS);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
    session.load(items());
    session.apply();
    session.sql("UPDATE item SET name = 'blueberry' WHERE id = 'b'"); // for the file
    Files.writeString(file, ITEMS.replace("apple", "apricot")); // for the database
    session.load(items());
    int logged = session.log().size();
    Files.writeString(file, edited);

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.class)
        .hasMessage(message);

    assertThat(rows()).isEqualTo("[[a, apple], [b, blueberry]]");
    assertThat(file).hasContent(edited);
    assertThat(session.log()).hasSize(logged);
    assertThat(dir.resolve(".syncline").resolve("apply-intent")).doesNotExist();
    try (Stream<Path> beside = Files.list(dir)) {
      assertThat(beside.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".items.json."));
    }
  }

  /**
   * {@code apply --dry-run} writes nothing, so no pass over the file writing it finds an edit since
   * {@code load}: it reads the file whole to say so, as {@code apply} would.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void aDryRunSaysAFileEditedAfterLoadChangedEvenAtTheSameSize(String url) throws IOException {
    syncedWithARowChanged(url);
    Files.writeString(dir.resolve("items.json"), ITEMS.replace("apple", "pearl"));

    assertThatThrownBy(() -> session.preview())
        .isInstanceOf(SynclineException.class)
        .hasMessage(
            "items.json changed since it was loaded; run `load` again to see the new state");
  }

  @Test
  void aSecondWriterWaitsThenFailsWithExitCode4NamingTheHolder() throws IOException {
    syncedWithARowChanged("jdbc:sqlite:items.db");
    session.lockWait(Duration.ofMillis(300));
    long pid = ProcessHandle.current().pid();

    try (WriteLock other = WriteLock.take(dir, null, "apply", Duration.ZERO, Clock.systemUTC())) {
      assertThatThrownBy(() -> session.apply())
          .isInstanceOf(SynclineException.Locked.class)
          .satisfies(e -> assertThat(((SynclineException) e).exitCode()).isEqualTo(4))
          .hasMessageStartingWith(
              "another Syncline process holds the write lock of the files in " + dir)
          .hasMessageContaining("pid " + pid + " (")
          .hasMessageContaining("`apply` since")
          .hasMessageContaining("waited 0.3 s; nothing was changed");
    }
    assertThat(rows()).isEqualTo("[[a, apple], [b, blueberry]]");
    assertThat(dir.resolve("items.json")).hasContent(ITEMS);

    session.apply(); // released: the same apply goes through
    assertThat(Files.readString(dir.resolve("items.json"))).contains("blueberry");
  }

  @Test
  void theDatabaseLockKeepsOutAWriterFromAnotherDirectory() throws IOException {
    syncedWithARowChanged("jdbc:sqlite:" + dir.resolve("items.db"));
    session.lockWait(Duration.ofMillis(200));

    try (Database elsewhere =
            Database.open("jdbc:sqlite:" + dir.resolve("items.db"), null, null, false);
        DatabaseLock held =
            elsewhere
                .tryWriteLock(
                    io.syncline.core.WriteLockHolder.thisProcess(
                        "rollback x", java.time.Instant.now()))
                .orElseThrow()) {
      assertThatThrownBy(() -> session.apply())
          .isInstanceOf(SynclineException.Locked.class)
          .hasMessageStartingWith(
              "another Syncline process holds the write lock of sqlite:items.db:")
          .hasMessageContaining("`rollback x` since");
    }
    assertThat(dir.resolve("items.json")).hasContent(ITEMS);
  }

  @Test
  void aLockLeftByADeadProcessIsTakenOverAndSaidSo() throws IOException {
    syncedWithARowChanged("jdbc:sqlite:items.db");
    // What a process killed while it applied leaves: its holder's text, and no lock on the file
    // (the operating system dropped it with the process).
    Files.writeString(
        WriteLock.path(dir),
        "pid 999999\nuser ann\nhost build-1\nsince 2026-12-05T14:20:03Z\ncommand apply\n");

    session.apply();

    assertThat(session.takeNotice())
        .hasValue("took over the write lock left by pid 999999 on build-1 (no longer running)");
    assertThat(Files.readString(dir.resolve("items.json"))).contains("blueberry");
    assertThat(WriteLock.path(dir)).isEmptyFile(); // released cleanly: nothing to take over
  }

  @Test
  void copyWaitsForTheTargetsLockThenFailsNamingTheHolder() throws IOException {
    syncedWithARowChanged("jdbc:sqlite:items.db");
    session.lockWait(Duration.ofMillis(200));
    Path target = dir.resolve("copy.db");

    try (Database other = Database.open("jdbc:sqlite:" + target, null, null, false);
        DatabaseLock held =
            other
                .tryWriteLock(
                    io.syncline.core.WriteLockHolder.thisProcess("apply", java.time.Instant.now()))
                .orElseThrow()) {
      assertThatThrownBy(
              () ->
                  session.copy(
                      new CopyRequest(
                          "jdbc:sqlite:items.db",
                          null,
                          "jdbc:sqlite:copy.db",
                          null,
                          List.of("item"),
                          java.util.Map.of(),
                          false,
                          null),
                      Progress.NONE))
          .isInstanceOf(SynclineException.Locked.class)
          .hasMessageStartingWith(
              "another Syncline process holds the write lock of sqlite:copy.db:");
    }
    try (Database copy = Database.open("jdbc:sqlite:" + target, null, null, false)) {
      QueryResult tables = copy.query("SELECT count(*) FROM sqlite_master WHERE name = 'item'");
      assertThat(((QueryResult.ResultTable) tables).rows()).containsExactly(List.of("0"));
    }
  }
}
