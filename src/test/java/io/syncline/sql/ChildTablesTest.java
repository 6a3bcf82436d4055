package io.syncline.sql;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.CanonicalJson;
import io.syncline.core.ChildList;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.FieldUpdates;
import io.syncline.core.QueryResult;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Child tables on every database: the table apply creates for a child list refers to its parent's
 * with a foreign key, and one apply writes a parent and its children in foreign-key order, three
 * levels deep (an epic, its tasks, each task's checklist).
 */
class ChildTablesTest {
  static final ChildList CHECKLIST =
      new ChildList(
          "checklist",
          List.of(),
          null,
          null,
          List.of(new Field("text", null, FieldType.TEXT, null)),
          null);
  static final ChildList TASKS =
      new ChildList(
          "tasks",
          List.of("task_key"),
          null,
          null,
          List.of(
              new Field("task_key", null, FieldType.TEXT, null),
              new Field("done", null, FieldType.BOOLEAN, null)),
          List.of(CHECKLIST));
  static final Entity EPIC =
      entity("epic")
          .files("epics.json")
          .table("epics")
          .key("epic_key")
          .text("epic_key", "title")
          .build()
          .withChildren(List.of(TASKS));
  static final Entity TASK = EPIC.child(TASKS);
  static final Entity ITEM = TASK.child(CHECKLIST);

  @TempDir Path dir;
  final List<Runnable> cleanUps = new ArrayList<>();
  Database db;

  @AfterEach
  void cleanUp() {
    if (db != null) {
      db.close();
    }
    cleanUps.forEach(Runnable::run);
  }

  /** This test's own empty database of the kind, with the three tables created by one apply. */
  void open(String kind) {
    connect(kind);
    List<SchemaChange> schema = new ArrayList<>();
    // children first: the tables are still created parents first
    schema.addAll(db.schemaChanges(ITEM, TASK));
    schema.addAll(db.schemaChanges(TASK, EPIC));
    schema.addAll(db.schemaChanges(EPIC));
    db.apply(schema, List.of(), null, null);
  }

  /** This test's own empty database of the kind. */
  void connect(String kind) {
    Servers.Target target = Servers.empty(kind, dir, "epics", cleanUps);
    String url = kind.equals("sqlite") ? "jdbc:sqlite:" + dir.resolve("epics.db") : target.url();
    db = Database.open(url, target.user(), null, false);
  }

  static String key(Entity entity, String json) {
    return RecordKey.text(entity, (Value.Obj) CanonicalJson.parse(json), "test");
  }

  static String text(Entity entity, String json) {
    return Records.canonical(entity, (Value.Obj) CanonicalJson.parse(json));
  }

  /** A plan inserting the records into the entity's table. */
  static EntityPlan inserting(Entity entity, String... jsons) {
    EntityPlan plan = EntityPlan.empty(entity);
    for (String json : jsons) {
      plan.databaseInserts().put(key(entity, json), text(entity, json));
    }
    return plan;
  }

  /** A plan deleting the records from the entity's table, as read there. */
  static EntityPlan deleting(Entity entity, String... jsons) {
    EntityPlan plan = EntityPlan.empty(entity);
    for (String json : jsons) {
      plan.databaseDeletes().put(key(entity, json), text(entity, json));
      plan.expectedDatabase().put(key(entity, json), text(entity, json));
    }
    return plan;
  }

  static final String EP7 = "{\"epic_key\":\"EP-7\",\"title\":\"Billing\"}";
  static final String T1 =
      "{\"epic_key\":\"EP-7\",\"task_key\":\"T1\",\"position\":1,\"done\":false}";
  static final String T2 =
      "{\"epic_key\":\"EP-7\",\"task_key\":\"T2\",\"position\":2,\"done\":true}";
  static final String T1_1 =
      "{\"epic_key\":\"EP-7\",\"task_key\":\"T1\",\"position\":1,\"text\":\"draft\"}";

  /** EP-7 with its two tasks and the first task's checklist item, in one apply. */
  void insertEp7() {
    db.apply(
        List.of(),
        List.of(inserting(EPIC, EP7), inserting(TASK, T1, T2), inserting(ITEM, T1_1)),
        null,
        null);
  }

  /** The statement is refused by the database: a foreign key does not hold after it. */
  void refused(String sql) {
    assertThatThrownBy(() -> db.query(sql)).isInstanceOf(SynclineException.class);
  }

  List<List<String>> rows(String sql) {
    return ((QueryResult.ResultTable) db.query(sql)).rows();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aChildTableRefusesARowWhoseParentIsNotThere(String kind) {
    open(kind);
    insertEp7();

    refused(
        "INSERT INTO epics__tasks (epic_key, position, task_key)" + " VALUES ('EP-9', 1, 'T1')");
    refused(
        "INSERT INTO epics__tasks__checklist (epic_key, task_key, position)"
            + " VALUES ('EP-7', 'T9', 1)");
    refused("DELETE FROM epics WHERE epic_key = 'EP-7'");
    db.query("INSERT INTO epics__tasks (epic_key, position, task_key) VALUES ('EP-7', 3, 'T3')");
    assertThat(rows("SELECT count(*) FROM epics__tasks")).containsExactly(List.of("3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aParentAndItsChildrenAreInsertedInOneApply(String kind) {
    open(kind);

    insertEp7();

    assertThat(db.read(TASK).keys()).containsExactly(key(TASK, T1), key(TASK, T2));
    assertThat(db.read(TASK).get(key(TASK, T2))).isEqualTo(text(TASK, T2));
    assertThat(db.read(ITEM).get(key(ITEM, T1_1))).isEqualTo(text(ITEM, T1_1));
    assertThat(
            rows(
                "SELECT e.title, t.task_key FROM epics e JOIN epics__tasks t"
                    + " ON t.epic_key = e.epic_key ORDER BY t.task_key"))
        .containsExactly(List.of("Billing", "T1"), List.of("Billing", "T2"));
  }

  /** A rollback, for one, gives its plans by entity name: the children come first there. */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void plansGivenChildrenFirstAreStillWrittenParentsFirst(String kind) {
    open(kind);

    db.apply(
        List.of(),
        List.of(inserting(ITEM, T1_1), inserting(TASK, T1, T2), inserting(EPIC, EP7)),
        null,
        null);

    assertThat(db.read(ITEM).keys()).containsExactly(key(ITEM, T1_1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aParentAndItsChildrenAreDeletedInOneApply(String kind) {
    open(kind);
    insertEp7();

    db.apply(
        List.of(),
        List.of(deleting(EPIC, EP7), deleting(TASK, T1, T2), deleting(ITEM, T1_1)),
        null,
        null);

    assertThat(db.read(EPIC).size()).isZero();
    assertThat(db.read(TASK).size()).isZero();
    assertThat(db.read(ITEM).size()).isZero();
  }

  /**
   * One apply that deletes an epic with its tasks, adds another with its tasks, and changes a task
   * of a third: what a load after editing both sides gives.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void deletesInsertsAndUpdatesOfParentsAndChildrenGoInOneApply(String kind) {
    open(kind);
    String ep8 = "{\"epic_key\":\"EP-8\",\"title\":\"Search\"}";
    String ep8t1 = "{\"epic_key\":\"EP-8\",\"task_key\":\"T1\",\"position\":1,\"done\":false}";
    String ep9 = "{\"epic_key\":\"EP-9\",\"title\":\"Export\"}";
    String ep9t1 = "{\"epic_key\":\"EP-9\",\"task_key\":\"T1\",\"position\":1,\"done\":false}";
    insertEp7();
    db.apply(List.of(), List.of(inserting(EPIC, ep8), inserting(TASK, ep8t1)), null, null);

    EntityPlan epics = deleting(EPIC, EP7);
    epics.databaseInserts().put("EP-9", text(EPIC, ep9));
    EntityPlan tasks = deleting(TASK, T1, T2);
    tasks.databaseInserts().put(key(TASK, ep9t1), text(TASK, ep9t1));
    tasks.databaseUpdates().put(key(TASK, ep8t1), new FieldUpdates().set("done", "true"));
    tasks.expectedDatabase().put(key(TASK, ep8t1), text(TASK, ep8t1));
    db.apply(List.of(), List.of(epics, tasks, deleting(ITEM, T1_1)), null, null);

    assertThat(rows("SELECT epic_key FROM epics ORDER BY epic_key"))
        .containsExactly(List.of("EP-8"), List.of("EP-9"));
    assertThat(db.read(TASK).keys()).containsExactly(key(TASK, ep8t1), key(TASK, ep9t1));
    assertThat(db.read(TASK).get(key(TASK, ep8t1))).contains("\"done\":true");
  }

  /**
   * A parent whose key is two fields, named in the other order than its columns: the primary key
   * Syncline creates lists its columns in table order, and the foreign key must name them in that
   * order too (MariaDB looks for an index that starts with the referred columns, in order).
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aChildOfAParentWithACompoundKeyRefersToItsWholeKey(String kind) {
    ChildList members =
        new ChildList(
            "members",
            List.of("person"),
            null,
            null,
            List.of(new Field("person", null, FieldType.TEXT, null)),
            null);
    Entity team =
        entity("team")
            .files("teams.json")
            .table("teams")
            .key("season", "name")
            .text("name")
            .fields(FieldType.INTEGER, "season")
            .build()
            .withChildren(List.of(members));
    Entity member = team.child(members);
    open(kind);
    List<SchemaChange> schema = new ArrayList<>(db.schemaChanges(team));
    schema.addAll(db.schemaChanges(member, team));
    String ann = "{\"season\":2026,\"name\":\"Owls\",\"person\":\"Ann\",\"position\":1}";

    db.apply(
        schema,
        List.of(inserting(team, "{\"season\":2026,\"name\":\"Owls\"}"), inserting(member, ann)),
        null,
        null);

    assertThat(db.read(member).keys()).containsExactly(key(member, ann));
    refused(
        "INSERT INTO teams__members (season, name, position, person)"
            + " VALUES (2025, 'Owls', 1, 'Bo')");
  }

  /**
   * A parent table Syncline did not create, without a primary key: it gets a unique index on the
   * entity's key, which the foreign key then refers to.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aParentTableWithoutAPrimaryKeyGetsAUniqueIndexOnItsKey(String kind) {
    connect(kind);
    db.query("CREATE TABLE epics (epic_key VARCHAR(255) NOT NULL, title VARCHAR(255))");
    db.query("INSERT INTO epics (epic_key, title) VALUES ('EP-7', 'Billing')");

    db.apply(db.schemaChanges(TASK, EPIC), List.of(inserting(TASK, T1)), null, null);

    assertThat(db.read(TASK).keys()).containsExactly(key(TASK, T1));
    refused(
        "INSERT INTO epics__tasks (epic_key, position, task_key)" + " VALUES ('EP-9', 1, 'T1')");
  }

  /**
   * A parent table with a surrogate primary key and the entity's key unique beside it (the old
   * system's {@code framework_epics}): the foreign key refers to that unique key, and the table
   * gets no second one. (H2 would make a second unique constraint share the first one's index, so
   * there only the foreign key shows.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aParentTableWhoseKeyIsUniqueBesideASurrogateKeepsItsIndexes(String kind) {
    connect(kind);
    db.query(
        "CREATE TABLE epics (id INTEGER PRIMARY KEY, epic_key VARCHAR(255) NOT NULL UNIQUE,"
            + " title VARCHAR(255))");
    db.query("INSERT INTO epics (id, epic_key, title) VALUES (1, 'EP-7', 'Billing')");
    List<List<String>> before = uniqueKeys("epics");

    db.apply(db.schemaChanges(TASK, EPIC), List.of(inserting(TASK, T1)), null, null);

    assertThat(db.read(TASK).keys()).containsExactly(key(TASK, T1));
    refused("INSERT INTO epics__tasks (epic_key, position, task_key) VALUES ('EP-9', 1, 'T1')");
    assertThat(uniqueKeys("epics")).isEqualTo(before);
  }

  /**
   * A parent table whose name leaves no room for {@code __syncline_key} within the database's limit
   * (PostgreSQL would cut the unique key's name, MariaDB refuse it): the key gets a shorter name
   * and the foreign key holds.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "h2", "postgresql", "mariadb"})
  void aParentTableWithALongNameGetsAUniqueKeyWithANameThatFits(String kind) {
    connect(kind);
    String table = "epics_" + "e".repeat(50);
    Entity epic =
        entity("epic")
            .files("epics.json")
            .table(table)
            .key("epic_key")
            .text("epic_key", "title")
            .build()
            .withChildren(List.of(TASKS));
    Entity task = epic.child(TASKS);
    db.query("CREATE TABLE " + table + " (epic_key VARCHAR(255) NOT NULL, title VARCHAR(255))");
    db.query("INSERT INTO " + table + " (epic_key, title) VALUES ('EP-7', 'Billing')");

    db.apply(db.schemaChanges(task, epic), List.of(inserting(task, T1)), null, null);

    assertThat(db.read(task).keys()).containsExactly(key(task, T1));
    assertThat(uniqueKeys(table)).containsExactly(List.of("epic_key"));
    refused(
        "INSERT INTO " + table + "__tasks (epic_key, position, task_key) VALUES ('EP-9', 1, 'T1')");
  }

  List<List<String>> uniqueKeys(String table) {
    return db.call("unique keys", c -> db.dialect().uniqueKeys(c, table));
  }
}
