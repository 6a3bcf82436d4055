package io.syncline.state;

import io.syncline.core.Checkpoint;
import io.syncline.core.FileImage;
import io.syncline.core.RecordImage;
import io.syncline.core.SynclineException;
import io.syncline.sql.Database;
import io.syncline.sql.Dialect;
import io.syncline.sql.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restore points ({@code syncline_checkpoint}) and what each apply changed ({@code syncline_undo}):
 * a checkpoint is the last {@code syncline_log} id when it was taken, and everything logged after
 * it carries its undo images under its {@code run_id}.
 */
public final class Checkpoints {
  /** The most record images in one row of {@code syncline_undo}. */
  static final int PART_RECORDS = 1000;

  private final Database database;
  private final StateStore store;
  private final Clock clock;

  Checkpoints(Database database, StateStore store, Clock clock) {
    this.database = database;
    this.store = store;
    this.clock = clock;
  }

  /** One entity's images in one apply, with the entity's mapping as YAML to read them back. */
  public record Undo(String entity, String definition, java.util.Collection<RecordImage> images) {}

  /** One logged apply (or rollback) after a checkpoint, with what it changed. */
  public record Applied(
      long logId, String runId, Instant startedAt, List<Undo> entities, List<FileImage> files) {}

  /**
   * Takes a checkpoint in its own transaction. A name already taken is refused; with {@code
   * numbered}, the first free {@code NAME-2}, {@code NAME-3}, ... is taken instead.
   */
  public Checkpoint mark(String name, boolean numbered) {
    store.migrateForWrite();
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
    long[] logId = {0};
    Dialect dialect = database.dialect();
    String insert =
        "INSERT INTO "
            + dialect.quote(StateStore.CHECKPOINT)
            + " ("
            + dialect.quote("name")
            + ", "
            + dialect.quote("created_at")
            + ", "
            + dialect.quote("log_id")
            + ") VALUES (?, ?, ?)";
    database.apply(
        List.of(),
        List.of(),
        c -> {
          logId[0] = lastLogId(c);
          try (PreparedStatement statement = c.prepareStatement(insert)) {
            statement.setString(1, checkpointName);
            statement.setString(2, now.toString());
            statement.setLong(3, logId[0]);
            statement.executeUpdate();
          }
        },
        null);
    return new Checkpoint(checkpointName, now, logId[0], 0, 0);
  }

