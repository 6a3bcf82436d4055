package io.syncline.sql;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layer;
import io.syncline.core.QueryResult;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every database must do the same way; one subclass per database. */
public abstract class DatabaseContract {

  protected static final Entity ITEM =
      entity("item")
          .files("items.json")
          .table("sync items")
          .text("id")
          .field(new Field("name", "display name", FieldType.TEXT, null))
          .fields(FieldType.INTEGER, "count")
          .fields(FieldType.DECIMAL, "price")
          .fields(FieldType.BOOLEAN, "active")
          .fields(FieldType.DATE, "due")
          .fields(FieldType.JSON, "tags")
          .field(new Field("progress", null, FieldType.DECIMAL, Layer.CALCULATED))
          .field(new Field("row_id", null, FieldType.INTEGER, Layer.SYSTEM))
          .build();

  protected Database db;

  /** A URL for a database of this test's own, empty at the start. */
  protected abstract String url();

  protected String user() {
    return null;
  }

  /** The password {@link #urlWithPassword} holds. */
  protected static final String SECRET = "s3cret-Pw";

  /**
   * A URL of this test's database (or one beside it) that holds {@link #SECRET} as the database
   * spells a password, and connects as {@link #user}.
   */
  protected abstract String urlWithPassword();

  /** The user {@link #urlWithPassword} connects as, when the URL does not name it. */
  protected String userWithPassword() {
    return user();
  }

  protected Database open(boolean readOnly) {
    return Database.open(url(), user(), null, readOnly);
  }

  /**
   * Whether another connection to the URL is kept out by the write lock; not so for a database in
   * memory, which nothing else reaches.
   */
  protected boolean writeLockKeepsOthersOut() {
    return true;
  }

  /** What the database says of a write lock's holder ({@link #HOLDER}), in part. */
  protected String holderMentions() {
    return "4711";
  }

  protected static final io.syncline.core.WriteLockHolder HOLDER =
      new io.syncline.core.WriteLockHolder(
          4711, "ann", "build-1", java.time.Instant.parse("2026-12-05T14:20:03Z"), "apply");

  /** Creates this test's own database or schema; may skip the test when the server is away. */
  protected void prepare() {}

  /** Drops what {@link #prepare} created. */
  protected void cleanUp() {}

  @BeforeEach
  void openDatabase() {
    prepare();
    db = open(false);
  }

  @AfterEach
  void closeDatabase() {
    try {
      if (db != null) {
        db.close();
      }
    } finally {
      cleanUp();
    }
  }

  protected static Value.Obj record(String json) {
    return (Value.Obj) CanonicalJson.parse(json);
  }

  protected static String text(String json) {
    return Records.canonical(ITEM, record(json));
  }

  protected void createItems() {
    db.apply(db.schemaChanges(ITEM), List.of(), null, null);
  }

  protected EntityPlan inserting(String... jsons) {
    EntityPlan plan = EntityPlan.empty(ITEM);
    for (String json : jsons) {
      Value.Obj record = record(json);
      String key = RecordKey.text(ITEM, record, "test");
      plan.databaseInserts().put(key, Records.canonical(ITEM, record));
      plan.base().put(key, Records.canonical(ITEM, record));
    }
    return plan;
  }

  protected void insert(String... jsons) {
    db.apply(db.schemaChanges(ITEM), List.of(inserting(jsons)), null, null);
  }

