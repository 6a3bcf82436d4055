package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Change;
import io.syncline.core.Entity;
import io.syncline.core.QueryResult;
import io.syncline.core.Snapshot;
import io.syncline.sql.Servers;
import io.syncline.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What must hold on every database, whatever is restructured beneath: an apply followed by a load
 * finds nothing left to do; a rollback after an apply puts rows, file bytes and the base back as
 * they were, byte for byte; and the same edits give the same diff on SQLite, H2, PostgreSQL and
 * MariaDB (one expected list below, written by hand, for all four).
 *
 * <p>The records carry every kind of value the mapping infers: text, integer, decimal, boolean, a
 * date-looking string, a JSON list and a null.
 */
class SyncInvariantsTest {
  static final String ITEMS =
      """
      {
        "items": [
          {"id": "a", "name": "Apple", "qty": 3, "price": 1.50, "active": true, "due": "2025-08-18", "tags": ["red", "fruit"]},
          {"id": "b", "name": "Banana", "qty": 12, "price": 0.25, "active": false, "due": "2025-09-01", "tags": []},
          {"id": "c", "name": "Cherry", "qty": 100, "price": 12, "active": true, "due": null, "tags": ["red"]}
        ]
      }
      """;

  /**
   * The diff after {@link #editBothSides}, worked out by hand: base → file / database, each value
   * as canonical JSON (a whole record's text for an insert or delete).
   */
  static final List<String> EDITS =
      List.of(
          "item/a.name UPDATE TO_DATABASE \"Apple\" → \"Apple!\" / \"Apple\"",
          "item/a.qty CONFLICT 3 → 5 / 6",
          "item/b.price UPDATE TO_FILE 0.25 → 0.25 / 2.75",
          "item/b.due UPDATE TO_FILE \"2025-09-01\" → \"2025-09-01\" / \"2025-10-01\"",
          "item/c DELETE TO_DATABASE",
          "item/d INSERT TO_FILE");

  @TempDir Path dir;
  Session session;
  String url;
  String user;
  Entity entity;
  final List<Runnable> cleanUps = new ArrayList<>();

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    cleanUps.forEach(Runnable::run);
  }

  /** The kind of database named, empty; PostgreSQL and MariaDB in a scratch place, or skipped. */
  void start(String kind) throws IOException {
    Servers.Target target = Servers.empty(kind, dir, "items", cleanUps);
    url = target.url();
    user = target.user();
    Files.writeString(dir.resolve("items.json"), ITEMS);
    reconnect();
  }

  void reconnect() {
    if (session != null) {
      session.close();
    }
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, user, null, false);
  }

  void load() {
    session.load(new LoadRequest("items.json", "item", List.of("id"), "/items", null, null));
  }

  void edit(String from, String to) throws IOException {
    Path file = dir.resolve("items.json");
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  /** An update each way, one conflict, a record deleted from the file, a row inserted. */
  void editBothSides() throws IOException {
    edit("\"Apple\", \"qty\": 3", "\"Apple!\", \"qty\": 5");
    edit(
        "    {\"id\": \"c\", \"name\": \"Cherry\", \"qty\": 100, \"price\": 12, \"active\": true,"
            + " \"due\": null, \"tags\": [\"red\"]}\n",
        "");
    edit("\"tags\": []},", "\"tags\": []}");
    session.sql("UPDATE item SET qty = 6 WHERE id = 'a'");
    session.sql("UPDATE item SET price = 2.75, due = '2025-10-01' WHERE id = 'b'");
    session.sql("INSERT INTO item (id, name, qty) VALUES ('d', 'Date', 7)");
  }

  List<String> pending() {
    return session.changes().changes().stream().map(SyncInvariantsTest::describe).toList();
  }

  static String describe(Change c) {
    String id = c.id() + " " + c.kind() + (c.direction() == null ? "" : " " + c.direction());
    return c.wholeRecord() ? id : id + " " + c.base() + " → " + c.file() + " / " + c.database();
  }

  String rows() {
    QueryResult.ResultTable result =
        (QueryResult.ResultTable) session.sql("SELECT * FROM item ORDER BY id");
    return result.columns() + "\n" + result.rows();
  }

  /** Every file outside {@code .syncline} and the database's own, by name. */
  Map<String, String> files() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(file).toString();
        if (!name.startsWith(".syncline") && !name.startsWith("items")
            || name.equals("items.json")) {
          files.put(name, Files.readString(file));
        }
      }
    }
    return files;
  }

  /** The stored base of the entity load inferred first: each key's canonical text. */
  Map<String, String> base() {
    if (entity == null) {
      entity = session.mapping().entity("item").orElseThrow();
    }
    Snapshot base = new StateStore(session.database().orElseThrow()).base(entity);
    Map<String, String> out = new TreeMap<>();
    for (String key : base.keys()) {
      out.put(key, base.get(key));
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void anApplyLeavesNothingForTheNextLoad(String kind) throws IOException {
    start(kind);
    load();
    session.apply();
    load();
    assertThat(pending()).as("after the first sync").isEmpty();

    editBothSides();
    load();
    session.changes().changes().stream()
        .filter(Change::isConflict)
        .forEach(c -> session.changes().resolve(c.id(), io.syncline.core.Side.DATABASE));
    session.apply();
    reconnect();
    load();

    assertThat(pending()).as("after edits on both sides").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aRollbackAfterAnApplyPutsBackRowsFilesAndBaseByteForByte(String kind) throws IOException {
    start(kind);
    load();
    session.apply();
    editBothSides();
    load();
    session.checkpoint("before");
    String rowsThen = rows();
    Map<String, String> filesThen = files();
    Map<String, String> baseThen = base();
    session.changes().changes().stream()
        .filter(Change::isConflict)
        .forEach(c -> session.changes().resolve(c.id(), io.syncline.core.Side.FILE));
    session.apply();
    assertThat(rows()).isNotEqualTo(rowsThen);
    assertThat(files()).isNotEqualTo(filesThen);
    assertThat(base()).isNotEqualTo(baseThen);

    reconnect();
    session.rollback("before", false);

    assertThat(rows()).isEqualTo(rowsThen);
    assertThat(files()).isEqualTo(filesThen);
    assertThat(base()).isEqualTo(baseThen);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void theSameEditsGiveTheSameDiffOnEveryDatabase(String kind) throws IOException {
    start(kind);
    load();
    session.apply();
    editBothSides();
    load();

    assertThat(pending()).isEqualTo(EDITS);
  }
}
