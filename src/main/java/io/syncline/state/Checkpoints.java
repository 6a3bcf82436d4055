package io.syncline.state;

import io.syncline.core.Checkpoint;
import io.syncline.core.FileImage;
import io.syncline.core.RecordImage;
import io.syncline.core.SynclineException;
import io.syncline.runtime.Background;
import io.syncline.sql.Database;
import io.syncline.sql.SqlWork;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Restore points ({@code syncline_checkpoint}) and what each apply changed ({@code syncline_undo}):
 * a checkpoint is the last {@code syncline_log} id when it was taken, and everything logged after
 * it carries its undo images under its {@code run_id}.
 */
public final class Checkpoints {
  /** The most record images in one row of {@code syncline_undo}. */
  static final int PART_RECORDS = 1000;

  private final Database database;
  private final StoreSchema schema;
  private final AuditLog log;
  private final Clock clock;

  private final String insertCheckpoint;
  private final String selectCheckpoints;
  private final String insertUndo;
  private final String selectUndo;

  Checkpoints(Database database, StoreSchema schema, AuditLog log, Clock clock) {
    this.database = database;
    this.schema = schema;
    this.log = log;
    this.clock = clock;
    StoreSql sql = new StoreSql(database.dialect());
    insertCheckpoint = sql.insert("syncline_checkpoint", List.of("name", "created_at", "log_id"));
    // each checkpoint with the applies logged after it and the records they changed
    selectCheckpoints =
        sql.spell(
            "SELECT c.{name}, c.{created_at}, c.{log_id}, COUNT(l.{id}), COALESCE(SUM("
                + "l.{db_inserted} + l.{db_updated} + l.{db_deleted}"
                + " + l.{file_inserted} + l.{file_updated} + l.{file_deleted}), 0)"
                + " FROM {syncline_checkpoint} c"
                + " LEFT JOIN {syncline_log} l ON l.{id} > c.{log_id}"
                + " GROUP BY c.{name}, c.{created_at}, c.{log_id}"
                + " ORDER BY c.{log_id}, c.{created_at}, c.{name}");
    insertUndo =
        sql.insert("syncline_undo", List.of("run_id", "part", "entity", "definition", "images"));
    selectUndo =
        sql.spell(
            "SELECT {part}, {entity}, {definition}, {images} FROM {syncline_undo}"
                + " WHERE {run_id} = ? ORDER BY {part}");
  }

  /** One entity's images in one apply, with the entity's mapping as YAML to read them back. */
  public record Undo(String entity, String definition, Collection<RecordImage> images) {}

  /** One logged apply (or rollback) after a checkpoint, with what it changed. */
  public record Applied(
      long logId, String runId, Instant startedAt, List<Undo> entities, List<FileImage> files) {}

  /**
   * Takes a checkpoint in its own transaction. A name already taken is refused; with {@code
   * numbered}, the first free {@code NAME-2}, {@code NAME-3}, ... is taken instead.
   */
  public Checkpoint mark(String name, boolean numbered) {
    schema.migrateForWrite();
    String chosen = name;
    for (int n = 2; find(chosen).isPresent(); n++) {
      if (!numbered) {
        Checkpoint taken = find(chosen).orElseThrow();
        throw new SynclineException(
            "checkpoint "
                + name
                + " exists already (taken "
                + taken.createdAt()
                + "); choose another name, or `rollback "
                + name
                + "` to return to it");
      }
      chosen = name + "-" + n;
    }
    String checkpointName = chosen;
    Instant now = clock.instant();
    AtomicLong logId = new AtomicLong();
    database.apply(
        List.of(),
        List.of(),
        c -> {
          logId.set(log.lastId(c));
          try (PreparedStatement statement = c.prepareStatement(insertCheckpoint)) {
            statement.setString(1, checkpointName);
            statement.setString(2, now.toString());
            statement.setLong(3, logId.get());
            statement.executeUpdate();
          }
        },
        null);
    return new Checkpoint(checkpointName, now, logId.get(), 0, 0);
  }

