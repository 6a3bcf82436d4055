package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.ParentReference;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.Value;
import io.syncline.core.WriteLockHolder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The session's open connection: opens it (the {@link Dialect} is chosen once, from the URL, here),
 * replaces it when lost, takes the write lock, and applies plans in one transaction. What it does
 * with the connection besides has a class of its own: {@link TableReader} reads an entity's table,
 * {@link SqlConsole} runs the {@code sql} command, {@link RowWriter} writes the rows of an apply,
 * {@link Copy} copies to another database, and {@link Transaction} begins and ends every
 * transaction. One per session.
 *
 * <p>Not thread-safe: a session uses its connection from one thread at a time.
 */
public final class Database implements AutoCloseable {
  /** The most rows {@link #query} keeps; the rest are counted as truncated. */
  public static final int QUERY_ROW_LIMIT = 10_000;

  private Connection connection;
  private final Dialect dialect;
  private final String maskedUrl;
  private final boolean readOnly;
  // Kept for reconnect() after a lost connection; never shown (see Urls).
  private final String url;
  private final String user;
  private final String password;

  private Database(
      Connection connection,
      Dialect dialect,
      String url,
      String user,
      String password,
      boolean readOnly) {
    this.connection = connection;
    this.dialect = dialect;
    this.maskedUrl = Urls.mask(url);
    this.readOnly = readOnly;
    this.url = url;
    this.user = user;
    this.password = password;
  }

  /**
   * Opens the URL ({@code jdbc:sqlite:}, {@code jdbc:h2:}, {@code jdbc:postgresql:}, {@code
   * jdbc:mariadb:}, {@code jdbc:mysql:}). {@code password} may be null. Read-only is enforced by
   * the database (each dialect opens a read-only session, see {@link Dialect#connect}) and by
   * {@link #apply} and {@link #query} refusing writes. A failure names the URL with its password
   * masked.
   */
  public static Database open(String url, String user, String password, boolean readOnly) {
    String masked = Urls.mask(url);
    Dialect dialect =
        Dialects.forUrl(url)
            .orElseThrow(
                () ->
                    new SynclineException(
                        "cannot open "
                            + masked
                            + ": not a URL Syncline knows; use jdbc:sqlite:FILE, jdbc:h2:...,"
                            + " jdbc:postgresql://..., jdbc:mariadb://... or jdbc:mysql://..."));
    return new Database(
        connect(dialect, url, user, password, readOnly), dialect, url, user, password, readOnly);
  }

  /**
   * Another connection to the same database, read-only, for a read beside one on this connection;
   * empty where another connection would not see the same data (a database in memory). The caller
   * closes it.
   */
  public Optional<Database> alongside() {
    if (!sharedByConnections()) {
      return Optional.empty();
    }
    return Optional.of(open(url, user, password, true));
  }

  private static Connection connect(
      Dialect dialect, String url, String user, String password, boolean readOnly) {
    Connection connection = null;
    try {
      connection = dialect.connect(url, user, password, readOnly);
      try (Statement statement = connection.createStatement()) {
        for (String sql : dialect.setup(readOnly)) {
          statement.execute(sql);
        }
      }
      connection.setAutoCommit(true);
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      throw SqlExceptionTranslator.cannotOpen(url, password, e);
    }
  }

  /**
   * The connection, for the other classes of this package ({@link Copy}, {@link TableReader},
   * {@link SqlConsole}); {@link #reconnect} replaces it, so it is asked for at each use.
   */
  Connection connection() {
    return connection;
  }

  /**
   * Whether another connection to this database sees the same data (see {@link
   * Dialect#sharedByConnections}), so that {@link #alongside} opens one.
   */
  boolean sharedByConnections() {
    return dialect.sharedByConnections(url);
  }

  /** Replaces a lost connection with a new one to the same database, set up the same way. */
  void reconnect() {
    closeQuietly(connection);
    connection = connect(dialect, url, user, password, readOnly);
  }

  public String maskedUrl() {
    return maskedUrl;
  }

  /** A short name for the prompt, such as {@code sqlite:geo.db} or {@code h2:mem:demo}. */
  public String describe() {
    return dialect.describe(maskedUrl);
  }

