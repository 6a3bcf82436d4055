package io.syncline.state;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Counts;
import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import io.syncline.core.LogEntry;
import io.syncline.core.QueryResult;
import io.syncline.core.SynclineException;
import io.syncline.sql.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The base store and audit log, the same on every database; one subclass per database. */
public abstract class StateStoreContract {
  static final Entity JOB =
      entity("job")
          .files("jobs.yml")
          .layout(Layout.MAP)
          .at("/tasks")
          .table("jobs")
          .text("id", "cron")
          .build();
  static final Instant NOON = Instant.parse("2026-01-02T12:00:00Z");

  protected Database db;
  protected StateStore store;

  protected abstract String url();

  protected String user() {
    return null;
  }

  /** Creates this test's own database or schema; may skip the test when the server is away. */
  protected void prepare() {}

  /** Drops what {@link #prepare} created. */
  protected void cleanUp() {}

  @BeforeEach
  void openDatabase() {
    prepare();
    db = Database.open(url(), user(), null, false);
    store = new StateStore(db, Clock.fixed(NOON, ZoneOffset.UTC));
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

  private static EntityPlan inserting(String key, String text) {
    EntityPlan plan = EntityPlan.empty(JOB);
    plan.databaseInserts().put(key, text);
    plan.base().put(key, text);
    return plan;
  }

  private void applyWithBase(List<EntityPlan> plans) {
    db.apply(db.schemaChanges(JOB), plans, store.writeBase(plans), null);
  }

  @Test
  void theBaseIsEmptyBeforeTheFirstSync() {
    assertThat(store.base(JOB).size()).isZero();
    assertThat(store.log()).isEmpty();
  }

  @Test
  void theBaseIsWrittenWithTheRowsAndDeletedByANullText() {
    applyWithBase(
        List.of(
            inserting("a", "{\"cron\":\"* * * * *\",\"id\":\"a\"}"),
            inserting("b", "{\"id\":\"b\"}")));
    assertThat(store.base(JOB).get("a")).isEqualTo("{\"cron\":\"* * * * *\",\"id\":\"a\"}");
    assertThat(db.read(JOB).get("a")).isEqualTo(store.base(JOB).get("a"));

    EntityPlan plan = EntityPlan.empty(JOB);
    plan.databaseDeletes().put("b", "{\"id\":\"b\"}");
    plan.expectedDatabase().put("b", "{\"id\":\"b\"}");
    plan.base().put("b", null);
    plan.base().put("a", "{\"id\":\"a\"}");
    plan.databaseUpdates().put("a", new FieldUpdates().remove("cron"));
    plan.expectedDatabase().put("a", "{\"cron\":\"* * * * *\",\"id\":\"a\"}");
    applyWithBase(List.of(plan));

    assertThat(store.base(JOB).keys()).containsExactly("a");
    assertThat(store.base(JOB).get("a")).isEqualTo("{\"id\":\"a\"}");
    assertThat(db.read(JOB).get("a")).isEqualTo("{\"id\":\"a\"}");
    QueryResult.ResultTable checksum =
        (QueryResult.ResultTable)
            db.query(
                "SELECT "
                    + q("checksum")
                    + " FROM "
                    + q("syncline_base")
                    + " WHERE "
                    + q("record_key")
                    + " = 'a'");
    assertThat(checksum.rows().get(0).get(0)).isEqualTo(StateStore.checksum("{\"id\":\"a\"}"));
  }

  /** A plan whose base sets each key to a record with that cron, or removes it (null cron). */
  private static EntityPlan bases(String... keyAndCron) {
    EntityPlan plan = EntityPlan.empty(JOB);
    for (int i = 0; i < keyAndCron.length; i += 2) {
      String cron = keyAndCron[i + 1];
      plan.base()
          .put(
              keyAndCron[i],
              cron == null ? null : "{\"cron\":\"" + cron + "\",\"id\":\"" + keyAndCron[i] + "\"}");
    }
    return plan;
  }

  private long count(String table) {
    QueryResult.ResultTable rows =
        (QueryResult.ResultTable) db.query("SELECT COUNT(*) FROM " + q(table));
    return Long.parseLong(rows.rows().get(0).get(0));
  }

  @Test
  void manyBasesAtOnceArePackedAndAFewLaterOnesOverrideThePacks() {
    StateStore packing = new StateStore(db, Clock.fixed(NOON, ZoneOffset.UTC), 3);
    List<EntityPlan> first = List.of(bases("a", "1", "b", "2", "c", "3", "d", "4"));
    db.apply(List.of(), first, packing.writeBase(first), null);

    assertThat(count("syncline_base")).isZero();
    assertThat(count("syncline_base_pack")).isEqualTo(1);
    assertThat(packing.base(JOB).keys()).containsExactlyInAnyOrder("a", "b", "c", "d");

    List<EntityPlan> few = List.of(bases("a", "changed", "b", null));
    db.apply(List.of(), few, packing.writeBase(few), null);

    assertThat(count("syncline_base")).isEqualTo(2); // the change and the removal
    assertThat(packing.base(JOB).keys()).containsExactlyInAnyOrder("a", "c", "d");
    assertThat(packing.base(JOB).get("a")).isEqualTo("{\"cron\":\"changed\",\"id\":\"a\"}");
    assertThat(store.base(JOB).get("a"))
        .as("the default store reads packs too")
        .contains("changed");

    List<EntityPlan> fold = List.of(bases("e", "5"));
    db.apply(List.of(), fold, packing.writeBase(fold), null);

    assertThat(count("syncline_base")).as("three pending: folded into packs").isZero();
    assertThat(packing.base(JOB).keys()).containsExactlyInAnyOrder("a", "c", "d", "e");
    assertThat(packing.base(JOB).get("a")).contains("changed");
  }

  /**
   * A base naming an unagreed field is a canonical text like any other: rows and packs keep it as
   * written, and bases written before such names existed read as they always did.
   */
  @Test
  void aBaseWithAnUnagreedFieldIsKeptAsWrittenInRowsAndInPacks() {
    String marked = io.syncline.core.Unagreed.mark("{\"id\":\"a\"}", List.of("cron"));
    EntityPlan row = EntityPlan.empty(JOB);
    row.base().put("a", marked);
    applyWithBase(List.of(row));
    assertThat(store.base(JOB).get("a")).isEqualTo(marked);

    StateStore packing = new StateStore(db, Clock.fixed(NOON, ZoneOffset.UTC), 1);
    List<EntityPlan> packed = List.of(bases("b", "1"));
    packed.get(0).base().put("a", marked);
    db.apply(List.of(), packed, packing.writeBase(packed), null);
    assertThat(count("syncline_base_pack")).isPositive();
    assertThat(packing.base(JOB).get("a")).isEqualTo(marked);
    assertThat(packing.base(JOB).get("b")).isEqualTo("{\"cron\":\"1\",\"id\":\"b\"}");
  }

  @Test
  void aDamagedPackIsRefusedWithAMessageNotReadAsAWrongBase() {
    StateStore packing = new StateStore(db, Clock.fixed(NOON, ZoneOffset.UTC), 1);
    List<EntityPlan> first = List.of(bases("a", "1", "b", "2"));
    db.apply(List.of(), first, packing.writeBase(first), null);
    db.apply(
        List.of(),
        List.of(),
        c -> {
          try (var damage =
              c.prepareStatement(
                  "UPDATE " + q("syncline_base_pack") + " SET " + q("records") + " = ?")) {
            damage.setBytes(1, new byte[] {0, 0, 0, 1, 0, 0, 0, 9, 1, 2, 3, 4});
            damage.executeUpdate();
          }
        },
        null);

    assertThatThrownBy(() -> packing.base(JOB))
        .isInstanceOf(SynclineException.class)
        .hasMessageContaining("base is damaged")
        .hasMessageContaining("pack 0 of job");
  }

  @Test
  void aFailedApplyRollsBackTheBaseWithTheRows() {
    applyWithBase(List.of(inserting("a", "{\"id\":\"a\"}")));

    List<EntityPlan> plans = List.of(inserting("b", "{\"id\":\"b\"}"));
    assertThatThrownBy(
            () ->
                db.apply(
                    List.of(),
                    plans,
                    store.writeBase(plans),
                    () -> {
                      throw new IllegalStateException("file write failed");
                    }))
        .hasMessage("file write failed");

    assertThat(store.base(JOB).keys()).containsExactly("a");
    assertThat(db.read(JOB).keys()).containsExactly("a");
  }

  @Test
  void migrationsKeepTheirOwnHistoryAndLeaveTheUsersFlywayHistoryAlone() {
    Flyway users =
        Flyway.configure()
            .dataSource(url(), user(), null)
            .locations("classpath:io/syncline/state/usermigration")
            .load();
    users.migrate();
    QueryResult before =
        db.query(
            "SELECT * FROM " + q("flyway_schema_history") + " ORDER BY " + q("installed_rank"));

    store.base(JOB);

    assertThat(
            db.query(
                "SELECT * FROM " + q("flyway_schema_history") + " ORDER BY " + q("installed_rank")))
        .isEqualTo(before);
    QueryResult.ResultTable ours =
        (QueryResult.ResultTable)
            db.query(
                "SELECT "
                    + q("version")
                    + " FROM "
                    + q("syncline_schema_history")
                    + " WHERE "
                    + q("success")
                    + " = "
                    + trueLiteral()
                    + " AND "
                    + q("version")
                    + " IS NOT NULL ORDER BY "
                    + q("installed_rank"));
    assertThat(ours.rows())
        .extracting(r -> r.get(0))
        .containsExactly("0", "1", "2", "3", "3.1", "3.2", "4", "4.1", "5", "6");
    users.validate();
    assertThat(users.info().current().getVersion().getVersion()).isEqualTo("1");
  }

  private String q(String identifier) {
    return db.dialect().quote(identifier);
  }

  /** How {@code success} in Flyway's history table is compared on this database. */
  protected String trueLiteral() {
    return "TRUE";
  }

  @Test
  void theLogListsAppliesNewestFirst() {
    List<EntityPlan> first = List.of(inserting("a", "{\"id\":\"a\"}"));
    db.apply(
        db.schemaChanges(JOB),
        first,
        store.recordApply(AppliedSummary.of(NOON.minusSeconds(5), first, "applied")),
        null);
    EntityPlan second = EntityPlan.empty(JOB);
    second.fileInserts().put("a", "{\"id\":\"a\"}");
    db.apply(
        List.of(),
        List.of(second),
        store.recordApply(
            AppliedSummary.of(
                NOON.minusSeconds(1),
                List.of(second),
                List.of("rewrite jobs.yml (1 record)"),
                "applied")),
        null);

    List<LogEntry> log = store.log();
    assertThat(log).hasSize(2);
    assertThat(log.get(0).startedAt()).isEqualTo(NOON.minusSeconds(1));
    assertThat(log.get(0).toFiles()).isEqualTo(new Counts(1, 0, 0));
    assertThat(log.get(1).toDatabase()).isEqualTo(new Counts(1, 0, 0));
    assertThat(log.get(1).finishedAt()).isEqualTo(NOON);
    assertThat(log.get(1).entities()).containsExactly("job");
    assertThat(log.get(1).connection()).isEqualTo(db.maskedUrl());
    assertThat(log.get(1).user()).isEqualTo(System.getProperty("user.name"));
    assertThat(log.get(1).outcome()).isEqualTo("applied");
    assertThat(log.get(1).detail()).containsExactly("to-db    insert  job/a");
    assertThat(log.get(1).files()).isEmpty();
    assertThat(log.get(0).detail()).containsExactly("to-file  insert  job/a");
    assertThat(log.get(0).files()).containsExactly("rewrite jobs.yml (1 record)");
  }

  /**
   * A store migrated up to 3.2, before checkpoints gave the log its {@code run_id}, as an older
   * Syncline left it: read-only, it cannot be migrated, and its log, checkpoints and committed
   * applies still read.
   */
  @Test
  void aReadOnlyConnectionReadsTheLogOfAStoreFromBeforeCheckpoints() {
    Flyway.configure()
        .dataSource(url(), user(), null)
        .table("syncline_schema_history")
        .locations("classpath:io/syncline/state/migration/" + db.dialect().vendor())
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target("3.2")
        .load()
        .migrate();
    db.query(
        "INSERT INTO "
            + q("syncline_log")
            + " ("
            + Arrays.stream(
                    ("started_at finished_at os_user host connection entities db_inserted"
                            + " db_updated db_deleted file_inserted file_updated file_deleted"
                            + " outcome files detail")
                        .split(" "))
                .map(this::q)
                .collect(Collectors.joining(", "))
            + ") VALUES ('2025-08-18T09:00:00Z', '2025-08-18T09:00:01Z', 'ann', 'build-1',"
            + " 'jdbc:sqlite:geo.db', 'job,user', 1, 2, 3, 4, 5, 6, 'applied',"
            + " 'rewrite jobs.yml (4 records)', 'to-db    insert  job/a')");
    db.close();
    try (Database readOnly = Database.open(url(), user(), null, true)) {
      StateStore reader = new StateStore(readOnly);
      assertThat(reader.log())
          .containsExactly(
              new LogEntry(
                  1,
                  Instant.parse("2025-08-18T09:00:00Z"),
                  Instant.parse("2025-08-18T09:00:01Z"),
                  "ann",
                  "build-1",
                  "jdbc:sqlite:geo.db",
                  List.of("job", "user"),
                  new Counts(1, 2, 3),
                  new Counts(4, 5, 6),
                  List.of("rewrite jobs.yml (4 records)"),
                  List.of("to-db    insert  job/a"),
                  "applied"));
      assertThat(reader.checkpoints().list()).isEmpty();
      assertThat(reader.checkpoints().committed("0f3c")).isFalse();
    }
  }

  @Test
  void aReadOnlyConnectionReadsAMissingStoreAsEmptyAndRefusesToWriteIt() {
    db.close(); // H2 opens a database one way per process, the way its first connection asks
    try (Database readOnly = Database.open(url(), user(), null, true)) {
      StateStore reader = new StateStore(readOnly);
      assertThat(reader.base(JOB).size()).isZero();
      assertThat(reader.log()).isEmpty();
      assertThatThrownBy(() -> reader.writeBase(List.of()))
          .isInstanceOf(SynclineException.class)
          .hasMessageContaining("read-only");
    }
  }
}