  /**
   * Every checkpoint, oldest first, with what was applied since: the applies and rollbacks logged
   * after it and the record changes they made, both sides counted.
   */
  public List<Checkpoint> list() {
    if (!schema.ready("cannot read the checkpoints") || !schema.hasCheckpoints()) {
      return List.of();
    }
    return database.call(
        "cannot read the checkpoints",
        c -> {
          List<Checkpoint> checkpoints = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(selectCheckpoints);
              ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
              checkpoints.add(
                  new Checkpoint(
                      rs.getString(1),
                      Instant.parse(rs.getString(2)),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getLong(5)));
            }
          }
          return checkpoints;
        });
  }

  public Optional<Checkpoint> find(String name) {
    return list().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * Work for {@link Database#apply} that keeps what an apply changed: each entity's record images,
   * up to {@link #PART_RECORDS} to a row, and the files' images in one more row.
   */
  public SqlWork recordUndo(String runId, List<Undo> entities, List<FileImage> files) {
    return recordUndo(runId, () -> entities, () -> files);
  }

  /**
   * {@link #recordUndo(String, List, List)} with the records' images made and packed on the other
   * core from now on, while the rows are written (a first sync has an image per record), and the
   * files' asked for when the work runs (they may be made on another core too).
   */
  public SqlWork recordUndo(
      String runId, Supplier<List<Undo>> entities, Supplier<List<FileImage>> images) {
    schema.migrateForWrite();
    CompletableFuture<List<Part>> parts =
        CompletableFuture.supplyAsync(() -> parts(entities.get()), Background.BULK);
    return c -> {
      List<Part> packed;
      try {
        packed = parts.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      List<FileImage> files = images.get();
      try (PreparedStatement statement = c.prepareStatement(insertUndo)) {
        int part = 0;
        for (Part undo : packed) {
          statement.setString(1, runId);
          statement.setInt(2, part++);
          statement.setString(3, undo.entity());
          statement.setString(4, undo.definition());
          statement.setBytes(5, undo.images());
          statement.executeUpdate();
        }
        if (!files.isEmpty()) {
          statement.setString(1, runId);
          statement.setInt(2, part);
          statement.setString(3, "");
          statement.setString(4, null);
          statement.setBytes(5, UndoPack.files(files));
          statement.executeUpdate();
        }
      }
    };
  }

  /** One row of {@code syncline_undo}: the definition goes with an entity's first part only. */
  private record Part(String entity, String definition, byte[] images) {}

  private static List<Part> parts(List<Undo> entities) {
    List<Part> parts = new ArrayList<>();
    for (Undo undo : entities) {
      Iterator<RecordImage> images = undo.images().iterator();
      boolean first = true;
      while (first || images.hasNext()) {
        List<RecordImage> part = new ArrayList<>(PART_RECORDS);
        while (part.size() < PART_RECORDS && images.hasNext()) {
          part.add(images.next());
        }
        parts.add(
            new Part(undo.entity(), first ? undo.definition() : null, UndoPack.records(part)));
        first = false;
      }
    }
    return parts;
  }

  /**
   * The applies and rollbacks logged after {@code logId}, oldest first, with their images. One
   * logged without images (before Syncline kept them) is refused: nothing before it can be
   * restored.
   */
  public List<Applied> since(long logId) {
    return database.call(
        "cannot read what was applied since the checkpoint",
        c -> {
          List<AuditLog.Run> runs = log.runsAfter(c, logId);
          for (AuditLog.Run run : runs) {
            if (run.runId() == null) {
              throw new SynclineException(
                  "apply "
                      + run.logId()
                      + " ("
                      + run.startedAt()
                      + ") was made before Syncline kept what applies change; rollback cannot"
                      + " go back past it");
            }
          }
          List<Applied> read = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(selectUndo)) {
            for (AuditLog.Run run : runs) {
              read.add(undone(select, run));
            }
          }
          return read;
        });
  }

  /** The run with its images, read with {@link #selectUndo}. */
  private static Applied undone(PreparedStatement select, AuditLog.Run run) throws SQLException {
    Map<String, Undo> entities = new LinkedHashMap<>();
    List<FileImage> files = new ArrayList<>();
    select.setString(1, run.runId());
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String entity = rs.getString(2);
        String where = "apply " + run.logId() + ", part " + rs.getInt(1);
        if (entity.isEmpty()) {
          files.addAll(UndoPack.files(rs.getBytes(4), where));
          continue;
        }
        String definition = rs.getString(3);
        List<RecordImage> images = UndoPack.records(rs.getBytes(4), where);
        entities.merge(
            entity,
            new Undo(entity, definition, images),
            (a, b) -> {
              List<RecordImage> all = new ArrayList<>(a.images());
              all.addAll(b.images());
              return new Undo(entity, a.definition(), all);
            });
      }
    }
    return new Applied(
        run.logId(), run.runId(), run.startedAt(), List.copyOf(entities.values()), files);
  }

  /** Whether the apply with this id committed (its row is in the log). */
  public boolean committed(String runId) {
    return log.committed(runId);
  }
}