  /**
   * The short name of a connection the log names by its masked URL, as the prompt would name it;
   * the URL as it is when no database Syncline knows takes it.
   */
  public static String shortName(String maskedUrl) {
    return Dialects.forUrl(maskedUrl).map(d -> d.describe(maskedUrl)).orElse(maskedUrl);
  }

  public boolean readOnly() {
    return readOnly;
  }

  /**
   * Tries once, without waiting, to take Syncline's write lock on this database (see {@link
   * Dialect#tryWriteLock}); empty when another process holds it.
   */
  public Optional<DatabaseLock> tryWriteLock(WriteLockHolder holder) {
    return call(
        "cannot take the write lock of " + maskedUrl, c -> dialect.tryWriteLock(c, url, holder));
  }

  /** Who holds the write lock of this database, as far as the database can tell. */
  public Optional<String> writeLockHolder() {
    return call("cannot ask who holds the write lock", c -> dialect.writeLockHolder(c, url));
  }

  /** The dialect, for the packages that write their own tables ({@code state}). */
  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs work that begins and ends its own transactions (Flyway's migrations), then puts the
   * connection's auto-commit back as it was, so the connection rests as {@link Transaction} leaves
   * it.
   */
  public <T> T selfCommitting(String what, SqlCall<T> work) {
    return call(
        what,
        connection -> {
          boolean autoCommit = connection.getAutoCommit();
          try {
            return work.call(connection);
          } finally {
            connection.setAutoCommit(autoCommit);
          }
        });
  }

  /**
   * Runs a read on the connection, translating a failure into a {@link SynclineException} that
   * starts with {@code what} ("cannot read the base of epic").
   */
  public <T> T call(String what, SqlCall<T> call) {
    try {
      return call.call(connection);
    } catch (SQLException e) {
      throw SqlExceptionTranslator.failure(what, dialect, e);
    }
  }

  /**
   * Like {@link #call}, for a read of many rows: where the driver streams only inside a
   * transaction, the call runs in one, rolled back afterwards. Set the fetch size to {@code
   * dialect().fetchSize()}.
   */
  public <T> T callStreaming(String what, SqlCall<T> call) {
    return call(
        what,
        c -> {
          if (!dialect.streamsInTransaction() || !c.getAutoCommit()) {
            return call.call(c);
          }
          Transaction read = Transaction.begin(c, Transaction.PLAIN);
          try {
            return call.call(c);
          } finally {
            read.rollback();
          }
        });
  }

  /** Why this database would not keep the name as given (see {@link Dialect#identifierProblem}). */
  public Optional<String> identifierProblem(String identifier) {
    return dialect.identifierProblem(identifier);
  }

  /**
   * Whether this database takes the two table names for one table (see {@link Dialect#sameTable}).
   */
  public boolean sameTable(String a, String b) {
    return call("cannot compare table names", c -> dialect.sameTable(c, a, b));
  }

  /**
   * What the entity needs that the table lacks: the whole table (every field, the system layer
   * included), or the missing columns. Empty when everything exists.
   */
  public List<SchemaChange> schemaChanges(Entity entity) {
    return schemaChanges(entity, null);
  }

  /**
   * {@link #schemaChanges(Entity)} for a child entity ({@link Entity#child}) whose parent is {@code
   * parent}: a table created for it gets a foreign key to the parent's table (see {@link
   * SchemaChange#parent}). {@code parent} null: none, as for a root entity.
   */
  public List<SchemaChange> schemaChanges(Entity entity, Entity parent) {
    refuseNul(entity);
    Optional<Set<String>> columns =
        call("cannot read table " + entity.table(), c -> dialect.columns(c, entity.table()));
    if (columns.isEmpty()) {
      refuseNewTableById(entity);
      return List.of(
          new SchemaChange(entity, true, entity.fields(), entity.isChild() ? parent : null));
    }
    call(
        "cannot read table " + entity.table(),
        c -> {
          ParentIds.refuseMissing(c, dialect, entity);
          return null;
        });
    List<Field> missing = new ArrayList<>();
    for (Field field : entity.fields()) {
      if (!columns.get().contains(field.column()) && !ParentIds.resolved(entity, field)) {
        missing.add(field);
      }
    }
    return missing.isEmpty() ? List.of() : List.of(new SchemaChange(entity, false, missing));
  }

  /**
   * The reference {@code child}'s existing table makes to its parent's row by id, used without the
   * mapping naming it: the table holds no column for one of the parent's key fields, and has one
   * foreign key to the parent's table from a single column to a column outside the parent's key
   * ({@code framework_tasks.epic_id → framework_epics.id}). Empty otherwise, or when there are two.
   */
  public Optional<ParentReference> foundParent(Entity parent, Entity child) {
    return call(
        "cannot read table " + child.table(),
        c -> {
          Optional<Set<String>> columns = dialect.columns(c, child.table());
          List<String> parentKey = new ArrayList<>();
          for (int k = 0; k < parent.key().size(); k++) {
            parentKey.add(RowBinder.keyField(parent, k).column());
          }
          if (columns.isEmpty() || columns.get().containsAll(parentKey)) {
            return Optional.empty();
          }
          List<ParentReference> found = new ArrayList<>();
          for (Dialect.ForeignKey key : dialect.foreignKeys(c, child.table())) {
            boolean one = key.columns().size() == 1 && key.parentColumns().get(0) != null;
            if (one
                && dialect.sameTable(c, key.parent(), parent.table())
                && !parentKey.contains(key.parentColumns().get(0))) {
              found.add(new ParentReference(key.columns().get(0), key.parentColumns().get(0)));
            }
          }
          return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        });
  }

  /**
   * A table pointing at its parent by id is one the user made (its id column, its foreign key):
   * Syncline does not guess how to create it.
   */
  private static void refuseNewTableById(Entity entity) {
    if (ParentIds.byReference(entity)) {
      throw new SynclineException(
          "entity "
              + entity.name()
              + ": table "
              + entity.table()
              + " does not exist; Syncline creates no table that points at its parent by id"
              + " (parent: {column: "
              + entity.parent().reference().column()
              + "}): create it with its column "
              + entity.parent().reference().column()
              + " first (see `migrate`), or leave parent: out to keep "
              + String.join(", ", entity.parent().byId().key())
              + " in a table Syncline creates");
    }
  }

  /**
   * The type of each column of the table that a field's values can be checked against, by column
   * name, or empty when there is no such table. A column of a type sync does not know (binary,
   * arrays) is left out. A column that holds JSON as text (SQLite, H2, MariaDB) reads as {@code
   * TEXT}: whether its values are text or JSON only the base can tell (see {@code Session}). A
   * SQLite column declared without a type takes any value, and is left out too.
   *
   * <pre>
   *   SQLite  "name" TEXT, "pop" INTEGER, "area" NUMERIC, "since" DATE  → text, integer, decimal, date
   *   PostgreSQL "tags" JSONB, "at" TIMESTAMPTZ                          → json, text
   * </pre>
   */
  public Optional<Map<String, FieldType>> columnTypes(String table) {
    return call(
        "cannot read table " + table,
        c ->
            dialect
                .table(c, table)
                .map(
                    found -> {
                      Map<String, FieldType> types = new LinkedHashMap<>();
                      for (Dialect.Column column : found.columns()) {
                        ColumnKind kind = ColumnKind.of(column.jdbcType(), column.typeName());
                        // a SQLite column declared without a type takes any value
                        boolean typed = column.typeName() != null && !column.typeName().isBlank();
                        if (kind != null && typed) {
                          types.put(column.name(), kind.fieldType());
                        }
                      }
                      return types;
                    }));
  }

  /**
   * No database takes U+0000 in a name (PostgreSQL's protocol ends the statement there, and the
   * server then reports a protocol violation), so it is refused before anything is sent.
   */
  private static void refuseNul(Entity entity) {
    if (entity.table().indexOf('\0') >= 0) {
      throw new SynclineException(
          "entity "
              + entity.name()
              + ": its table name holds the character U+0000, which no"
              + " database takes in a name; name the table with `load ... --table NAME`");
    }
    for (Field field : entity.fields()) {
      if (field.column().indexOf('\0') >= 0) {
        throw new SynclineException(
            "entity "
                + entity.name()
                + ", field "
                + field.name().replace("\0", "\\u0000")
                + ": the name holds the character U+0000, which no database takes in a column name;"
                + " rename the field in the files, or map it to a column (mapping's column:)");
      }
    }
  }

  /**
   * Every row of the entity's table as canonical record text by key text; a table that does not
   * exist yet reads as empty. Selects only the file fields' columns and builds the text without a
   * tree per row (see {@link TableReader}).
   */
  public Snapshot read(Entity entity) {
    return read(entity, Progress.NONE);
  }

  /** {@link #read(Entity)}, counting the rows read as {@code reading table T}. */
  public Snapshot read(Entity entity, Progress progress) {
    return new TableReader(this).read(entity, progress);
  }

  /** All rows as records in key order, fields in the entity's order, for export. */
  public List<Value.Obj> records(Entity entity) {
    return records(entity, Progress.NONE);
  }

  /** {@link #records(Entity)}, counting the rows read as {@code reading table T}. */
  public List<Value.Obj> records(Entity entity, Progress progress) {
    return new TableReader(this).records(entity, progress);
  }

  /**
   * Carries out, in one transaction: the schema changes, each plan's database side, {@code extra}
   * (other packages' writes, such as the base), then {@code beforeCommit} (the caller commits files
   * there), then COMMIT. Any failure rolls everything back and throws {@link UnableToApplyChange}
   * (or what {@code beforeCommit} threw).
   *
   * <p>Rows are written in foreign-key order, whatever the order of {@code plans}: deletes children
   * first, then updates and inserts parents first (see {@link RowWriter#write}); tables are created
   * parents first.
   *
   * <p>MariaDB and H2 commit DDL at once: there a created table or column survives a rollback,
   * empty.
   */
  public void apply(
      List<SchemaChange> schema, List<EntityPlan> plans, SqlWork extra, Runnable beforeCommit) {
    apply(schema, plans, extra, beforeCommit, Progress.NONE);
  }

  /** {@link #apply(List, List, SqlWork, Runnable)}, counting the rows written per table. */
  public void apply(
      List<SchemaChange> schema,
      List<EntityPlan> plans,
      SqlWork extra,
      Runnable beforeCommit,
      Progress progress) {
    refuseIfReadOnly();
    RowWriter writer = new RowWriter(connection, dialect, progress);
    Transaction transaction;
    try {
      transaction = Transaction.begin(connection, dialect::begin);
    } catch (SQLException e) {
      throw SqlExceptionTranslator.unableToApply("the start of the transaction", null, dialect, e);
    }
    try (transaction) {
      Set<String> newTables = new HashSet<>();
      for (SchemaChange change : WriteOrder.parentsFirst(schema, SchemaChange::entity)) {
        writer.schema(change);
        if (change.newTable()) {
          newTables.add(change.entity().table());
        }
      }
      writer.write(plans, newTables);
      if (extra != null) {
        Progress.Counter recording = progress.start("recording the sync", null, -1);
        try {
          extra.run(connection);
        } catch (SQLException e) {
          throw SqlExceptionTranslator.unableToApply("Syncline's own tables", null, dialect, e);
        } finally {
          recording.end();
        }
      }
      if (beforeCommit != null) {
        Progress.Counter committing = progress.start("writing files", null, -1);
        try {
          beforeCommit.run();
        } finally {
          committing.end();
        }
      }
      try {
        transaction.commit();
      } catch (SQLException e) {
        throw SqlExceptionTranslator.unableToApply("commit", null, dialect, e);
      }
    }
  }

  private void refuseIfReadOnly() {
    if (readOnly) {
      throw ReadOnlyConnection.needsWritable("apply");
    }
  }

  /**
   * For the {@code sql} command: rows for a statement that returns them, else the update count,
   * each in its own transaction; on a read-only connection only a statement that reads (see {@link
   * SqlConsole}).
   */
  public QueryResult query(String sql) {
    return new SqlConsole(this).query(sql);
  }

  /** What the database says it is ({@link Dialect#identity}), for {@link Copy}. */
  Dialect.Identity identity() {
    return call("cannot tell which database " + maskedUrl + " is", dialect::identity);
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing is best effort: nothing is pending on a connection apply has finished with
    }
  }
}