  @Test
  void aNewTableHoldsEveryFieldAndNeedsNoChangeAfterwards() {
    List<SchemaChange> changes = db.schemaChanges(ITEM);
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).newTable()).isTrue();
    assertThat(changes.get(0).columns()).hasSize(9);

    db.apply(changes, List.of(), null, null);

    assertThat(db.schemaChanges(ITEM)).isEmpty();
    assertThat(db.read(ITEM).size()).isZero();
  }

  @Test
  void aFieldAddedToTheEntityBecomesOneMissingColumn() {
    createItems();
    List<Field> more = new ArrayList<>(ITEM.fields());
    more.add(new Field("owner", null, FieldType.TEXT, null));
    Entity wider = ITEM.withFields(more);

    List<SchemaChange> changes = db.schemaChanges(wider);
    assertThat(changes)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.newTable()).isFalse();
              assertThat(c.columns()).extracting(Field::column).containsExactly("owner");
            });
    db.apply(changes, List.of(), null, null);
    assertThat(db.schemaChanges(wider)).isEmpty();
  }

  /** ITEM in another table, with one more field when {@code wider}. */
  private static Entity itemsIn(String table, boolean wider) {
    List<Field> fields = new ArrayList<>(ITEM.fields());
    if (wider) {
      fields.add(new Field("owner", null, FieldType.TEXT, null));
    }
    return entity("item")
        .files("items.json")
        .table(table)
        .fields(fields)
        .conflicts(ITEM.conflicts())
        .build();
  }

  private void createWithOneRow(Entity entity, String key) {
    EntityPlan plan = EntityPlan.empty(entity);
    String text = Records.canonical(entity, record("{\"id\":\"" + key + "\"}"));
    plan.databaseInserts().put(key, text);
    db.apply(db.schemaChanges(entity), List.of(plan), null, null);
  }

  /**
   * Table names that are quotes, pattern characters ({@code _} and {@code %} are wildcards to
   * {@code DatabaseMetaData.getColumns}, backslash its usual escape) or mixed case are read back as
   * the table they name, every time: the second load and verify see the table the first apply
   * created.
   */
  @Test
  void aTableWithQuotesOrPatternCharactersInItsNameIsReadAsItself() {
    for (String table : List.of("a'b", "a\"b", "a`b", "a\\b", "a\\_b", "a%b", "Mixed Case")) {
      Entity entity = itemsIn(table, false);
      createWithOneRow(entity, "k");

      assertThat(db.schemaChanges(entity)).as(table).isEmpty();
      assertThat(db.read(entity).keys()).as(table).containsExactly("k");
      assertThat(db.schemaChanges(itemsIn(table, true)))
          .as(table)
          .singleElement()
          .satisfies(c -> assertThat(c.newTable()).isFalse());
    }
  }

  /**
   * {@code copy} takes a column's kind from {@link Dialect#table}, which some dialects read without
   * the driver's {@code getColumns} (it cannot take every name); for a name it can take, both must
   * say the same, and the key comes in key order, not column order.
   */
  @Test
  void aTableIsDeclaredAsTheDriverReportsIt() {
    Dialect dialect = db.dialect();
    db.query(
        "CREATE TABLE "
            + dialect.quote("plain")
            + " ("
            + String.join(
                ", ",
                dialect.quote("id") + " INTEGER NOT NULL",
                dialect.quote("name") + " VARCHAR(20) NOT NULL",
                dialect.quote("code") + " CHAR(3)",
                dialect.quote("total") + " BIGINT",
                dialect.quote("few") + " SMALLINT",
                dialect.quote("price") + " DECIMAL(10,2)",
                dialect.quote("ratio") + " REAL",
                dialect.quote("active") + " BOOLEAN",
                dialect.quote("due") + " DATE",
                dialect.quote("at") + " TIMESTAMP NULL",
                "PRIMARY KEY (" + dialect.quote("name") + ", " + dialect.quote("id") + ")")
            + ")");

    db.call(
        "read table plain",
        c -> {
          List<Dialect.Column> reported = new ArrayList<>();
          try (java.sql.ResultSet rs =
              c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), "plain", null)) {
            while (rs.next()) {
              if (rs.getString("TABLE_NAME").equals("plain")) {
                reported.add(
                    new Dialect.Column(
                        rs.getString("COLUMN_NAME"),
                        rs.getInt("DATA_TYPE"),
                        rs.getString("TYPE_NAME")));
              }
            }
          }
          Dialect.Table declared = dialect.table(c, "plain").orElseThrow();
          assertThat(declared.columns()).isEqualTo(reported).hasSize(10);
          assertThat(declared.primaryKey()).containsExactly("name", "id");
          return null;
        });
  }

  /** {@code _} matches any one character in a metadata pattern: a_b must not see axb's columns. */
  @Test
  void aTableWithAnUnderscoreDoesNotSeeTheColumnsOfATableItsPatternMatches() {
    createWithOneRow(itemsIn("axb", true), "x");
    createWithOneRow(itemsIn("a%c", true), "x");

    assertThat(db.schemaChanges(itemsIn("a_b", false)))
        .singleElement()
        .satisfies(c -> assertThat(c.newTable()).isTrue());
    assertThat(db.schemaChanges(itemsIn("a%", false)))
        .singleElement()
        .satisfies(c -> assertThat(c.newTable()).isTrue());
    createWithOneRow(itemsIn("a_b", false), "k");

    assertThat(db.schemaChanges(itemsIn("a_b", true)))
        .singleElement()
        .satisfies(c -> assertThat(c.columns()).extracting(Field::column).containsExactly("owner"));
    assertThat(db.read(itemsIn("a_b", false)).keys()).containsExactly("k");
  }

  /**
   * Two entities on one table would each receive the other's records, so the session asks {@code
   * sameTable}; its answer must be what the database does with the names.
   */
  @Test
  void tablesTheDatabaseTakesForOneAreTheSameTable() {
    createWithOneRow(itemsIn("Mixed Case", false), "k");

    for (String other : List.of("mixed case", "MIXED CASE", "Mixed Case", "Mixed_Case")) {
      boolean found = db.schemaChanges(itemsIn(other, false)).isEmpty();
      assertThat(db.sameTable("Mixed Case", other)).as(other).isEqualTo(found);
    }
    assertThat(db.sameTable("Mixed Case", "Mixed Case")).isTrue();
    assertThat(db.sameTable("Mixed Case", "Mixed_Case")).isFalse();
  }

  /**
   * Long names, NUL, characters beyond the BMP, a space at the end, half a surrogate pair: every
   * name the dialect does not refuse is kept exactly, as a column and as a table, so the next read
   * finds what apply created.
   */
  @Test
  void everyNameTheDialectAcceptsIsKeptExactly() {
    List<String> names =
        List.of(
            "a".repeat(63),
            "a".repeat(64),
            "a".repeat(65),
            "é".repeat(31) + "a",
            "é".repeat(32),
            "a".repeat(256),
            "a".repeat(257),
            "a\u0000b",
            "a\u0001b",
            "a ",
            "a\uD83D\uDE00",
            "a\uD800b");
    List<Field> fields = new ArrayList<>(ITEM.fields());
    List<String> kept = new ArrayList<>();
    for (String name : names) {
      if (db.identifierProblem(name).isPresent()) {
        continue;
      }
      kept.add(name);
      fields.add(new Field("f" + fields.size(), name, FieldType.TEXT, null));
      Entity table = itemsIn(name, false);
      createWithOneRow(table, "k");
      assertThat(db.schemaChanges(table)).as(name).isEmpty();
      assertThat(db.read(table).keys()).as(name).containsExactly("k");
    }
    Entity wide = itemsIn("wide", false).withFields(fields);
    createWithOneRow(wide, "k");
    assertThat(db.schemaChanges(wide)).isEmpty();
    assertThat(kept).contains("a".repeat(63), "é".repeat(31) + "a", "a\u0001b");
    assertThat(db.identifierProblem("a\u0000b")).isPresent();
    assertThat(db.identifierProblem("a\uD800b")).isPresent();
  }

  @Test
  void aTableThatDoesNotExistReadsAsEmpty() {
    assertThat(db.read(ITEM).size()).isZero();
    assertThat(db.records(ITEM)).isEmpty();
  }

  @Test
  void insertsUpdatesAndDeletesReadBackAsPlanned() {
    insert(
        "{\"id\":\"a\",\"name\":\"Ann\",\"count\":1}",
        "{\"id\":\"b\",\"name\":\"Bob\",\"price\":2.5}",
        "{\"id\":\"c\",\"name\":\"Cy\",\"active\":true}");
    Snapshot before = db.read(ITEM);
    assertThat(before.get("a")).isEqualTo("{\"count\":1,\"id\":\"a\",\"name\":\"Ann\"}");

    EntityPlan plan = EntityPlan.empty(ITEM);
    FieldUpdates changes =
        new FieldUpdates().set("name", "\"Anne\"").remove("count").set("due", "\"2025-08-18\"");
    plan.databaseUpdates().put("a", changes);
    plan.expectedDatabase().put("a", before.get("a"));
    plan.databaseDeletes().put("b", before.get("b"));
    plan.expectedDatabase().put("b", before.get("b"));
    db.apply(List.of(), List.of(plan), null, null);

    Snapshot after = db.read(ITEM);
    assertThat(after.keys()).containsExactlyInAnyOrder("a", "c");
    assertThat(after.get("a"))
        .isEqualTo(text("{\"id\":\"a\",\"name\":\"Anne\",\"due\":\"2025-08-18\"}"));
    assertThat(after.get("c")).isEqualTo(before.get("c"));
  }

  @Test
  void readGivesTheSameTextAsRecordsCanonicalForEveryType() {
    List<String> records =
        List.of(
            "{\"id\":\"t1\",\"name\":\"quote \\\" backslash \\\\ newline \\n tab \\t é 日本\","
                + "\"count\":-42,\"price\":1.50,\"active\":false,\"due\":\"2025-08-18\","
                + "\"tags\":[\"x\",\"y\"],\"progress\":0.25}",
            "{\"id\":\"t2\",\"count\":0,\"price\":100,\"active\":true,"
                + "\"tags\":{\"b\":[1,2.50,{\"z\":null}],\"a\":\"s\"}}",
            "{\"id\":\"t3\",\"price\":-0.001,\"tags\":\"just a string\"}",
            "{\"id\":\"t4\",\"price\":12345678901234.5,\"count\":9007199254740993,\"tags\":[]}",
            "{\"id\":\"t5\",\"price\":1e3,\"tags\":42}",
            "{\"id\":\"t6\",\"tags\":true,\"name\":\"\"}");
    insert(records.toArray(String[]::new));

    Snapshot snapshot = db.read(ITEM);
    for (String json : records) {
      Value.Obj record = record(json);
      assertThat(snapshot.get(RecordKey.text(ITEM, record, "test")))
          .as(json)
          .isEqualTo(Records.canonical(ITEM, record));
    }
  }

  /**
   * Inserts bind straight from the record text where that is exact (see {@code FieldSpans}); text
   * that is not canonical, or holds escapes, exponents or unmapped nesting, must still insert as
   * its parsed record would.
   */
  @Test
  void insertedTextThatIsNotCanonicalStoresWhatItsRecordHolds() {
    List<String> texts =
        List.of(
            " { \"id\" : \"n1\" , \"count\" : 7 , \"tags\" : [ 1, 2 ] } ",
            "{\"id\":\"n2\",\"name\":\"tab\\there \\u00e9\",\"count\":1e2,\"price\":2.50}",
            "{\"id\":\"n3\",\"extra\":{\"x\":[\"}\",\"]\"]},\"price\":-0,\"count\":null}",
            "{\"id\":\"n4\",\"tags\":{\"b\":1,\"a\":[true]},\"due\":\"2025-08-18\"}",
            "{\"\\u0069d\":\"n5\",\"active\":false,\"count\":123456789012345678}",
            "{\"id\":\"n6\",\"count\":1,\"count\":2,\"tags\":[1,]}".replace(",]", "]"),
            "{\"id\":\"n7\",\"price\":1.0E-3,\"tags\":\"s\\\"q\"}");
    EntityPlan plan = EntityPlan.empty(ITEM);
    for (String text : texts) {
      plan.databaseInserts().put(RecordKey.text(ITEM, record(text), "test"), text);
    }
    db.apply(db.schemaChanges(ITEM), List.of(plan), null, null);

    Snapshot snapshot = db.read(ITEM);
    for (String text : texts) {
      Value.Obj record = record(text);
      assertThat(snapshot.get(RecordKey.text(ITEM, record, "test")))
          .as(text)
          .isEqualTo(Records.canonical(ITEM, record));
    }
  }

  @Test
  void anInsertedValueOfTheWrongTypeIsRefusedWithTheField() {
    createItems();
    for (String text :
        List.of(
            "{\"id\":\"w\",\"count\":1.5}",
            "{\"id\":\"w\",\"count\":\"3\"}",
            "{\"id\":\"w\",\"name\":4}",
            "{\"id\":\"w\",\"due\":\"someday\"}",
            "{\"id\":\"w\",\"active\":1}")) {
      EntityPlan plan = EntityPlan.empty(ITEM);
      plan.databaseInserts().put("w", text);
      assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
          .as(text)
          .isInstanceOf(UnableToApplyChange.class)
          .hasMessageContaining("record w: field ")
          .hasMessageContaining(", which is not ");
    }
    assertThat(db.read(ITEM).size()).isZero();
  }

  @Test
  void aFailedInsertAmongManyLeavesNoneOfThemInserted() {
    createItems();
    db.query(
        "CREATE TABLE "
            + q("strict")
            + " ("
            + q("id")
            + " VARCHAR(10) PRIMARY KEY, "
            + q("n")
            + " INTEGER NOT NULL)");
    Entity strict = entity("strict").text("id").fields(FieldType.INTEGER, "n").build();
    EntityPlan plan = EntityPlan.empty(strict);
    for (int i = 10; i < 70; i++) {
      plan.databaseInserts()
          .put("k" + i, i == 55 ? "{\"id\":\"k55\"}" : "{\"id\":\"k" + i + "\",\"n\":1}");
    }

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageStartingWith("apply failed at table strict");
    assertThat(((QueryResult.ResultTable) db.query("SELECT COUNT(*) FROM " + q("strict"))).rows())
        .containsExactly(List.of("0"));
  }

  @Test
  void randomRecordsReadBackAsTheirCanonicalText() {
    Random random = new Random(7);
    List<String> jsons = new ArrayList<>();
    int count = 3 * RowValues.CHUNK + 7; // several chunks read ahead, the last one short
    for (int i = 0; i < count; i++) {
      jsons.add(randomRecord(random, i).canonical());
    }
    insert(jsons.toArray(String[]::new));

    Snapshot snapshot = db.read(ITEM);
    assertThat(snapshot.size()).isEqualTo(count);
    for (String json : jsons) {
      Value.Obj record = record(json);
      assertThat(snapshot.get(RecordKey.text(ITEM, record, "test")))
          .isEqualTo(Records.canonical(ITEM, record));
    }
  }

  private static Value.Obj randomRecord(Random random, int i) {
    Map<String, Value> fields = new LinkedHashMap<>();
    fields.put("id", new Value.Text("r" + i));
    if (random.nextBoolean()) {
      fields.put(
          "name", new Value.Text("n" + random.nextInt() + (random.nextBoolean() ? " \"q\"" : "")));
    }
    if (random.nextBoolean()) {
      fields.put(
          "count", new Value.Num(BigDecimal.valueOf(random.nextLong() >> random.nextInt(63))));
    }
    if (random.nextBoolean()) {
      fields.put(
          "price",
          new Value.Num(
              BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, random.nextInt(5))));
    }
    if (random.nextBoolean()) {
      fields.put("active", Value.Bool.of(random.nextBoolean()));
    }
    if (random.nextBoolean()) {
      fields.put(
          "due",
          new Value.Text(
              String.format(
                  "20%02d-%02d-%02d",
                  random.nextInt(100), 1 + random.nextInt(12), 1 + random.nextInt(28))));
    }
    if (random.nextBoolean()) {
      fields.put(
          "tags",
          random.nextBoolean()
              ? new Value.Array(
                  List.of(
                      new Value.Text("t" + random.nextInt(9)),
                      new Value.Num(BigDecimal.valueOf(random.nextInt(100), 1))))
              : new Value.Obj(Map.of("k" + random.nextInt(3), Value.TRUE, "a", Value.NULL)));
    }
    return new Value.Obj(fields);
  }

  @Test
  void valuesWrittenBySqlReadAsTheirMeaning() {
    createItems();
    db.query(
        "INSERT INTO "
            + q("sync items")
            + " ("
            + q("id")
            + ", "
            + q("price")
            + ", "
            + q("active")
            + ", "
            + q("due")
            + ", "
            + q("tags")
            + ") VALUES ('s', 1.50, TRUE, '2025-08-18', '{\"b\": [1, 2], \"a\": 1.0}')");
    db.query(
        "INSERT INTO "
            + q("sync items")
            + " ("
            + q("id")
            + ", "
            + q("active")
            + ") VALUES ('f', FALSE)");

    Snapshot snapshot = db.read(ITEM);
    assertThat(snapshot.get("s"))
        .isEqualTo(
            "{\"active\":true,\"due\":\"2025-08-18\",\"id\":\"s\",\"price\":1.5,\"tags\":{\"a\":1,\"b\":[1,2]}}");
    assertThat(snapshot.get("f")).isEqualTo("{\"active\":false,\"id\":\"f\"}");
  }

  protected String q(String identifier) {
    return db.dialect().quote(identifier);
  }

  @Test
  void recordsComeInKeyOrderWithFieldsInEntityOrder() {
    insert("{\"id\":\"b\",\"tags\":[1],\"name\":\"B\"}", "{\"id\":\"a\",\"count\":3}");

    List<Value.Obj> records = db.records(ITEM);
    assertThat(records)
        .extracting(r -> r.get("id"))
        .containsExactly(new Value.Text("a"), new Value.Text("b"));
    assertThat(records.get(1).fields().keySet()).containsExactly("id", "name", "tags");
    assertThat(records.get(1).display())
        .isEqualTo("{\"id\": \"b\", \"name\": \"B\", \"tags\": [1]}");
  }

  @Test
  void anUpdateIsRefusedWhenTheRowChangedSinceItWasRead() {
    insert("{\"id\":\"a\",\"name\":\"Ann\"}");
    String seen = db.read(ITEM).get("a");
    db.query(
        "UPDATE "
            + q("sync items")
            + " SET "
            + q("display name")
            + " = 'Someone else' WHERE "
            + q("id")
            + " = 'a'");

    EntityPlan plan = EntityPlan.empty(ITEM);
    plan.databaseUpdates().put("a", new FieldUpdates().set("name", "\"Anne\""));
    plan.expectedDatabase().put("a", seen);

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("table sync items record a")
        .hasMessageContaining("changed since `diff`; run `load` again");
    assertThat(db.read(ITEM).get("a")).contains("Someone else");
  }

  /** 1,200 rows: more than two of the guard's IN lists of 500. */
  private EntityPlan renamingAll(int rows) {
    String[] records = new String[rows];
    for (int i = 0; i < rows; i++) {
      records[i] = "{\"id\":\"k" + i + "\",\"name\":\"old " + i + "\"}";
    }
    insert(records);
    io.syncline.core.Snapshot seen = db.read(ITEM);
    EntityPlan plan = EntityPlan.empty(ITEM);
    for (int i = 0; i < rows; i++) {
      plan.databaseUpdates().put("k" + i, new FieldUpdates().set("name", "\"new " + i + "\""));
      plan.expectedDatabase().put("k" + i, seen.get("k" + i));
    }
    return plan;
  }

  @Test
  void manyUpdatesAreRefusedWhenOneOfTheirRowsChangedSinceItWasRead() {
    EntityPlan plan = renamingAll(1200);
    db.query(
        "UPDATE " + q("sync items") + " SET " + q("count") + " = 7 WHERE " + q("id") + " = 'k777'");

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("record k777")
        .hasMessageContaining("changed since `diff`");
    assertThat(db.read(ITEM).get("k5")).contains("old 5");
    assertThat(db.read(ITEM).get("k1199")).contains("old 1199");
  }

  @Test
  void manyUpdatesOfRowsNobodyElseChangedAreAllApplied() {
    EntityPlan plan = renamingAll(1200);

    db.apply(List.of(), List.of(plan), null, null);

    io.syncline.core.Snapshot now = db.read(ITEM);
    assertThat(now.get("k0")).contains("new 0");
    assertThat(now.get("k777")).contains("new 777");
    assertThat(now.get("k1199")).contains("new 1199");
  }

  static final Entity STOCK =
      entity("stock")
          .files("stock.json")
          .table("sync stock")
          .key("wh", "sku")
          .text("wh")
          .fields(FieldType.INTEGER, "sku", "qty")
          .build();

  /** 250 rows of a two-column key: more than two of the guard's queries of 100 such keys. */
  private EntityPlan restockingAll(int rows) {
    EntityPlan load = EntityPlan.empty(STOCK);
    for (int i = 0; i < rows; i++) {
      String text = "{\"qty\":" + i + ",\"sku\":" + i + ",\"wh\":\"W" + (i % 2) + "\"}";
      load.databaseInserts().put("W" + (i % 2) + "," + i, text);
      load.base().put("W" + (i % 2) + "," + i, text);
    }
    db.apply(db.schemaChanges(STOCK), List.of(load), null, null);
    io.syncline.core.Snapshot seen = db.read(STOCK);
    EntityPlan plan = EntityPlan.empty(STOCK);
    for (String key : seen.keys()) {
      plan.databaseUpdates().put(key, new FieldUpdates().set("qty", "1000"));
      plan.expectedDatabase().put(key, seen.get(key));
    }
    return plan;
  }

  @Test
  void manyUpdatesByACompoundKeyAreRefusedWhenOneOfTheirRowsChangedSinceItWasRead() {
    EntityPlan plan = restockingAll(250);
    db.query(
        "UPDATE " + q("sync stock") + " SET " + q("qty") + " = 7 WHERE " + q("sku") + " = 211");

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("record W1,211")
        .hasMessageContaining("changed since `diff`");
    assertThat(db.read(STOCK).get("W0,4")).contains("\"qty\":4");
  }

  @Test
  void manyUpdatesByACompoundKeyOfRowsNobodyElseChangedAreAllApplied() {
    EntityPlan plan = restockingAll(250);

    db.apply(List.of(), List.of(plan), null, null);

    io.syncline.core.Snapshot now = db.read(STOCK);
    assertThat(now.size()).isEqualTo(250);
    assertThat(now.get("W0,0")).contains("\"qty\":1000");
    assertThat(now.get("W1,249")).contains("\"qty\":1000");
  }

  @Test
  void aDeleteIsRefusedWhenTheRowChangedSinceItWasRead() {
    insert("{\"id\":\"a\",\"name\":\"Ann\"}");
    String seen = db.read(ITEM).get("a");
    db.query("UPDATE " + q("sync items") + " SET " + q("count") + " = 5");

    EntityPlan plan = EntityPlan.empty(ITEM);
    plan.databaseDeletes().put("a", seen);
    plan.expectedDatabase().put("a", seen);

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("changed since `diff`");
    assertThat(db.read(ITEM).keys()).containsExactly("a");
  }

  @Test
  void anInsertIsRefusedWhenItsKeyIsTaken() {
    insert("{\"id\":\"a\",\"name\":\"Ann\"}");

    assertThatThrownBy(() -> insert("{\"id\":\"b\"}", "{\"id\":\"a\",\"name\":\"Other\"}"))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("record a")
        .hasMessageContaining("changed since `diff`");
    assertThat(db.read(ITEM).keys()).containsExactly("a");
  }

  @Test
  void anUpdateThatChangesMoreThanOneRowIsRefused() {
    Entity loose = entity("loose").text("id").fields(FieldType.INTEGER, "n").build();
    db.query(
        "CREATE TABLE " + q("loose") + " (" + q("id") + " VARCHAR(10), " + q("n") + " INTEGER)");
    db.query("INSERT INTO " + q("loose") + " VALUES ('a', 1), ('a', 1)");
    EntityPlan plan = EntityPlan.empty(loose);
    plan.databaseUpdates().put("a", new FieldUpdates().set("n", "2"));
    plan.expectedDatabase().put("a", "{\"id\":\"a\",\"n\":1}");

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("table loose record a: expected 1 modified row, got 2");
    var rows = (QueryResult.ResultTable) db.query("SELECT " + q("n") + " FROM " + q("loose"));
    assertThat(rows.rows()).containsExactly(List.of("1"), List.of("1"));
  }

  @Test
  void aFailureBeforeCommitRollsBackRowsAndExtraWrites() {
    insert("{\"id\":\"a\",\"name\":\"Ann\"}");
    db.query("CREATE TABLE " + q("side") + " (" + q("n") + " INTEGER)");
    Snapshot before = db.read(ITEM);

    EntityPlan plan = inserting("{\"id\":\"b\"}");
    plan.databaseDeletes().put("a", before.get("a"));
    plan.expectedDatabase().put("a", before.get("a"));
    SqlWork extra =
        c -> {
          try (var statement = c.prepareStatement("INSERT INTO " + q("side") + " VALUES (1)")) {
            statement.executeUpdate();
          }
        };
    assertThatThrownBy(
            () ->
                db.apply(
                    List.of(),
                    List.of(plan),
                    extra,
                    () -> {
                      throw new IllegalStateException("disk full");
                    }))
        .hasMessage("disk full");

    assertThat(db.read(ITEM).keys()).containsExactly("a");
    assertThat(db.read(ITEM).get("a")).isEqualTo(before.get("a"));
    var count = (QueryResult.ResultTable) db.query("SELECT COUNT(*) FROM " + q("side"));
    assertThat(count.rows().get(0).get(0)).isEqualTo("0");
  }

  @Test
  void aConstraintErrorNamesTheTableTheStateAndTheDriversMessage() {
    createItems();
    db.query(
        "CREATE TABLE "
            + q("strict")
            + " ("
            + q("id")
            + " VARCHAR(10) PRIMARY KEY, "
            + q("n")
            + " INTEGER NOT NULL)");
    Entity strict = entity("strict").text("id").fields(FieldType.INTEGER, "n").build();
    EntityPlan plan = EntityPlan.empty(strict);
    plan.databaseInserts().put("x", "{\"id\":\"x\"}");

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageContaining("apply failed at table strict")
        .hasMessageMatching("(?s).*(SQLSTATE|SQLITE_CONSTRAINT).*")
        .hasMessageContaining("both sides were left as they were");
  }

  /**
   * Runs {@code use} on a read-only connection while this test's writable one is closed (H2 opens a
   * database one way per process, the way its first connection asks), then opens that again.
   */
  protected void readOnly(java.util.function.Consumer<Database> use) {
    db.close();
    try (Database readOnly = open(true)) {
      use.accept(readOnly);
    } finally {
      db = open(false);
    }
  }

  @Test
  void aReadOnlyConnectionRefusesApplyAndWritingSql() {
    insert("{\"id\":\"a\"}");
    readOnly(
        readOnly -> {
          assertThat(readOnly.readOnly()).isTrue();
          assertThat(readOnly.read(ITEM).keys()).containsExactly("a");
          assertThatThrownBy(
                  () -> readOnly.apply(List.of(), List.of(inserting("{\"id\":\"b\"}")), null, null))
              .isInstanceOf(SynclineException.class)
              .hasMessage(
                  "the connection is read-only (connect ... --read-only); apply needs a writable"
                      + " one");
          assertThatThrownBy(
                  () -> readOnly.query("UPDATE " + q("sync items") + " SET " + q("count") + " = 1"))
              .isInstanceOf(SynclineException.class)
              .hasMessageContaining("read-only");
          assertThat(readOnly.query("SELECT " + q("id") + " FROM " + q("sync items")))
              .isEqualTo(new QueryResult.ResultTable(List.of("id"), List.of(List.of("a")), false));
        });
    assertThat(db.read(ITEM).get("a")).isEqualTo("{\"id\":\"a\"}");
  }

  @Test
  void theDatabaseItselfRefusesAWriteOnAReadOnlyConnection() {
    insert("{\"id\":\"a\"}");
    readOnly(
        readOnly ->
            // Past Syncline's own refusal: a statement sent straight through the connection.
            assertThatThrownBy(
                    () ->
                        readOnly.call(
                            "cannot write",
                            c -> {
                              try (java.sql.Statement statement = c.createStatement()) {
                                return statement.executeUpdate(
                                    "UPDATE " + q("sync items") + " SET " + q("count") + " = 7");
                              }
                            }))
                .isInstanceOf(SynclineException.class)
                .hasMessageMatching("(?is)cannot write: .*read.?only.*"));
    assertThat(db.read(ITEM).get("a")).isEqualTo("{\"id\":\"a\"}");
  }

  @Test
  void sqlRunsOneStatementAndSaysSoWhenGivenMore() {
    insert("{\"id\":\"a\"}");
    String select = "SELECT " + q("id") + " FROM " + q("sync items");

    assertThat(db.query(select + ";")).isInstanceOf(QueryResult.ResultTable.class);
    assertThatThrownBy(() -> db.query(select + "; DELETE FROM " + q("sync items")))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageStartingWith("one statement per `sql`: a second one starts after the `;`");
    assertThat(db.read(ITEM).keys()).containsExactly("a");
  }

  /** The statements with which a hostile user tries to write through a read-only connection. */
  static final List<String> ATTACKS =
      List.of(
          "SELECT 1; COMMIT; BEGIN READ WRITE; DELETE FROM victim; COMMIT",
          "SELECT 1; DELETE FROM victim",
          "SELECT 1; CREATE TABLE intruder (id INT)",
          "SELECT 'a\\'; DELETE FROM victim; -- '",
          "SELECT 1 /*! ; DELETE FROM victim */",
          "COMMIT",
          "BEGIN READ WRITE",
          "START TRANSACTION READ WRITE",
          "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE",
          "SET default_transaction_read_only = off",
          "SET SESSION TRANSACTION READ WRITE",
          "RESET ALL",
          "SELECT set_config('default_transaction_read_only', 'off', false)",
          "WITH d AS (DELETE FROM victim RETURNING id) SELECT * FROM d",
          "SELECT * FROM OLD TABLE (DELETE FROM victim)",
          "DELETE FROM victim RETURNING id",
          "DELETE FROM victim",
          "CREATE TABLE intruder (id INT)",
          "DROP TABLE victim");

  /** The writes tried after each attack, to see whether it opened the door. */
  static final List<String> WRITES =
      List.of("DELETE FROM victim", "CREATE TABLE intruder (id INT)", "DROP TABLE victim");

  @Test
  void noStatementTypedOnAReadOnlyConnectionWrites() {
    db.query("CREATE TABLE victim (id INT PRIMARY KEY)");
    db.query("INSERT INTO victim VALUES (1), (2), (3)");
    readOnly(
        readOnly -> {
          assertThatThrownBy(() -> readOnly.query(ATTACKS.get(0)))
              .isInstanceOf(SynclineException.Usage.class)
              .hasMessageStartingWith("one statement per `sql`");
          for (String attack : ATTACKS) {
            try {
              readOnly.query(attack);
            } catch (SynclineException refused) {
              // most are; what counts is what the writes below find
            }
            for (String write : WRITES) {
              assertThatThrownBy(() -> readOnly.query(write))
                  .as("%s after %s", write, attack)
                  .isInstanceOf(SynclineException.class);
            }
          }
        });
    assertThat(victims()).isEqualTo(3);
    assertThatThrownBy(() -> db.query("SELECT * FROM intruder"))
        .isInstanceOf(SynclineException.class);
  }

  private long victims() {
    return Long.parseLong(
        ((QueryResult.ResultTable) db.query("SELECT count(*) FROM victim")).rows().get(0).get(0));
  }

  /**
   * Where a statement can lift a session's read-only (PostgreSQL, MariaDB), the subclass runs this
   * with it; SQLite and H2 open the file read-only, and no statement lifts that.
   */
  protected void assertAReadOnlySessionMadeWritableIsReplaced(String lift) {
    db.query("CREATE TABLE victim (id INT PRIMARY KEY)");
    db.query("INSERT INTO victim VALUES (1), (2), (3)");
    readOnly(
        readOnly -> {
          readOnly.call(
              "lift",
              c -> {
                try (java.sql.Statement statement = c.createStatement()) {
                  return statement.execute(lift);
                }
              });

          assertThatThrownBy(() -> readOnly.query("DROP TABLE victim"))
              .isInstanceOf(SynclineException.class)
              .hasMessage(
                  "the read-only session was made writable, so Syncline closed that connection and"
                      + " opened a new read-only one; `sql` may only read here");
          assertThatThrownBy(() -> readOnly.query("DROP TABLE victim"))
              .isInstanceOf(SynclineException.class)
              .hasMessageContaining("read-only");
        });
    assertThat(victims()).isEqualTo(3);
  }

  @Test
  void sqlReturnsRowsOrAnUpdateCount() {
    insert("{\"id\":\"a\"}", "{\"id\":\"b\"}");
    assertThat(db.query("UPDATE " + q("sync items") + " SET " + q("count") + " = 2"))
        .isEqualTo(new QueryResult.UpdateCount(2));
    QueryResult.ResultTable table =
        (QueryResult.ResultTable)
            db.query(
                "SELECT "
                    + q("id")
                    + ", "
                    + q("price")
                    + " FROM "
                    + q("sync items")
                    + " ORDER BY "
                    + q("id"));
    assertThat(table.rows())
        .containsExactly(java.util.Arrays.asList("a", null), java.util.Arrays.asList("b", null));
  }

  @Test
  void aStatementTheDatabaseRefusesIsOneLineWithItsMessage() {
    assertThatThrownBy(() -> db.query("SELECT * FROM no_such_table"))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith("the database refused the statement: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void describeIsShortAndTheUrlIsMasked() {
    assertThat(db.describe()).doesNotStartWith("jdbc:").hasSizeLessThan(80);
    assertThat(db.maskedUrl()).doesNotContain("password=s");
  }

  /** What is shown, logged and kept in Syncline's tables and intent file is the masked URL. */
  @Test
  void aPasswordInTheUrlIsNeverShownNorKept() {
    try (Database withPassword =
        Database.open(urlWithPassword(), userWithPassword(), null, false)) {
      assertThat(withPassword.maskedUrl()).doesNotContain(SECRET).contains("***");
      assertThat(withPassword.describe()).doesNotContain(SECRET);
    }
  }

  @Test
  void aNulInAFieldNameIsRefusedNamingTheEntityAndFieldNotAsABusyDatabase() {
    Entity nul = entity("nul").text("id", "na\0me").build();
    assertThatThrownBy(() -> db.schemaChanges(nul))
        .isInstanceOf(SynclineException.class)
        .hasMessageStartingWith(
            "entity nul, field na\\u0000me: the name holds the character U+0000")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("busy").doesNotContain("\0"));
  }

  @Test
  void aLongKeyIsCutInTheMessageThatNamesIt() {
    db.query(
        "CREATE TABLE "
            + q("strict")
            + " ("
            + q("id")
            + " VARCHAR(10), "
            + q("n")
            + " INTEGER NOT NULL)");
    Entity strict = entity("strict").text("id").fields(FieldType.INTEGER, "n").build();
    String key = "k".repeat(100_000);
    EntityPlan plan = EntityPlan.empty(strict);
    plan.databaseInserts().put(key, "{\"id\":\"" + key + "\"}");

    assertThatThrownBy(() -> db.apply(List.of(), List.of(plan), null, null))
        .isInstanceOf(UnableToApplyChange.class)
        .hasMessageStartingWith("apply failed at table strict")
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .doesNotContain("k".repeat(80))
                    .hasSizeLessThan(600)
                    .doesNotContain("\n"));
  }

  @Test
  void theWriteLockKeepsASecondConnectionOutUntilItIsReleasedAndNamesItsHolder() {
    try (Database other = open(false)) {
      java.util.Optional<DatabaseLock> first = db.tryWriteLock(HOLDER);
      assertThat(first).isPresent();
      if (writeLockKeepsOthersOut()) {
        assertThat(other.tryWriteLock(HOLDER)).isEmpty();
        assertThat(other.writeLockHolder())
            .hasValueSatisfying(holder -> assertThat(holder).contains(holderMentions()));
      }
      first.get().close();
      java.util.Optional<DatabaseLock> second = other.tryWriteLock(HOLDER);
      assertThat(second).isPresent();
      second.get().close();
    }
  }
}
