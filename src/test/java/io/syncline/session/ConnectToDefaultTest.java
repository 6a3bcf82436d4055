package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands that need the database connect to the default ({@code database:} of {@code
 * syncline.yml}) as {@code load} does, so a single command or a script needs no {@code connect}.
 */
class ConnectToDefaultTest {
  @TempDir Path dir;

  void mappingWithTwoEntities() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "database: jdbc:sqlite:geo.db\n"
            + "entities:\n"
            + "  country:\n"
            + "    files: countries.json\n"
            + "    key: [code]\n"
            + "    fields: {code: {}, name: {}}\n"
            + "  city:\n"
            + "    files: cities.yml\n"
            + "    key: [name]\n"
            + "    fields: {name: {}, country: {}}\n");
    Files.writeString(
        dir.resolve("countries.json"),
        "[{\"code\": \"AW\", \"name\": \"Aruba\"}, {\"code\": \"BE\", \"name\": \"Belgium\"}]\n");
    Files.writeString(dir.resolve("cities.yml"), "- name: Oranjestad\n  country: AW\n");
  }

  /** Loads and applies both entities in a session of its own, which it closes. */
  void synced() throws IOException {
    mappingWithTwoEntities();
    try (Session first = new Session(dir, Clock.systemUTC())) {
      first.loadAll(Progress.NONE);
      first.apply();
      first.checkpoint("after-first-sync");
    }
  }

  void inAFreshSession(Consumer<Session> command) {
    try (Session session = new Session(dir, Clock.systemUTC())) {
      command.accept(session);
      assertThat(session.connected()).isTrue();
      assertThat(session.database().orElseThrow().describe()).isEqualTo("sqlite:geo.db");
    }
  }

  @Test
  void loadWithNoPathLoadsEveryEntityOfSynclineYmlFromItsFiles() throws IOException {
    mappingWithTwoEntities();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      List<LoadResult> results = session.loadAll(Progress.NONE);

      assertThat(results)
          .extracting(r -> r.entity().name() + ":" + r.records())
          .containsExactly("country:2", "city:1");
      assertThat(session.loaded()).containsOnlyKeys("country", "city");
    }
  }

  @Test
  void loadWithNoPathAndNoMappingSaysWhatToGive() {
    try (Session session = new Session(dir, Clock.systemUTC())) {
      assertThatThrownBy(() -> session.loadAll(Progress.NONE))
          .isInstanceOf(SynclineException.Usage.class)
          .hasMessage(
              "load needs a file, or a syncline.yml naming entities with their files:"
                  + " load PATH [--entity E] [--key K]");
      assertThat(session.connected()).isFalse();
    }
  }

  @Test
  void sqlConnectsToTheDatabaseSynclineYmlNames() throws IOException {
    synced();
    inAFreshSession(
        session -> {
          QueryResult result = session.sql("SELECT name FROM country ORDER BY code");
          assertThat(((QueryResult.ResultTable) result).rows())
              .extracting(Object::toString)
              .containsExactly("[Aruba]", "[Belgium]");
        });
  }

  @Test
  void verifyExportLogCheckpointsAndRollbackConnectToTheDefaultToo() throws IOException {
    synced();
    inAFreshSession(session -> assertThat(session.verify(null).agrees()).isTrue());
    inAFreshSession(
        session ->
            assertThat(session.export("country", "exported.json", null))
                .containsExactly(dir.resolve("exported.json")));
    inAFreshSession(session -> assertThat(session.log()).hasSize(1));
    inAFreshSession(
        session ->
            assertThat(session.checkpoints())
                .extracting(c -> c.name())
                .containsExactly("after-first-sync"));
    inAFreshSession(session -> session.checkpoint("second"));
    inAFreshSession(
        session -> assertThat(session.rollback("after-first-sync", false).undoneBy()).isNull());
  }

  @Test
  void verifyInAFreshSessionReadsTheFieldsOfAMappingThatDeclaresNone() throws IOException {
    Files.writeString(
        dir.resolve("syncline.yml"),
        "database: jdbc:sqlite:geo.db\n"
            + "entities:\n"
            + "  country:\n"
            + "    files: countries.json\n"
            + "    key: [code]\n");
    Files.writeString(
        dir.resolve("countries.json"),
        "[{\"code\": \"AW\", \"name\": \"Aruba\", \"area\": 180}]\n");
    try (Session first = new Session(dir, Clock.systemUTC())) {
      first.loadAll(Progress.NONE);
      first.apply();
    }

    inAFreshSession(session -> assertThat(session.verify(null).agrees()).isTrue());
    inAFreshSession(session -> session.export("country", "exported.json", null));
    assertThat(Files.readString(dir.resolve("exported.json"))).contains("Aruba").contains("180");
  }

  @Test
  void applyWithoutALoadStillSaysWhy() {
    try (Session session = new Session(dir, Clock.systemUTC())) {
      assertThatThrownBy(session::apply)
          .isInstanceOf(SynclineException.Usage.class)
          .hasMessage(
              "nothing is loaded, so there is nothing to apply; `load PATH` (or `load` for the"
                  + " entities of syncline.yml) reads the files and connects to"
                  + " jdbc:sqlite:syncline.db");
      assertThat(session.connected()).isFalse();
    }
  }

  @Test
  void anH2FilePathIsRelativeToTheWorkingDirectoryNotTheProcess() throws IOException {
    String name = "h2-relative-" + ProcessHandle.current().pid();
    try (Session session = new Session(dir, Clock.systemUTC())) {
      session.connect("jdbc:h2:./" + name + ";MODE=PostgreSQL", null, null, false);
      session.sql("CREATE TABLE t (id INT PRIMARY KEY)");
    }
    Files.createDirectories(dir.resolve("sub"));
    try (Session session = new Session(dir.resolve("sub"), Clock.systemUTC())) {
      session.connect("jdbc:h2:file:../" + name, null, null, false);
      assertThat(((QueryResult.ResultTable) session.sql("SELECT count(*) FROM t")).rows())
          .containsExactly(List.of("0"));
    }

    assertThat(dir.resolve(name + ".mv.db")).exists();
    assertThat(Path.of(name + ".mv.db")).doesNotExist();
  }
}