  private long lastLogId(Connection c) throws SQLException {
    Dialect dialect = database.dialect();
    try (PreparedStatement select =
            c.prepareStatement(
                "SELECT MAX(" + dialect.quote("id") + ") FROM " + dialect.quote(StateStore.LOG));
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Every checkpoint, oldest first, with what was applied since: the applies and rollbacks logged
   * after it and the record changes they made, both sides counted.
   */
  public List<Checkpoint> list() {
    if (!store.ready("cannot read the checkpoints") || !hasTables()) {
      return List.of();
    }
    Dialect dialect = database.dialect();
    String sql =
        "SELECT c."
            + dialect.quote("name")
            + ", c."
            + dialect.quote("created_at")
            + ", c."
            + dialect.quote("log_id")
            + ", COUNT(l."
            + dialect.quote("id")
            + "), COALESCE(SUM(l."
            + String.join(
                " + l.",
                List.of(
                        "db_inserted",
                        "db_updated",
                        "db_deleted",
                        "file_inserted",
                        "file_updated",
                        "file_deleted")
                    .stream()
                    .map(dialect::quote)
                    .toList())
            + "), 0) FROM "
            + dialect.quote(StateStore.CHECKPOINT)
            + " c LEFT JOIN "
            + dialect.quote(StateStore.LOG)
            + " l ON l."
            + dialect.quote("id")
            + " > c."
            + dialect.quote("log_id")
            + " GROUP BY c."
            + dialect.quote("name")
            + ", c."
            + dialect.quote("created_at")
            + ", c."
            + dialect.quote("log_id")
            + " ORDER BY c."
            + dialect.quote("log_id")
            + ", c."
            + dialect.quote("created_at")
            + ", c."
            + dialect.quote("name");
    return database.call(
        "cannot read the checkpoints",
        c -> {
          List<Checkpoint> checkpoints = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(sql);
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

  /** Whether the tables exist: a read-only connection to a store from before checkpoints. */
  private boolean hasTables() {
    return database.call(
        "cannot read the checkpoints",
        c -> database.dialect().columns(c, StateStore.CHECKPOINT).isPresent());
  }

  /**
   * Work for {@link Database#apply} that keeps what an apply changed: each entity's record images,
   * up to {@link #PART_RECORDS} to a row, and the files' images in one more row.
   */
  public SqlWork recordUndo(String runId, List<Undo> entities, List<FileImage> files) {
    return recordUndo(runId, () -> entities, files);
  }

  /**
   * {@link #recordUndo(String, List, List)} with the images made and packed on the other core from
   * now on, while the rows are written: a first sync of a million records has a million images.
   */
  public SqlWork recordUndo(
      String runId, java.util.function.Supplier<List<Undo>> entities, List<FileImage> files) {
    store.migrateForWrite();
    Dialect dialect = database.dialect();
    String insert =
        "INSERT INTO "
            + dialect.quote(StateStore.UNDO)
            + " ("
            + dialect.quote("run_id")
            + ", "
            + dialect.quote("part")
            + ", "
            + dialect.quote("entity")
            + ", "
            + dialect.quote("definition")
            + ", "
            + dialect.quote("images")
            + ") VALUES (?, ?, ?, ?, ?)";
    java.util.concurrent.CompletableFuture<List<Part>> parts =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> parts(entities.get()), io.syncline.runtime.Background.BULK);
    return c -> {
      List<Part> packed;
      try {
        packed = parts.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      try (PreparedStatement statement = c.prepareStatement(insert)) {
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
      java.util.Iterator<RecordImage> images = undo.images().iterator();
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
    Dialect dialect = database.dialect();
    String logs =
        "SELECT "
            + dialect.quote("id")
            + ", "
            + dialect.quote("run_id")
            + ", "
            + dialect.quote("started_at")
            + " FROM "
            + dialect.quote(StateStore.LOG)
            + " WHERE "
            + dialect.quote("id")
            + " > ? ORDER BY "
            + dialect.quote("id");
    String parts =
        "SELECT "
            + dialect.quote("part")
            + ", "
            + dialect.quote("entity")
            + ", "
            + dialect.quote("definition")
            + ", "
            + dialect.quote("images")
            + " FROM "
            + dialect.quote(StateStore.UNDO)
            + " WHERE "
            + dialect.quote("run_id")
            + " = ? ORDER BY "
            + dialect.quote("part");
    return database.call(
        "cannot read what was applied since the checkpoint",
        c -> {
          List<Applied> applied = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(logs)) {
            select.setLong(1, logId);
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                if (rs.getString(2) == null) {
                  throw new SynclineException(
                      "apply "
                          + rs.getLong(1)
                          + " ("
                          + rs.getString(3)
                          + ") was made before Syncline kept what applies change; rollback cannot"
                          + " go back past it");
                }
                applied.add(
                    new Applied(
                        rs.getLong(1),
                        rs.getString(2),
                        Instant.parse(rs.getString(3)),
                        List.of(),
                        List.of()));
              }
            }
          }
          List<Applied> read = new ArrayList<>();
          try (PreparedStatement select = c.prepareStatement(parts)) {
            for (Applied apply : applied) {
              Map<String, Undo> entities = new LinkedHashMap<>();
              List<FileImage> files = new ArrayList<>();
              select.setString(1, apply.runId());
              try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                  String entity = rs.getString(2);
                  String where = "apply " + apply.logId() + ", part " + rs.getInt(1);
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
              read.add(
                  new Applied(
                      apply.logId(),
                      apply.runId(),
                      apply.startedAt(),
                      List.copyOf(entities.values()),
                      files));
            }
          }
          return read;
        });
  }

  /** Whether the apply with this id committed (its row is in the log). */
  public boolean committed(String runId) {
    if (!store.ready("cannot read the log") || !hasTables()) {
      return false;
    }
    Dialect dialect = database.dialect();
    String sql =
        "SELECT COUNT(*) FROM "
            + dialect.quote(StateStore.LOG)
            + " WHERE "
            + dialect.quote("run_id")
            + " = ?";
    return database.call(
        "cannot read the log",
        c -> {
          try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
              return rs.next() && rs.getLong(1) > 0;
            }
          }
        });
  }
}
