package io.syncline.state;

import io.syncline.core.EntityPlan;
import io.syncline.core.Snapshot;
import io.syncline.runtime.Background;
import io.syncline.sql.Database;
import io.syncline.sql.Dialect;
import io.syncline.sql.RowBatch;
import io.syncline.sql.SqlWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

/**
 * The base of every record: {@code syncline_base}, a row per record, and {@code
 * syncline_base_pack}, the same records packed a thousand to a row ({@link BasePack}). A row
 * overrides a packed record of its key; a row with an empty text hides it. {@code
 * syncline_base_table} names the table each entity's base was agreed with.
 */
final class BaseStore {
  static final String PACK = "syncline_base_pack";

  /** How many records one pack holds. */
  static final int PACK_RECORDS = 1000;

  private static final int BATCH = 1000;
  private static final List<String> ROW_KEY = List.of("entity", "record_key");
  private static final List<String> ROW_VALUES = List.of("canonical", "checksum");

  private final Database database;
  private final StoreSchema schema;
  private final int packFrom;

  private final String countRows;
  private final String countPacked;
  private final String selectRows;
  private final String selectPacks;
  private final String insertPack;
  private final IntFunction<String> upsertRows;
  private final String deleteRow;
  private final String deleteRows;
  private final String deletePacks;
  private final String selectTable;
  private final String deleteTable;
  private final String insertTable;

  /** {@code packFrom}: how many base changes at once are written as packs (see writeBase). */
  BaseStore(Database database, StoreSchema schema, int packFrom) {
    this.database = database;
    this.schema = schema;
    this.packFrom = packFrom;
    Dialect dialect = database.dialect();
    StoreSql sql = new StoreSql(dialect);
    countRows = sql.spell("SELECT COUNT(*) FROM {syncline_base} WHERE {entity} = ?");
    countPacked =
        sql.spell("SELECT SUM({record_count}) FROM {syncline_base_pack} WHERE {entity} = ?");
    selectRows =
        sql.spell("SELECT {record_key}, {canonical} FROM {syncline_base} WHERE {entity} = ?");
    selectPacks =
        sql.spell(
            "SELECT {pack_no}, {records} FROM {syncline_base_pack} WHERE {entity} = ?"
                + " ORDER BY {pack_no}");
    insertPack =
        sql.insert("syncline_base_pack", List.of("entity", "pack_no", "record_count", "records"));
    upsertRows = rows -> dialect.upsert(StoreSchema.BASE, ROW_KEY, ROW_VALUES, rows);
    deleteRow = sql.spell("DELETE FROM {syncline_base} WHERE {entity} = ? AND {record_key} = ?");
    deleteRows = sql.spell("DELETE FROM {syncline_base} WHERE {entity} = ?");
    deletePacks = sql.spell("DELETE FROM {syncline_base_pack} WHERE {entity} = ?");
    selectTable = sql.spell("SELECT {table_name} FROM {syncline_base_table} WHERE {entity} = ?");
    deleteTable = sql.spell("DELETE FROM {syncline_base_table} WHERE {entity} = ?");
    insertTable = sql.insert(StoreSchema.BASE_TABLE, List.of("entity", "table_name"));
  }

  /** The first packs or rows of the base, {@code atLeast} records when there are so many. */
  StoredBase read(String entity, long atLeast) {
    if (!schema.ready("cannot read the base of " + entity)) {
      return new StoredBase(entity, List.of(), List.of(), 0, null);
    }
    return database.callStreaming(
        "cannot read the base of " + entity, c -> read(c, entity, atLeast));
  }

