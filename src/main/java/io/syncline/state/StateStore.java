package io.syncline.state;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.LogEntry;
import io.syncline.core.Snapshot;
import io.syncline.core.SyncStatus;
import io.syncline.core.TableCopy;
import io.syncline.sql.Database;
import io.syncline.sql.SqlWork;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Syncline's own tables in the target database, one store per concern: the base of every record and
 * its packs ({@link BaseStore}), the audit log of applies and copies ({@link AuditLog}),
 * checkpoints and undo images ({@link Checkpoints}), and what the last load saw of each entity
 * ({@link SyncStatusStore}). Each builds its statements once, when the store is made; the tables
 * are migrated on first use ({@link StoreSchema}).
 *
 * <p>Writes are returned as {@link SqlWork} for {@link Database#apply}, so the base commits or
 * rolls back in the same transaction as the rows it describes.
 */
public final class StateStore {
  private final StoreSchema schema;
  private final BaseStore base;
  private final AuditLog log;
  private final Checkpoints checkpoints;
  private final MigrationRecords migrations;
  private final SyncStatusStore status;

  public StateStore(Database database) {
    this(database, Clock.systemUTC());
  }

  public StateStore(Database database, Clock clock) {
    this(database, clock, 10_000);
  }

  /** {@code packFrom}: how many base changes at once are written as packs (see writeBase). */
  StateStore(Database database, Clock clock, int packFrom) {
    schema = new StoreSchema(database);
    base = new BaseStore(database, schema, packFrom);
    log = new AuditLog(database, schema, clock);
    checkpoints = new Checkpoints(database, schema, log, clock);
    migrations = new MigrationRecords(database, schema, clock);
    status = new SyncStatusStore(database, schema);
  }

  /** Restore points and the undo images of applies, kept in this store's database. */
  public Checkpoints checkpoints() {
    return checkpoints;
  }

  /** What Syncline did to the user's own schema: the versions it applied, rollbacks half run. */
  public MigrationRecords migrations() {
    return migrations;
  }

  /** Key → canonical base text of every record of the entity; empty before the first sync. */
  public Snapshot base(Entity entity) {
    return storedBase(entity).records();
  }

  /**
   * {@link #base(Entity)} when the base was agreed with the entity's table, or with a table not
   * recorded; empty when with another table ({@link StoredBase#agreedWith}): the entity then syncs
   * as at first contact, and the next apply replaces its base.
   */
  public Snapshot agreedBase(Entity entity) {
    return storedBase(entity).recordsAgreedWith(entity.table());
  }

  /** {@link #base(Entity)} by the entity's name: a child entity's, whose fields do not matter. */
  public Snapshot base(String entityName) {
    return base.read(entityName, Long.MAX_VALUE).records();
  }

  /** The entity's base as stored, read but not yet decoded. */
  public StoredBase storedBase(Entity entity) {
    return storedBase(entity, Long.MAX_VALUE);
  }

  /** The first packs or rows of the base, {@code atLeast} records when there are so many. */
  public StoredBase storedBase(Entity entity, long atLeast) {
    return base.read(entity.name(), atLeast);
  }

  /**
   * Work for {@link Database#apply} that makes the base what the plans say: each {@code
   * plan.base()} entry upserted with its checksum, or deleted when its text is null.
   */
  public SqlWork writeBase(List<EntityPlan> plans) {
    return base.write(plans);
  }

  /** Whether the entity has a base: whether any apply ever agreed on one of its records. */
  public boolean hasBase(Entity entity) {
    return storedBase(entity, 0).count() > 0;
  }

  /**
   * Work for {@link Database#apply}, in a short transaction of its own, that replaces what the
   * store says of the entity's sync status ({@code syncline_sync}, {@code syncline_sync_record}).
   */
  public SqlWork recordSyncStatus(SyncStatus syncStatus) {
    return status.write(syncStatus);
  }

  /** The entity's sync status as the last load or apply recorded it; empty when none did. */
  public Optional<SyncStatus> syncStatus(String entity) {
    return status.read(entity);
  }

  /** The checksum kept beside each base text: CRC32C of its UTF-8 bytes, 8 hex digits. */
  public static String checksum(String canonical) {
    return new Checksums().of(canonical);
  }

  /** Work for {@link Database#apply} that adds the apply's row to the audit log. */
  public SqlWork recordApply(AppliedSummary summary) {
    return recordApply(summary, null);
  }

  /**
   * As {@link #recordApply(AppliedSummary)}, with the apply's own id ({@code runId}), which its
   * intent file and its undo images name too.
   */
  public SqlWork recordApply(AppliedSummary summary, String runId) {
    return recordApply(() -> summary, runId);
  }

  /** As {@link #recordApply(AppliedSummary, String)}, the summary made when the work runs. */
  public SqlWork recordApply(Supplier<AppliedSummary> summary, String runId) {
    return log.recordApply(summary, runId);
  }

  /**
   * Work for {@link Database#apply} that adds one row per table of a copy into this database to the
   * audit log ({@code syncline_copy}): the source's masked URL, the counts, both checksums.
   */
  public SqlWork recordCopy(Instant startedAt, String maskedSource, List<TableCopy> tables) {
    return log.recordCopy(startedAt, maskedSource, tables);
  }

  /** The audit log, newest first. */
  public List<LogEntry> log() {
    return log.applies();
  }

  /**
   * Migrates the store now when the connection may write, so that reads on other connections
   * afterwards find its tables complete.
   */
  public void prepare() {
    schema.prepare();
  }
}
