package io.syncline.sql;

import io.syncline.core.Entity;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Interruption;
import io.syncline.core.Progress;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.UnableToApplyChange;
import io.syncline.core.Value;
import io.syncline.sql.h2.H2Dialect;
import io.syncline.sql.mariadb.MariaDbDialect;
import io.syncline.sql.postgresql.PostgresDialect;
import io.syncline.sql.sqlite.SqliteDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The session's open connection: reads an entity's table as record texts and applies plans in one
 * transaction. One per session; the {@link Dialect} is chosen once, from the URL, here.
 *
 * <p>Not thread-safe: a session uses its connection from one thread at a time.
 */
public final class Database implements AutoCloseable {
  /** The most rows {@link #query} keeps; the rest are counted as truncated. */
  public static final int QUERY_ROW_LIMIT = 10_000;

  private static final List<Dialect> DIALECTS =
      List.of(new SqliteDialect(), new H2Dialect(), new PostgresDialect(), new MariaDbDialect());

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
        DIALECTS.stream()
            .filter(d -> url != null && d.handles(url))
            .findFirst()
            .orElseThrow(
                () ->
                    new SynclineException(
                        "cannot open "
                            + masked
                            + ": not a URL Syncline knows; use jdbc:sqlite:FILE,"
                            + " jdbc:h2:..., jdbc:postgresql://..., jdbc:mariadb://... or jdbc:mysql://..."));
    return new Database(
        connect(dialect, url, user, password, readOnly), dialect, url, user, password, readOnly);
  }

  /**
   * Another connection to the same database, read-only, for a read beside one on this connection;
   * empty where another connection would not see the same data (a database in memory). The caller
   * closes it.
   */
  public Optional<Database> alongside() {
    if (!dialect.sharedByConnections(url)) {
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
      throw new SynclineException(
          "cannot open " + Urls.mask(url) + ": " + Urls.clean(firstMessage(e), url, password));
    }
  }

  /** The connection, for the other classes of this package ({@link Copy}). */
  Connection connection() {
    return connection;
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

  public boolean readOnly() {
    return readOnly;
  }

  /**
   * Tries once, without waiting, to take Syncline's write lock on this database (see {@link
   * Dialect#tryWriteLock}); empty when another process holds it.
   */
  public Optional<DatabaseLock> tryWriteLock(io.syncline.core.WriteLockHolder holder) {
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
   * Runs a read on the connection, translating a failure into a {@link SynclineException} that
   * starts with {@code what} ("cannot read the base of epic").
   */
  /**
   * Runs work that begins and ends its own transactions (Flyway's migrations), then puts the
   * connection's auto-commit back as it was, so transaction control stays in this class.
   */
  public void selfCommitting(String what, SqlWork work) {
    call(
        what,
        connection -> {
          boolean autoCommit = connection.getAutoCommit();
          try {
            work.run(connection);
          } finally {
            connection.setAutoCommit(autoCommit);
          }
          return null;
        });
  }

  public <T> T call(String what, SqlCall<T> call) {
    try {
      return call.call(connection);
    } catch (SQLException e) {
      throw new SynclineException(what + ": " + RowWriter.reason(dialect, e), e);
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
          boolean transaction = dialect.streamsInTransaction() && c.getAutoCommit();
          if (transaction) {
            c.setAutoCommit(false);
          }
          try {
            return call.call(c);
          } finally {
            if (transaction) {
              c.rollback();
              c.setAutoCommit(true);
            }
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
    refuseNul(entity);
    Optional<Set<String>> columns =
        call("cannot read table " + entity.table(), c -> dialect.columns(c, entity.table()));
    if (columns.isEmpty()) {
      return List.of(new SchemaChange(entity, true, entity.fields()));
    }
    List<Field> missing = new ArrayList<>();
    for (Field field : entity.fields()) {
      if (!columns.get().contains(field.column())) {
        missing.add(field);
      }
    }
    return missing.isEmpty() ? List.of() : List.of(new SchemaChange(entity, false, missing));
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
                + ": the name holds the character U+0000, which no database takes in a column"
                + " name; rename the field in the files, or map it to a column (mapping's column:)");
      }
    }
  }

  /**
   * Every row of the entity's table as canonical record text by key text; a table that does not
   * exist yet reads as empty. Selects only the file fields' columns and builds the text without a
   * tree per row (see {@link RowFormat}).
   */
  public Snapshot read(Entity entity) {
    return read(entity, Progress.NONE);
  }

  /** {@link #read(Entity)}, counting the rows read as {@code reading table T}. */
  public Snapshot read(Entity entity, Progress progress) {
    Progress.Counter counter = progress.start("reading table " + entity.table(), "rows", -1);
    try {
      try {
        Snapshot fast = readAsJsonRows(entity, counter);
        if (fast != null) {
          return fast;
        }
      } catch (JsonRow.NotPlain notPlain) {
        // a value only the driver spells right: read the table again, column by column
      }
      counter.set(0);
      return readColumnByColumn(entity, counter);
    } finally {
      counter.end();
    }
  }

  /**
   * {@link #read} with one JSON array per row where the dialect can build it ({@link
   * Dialect#rowAsJsonArray}); null where it cannot, or where the table holds what JSON cannot (a
   * BLOB).
   */
  private Snapshot readAsJsonRows(Entity entity, Progress.Counter counter) {
    if (dialect.rowAsJsonArray(List.of()).isEmpty()) {
      return null;
    }
    return callStreaming(
        "cannot read table " + entity.table(),
        c -> {
          Optional<Set<String>> columns = dialect.columns(c, entity.table());
          if (columns.isEmpty()) {
            return new Snapshot();
          }
          String select =
              "SELECT "
                  + dialect
                      .rowAsJsonArray(new RowFormat(entity, dialect, columns.get()).fields())
                      .orElseThrow()
                  + " FROM "
                  + dialect.quote(entity.table());
          try {
            Snapshot halves = readInHalves(c, entity, columns.get(), select, counter);
            return halves != null
                ? halves
                : readRows(c, select, entity, columns.get(), counter::add);
          } catch (SQLException jsonCannotSayIt) {
            return null;
          }
        });
  }

  /**
   * The table read in two halves at once on two read-only connections, in one snapshot of the
   * database ({@link Dialect#joinSnapshot}); null where the dialect does not split the table or the
   * second connection cannot join. Not on the session's connection: a writable SQLite connection
   * begins its transactions by taking the write lock.
   */
  private Snapshot readInHalves(
      Connection c, Entity entity, Set<String> columns, String select, Progress.Counter counter)
      throws SQLException {
    if (!dialect.sharedByConnections(url)) {
      return null;
    }
    // Worked out on the session's connection, so that a small table opens nothing more: any row
    // is in one half or the other, whatever the two readers then see.
    List<String> halves = dialect.halves(c, entity.table());
    if (halves.size() != 2) {
      return null;
    }
    try (Database first = open(url, user, password, true)) {
      Connection a = first.connection;
      a.setAutoCommit(false);
      try {
        try (Statement statement = a.createStatement();
            ResultSet lock = statement.executeQuery(select + " LIMIT 1")) {
          lock.next(); // the first reader's shared lock, which the second must join
        }
        try (Database second = open(url, user, password, true)) {
          if (!dialect.joinSnapshot(second.connection)) {
            return null;
          }
          return readHalves(a, second.connection, halves, entity, columns, select, counter);
        }
      } finally {
        a.rollback();
      }
    }
  }

  /** Reads the first half on {@code a} while the other thread reads the second on {@code b}. */
  private Snapshot readHalves(
      Connection a,
      Connection b,
      List<String> halves,
      Entity entity,
      Set<String> columns,
      String select,
      Progress.Counter counter)
      throws SQLException {
    java.util.concurrent.atomic.AtomicLong secondCount =
        new java.util.concurrent.atomic.AtomicLong();
    CompletableFuture<Snapshot> rest =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return readRows(
                    b, select + " WHERE " + halves.get(1), entity, columns, secondCount::addAndGet);
              } catch (SQLException e) {
                throw new HalfFailed(e);
              }
            },
            TABLE_HALF);
    Snapshot rows;
    try {
      rows = readRows(a, select + " WHERE " + halves.get(0), entity, columns, counter::add);
    } finally {
      rest.exceptionally(failure -> null).join(); // b is not closed under the other thread
      b.rollback();
    }
    Snapshot others;
    try {
      others = rest.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof HalfFailed failed) {
        throw failed.cause;
      }
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    counter.add(secondCount.get());
    String twice = rows.absorb(others);
    if (twice != null) {
      throw twice(entity, twice);
    }
    return rows;
  }

  /** The second half's SQLException, carried out of its thread. */
  private static final class HalfFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final SQLException cause;

    HalfFailed(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
      this.cause = cause;
    }
  }

  /** The second half of a table read in halves, on the other core. */
  private static final java.util.concurrent.Executor TABLE_HALF =
      io.syncline.runtime.Background.threads("syncline-table");

  /**
   * The rows {@code sql} selects (one JSON array each) as records, counted into {@code counted}.
   */
  private Snapshot readRows(
      Connection c,
      String sql,
      Entity entity,
      Set<String> columns,
      java.util.function.LongConsumer counted)
      throws SQLException {
    RowFormat format = new RowFormat(entity, dialect, columns);
    ArrayRowText plain = new ArrayRowText(format, entity.key().size());
    JsonRow row = new JsonRow();
    Snapshot snapshot = new Snapshot();
    try (Statement statement = c.createStatement()) {
      statement.setFetchSize(dialect.fetchSize());
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          String array = rs.getString(1);
          CharSequence text = plain.text(array);
          String key;
          if (text != null) {
            key = plain.lastKey();
          } else {
            row.read(array);
            text = format.text(row);
            key = format.lastKey();
          }
          if (snapshot.put(key, text) != null) {
            throw twice(entity, key);
          }
          counted.accept(1);
        }
      }
    }
    return snapshot;
  }

  /** {@link #read} through the driver's reading of each column. */
  Snapshot readColumnByColumn(Entity entity) {
    return readColumnByColumn(entity, Progress.NONE.start("", "", -1));
  }

  private Snapshot readColumnByColumn(Entity entity, Progress.Counter counter) {
    Snapshot snapshot = new Snapshot();
    scan(
        entity,
        (format, rs) -> {
          String text = format.text(rs);
          String key = format.lastKey();
          if (snapshot.put(key, text) != null) {
            throw twice(entity, key);
          }
          counter.add(1);
        });
    return snapshot;
  }

  /** All rows as records in key order, fields in the entity's order, for export. */
  public List<Value.Obj> records(Entity entity) {
    return records(entity, Progress.NONE);
  }

  /** {@link #records(Entity)}, counting the rows read as {@code reading table T}. */
  public List<Value.Obj> records(Entity entity, Progress progress) {
    Progress.Counter counter = progress.start("reading table " + entity.table(), "rows", -1);
    try {
      Map<String, Value.Obj> byKey = new TreeMap<>(Records.KEY_ORDER);
      scan(
          entity,
          (format, rs) -> {
            String key = format.key(rs);
            if (byKey.put(key, format.record(rs)) != null) {
              throw twice(entity, key);
            }
            counter.add(1);
          });
      return new ArrayList<>(byKey.values());
    } finally {
      counter.end();
    }
  }

  private interface RowSink {
    void row(RowFormat format, ResultSet rs) throws SQLException;
  }

  private void scan(Entity entity, RowSink sink) {
    callStreaming(
        "cannot read table " + entity.table(),
        c -> {
          Optional<Set<String>> columns = dialect.columns(c, entity.table());
          if (columns.isEmpty()) {
            return null;
          }
          RowFormat format = new RowFormat(entity, dialect, columns.get());
          String sql = "SELECT " + format.selectList() + " FROM " + dialect.quote(entity.table());
          try (Statement statement = c.createStatement()) {
            statement.setFetchSize(dialect.fetchSize());
            try (ResultSet rs = statement.executeQuery(sql)) {
              while (rs.next()) {
                sink.row(format, rs);
              }
            }
          }
          return null;
        });
  }

  private static SynclineException twice(Entity entity, String key) {
    return new SynclineException(
        "table "
            + entity.table()
            + " holds key "
            + key
            + " twice; make "
            + String.join(", ", entity.key())
            + " unique in the table (a primary key) and load again");
  }

  /**
   * Carries out, in one transaction: the schema changes, each plan's database side, {@code extra}
   * (other packages' writes, such as the base), then {@code beforeCommit} (the caller commits files
   * there), then COMMIT. Any failure rolls everything back and throws {@link UnableToApplyChange}
   * (or what {@code beforeCommit} threw).
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
    boolean done = false;
    try {
      dialect.begin(connection);
      Set<String> newTables = new HashSet<>();
      for (SchemaChange change : schema) {
        writer.schema(change);
        if (change.newTable()) {
          newTables.add(change.entity().table());
        }
      }
      for (EntityPlan plan : plans) {
        writer.write(plan, newTables.contains(plan.entity().table()));
      }
      if (extra != null) {
        Progress.Counter recording = progress.start("recording the sync", null, -1);
        try {
          extra.run(connection);
        } catch (SQLException e) {
          throw new UnableToApplyChange(
              "Syncline's own tables", null, RowWriter.reason(dialect, e), e);
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
        connection.commit();
      } catch (SQLException e) {
        throw new UnableToApplyChange("commit", null, RowWriter.reason(dialect, e), e);
      }
      done = true;
    } catch (SQLException e) {
      throw new UnableToApplyChange(
          "the start of the transaction", null, RowWriter.reason(dialect, e), e);
    } finally {
      end(done);
    }
  }

  private void end(boolean committed) {
    try {
      if (!committed && !connection.getAutoCommit()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // The original failure is what the user needs to see; a failed rollback ends the transaction
      // on the database's side anyway when the connection goes.
    } finally {
      try {
        connection.setAutoCommit(true);
      } catch (SQLException ignored) {
        // see above
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
   * each in its own transaction. One statement per call ({@link SqlText#oneStatement}); only a
   * {@code CREATE} on a writable connection goes as typed, since the body of a trigger or a
   * procedure holds {@code ;} ({@code CREATE TRIGGER ... BEGIN UPDATE ...; END}). On a read-only
   * connection a statement that returns no rows, a {@code CALL} and an {@code EXECUTE} are refused
   * before they run, whatever runs is rolled back, and a session found writable before or after the
   * statement ({@code SET SESSION TRANSACTION READ WRITE} on MariaDB) costs the connection: it is
   * closed and a new read-only one opened in its place.
   */
  public QueryResult query(String sql) {
    if (!readOnly) {
      boolean create = SqlText.firstWord(sql, dialect.lexis()).equals("CREATE");
      return run(create ? sql : SqlText.oneStatement(sql, dialect.lexis()));
    }
    String statement = SqlText.oneStatement(sql, dialect.lexis());
    String verb = SqlText.firstWord(statement, dialect.lexis());
    if (verb.equals("CALL") || verb.equals("EXECUTE")) {
      // A MariaDB procedure can COMMIT and START TRANSACTION READ WRITE inside the one statement.
      throw ReadOnlyConnection.sqlCallsNoProcedure();
    }
    keepReadOnly();
    try {
      return run(statement);
    } finally {
      keepReadOnly();
    }
  }

  private QueryResult run(String sql) {
    try {
      if (readOnly) {
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
          if (prepared.getMetaData() == null) {
            throw ReadOnlyConnection.sqlMayOnlyRead();
          }
        }
      }
      dialect.begin(connection);
      boolean committed = false;
      try (Statement statement = connection.createStatement()) {
        QueryResult result;
        Interruption.Registration cancel = Interruption.onRequest(statement::cancel);
        try {
          result =
              statement.execute(sql)
                  ? table(statement.getResultSet())
                  : new QueryResult.UpdateCount(statement.getLargeUpdateCount());
        } finally {
          cancel.close();
        }
        Interruption.check(); // cancelled after the rows came: still not committed
        if (readOnly && result instanceof QueryResult.UpdateCount) {
          throw ReadOnlyConnection.sqlMayOnlyRead();
        }
        if (!readOnly) {
          connection.commit();
          committed = true;
        }
        return result;
      } finally {
        end(committed);
      }
    } catch (SQLException e) {
      if (Interruption.requested()) {
        throw new Interruption.Stopped("sql: cancelled at Ctrl-C; nothing of it was committed");
      }
      throw new SynclineException(
          "the database refused the statement"
              + (readOnly ? " (the connection is read-only)" : "")
              + ": "
              + RowWriter.reason(dialect, e),
          e);
    }
  }

  /**
   * Replaces the connection when its session is writable, or when that cannot be told: a read-only
   * connection stays read-only or goes.
   */
  private void keepReadOnly() {
    boolean still;
    try {
      still = dialect.sessionReadOnly(connection);
    } catch (SQLException e) {
      still = false;
    }
    if (!still) {
      reconnect();
      throw new SynclineException(
          "the read-only session was made writable, so Syncline closed that connection and opened"
              + " a new read-only one; `sql` may only read here");
    }
  }

  /** What the database says it is ({@link Dialect#identity}), for {@link Copy}. */
  Dialect.Identity identity() {
    return call("cannot tell which database " + maskedUrl + " is", dialect::identity);
  }

  private static QueryResult.ResultTable table(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
      }
      List<List<String>> rows = new ArrayList<>();
      boolean truncated = false;
      while (rs.next()) {
        if (rows.size() == QUERY_ROW_LIMIT) {
          truncated = true;
          break;
        }
        List<String> row = new ArrayList<>(columns.size());
        for (int i = 1; i <= columns.size(); i++) {
          row.add(rs.getString(i));
        }
        rows.add(java.util.Collections.unmodifiableList(row));
      }
      return new QueryResult.ResultTable(columns, rows, truncated);
    }
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

  private static String firstMessage(Exception e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