  private StoredBase read(Connection c, String entity, long atLeast) throws SQLException {
    boolean packed = database.dialect().columns(c, PACK).isPresent(); // none before packs
    long records = count(c, countRows, entity);
    List<byte[]> packs = new ArrayList<>();
    if (packed) {
      records += count(c, countPacked, entity);
      try (PreparedStatement statement = c.prepareStatement(selectPacks)) {
        statement.setFetchSize(1);
        statement.setString(1, entity);
        try (ResultSet rs = statement.executeQuery()) {
          long read = 0;
          while (read < atLeast && rs.next()) {
            packs.add(rs.getBytes(2));
            read += BasePack.count(packs.get(packs.size() - 1));
          }
        }
      }
    }
    List<String[]> rows = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(selectRows)) {
      statement.setFetchSize(database.dialect().fetchSize());
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        while (rows.size() < atLeast && rs.next()) {
          rows.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return new StoredBase(entity, packs, rows, records, agreedTable(c, entity));
  }

  /** The table the entity's base was agreed with; null when none is recorded. */
  private String agreedTable(Connection c, String entity) throws SQLException {
    if (database.dialect().columns(c, StoreSchema.BASE_TABLE).isEmpty()) {
      return null; // a read-only connection to a store from before it
    }
    try (PreparedStatement statement = c.prepareStatement(selectTable)) {
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /**
   * Work for {@link Database#apply} that makes the base what the plans say: each {@code
   * plan.base()} entry upserted with its checksum, or deleted when its text is null; and the plan's
   * table recorded as the one the base was agreed with. A base agreed with another table is
   * replaced whole: the load set it aside, so the plan holds the whole base as the new table has
   * it.
   *
   * <p>A few changes go to rows of {@code syncline_base}, one per record. Many (at least {@code
   * packFrom}, and at least a quarter of what is packed already) rewrite the entity's whole base as
   * packs of {@link #PACK_RECORDS} records: a first sync writes a row per thousand records, not per
   * record, and the rows that pile up between are folded in the same way.
   */
  SqlWork write(List<EntityPlan> plans) {
    schema.migrateForWrite();
    Map<String, CompletableFuture<List<byte[]>>> firstPacks = new HashMap<>();
    for (EntityPlan plan : plans) {
      if (plan.base().size() >= packFrom && !plan.base().containsValue(null)) {
        // Likely a first sync: encode its packs on the other core while the rows are inserted.
        // Thrown away when the table already has a base.
        Map<String, String> entries = plan.base();
        firstPacks.put(
            plan.entity().name(),
            CompletableFuture.supplyAsync(
                () -> encodePacks(entries.entrySet().iterator()), Background.BULK));
      }
    }
    return c -> {
      try {
        for (EntityPlan plan : plans) {
          String entity = plan.entity().name();
          String table = plan.entity().table();
          String agreedWith = agreedTable(c, entity);
          boolean otherTable = agreedWith != null && !agreedWith.equals(table);
          if (otherTable) {
            deleteAll(c, entity, List.of(deleteRows, deletePacks));
          }
          if (!plan.base().isEmpty()) {
            write(c, entity, plan.base(), firstPacks.get(entity));
          }
          if (table != null && (otherTable || (!plan.base().isEmpty() && agreedWith == null))) {
            recordTable(c, entity, table);
          }
        }
      } finally {
        firstPacks.values().forEach(packs -> packs.cancel(false));
      }
    };
  }

  private void write(
      Connection c,
      String entity,
      Map<String, String> entries,
      CompletableFuture<List<byte[]>> encodedFirstPacks)
      throws SQLException {
    long packed = count(c, countPacked, entity);
    long rows = count(c, countRows, entity);
    long pending = entries.size() + rows;
    if (pending >= packFrom && pending >= packed / 4) {
      if (packed + rows == 0 && encodedFirstPacks != null) {
        // the first sync: the plan's bases are the whole base, packed as they are
        insertPacks(c, entity, encodedFirstPacks.join());
        return;
      }
      Snapshot all =
          packed + rows == 0
              ? new Snapshot(entries.size())
              : read(c, entity, Long.MAX_VALUE).records();
      entries.forEach(
          (key, text) -> {
            if (text == null) {
              all.remove(key);
            } else {
              all.set(key, text);
            }
          });
      deleteAll(c, entity, List.of(deleteRows, deletePacks));
      insertPacks(c, entity, encodePacks(all.records()));
    } else {
      writeRows(c, entity, entries, packed > 0);
    }
  }

  /** Runs each of the {@code deletes}, statements of one parameter, for the entity. */
  private static void deleteAll(Connection c, String entity, List<String> deletes)
      throws SQLException {
    for (String delete : deletes) {
      try (PreparedStatement statement = c.prepareStatement(delete)) {
        statement.setString(1, entity);
        statement.executeUpdate();
      }
    }
  }

  private void recordTable(Connection c, String entity, String table) throws SQLException {
    deleteAll(c, entity, List.of(deleteTable));
    try (PreparedStatement statement = c.prepareStatement(insertTable)) {
      statement.setString(1, entity);
      statement.setString(2, table);
      statement.executeUpdate();
    }
  }

  private static long count(Connection c, String select, String entity) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(select)) {
      statement.setString(1, entity);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() ? rs.getLong(1) : 0;
      }
    }
  }

  /** The records, in their order, as packs of {@link #PACK_RECORDS}, walked a pack at a time. */
  private static List<byte[]> encodePacks(Iterator<Map.Entry<String, String>> records) {
    List<byte[]> packs = new ArrayList<>();
    while (records.hasNext()) {
      List<Map.Entry<String, String>> pack = new ArrayList<>(PACK_RECORDS);
      while (pack.size() < PACK_RECORDS && records.hasNext()) {
        pack.add(records.next());
      }
      packs.add(BasePack.encode(pack));
    }
    return packs;
  }

  private void insertPacks(Connection c, String entity, List<byte[]> packs) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(insertPack)) {
      for (int pack = 0; pack < packs.size(); pack++) {
        statement.setString(1, entity);
        statement.setInt(2, pack);
        statement.setInt(3, BasePack.count(packs.get(pack)));
        statement.setBytes(4, packs.get(pack));
        statement.executeUpdate();
      }
    }
  }

  /**
   * Upserts a row per record, batched; a gone record's row is deleted, or, when a pack may hold the
   * record, kept with an empty text that hides it.
   */
  private void writeRows(
      Connection c, String entity, Map<String, String> entries, boolean packsExist)
      throws SQLException {
    int upserts = 0;
    for (String canonical : entries.values()) {
      upserts += canonical != null || packsExist ? 1 : 0;
    }
    try (RowBatch up = new RowBatch(c, database.dialect(), upsertRows, 4, upserts);
        PreparedStatement down = c.prepareStatement(deleteRow)) {
      int downs = 0;
      Checksums checksums = new Checksums();
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        if (entry.getValue() == null && !packsExist) {
          down.setString(1, entity);
          down.setString(2, entry.getKey());
          down.addBatch();
          if (++downs % BATCH == 0) {
            down.executeBatch();
          }
        } else {
          String text = entry.getValue() == null ? "" : entry.getValue();
          int i = up.next();
          PreparedStatement statement = up.statement();
          statement.setString(i, entity);
          statement.setString(i + 1, entry.getKey());
          statement.setString(i + 2, text);
          statement.setString(i + 3, checksums.of(text));
          up.added(entry.getKey());
        }
      }
      if (downs % BATCH != 0) {
        down.executeBatch();
      }
      up.finish();
    }
  }
}
