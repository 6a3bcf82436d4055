package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Checkpoint;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints and rollback on every database: rows and file bytes are compared with what they were
 * at the checkpoint, each rollback from a later session than the applies it undoes.
 */
class RollbackTest {
  static final String CITIES =
      """
      # cities, kept by hand
      cities:
        - code: AMS
          name: Amsterdam
          people: 921402
        - code: BRU
          name: Brussels   # the region
          people: 1249597
        - code: PAR
          name: Paris
          people: 2102650
      """;

  @TempDir Path dir;
  Session session;
  String url;
  String user;
  final List<Runnable> cleanUps = new ArrayList<>();

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    cleanUps.forEach(Runnable::run);
  }

  /** Opens the kind of database named; PostgreSQL and MariaDB in a scratch place, or skipped. */
  void start(String kind) throws IOException {
    Servers.Target target = Servers.empty(kind, dir, "cities", cleanUps);
    url = target.url();
    user = target.user();
    Files.writeString(dir.resolve("cities.yml"), CITIES);
    reconnect();
    session.load(cities());
    session.apply();
  }

  /** A new session, as on another day. */
  void reconnect() {
    if (session != null) {
      session.close();
    }
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, user, null, false);
  }

  LoadRequest cities() {
    return new LoadRequest("cities.yml", "city", List.of("code"), "/cities", null, null);
  }

  String rows() {
    QueryResult result = session.sql("SELECT code, name, people FROM city ORDER BY code");
    return ((QueryResult.ResultTable) result).rows().toString();
  }

  void sql(String statement) {
    session.sql(statement);
  }

  byte[] file() throws IOException {
    return Files.readAllBytes(dir.resolve("cities.yml"));
  }

  void edit(String from, String to) throws IOException {
    Path file = dir.resolve("cities.yml");
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  /**
   * Edits on both sides, not yet synced: an update each way, a row inserted, a record deleted from
   * the file.
   */
  void editBothSides() throws IOException {
    edit("name: Amsterdam", "name: Amsterdam-Noord");
    edit("  - code: PAR\n    name: Paris\n    people: 2102650\n", "");
    sql("UPDATE city SET people = 1250000 WHERE code = 'BRU'");
    sql("INSERT INTO city (code, name, people) VALUES ('BER', 'Berlin', 3850809)");
  }

  void loadAndApply() {
    session.load(cities());
    session.apply();
  }

  List<String> pending() {
    return session.changes().changes().stream()
        .map(c -> c.id() + " " + (c.direction() == null ? c.kind() : c.direction()))
        .toList();
  }

  static final List<String> EDITS =
      List.of(
          "city/AMS.name TO_DATABASE",
          "city/BER TO_FILE",
          "city/BRU.people TO_FILE",
          "city/PAR TO_DATABASE");

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aRollbackFromALaterSessionPutsBackEveryRowAndTheFileByteForByte(String kind)
      throws IOException {
    start(kind);
    editBothSides();
    session.checkpoint("before-sync");
    String rowsThen = rows();
    byte[] fileThen = file();
    loadAndApply();
    edit("name: Berlin", "name: Berlin-Mitte");
    loadAndApply();
    assertThat(rows()).isNotEqualTo(rowsThen);

    reconnect();
    Rollback.Result result = session.rollback("before-sync", false);

    assertThat(result.applies()).isEqualTo(2);
    assertThat(result.moved()).isEmpty();
    assertThat(rows()).isEqualTo(rowsThen);
    assertThat(file()).isEqualTo(fileThen);
    session.load(cities());
    assertThat(pending()).isEqualTo(EDITS);
    assertThat(session.log().get(0).outcome()).isEqualTo("rolled back to before-sync");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aRowAnotherWriterChangedSinceIsNamedAndRefusedUnlessForced(String kind) throws IOException {
    start(kind);
    editBothSides();
    session.checkpoint("c1");
    String rowsThen = rows();
    byte[] fileThen = file();
    loadAndApply();
    sql("UPDATE city SET name = 'Bruxelles' WHERE code = 'AMS'");
    String rowsMoved = rows();
    byte[] fileAfter = file();

    reconnect();
    assertThatThrownBy(() -> session.rollback("c1", false))
        .isInstanceOf(SynclineException.class)
        .hasMessage(
            "rollback to c1 refused: city/AMS (row) was changed by something else since Syncline"
                + " wrote it; `rollback c1 --force` puts it back anyway; nothing was changed");
    assertThat(rows()).isEqualTo(rowsMoved);
    assertThat(file()).isEqualTo(fileAfter);

    Rollback.Result forced = session.rollback("c1", true);
    assertThat(forced.moved()).containsExactly("city/AMS (row)");
    assertThat(rows()).isEqualTo(rowsThen);
    assertThat(file()).isEqualTo(fileThen);
  }

  /** A backup of the file deleted, or changed, behind Syncline's back: no option overrides it. */
  @ParameterizedTest(name = "backup {0}, force={1}")
  @org.junit.jupiter.params.provider.CsvSource({
    "missing, false",
    "missing, true",
    "altered, false",
    "altered, true"
  })
  void aMissingOrAlteredBackupStopsTheRollbackWhateverTheOption(String backup, boolean force)
      throws IOException {
    start("sqlite");
    editBothSides();
    session.checkpoint("c1");
    loadAndApply();
    String rowsAfter = rows();
    byte[] fileAfter = file();
    List<Path> backups;
    try (var walk = Files.walk(dir.resolve(".syncline/backups"))) {
      backups = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(backups).hasSize(1);
    if (backup.equals("missing")) {
      Files.delete(backups.get(0));
    } else {
      Files.writeString(backups.get(0), "cities: []\n");
    }

    reconnect();
    assertThatThrownBy(() -> session.rollback("c1", force))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith("cannot put back cities.yml");
    assertThat(rows()).isEqualTo(rowsAfter);
    assertThat(file()).isEqualTo(fileAfter);
    assertThat(session.checkpoints().stream().map(Checkpoint::name))
        .doesNotContain("before-rollback-to-c1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2"})
  void aFileChangedSinceIsNamedAndRefusedUnlessForced(String kind) throws IOException {
    start(kind);
    editBothSides();
    session.checkpoint("c1");
    String rowsThen = rows();
    byte[] fileThen = file();
    loadAndApply();
    String rowsAfter = rows();
    edit("# cities, kept by hand", "# cities, kept by hand and by Syncline");

    reconnect();
    assertThatThrownBy(() -> session.rollback("c1", false))
        .hasMessageContaining("cities.yml (file) was changed by something else");
    assertThat(rows()).isEqualTo(rowsAfter);

    session.rollback("c1", true);
    assertThat(rows()).isEqualTo(rowsThen);
    assertThat(file()).isEqualTo(fileThen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aRollbackIsUndoneByRollingBackToTheCheckpointItTookFirst(String kind) throws IOException {
    start(kind);
    editBothSides();
    session.checkpoint("c1");
    loadAndApply();
    String rowsAfter = rows();
    byte[] fileAfter = file();
    Rollback.Result result = session.rollback("c1", false);
    assertThat(result.undoneBy()).isEqualTo("before-rollback-to-c1");

    reconnect();
    session.rollback("before-rollback-to-c1", false);

    assertThat(rows()).isEqualTo(rowsAfter);
    assertThat(file()).isEqualTo(fileAfter);
    session.load(cities());
    assertThat(session.changes().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2"})
  void editsMadeBeforeTheirSyncShowAgainAsChangesAfterARollback(String kind) throws IOException {
    start(kind);
    sql("UPDATE city SET people = 1 WHERE code = 'AMS'");
    session.checkpoint("c1");
    edit("name: Paris", "name: Lutetia");
    session.load(cities());
    session.changes().unstage("city/AMS");
    session.apply();

    session.rollback("c1", false);

    assertThat(rows()).contains("[PAR, Paris, 2102650]", "[AMS, Amsterdam, 1]");
    assertThat(new String(file(), java.nio.charset.StandardCharsets.UTF_8)).contains("Lutetia");
    assertThat(pending()).containsExactly("city/AMS.people TO_FILE", "city/PAR.name TO_DATABASE");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2"})
  void checkpointsSurviveTheSessionAndCountWhatWasAppliedSince(String kind) throws IOException {
    start(kind);
    session.checkpoint("first");
    editBothSides();
    loadAndApply();
    session.checkpoint("second");

    reconnect();
    List<Checkpoint> checkpoints = session.checkpoints();
    assertThat(checkpoints)
        .extracting(Checkpoint::name, Checkpoint::applies, Checkpoint::records)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("first", 1L, 4L),
            org.assertj.core.groups.Tuple.tuple("second", 0L, 0L));
    assertThatThrownBy(() -> session.checkpoint("first"))
        .hasMessageStartingWith("checkpoint first exists already");
    assertThat(session.rollback("second", false).undoneBy()).isNull();
    assertThatThrownBy(() -> session.rollback("third", false))
        .hasMessage("no checkpoint third in this database; `checkpoints` lists them");
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2"})
  void filesAnApplyCreatedAreDeletedAndFilesItDeletedComeBack(String kind) throws IOException {
    start(kind);
    Path epics = dir.resolve("epics");
    Files.createDirectories(epics);
    Files.writeString(
        epics.resolve("EP-1.json"), "{\n  \"ref\": \"EP-1\",\n  \"name\": \"One\"\n}\n");
    Files.writeString(epics.resolve("EP-2.json"), "{\"ref\":\"EP-2\",  \"name\":\"Two\"}");
    LoadRequest load = new LoadRequest("epics/*.json", "epic", List.of("ref"), null, null, null);
    session.load(load);
    session.apply();
    byte[] two = Files.readAllBytes(epics.resolve("EP-2.json"));
    sql("INSERT INTO epic (ref, name) VALUES ('EP-3', 'Three')");
    sql("DELETE FROM epic WHERE ref = 'EP-2'");
    session.checkpoint("c1");
    session.load(load);
    List<String> before = pending();
    session.apply();
    assertThat(epics.resolve("EP-3.json")).exists();
    assertThat(epics.resolve("EP-2.json")).doesNotExist();

    reconnect();
    session.rollback("c1", false);

    assertThat(epics.resolve("EP-3.json")).doesNotExist();
    assertThat(Files.readAllBytes(epics.resolve("EP-2.json"))).isEqualTo(two);
    session.load(load);
    assertThat(pending()).isEqualTo(before).hasSize(2);
  }

  /** The mode a plain create gives here under the process umask (0644 under umask 022). */
  java.util.Set<java.nio.file.attribute.PosixFilePermission> plainCreateMode() throws IOException {
    Path probe = dir.resolve("plain-create-probe");
    Files.newOutputStream(probe).close();
    try {
      return Files.getPosixFilePermissions(probe);
    } finally {
      Files.delete(probe);
    }
  }

  static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----"})
  void aFileKeepsItsModeThroughApplyAndRollback(String mode) throws IOException {
    start("sqlite");
    Path cities = dir.resolve("cities.yml");
    Files.setPosixFilePermissions(cities, PosixFilePermissions.fromString(mode));
    session.checkpoint("c1");
    byte[] fileThen = file();
    sql("UPDATE city SET people = 1250000 WHERE code = 'BRU'");
    loadAndApply();
    assertThat(Files.readString(cities)).contains("1250000");
    assertThat(mode(cities)).isEqualTo(mode);

    reconnect();
    session.rollback("c1", false);

    assertThat(file()).isEqualTo(fileThen);
    assertThat(mode(cities)).isEqualTo(mode);
  }

  @org.junit.jupiter.api.Test
  void aSymlinkedFileStaysALinkThroughApplyAndRollbackAndItsTargetIsWritten() throws IOException {
    start("sqlite");
    Path link = dir.resolve("cities.yml");
    Path real = dir.resolve("shared/cities.yml");
    Files.createDirectories(real.getParent());
    Files.move(link, real);
    Files.createSymbolicLink(link, Path.of("shared/cities.yml"));
    session.checkpoint("c1");
    byte[] fileThen = file();
    sql("UPDATE city SET people = 1250000 WHERE code = 'BRU'");
    loadAndApply();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(real)).contains("1250000");

    reconnect();
    session.rollback("c1", false);

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readAllBytes(real)).isEqualTo(fileThen);
    try (java.util.stream.Stream<Path> left = Files.list(real.getParent())) {
      assertThat(left).containsExactly(real); // no temporary or lock file beside the target
    }
  }

  @org.junit.jupiter.api.Test
  void aFileAnApplyCreatesGetsTheUmaskDefaultAndAFileItDeletedComesBackWithItsMode()
      throws IOException {
    start("sqlite");
    Path epics = dir.resolve("epics");
    Files.createDirectories(epics);
    Files.writeString(epics.resolve("EP-2.json"), "{\"ref\":\"EP-2\",  \"name\":\"Two\"}");
    Files.setPosixFilePermissions(
        epics.resolve("EP-2.json"), PosixFilePermissions.fromString("rw-r-----"));
    LoadRequest load = new LoadRequest("epics/*.json", "epic", List.of("ref"), null, null, null);
    session.load(load);
    session.apply();
    sql("INSERT INTO epic (ref, name) VALUES ('EP-3', 'Three')");
    sql("DELETE FROM epic WHERE ref = 'EP-2'");
    session.checkpoint("c1");
    session.load(load);
    session.apply();

    assertThat(Files.getPosixFilePermissions(epics.resolve("EP-3.json")))
        .isEqualTo(plainCreateMode());
    assertThat(mode(epics.resolve("EP-3.json"))).isNotEqualTo("rw-------");

    reconnect();
    session.rollback("c1", false);

    assertThat(mode(epics.resolve("EP-2.json"))).isEqualTo("rw-r-----");
  }
}
