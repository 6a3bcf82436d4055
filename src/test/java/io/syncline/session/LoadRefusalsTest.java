package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.sql.Servers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What {@code load} refuses before anything is written, so that apply cannot lose a record. */
class LoadRefusalsTest extends InWorkingDirectory {

  void start(String url) {
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
  }

  void write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Tables of that name in the session's own schema (other tests share the server). */
  long tablesNamed(String table) {
    QueryResult result =
        session.sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '"
                + table
                + "' AND table_schema = current_schema()");
    return Long.parseLong(String.valueOf(((QueryResult.ResultTable) result).rows().get(0).get(0)));
  }

  static LoadRequest list(String file, String entity, String table) {
    return new LoadRequest(file, entity, List.of("id"), null, table, null);
  }

  @Test
  void aSecondEntityOnATableAnotherEntityUsesIsRefusedNamingBoth() throws IOException {
    write("epics.json", "[{\"id\": \"e1\"}]");
    write("stories.json", "[{\"id\": \"s1\"}]");
    start("jdbc:sqlite:work.db");
    session.load(list("epics.json", "epic", "work_items"));

    assertThatThrownBy(() -> session.load(list("stories.json", "story", "work_items")))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage(
            "epic and story both map to table work_items, so each would receive the other's"
                + " records; give story a table of its own (load ... --table NAME, or table: in"
                + " syncline.yml); nothing was changed");
    assertThat(session.mapping().entity("story")).isEmpty();
    assertThat(session.loaded()).containsOnlyKeys("epic");
  }

  @Test
  void tableNamesAreComparedAsTheDatabaseComparesThem() throws IOException {
    write("epics.json", "[{\"id\": \"e1\"}]");
    write("stories.json", "[{\"id\": \"s1\"}]");
    start("jdbc:sqlite:work.db");
    session.load(list("epics.json", "epic", "work_items"));

    assertThatThrownBy(() -> session.load(list("stories.json", "story", "Work_Items")))
        .hasMessageStartingWith(
            "epic and story both map to table work_items (Work_Items names the same table here)");

    session.close();
    start("jdbc:h2:mem:" + UUID.randomUUID()); // quoted names keep their case in H2
    session.load(list("epics.json", "epic", "work_items"));
    session.load(list("stories.json", "story", "Work_Items"));
    assertThat(session.loaded()).containsOnlyKeys("epic", "story");
  }

  @Test
  void aMappingFileWithTwoEntitiesOnOneTableIsRefused() throws IOException {
    write(
        "two.yml",
        """
        entities:
          epic: {files: epics.json, key: id, table: work_items}
          story: {files: stories.json, key: id, table: work_items}
        """);
    write(
        "syncline.yml",
        """
        entities:
          epics: {files: epics.json, key: id}
          stories: {files: stories.json, key: id, table: epics}
        """);
    String twoYml = dir.resolve("two.yml").toString();

    assertThatThrownBy(() -> new Session(dir, Clock.systemUTC()))
        .hasMessageContaining(
            "syncline.yml: entities.stories.table: epics and stories both map to table epics, so"
                + " each would receive the other's records; give each entity a table of its own");
    Files.delete(dir.resolve("syncline.yml"));
    start("jdbc:sqlite:work.db");
    assertThatThrownBy(() -> session.loadMapping("two.yml"))
        .hasMessage(
            twoYml
                + ": entities.story.table: epic and story both map to table work_items, so each"
                + " would receive the other's records; give each entity a table of its own;"
                + " nothing was changed");
  }

  /**
   * PostgreSQL would cut the column to 63 bytes: the first apply succeeds, then every later one
   * fails with "column already exists". Refused at load instead, with nothing created.
   */
  @Test
  void aFieldNameLongerThanPostgresKeepsIsRefusedAtLoad() throws IOException {
    Servers.Scratch server = Servers.postgres();
    server.create();
    try {
      String longName = "population_density_per_square_kilometre_as_of_the_latest_census_x";
      write("countries.json", "[{\"id\": \"AW\", \"" + longName + "\": 1}]");
      session = new Session(dir, Clock.systemUTC());
      session.connect(server.url(), server.user(), null, false);

      assertThatThrownBy(() -> session.load(list("countries.json", "country", null)))
          .hasMessage(
              "country: field `population_density_per_s…` is 65 bytes; PostgreSQL keeps"
                  + " identifiers up to 63 bytes; map the field to another column with `column:`"
                  + " in syncline.yml (fields: {NAME: {column: SHORTER}}); nothing was changed");
      assertThat(session.loaded()).isEmpty();
      assertThat(tablesNamed("country")).isZero();
    } finally {
      session.close();
      session = null;
      server.drop();
    }
  }

  @Test
  void aTableNameLongerThanTheDatabaseKeepsIsRefusedAtLoad() throws IOException {
    write("countries.json", "[{\"id\": \"AW\"}]");
    start("jdbc:h2:mem:" + UUID.randomUUID());

    assertThatThrownBy(() -> session.load(list("countries.json", "country", "t".repeat(300))))
        .hasMessage(
            "country: table `tttttttttttttttttttttttt…` is 300 characters; H2 keeps identifiers up"
                + " to 256 characters; name another table (load ... --table NAME, or table: in"
                + " syncline.yml); nothing was changed");
  }

  /** A child list's table, named after its parent's, may pass the limit its parent's keeps. */
  @Test
  void aChildTableNameLongerThanTheDatabaseKeepsIsRefusedAtLoad() throws IOException {
    write("epics.json", "[{\"id\": \"e1\", \"tasks\": [{\"k\": \"t1\"}]}]");
    start("jdbc:h2:mem:" + UUID.randomUUID());
    LoadRequest request =
        new LoadRequest(
            "epics.json",
            "epic",
            List.of("id"),
            null,
            "e".repeat(250),
            null,
            null,
            List.of(new LoadRequest.Child("tasks", "k")));

    assertThatThrownBy(() -> session.load(request))
        .hasMessage(
            "epic.tasks: table `eeeeeeeeeeeeeeeeeeeeeeee…` is 257 characters; H2 keeps identifiers"
                + " up to 256 characters; name another table for the list in syncline.yml"
                + " (children: {tasks: {table: NAME}} under epic); nothing was changed");
    assertThat(session.loaded()).isEmpty();
  }

  @Test
  void aFieldNameNoDatabaseCanHoldIsRefusedAtLoadNamingIt() throws IOException {
    write("things.json", "[{\"id\": \"t1\", \"a\\u0000b\": 1}]");
    start("jdbc:sqlite:work.db");

    assertThatThrownBy(() -> session.load(list("things.json", "thing", null)))
        .hasMessageStartingWith(
            "thing: field `a\\u0000b` holds a NUL character, which a database cannot keep in a"
                + " name; map the field to another column");
    assertThat(session.loaded()).isEmpty();
  }

  /**
   * A row added in the database with key foo gets epics/foo.json, which holds epic/e5: writing it
   * would lose e5. Refused at load, with the file and the table as they were.
   */
  @Test
  void aRecordFromTheDatabaseWhoseFileHoldsAnotherRecordIsRefusedAtLoad() throws IOException {
    write("epics/e1.json", "{\"id\": \"e1\", \"name\": \"One\"}");
    write("epics/foo.json", "{\"id\": \"e5\", \"name\": \"Five\"}");
    start("jdbc:sqlite:work.db");
    LoadRequest epics = new LoadRequest("epics/*.json", "epic", List.of("id"), null, null, null);
    session.load(epics);
    session.apply();
    session.sql("INSERT INTO epic (id, name) VALUES ('foo', 'Foo')");

    assertThatThrownBy(() -> session.load(epics))
        .isInstanceOf(SynclineException.class)
        .hasMessage(
            "epic/foo would be written to epics/foo.json, which holds epic/e5; rename one of them");
    assertThat(Files.readString(dir.resolve("epics/foo.json")))
        .isEqualTo("{\"id\": \"e5\", \"name\": \"Five\"}");
    assertThat(session.sql("SELECT id FROM epic ORDER BY id").toString())
        .contains("e1", "e5", "foo");
    assertThat(session.changes().changes()).isEmpty();
    assertThat(session.preview().fileWrites()).isEmpty();
  }

  @Test
  void aRecordFromTheDatabaseWhoseKeyIsNoFileNameIsRefusedAtLoad() throws IOException {
    write("epics/e1.json", "{\"id\": \"e1\"}");
    start("jdbc:sqlite:work.db");
    LoadRequest epics = new LoadRequest("epics/*.json", "epic", List.of("id"), null, null, null);
    session.load(epics);
    session.apply();

    for (String key : List.of("../x", "/etc/x", "a/b", "a\\\\b", " ", "a\nb")) {
      session.sql("DELETE FROM epic WHERE id <> 'e1'");
      session.sql(
          "INSERT INTO epic (id) VALUES ('" + key.replace("\n", "' || char(10) || '") + "')");
      assertThatThrownBy(() -> session.load(epics))
          .as(key)
          .hasMessageStartingWith("epic/" + key + ": this key cannot be a file name (");
    }
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(p -> p.toString().endsWith("x") || p.endsWith("b"))).isEmpty();
    }
  }

  @Test
  void aRecordFromTheDatabaseIsRefusedWhereTheGlobCannotNameItsFile() throws IOException {
    write("epics/a/e1.json", "{\"id\": \"e1\"}");
    start("jdbc:sqlite:work.db");
    LoadRequest epics = new LoadRequest("epics/**/*.json", "epic", List.of("id"), null, null, null);
    session.load(epics);
    session.apply();
    session.sql("INSERT INTO epic (id) VALUES ('e2')");

    assertThatThrownBy(() -> session.load(epics))
        .hasMessageStartingWith(
            "epic/e2: a record new to the files is given a file by a glob with one * in the file"
                + " name, such as epics/*.json, and epic's files are epics/**/*.json");
  }

  /** Loaded on H2, which keeps the long name, then applied to PostgreSQL, which would cut it. */
  @Test
  void aNameTheNewlyConnectedDatabaseWouldCutIsRefusedAtApply() throws IOException {
    Servers.Scratch server = Servers.postgres();
    server.create();
    try {
      write("countries.json", "[{\"id\": \"AW\", \"" + "n".repeat(70) + "\": 1}]");
      start("jdbc:h2:mem:" + UUID.randomUUID());
      session.load(list("countries.json", "country", null));
      session.connect(server.url(), server.user(), null, false);

      assertThatThrownBy(() -> session.apply())
          .hasMessageContaining("is 70 bytes; PostgreSQL keeps identifiers up to 63 bytes");
      assertThat(tablesNamed("country")).isZero();
    } finally {
      session.close();
      session = null;
      server.drop();
    }
  }
}
