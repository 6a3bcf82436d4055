package io.syncline.session;

import io.syncline.core.BadRecord;
import io.syncline.core.ChangeSet;
import io.syncline.core.Checkpoint;
import io.syncline.core.Crash;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.EntityPlan;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.FileImage;
import io.syncline.core.Mapping;
import io.syncline.core.Progress;
import io.syncline.core.RecordImage;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.ThreeWayDiff;
import io.syncline.formats.ApplyIntent;
import io.syncline.formats.FileRead;
import io.syncline.formats.FileWrite;
import io.syncline.formats.MappingFile;
import io.syncline.formats.RecordFiles;
import io.syncline.sql.Database;
import io.syncline.sql.QueryResult;
import io.syncline.sql.Urls;
import io.syncline.state.AppliedSummary;
import io.syncline.state.Checkpoints;
import io.syncline.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One user's unit of work: a connection, the mapping, the records loaded from files and the staged
 * change set. Each public method is one verb of the shell; the shell only parses and renders.
 *
 * <p>Invariant: {@link #changes()} always describes the files as last loaded against the database
 * as read right after; {@code apply} refuses when either side moved since (see {@link
 * io.syncline.core.EntityPlan#expectedDatabase()} and the file checksums).
 */
public final class Session implements AutoCloseable {
  /** What {@code connect} opens when neither the command nor {@code syncline.yml} names a URL. */
  public static final String DEFAULT_DATABASE = "jdbc:sqlite:syncline.db";

  private final Path workingDirectory;
  private final Clock clock;
  private final RecordFiles files;
  private Mapping mapping;
  private String mappingSource;
  private final Set<String> inferred = new LinkedHashSet<>();
  private final Map<String, FileRead> loaded = new LinkedHashMap<>();
  private final Map<String, EntityDiff> diffs = new LinkedHashMap<>();
  private final Map<String, List<SchemaChange>> schema = new LinkedHashMap<>();
  private ChangeSet changes = ChangeSet.empty();
  private Database database;
  private StateStore state;
  private java.time.Instant lastApply;
  private String notice;
  private final Journal journal = new Journal();
  private java.time.Duration lockWait; // null: SYNCLINE_LOCK_WAIT's, read when it is needed

  public Session(Path workingDirectory, Clock clock) {
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.clock = clock;
    this.files = new RecordFiles(this.workingDirectory, clock);
    Path config = this.workingDirectory.resolve("syncline.yml");
    if (Files.isRegularFile(config)) {
      this.mapping = MappingFile.read(config);
      this.mappingSource = "syncline.yml";
    } else {
      this.mapping = Mapping.empty();
    }
  }

  /**
   * How long apply, rollback, export and copy wait for another Syncline process's write lock before
   * they fail (exit code 4); {@code SYNCLINE_LOCK_WAIT} seconds, 30 by default.
   */
  public void lockWait(java.time.Duration wait) {
    this.lockWait = wait;
  }

  private java.time.Duration lockWait() {
    return lockWait != null ? lockWait : WriteLock.configuredWait();
  }

  // ---- connection ----

  /** Opens the connection; with no URL, the mapping's database or {@link #DEFAULT_DATABASE}. */
  public String connect(String url, String user, String password, boolean readOnly) {
    String target = url != null ? url : mapping.database().orElse(DEFAULT_DATABASE);
    Database opened = Database.open(resolveRelative(target), user, password, readOnly);
    closeDatabase();
    database = opened;
    state = new StateStore(database, clock);
    notice = Recovery.run(workingDirectory, clock, database, state).orElse(null);
    for (String entity : loaded.keySet()) {
      rediff(entity);
    }
    rebuildChanges();
    return database.describe();
  }

  /**
   * Copies tables from one database to another (neither needs to be the session's connection);
   * masks from the mapping's {@code copy.masks}.
   */
  public CopyResult copy(CopyRequest request, Progress progress) {
    return CopyJob.run(
        request,
        mapping.masks(),
        workingDirectory,
        clock,
        progress,
        this::resolveRelative,
        lockWait(),
        this::addNotice);
  }

  /**
   * What the last {@code connect} found and did about an interrupted apply, once: one line, or
   * empty.
   */
  public Optional<String> takeNotice() {
    Optional<String> taken = Optional.ofNullable(notice);
    notice = null;
    return taken;
  }

  public boolean connected() {
    return database != null;
  }

  public Optional<Database> database() {
    return Optional.ofNullable(database);
  }

  /**
   * The session's connection, opened first when there is none, as {@code connect} with no URL opens
   * it: so that a single command ({@code syncline sql ...}), a script and the prompt reach the
   * database {@code syncline.yml} names without a {@code connect} line. Only {@code apply} does
   * not, since there is nothing to apply before a {@code load}, which connects.
   */
  private Database connectedOrDefault() {
    if (database == null) {
      connect(null, null, null, false);
    }
    return database;
  }

  /**
   * SQLite and H2 file URLs are relative to the working directory, like every other path:
   *
   * <pre>
   *   jdbc:sqlite:geo.db             → jdbc:sqlite:/work/dir/geo.db
   *   jdbc:h2:./geo;MODE=PostgreSQL  → jdbc:h2:/work/dir/geo;MODE=PostgreSQL
   *   jdbc:h2:file:../geo            → jdbc:h2:file:/work/geo
   *   jdbc:h2:mem:x, jdbc:h2:~/geo, jdbc:h2:tcp://host/geo, jdbc:sqlite::memory:   unchanged
   * </pre>
   *
   * H2 itself takes {@code ./geo} from the process's directory, which is not the session's when a
   * script or a test works elsewhere; a bare {@code jdbc:h2:geo} H2 refuses, and so it stays.
   */
  private String resolveRelative(String url) {
    String sqlite = "jdbc:sqlite:";
    if (url.startsWith(sqlite)) {
      String rest = url.substring(sqlite.length());
      if (!rest.isEmpty()
          && !rest.startsWith(":")
          && !rest.startsWith("file:")
          && !Path.of(rest.split("\\?")[0]).isAbsolute()) {
        return sqlite + workingDirectory.resolve(rest);
      }
    }
    for (String h2 : List.of("jdbc:h2:file:", "jdbc:h2:")) {
      if (url.startsWith(h2)) {
        String rest = url.substring(h2.length());
        if (rest.startsWith("./") || rest.startsWith("../")) {
          String path = rest.split(";", 2)[0];
          return h2 + workingDirectory.resolve(path).normalize() + rest.substring(path.length());
        }
        return url;
      }
    }
    return url;
  }

  // ---- load and diff ----

  /**
   * {@code load} with no path: every entity of the mapping, each from its own {@code files:}, in
   * the mapping's order. Each entity's load is whole or nothing, as one {@code load PATH} is.
   */
  public List<LoadResult> loadAll(Progress progress) {
    if (mapping.entities().isEmpty()) {
      throw new SynclineException.Usage(
          "load needs a file, or a syncline.yml naming entities with their files:"
              + " load PATH [--entity E] [--key K]");
    }
    List<LoadResult> results = new ArrayList<>();
    for (Entity entity : List.copyOf(mapping.entities())) {
      results.add(
          load(new LoadRequest(entity.files(), entity.name(), null, null, null, null), progress));
    }
    return results;
  }

  /** Reads an entity's files, and diffs them against the database and the base. */
  public LoadResult load(LoadRequest request) {
    return load(request, Progress.NONE);
  }

  /** {@link #load(LoadRequest)}, counting the records and rows read. */
  public LoadResult load(LoadRequest request, Progress progress) {
    connectedOrDefault();
    Entity entity = entityFor(request);
    refuseSharedTable(entity);
    SqlNames.refuseUnkept(entity, database);
    boolean inferring = inferred.contains(entity.name()) || entity.fields().isEmpty();
    // The table and the base are read while the files are parsed. The table is read on the
    // session's connection (nothing else uses it meanwhile) with the fields the entity had or, for
    // an inferred one, that the first records of its base show: when the files turn out to hold
    // other fields, it is read again below. The base is read beside it on a second, read-only
    // connection where there can be one (not to a database in memory), else after it. Both wait
    // for Syncline's own tables to be migrated on the session's connection; for a new database
    // that is a few commits, which the files need not wait for.
    Entity before = entity;
    Optional<Database> beside = alongside(before);
    CompletableFuture<Void> prepared = CompletableFuture.runAsync(state::prepare, BACKGROUND);
    CompletableFuture<TableRead> table =
        prepared.thenApplyAsync(
            migrated -> {
              Map<String, FieldType> known = inferring ? knownTypesOrNull(before) : Map.of();
              try {
                Entity guess =
                    before.fields().isEmpty() ? TableGuess.fromBase(before, state) : before;
                return new TableRead(guess, database.read(guess, progress), known);
              } catch (RuntimeException wrongGuess) {
                // read below, for the fields the files hold
                return new TableRead(null, null, known);
              }
            },
            BACKGROUND);
    CompletableFuture<Snapshot> base =
        beside.isPresent()
            ? prepared.handleAsync(
                (migrated, failure) -> baseBeside(before, beside.get(), progress), BACKGROUND)
            : table.handleAsync((rows, failure) -> readBase(state, before, progress), BACKGROUND);
    FileRead read;
    try {
      read = readFiles(entity, inferring, request, progress);
    } finally {
      CompletableFuture.allOf(table, base).exceptionally(failure -> null).join();
    }
    // Everything that can fail happens before the session changes: a failed load changes nothing.
    TableRead guessed = joined(table);
    if (inferring) {
      Map<String, FieldType> known = guessed.known() != null ? guessed.known() : knownTypes(before);
      known = refuseMisfits(entity, read, known, joined(base));
      entity = InferredFields.widen(entity, read.seenTypes(), known);
      SqlNames.refuseUnkept(entity, database);
    }
    Snapshot rows =
        guessed.entity() != null && TableGuess.readsAs(guessed.entity(), entity)
            ? guessed.rows()
            : database.read(entity, progress);
    Progress.Counter comparing = progress.start("comparing " + entity.name(), null, -1);
    EntityDiff diff;
    try {
      diff = ThreeWayDiff.of(entity, joined(base), read.records(), rows);
    } finally {
      comparing.end();
    }
    if (entity.layout() == io.syncline.core.Layout.FILE) {
      files.refuseTakenFiles(read, newInFiles(diff));
    }
    List<SchemaChange> missing = database.schemaChanges(entity);
    if (inferring) {
      inferred.add(entity.name());
    }
    mapping = mapping.with(entity);
    loaded.put(entity.name(), read);
    diffs.put(entity.name(), diff);
    schema.put(entity.name(), missing);
    rebuildChanges();
    return new LoadResult(
        entity, read.records().size(), read.files().size(), schema.get(entity.name()));
  }

  /** Refuses an entity whose table is another entity's, as the database compares table names. */
  private void refuseSharedTable(Entity entity) {
    Optional<Entity> sharing = mapping.sharingTable(entity, database::sameTable);
    if (sharing.isPresent()) {
      throw new SynclineException.Usage(
          MappingFile.sharedTable(sharing.get(), entity)
              + "; give "
              + entity.name()
              + " a table of its own (load ... --table NAME, or table: in syncline.yml);"
              + " nothing was changed");
    }
  }

  /** The keys of the records the diff adds to the files: rows that are new in the database. */
  private static List<String> newInFiles(EntityDiff diff) {
    List<String> keys = new ArrayList<>();
    for (io.syncline.core.Change change : diff.changes().listed()) {
      if (change.kind() == io.syncline.core.ChangeKind.INSERT
          && change.direction() == io.syncline.core.Direction.TO_FILE) {
        keys.add(change.key());
      }
    }
    for (io.syncline.core.Inserts run : diff.changes().inserts()) {
      if (run.direction() == io.syncline.core.Direction.TO_FILE) {
        for (int i = 0; i < run.size(); i++) {
          keys.add(run.key(i));
        }
      }
    }
    return keys;
  }

  /** The table as read for a guess of the fields, and the types the fields already have. */
  private record TableRead(Entity entity, Snapshot rows, Map<String, FieldType> known) {}

  /**
   * The types an inferred entity's fields already have, by field name, which the values in the
   * files must fit: for an entity loaded before in this session, its fields' types; for one new to
   * the session, the types of its table's columns, made by an earlier sync or by the user (see
   * {@link io.syncline.sql.Database#columnTypes}). Empty for an entity with no table yet: its
   * fields are inferred from the files alone.
   */
  private Map<String, FieldType> knownTypes(Entity entity) {
    Map<String, FieldType> known = new LinkedHashMap<>();
    if (!entity.fields().isEmpty()) {
      entity.fields().forEach(f -> known.put(f.name(), f.type()));
      return known;
    }
    database.columnTypes(entity.table()).ifPresent(known::putAll);
    return known;
  }

  /** {@link #knownTypes}, or null when the table cannot be read: the load says why below. */
  private Map<String, FieldType> knownTypesOrNull(Entity entity) {
    try {
      return knownTypes(entity);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /**
   * Refuses a value in the files that does not fit its field's known type ({@link FieldType#holds}:
   * a number in a text column, text in an integer one, a list anywhere but in JSON), naming the
   * file, line, record and field; returns the known types as they stand.
   *
   * <p>A field once typed keeps its type, since one stray value would otherwise re-type the column
   * silently, and values of both spellings would then sit in one column. A text column that the
   * base shows holding other values than strings (SQLite, H2 and MariaDB keep JSON as text) is a
   * JSON field, and takes any value. The reading only tells which types were seen, so a misfit is
   * looked for by reading the files again, with the field declared: the rare path pays for the
   * line, the common one pays nothing.
   */
  private Map<String, FieldType> refuseMisfits(
      Entity entity, FileRead read, Map<String, FieldType> known, Snapshot base) {
    Map<String, FieldType> kept = new LinkedHashMap<>(known);
    List<Field> misfits = new ArrayList<>();
    read.seenTypes()
        .forEach(
            (name, type) -> {
              FieldType field = kept.get(name);
              if (field == null || field.holds(type)) {
                return;
              }
              if (field == FieldType.TEXT
                  && entity.fields().isEmpty()
                  && TableGuess.holdsOtherThanText(base, name)) {
                kept.put(name, FieldType.JSON);
              } else {
                misfits.add(new Field(name, null, field, null));
              }
            });
    for (Field misfit : misfits) {
      try {
        files.read(entity.withFields(List.of(misfit)), Progress.NONE);
      } catch (BadRecord found) {
        throw new SynclineException(
            found.getMessage().replace("; nothing was changed", "")
                + "; the field is "
                + misfit.type().lowerName()
                + (entity.fields().isEmpty()
                    ? " in table " + entity.table()
                    : " since the last load of " + entity.name())
                + ": fix the value in the file, or declare the field's type in syncline.yml"
                + " (fields: {"
                + misfit.name()
                + ": {type: json}}); nothing was changed");
      }
    }
    return kept;
  }

  /** A second connection for reading the base beside the table, when one can be had. */
  private Optional<Database> alongside(Entity entity) {
    try {
      return database.alongside();
    } catch (RuntimeException cannotOpen) {
      return Optional.empty(); // a server at its connection limit, say: read one after the other
    }
  }

  private static Snapshot baseBeside(Entity entity, Database beside, Progress progress) {
    try (beside) {
      return readBase(new StateStore(beside), entity, progress);
    }
  }

  private static Snapshot readBase(StateStore store, Entity entity, Progress progress) {
    Progress.Counter reading = progress.start("reading the base of " + entity.name(), null, -1);
    try {
      return store.base(entity);
    } finally {
      reading.end();
    }
  }

  public record LoadResult(Entity entity, int records, int files, List<SchemaChange> schema) {}

  private FileRead readFiles(
      Entity entity, boolean inferring, LoadRequest request, Progress progress) {
    Entity reading = inferring ? entity.withFields(List.of()) : entity;
    try {
      return files.read(reading, progress);
    } catch (BadRecord e) {
      boolean defaultKey = request.key() == null && mapping.entity(entity.name()).isEmpty();
      if (defaultKey && e.getMessage().contains("(its key)")) {
        // bad input, not a bad command: the record lacks the field, whichever key was meant
        throw new SynclineException(
            e.getMessage().replace("; nothing was changed", "")
                + "; name the key field: load "
                + request.path()
                + " --key FIELD");
      }
      throw e;
    }
  }

  private Entity entityFor(LoadRequest request) {
    Optional<Entity> byName =
        request.entity() == null ? Optional.empty() : mapping.entity(request.entity());
    Optional<Entity> byFiles =
        mapping.entities().stream().filter(e -> e.files().equals(request.path())).findFirst();
    Entity configured = byName.or(() -> byFiles).orElse(null);
    if (configured != null) {
      return configured.files().equals(request.path())
          ? configured
          : new Entity(
              configured.name(),
              request.path(),
              layoutFor(request, configured.at()),
              configured.at(),
              configured.table(),
              configured.key(),
              configured.fields(),
              configured.conflicts());
    }
    String name = request.entity() != null ? request.entity() : Names.entityName(request.path());
    String at = request.at() == null ? "" : request.at();
    List<String> key = request.key() == null ? List.of("id") : request.key();
    return new Entity(
        name,
        request.path(),
        layoutFor(request, at),
        at,
        request.table() == null ? Names.tableName(name) : request.table(),
        key,
        List.of(),
        null);
  }

  private io.syncline.core.Layout layoutFor(LoadRequest request, String at) {
    if (request.layout() != null) {
      return request.layout();
    }
    if (request.path().contains("*")) {
      return io.syncline.core.Layout.FILE;
    }
    return files.sniff(request.path(), at);
  }

  private void rediff(String entityName) {
    Entity entity = mapping.entity(entityName).orElseThrow();
    FileRead read = loaded.get(entityName);
    diffs.put(
        entityName,
        ThreeWayDiff.of(entity, state.base(entity), read.records(), database.read(entity)));
    schema.put(entityName, database.schemaChanges(entity));
  }

  private static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** Daemon threads, so a background read never keeps the process alive. */
  private static final java.util.concurrent.Executor BACKGROUND =
      io.syncline.core.Background.threads("syncline-background");

  private void rebuildChanges() {
    List<SchemaChange> allSchema = new ArrayList<>();
    schema.values().forEach(allSchema::addAll);
    changes = changes.carryingChoicesTo(new ArrayList<>(diffs.values()), allSchema);
  }

  public ChangeSet changes() {
    return changes;
  }

  public Mapping mapping() {
    return mapping;
  }

  public Map<String, FileRead> loaded() {
    return loaded;
  }

  // ---- apply ----

  /** What apply would do, computed exactly as apply computes it, with nothing written. */
  public ApplyPreview preview() {
    List<EntityPlan> plans = changes.plan();
    FileWrite write = files.prepare(plans, loaded);
    return new ApplyPreview(changes.schema(), plans, write.describe(), changes.summary());
  }

  public record ApplyPreview(
      List<SchemaChange> schema,
      List<EntityPlan> plans,
      List<String> fileWrites,
      ChangeSet.Summary summary) {
    public boolean isEmpty() {
      return schema.isEmpty()
          && fileWrites.isEmpty()
          && plans.stream().noneMatch(EntityPlan::touchesDatabase);
    }
  }

  /** Carries out the staged changes: the database in one transaction, files atomically. */
  public ApplyPreview apply() {
    return apply(Progress.NONE);
  }

  /** {@link #apply()}, counting the rows written. */
  public ApplyPreview apply(Progress progress) {
    if (database == null) {
      // Unlike the other commands, apply does not connect by itself: nothing can be staged
      // before a load, and load connects.
      throw new SynclineException.Usage(
          "nothing is loaded, so there is nothing to apply; `load PATH` (or `load` for the"
              + " entities of syncline.yml) reads the files and connects to "
              + Urls.mask(mapping.database().orElse(DEFAULT_DATABASE)));
    }
    Database db = database;
    if (db.readOnly()) {
      throw new SynclineException(
          "the connection is read-only (connect ... --read-only); apply needs a writable one");
    }
    // Under the lock from the first look at the files to the commit: the checks below see what the
    // writes replace, and no other Syncline process writes between them.
    try (WriteLock lock = WriteLock.take(workingDirectory, db, "apply", lockWait(), clock)) {
      lock.notice().ifPresent(this::addNotice);
      Recovery.underLock(workingDirectory, clock, db, state).ifPresent(this::addNotice);
      refuseIfInterrupted();
      return applyLocked(db, progress);
    } catch (SynclineException.FileChanged e) {
      throw new SynclineException.FileChanged(
          e.file(),
          e.file()
              + " changed since `load` (during the apply); nothing was changed; run `load` again");
    }
  }

  /**
   * An intent {@link Recovery} left (another database's interrupted apply) would be overwritten by
   * this one's, and with it the only record of which files to put back.
   */
  private void refuseIfInterrupted() {
    ApplyIntent.read(workingDirectory)
        .ifPresent(
            intent -> {
              throw new SynclineException(
                  "an apply to "
                      + intent.database()
                      + " was interrupted at "
                      + intent.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                      + "; connect to it to finish or undo that apply first; nothing was changed");
            });
  }

  private void addNotice(String line) {
    notice = notice == null ? line : notice + "\n" + line;
  }

  private ApplyPreview applyLocked(Database db, Progress progress) {
    List<EntityPlan> plans = changes.plan();
    // load checked the names against the database it was connected to; a later connect may have
    // opened another, with other limits.
    for (EntityPlan plan : plans) {
      refuseSharedTable(plan.entity());
      SqlNames.refuseUnkept(plan.entity(), db);
    }
    FileWrite write = files.prepare(plans, loaded);
    ApplyPreview done =
        new ApplyPreview(changes.schema(), plans, write.describe(), changes.summary());
    if (done.isEmpty() && plans.stream().allMatch(p -> p.base().isEmpty())) {
      return done;
    }
    java.time.Instant started = clock.instant();
    // The intent names the files and the apply's id before anything is written: a process that
    // dies from here on leaves it for the next connect (see Recovery).
    String runId = java.util.UUID.randomUUID().toString();
    List<FileImage> fileImages = write.images();
    new ApplyIntent(runId, started, db.maskedUrl(), fileImages).write(workingDirectory);
    Crash.at("intent");
    boolean[] filesWritten = {false};
    try {
      db.apply(
          changes.schema(),
          plans,
          state
              .writeBase(plans)
              .andThen(
                  state.recordApply(
                      AppliedSummary.of(started, plans, write.describe(), "applied"), runId))
              .andThen(
                  state
                      .checkpoints()
                      .recordUndo(runId, undoImages(plans), withSeen(plans, write, fileImages)))
              .andThen(c -> Crash.at("rows")),
          () -> {
            write.commit();
            filesWritten[0] = true;
            Crash.at("files");
          },
          progress);
    } catch (RuntimeException e) {
      if (filesWritten[0]) {
        write.undo();
      }
      ApplyIntent.remove(workingDirectory);
      throw e;
    }
    Crash.at("commit");
    ApplyIntent.remove(workingDirectory);
    lastApply = clock.instant();
    follow(plans, write);
    return done;
  }

  /** The files written, then the other files of the plans' entities, as read by load. */
  private List<FileImage> withSeen(
      List<EntityPlan> plans, FileWrite write, List<FileImage> written) {
    List<FileImage> images = new ArrayList<>(written);
    Set<String> paths = new java.util.HashSet<>();
    written.forEach(image -> paths.add(image.path()));
    for (EntityPlan plan : plans) {
      FileRead read = loaded.get(plan.entity().name());
      for (io.syncline.formats.SourceFile file :
          read == null ? List.<io.syncline.formats.SourceFile>of() : read.files()) {
        FileImage seen = write.seen(file);
        if (paths.add(seen.path())) {
          images.add(seen);
        }
      }
    }
    return images;
  }

  /**
   * What each plan does to rows and bases, with the entity's mapping to read it back later; made
   * when asked, on the other core while the rows are written.
   */
  private java.util.function.Supplier<List<Checkpoints.Undo>> undoImages(List<EntityPlan> plans) {
    Map<String, EntityDiff> from = new HashMap<>(diffs); // made on another thread: not the live map
    return () -> {
      List<Checkpoints.Undo> undo = new ArrayList<>();
      for (EntityPlan plan : plans) {
        java.util.Collection<RecordImage> images =
            RecordImage.of(plan, from.get(plan.entity().name()));
        if (!images.isEmpty()) {
          String definition = MappingFile.write(new Mapping(null, List.of(plan.entity())));
          undo.add(new Checkpoints.Undo(plan.entity().name(), definition, images));
        }
      }
      return undo;
    };
  }

  /**
   * Brings the workspace up to date after a successful apply without reading either side again:
   * what was applied is known, and reading a million records back would double the cost.
   */
  private void follow(List<EntityPlan> plans, FileWrite write) {
    for (EntityPlan plan : plans) {
      String name = plan.entity().name();
      diffs.put(name, diffs.get(name).afterApply(plan, changes::isStaged));
      loaded.put(name, files.afterWrite(loaded.get(name), plan, write));
      schema.put(name, List.of());
    }
    rebuildChanges();
  }

  // ---- checkpoints and rollback ----

  /** Marks a restore point in the connected database. */
  public Checkpoint checkpoint(String name) {
    Database db = connectedOrDefault();
    if (db.readOnly()) {
      throw new SynclineException(
          "the connection is read-only (connect ... --read-only); checkpoint needs a writable one");
    }
    if (name == null || name.isBlank() || name.length() > 200 || !name.equals(name.strip())) {
      throw new SynclineException.Usage(
          "a checkpoint needs a name of 1 to 200 characters, without spaces at the ends:"
              + " checkpoint before-import");
    }
    return state.checkpoints().mark(name, false);
  }

  /** The restore points of the connected database, oldest first, with what was applied since. */
  public List<Checkpoint> checkpoints() {
    connectedOrDefault();
    return state.checkpoints().list();
  }

  /**
   * Puts back every row, base and file Syncline changed since the checkpoint (see {@link
   * Rollback}), then reads the loaded entities again.
   */
  public Rollback.Result rollback(String name, boolean force) {
    Database db = connectedOrDefault();
    if (db.readOnly()) {
      throw new SynclineException(
          "the connection is read-only (connect ... --read-only); rollback needs a writable one");
    }
    Rollback.Result result;
    try (WriteLock lock =
        WriteLock.take(workingDirectory, db, "rollback " + name, lockWait(), clock)) {
      lock.notice().ifPresent(this::addNotice);
      Recovery.underLock(workingDirectory, clock, db, state).ifPresent(this::addNotice);
      refuseIfInterrupted();
      result = new Rollback(workingDirectory, clock, db, state).run(name, force);
    } catch (SynclineException.FileChanged e) {
      throw new SynclineException.FileChanged(
          e.file(),
          e.file()
              + " changed during the rollback; nothing was changed; run `rollback "
              + name
              + "` again");
    }
    reload();
    return result;
  }

  /** Reads every loaded entity's files and table again, as a fresh load would. */
  private void reload() {
    for (String name : new ArrayList<>(loaded.keySet())) {
      Entity entity = mapping.entity(name).orElseThrow();
      loaded.put(name, files.read(inferred.contains(name) ? entity.withFields(List.of()) : entity));
      rediff(name);
    }
    rebuildChanges();
  }

  /** The audit log of the connected database, newest first. */
  public List<io.syncline.state.LogEntry> log() {
    connectedOrDefault();
    return state.log();
  }

  public Optional<java.time.Instant> lastApply() {
    return Optional.ofNullable(lastApply);
  }

  // ---- verify, export, sql, mapping ----

  /**
   * Compares both sides record by record; throws {@link SynclineException.SidesDiffer} if not
   * equal.
   */
  public Verification verify(String selector) {
    return verify(selector, Progress.NONE);
  }

  /** {@link #verify(String)}, counting the records and rows read. */
  public Verification verify(String selector, Progress progress) {
    Database db = connectedOrDefault();
    return new Verify(db, files).verify(selected(selector), inferred, progress);
  }

  /** Writes the database's records of the selected entities to files. */
  public List<Path> export(String selector, String to, String format) {
    return export(selector, to, format, Progress.NONE);
  }

  /** {@link #export(String, String, String)}, counting the rows read. */
  public List<Path> export(String selector, String to, String format, Progress progress) {
    Database db = connectedOrDefault();
    List<Entity> entities = selected(selector);
    return new Export(workingDirectory, clock, db, state, files, lockWait(), this::addNotice)
        .export(entities, to, format, progress);
  }

  public QueryResult sql(String query) {
    return connectedOrDefault().query(query);
  }

  /** The mapping as YAML to show, its database's password masked. */
  public String mappingYaml() {
    return MappingFile.write(
        new Mapping(
            mapping.database().map(Urls::mask).orElse(null), mapping.entities(), mapping.masks()));
  }

  /**
   * Writes the effective mapping as a mapping file ({@code syncline.yml} when {@code file} is
   * null), atomically like every other file Syncline writes, so that {@code mapping load} of it
   * gives the same mapping. Refused when the file exists and {@code force} is false, and when the
   * database URL holds a secret: a masked URL read back would not connect, and the file must not
   * hold it in clear.
   */
  public Path saveMapping(String file, boolean force) {
    String name = file == null || file.isBlank() ? "syncline.yml" : file;
    Path target = workingDirectory.resolve(name);
    if (mapping.entities().isEmpty() && mapping.database().isEmpty()) {
      throw new SynclineException.Usage(
          "no mapping to save yet; `load FILE` infers one, `mapping load FILE` reads one");
    }
    Optional<String> url = mapping.database();
    if (url.isPresent() && !Urls.mask(url.get()).equals(url.get())) {
      throw new SynclineException.Usage(
          "the mapping's database URL holds a secret ("
              + Urls.mask(url.get())
              + "); "
              + name
              + " was not written: take the password out of `database:` in "
              + (mappingSource != null ? mappingSource : "the mapping file")
              + " and give it with `connect --password-env VAR`, then `mapping load` it again");
    }
    if (Files.exists(target) && !force) {
      throw new SynclineException.Usage(
          name + " exists; `mapping save " + name + " --force` replaces it");
    }
    String text = "# Syncline mapping, saved by `mapping save`\n" + MappingFile.write(mapping);
    FileWrite write = new FileWrite(workingDirectory, clock);
    if (Files.exists(target)) {
      write.rewrite(target, text, "rewrite " + name);
    } else {
      write.create(target, text, "create " + name);
    }
    write.commit();
    return target;
  }

  public Optional<String> mappingSource() {
    return Optional.ofNullable(mappingSource);
  }

  public Mapping loadMapping(String file) {
    Path path = workingDirectory.resolve(file);
    mapping = MappingFile.read(path);
    mappingSource = file;
    inferred.clear();
    loaded.clear();
    diffs.clear();
    schema.clear();
    changes = ChangeSet.empty();
    return mapping;
  }

  private List<Entity> selected(String selector) {
    if (selector == null || selector.isEmpty()) {
      List<Entity> all = new ArrayList<>();
      for (String name : loaded.keySet()) {
        all.add(mapping.entity(name).orElseThrow());
      }
      if (all.isEmpty()) {
        all.addAll(mapping.entities());
      }
      if (all.isEmpty()) {
        throw new SynclineException.Usage(
            "no entity is known yet; `load FILE` or `mapping load FILE` first");
      }
      return all;
    }
    String name = selector.split("/", 2)[0];
    return List.of(mapping.entity(name).orElseThrow(() -> unknownEntity(name)));
  }

  /**
   * Names the entities there are, or, in a session that knows none yet, how to make one known: an
   * empty "known:" list reads as if the entity had been forgotten.
   */
  private SynclineException.Usage unknownEntity(String name) {
    List<String> known = mapping.entities().stream().map(Entity::name).toList();
    if (known.isEmpty()) {
      return new SynclineException.Usage(
          "unknown entity "
              + name
              + "; no entity is known yet: `load FILE --entity "
              + name
              + "` reads it, or name it in syncline.yml");
    }
    return new SynclineException.Usage(
        "unknown entity " + name + "; known: " + String.join(", ", known));
  }

  public Journal journal() {
    return journal;
  }

  /**
   * Writes the journal as a {@code .shell} script, atomically (a temporary file renamed over the
   * target, the old one backed up, as apply writes files).
   */
  public Path saveJournal(String file) {
    Path target = workingDirectory.resolve(file);
    StringBuilder text =
        new StringBuilder("# Syncline session journal, saved ")
            .append(clock.instant())
            .append("\n# Replay it on the same starting state: syncline script ")
            .append(file)
            .append('\n');
    journal.lines().forEach(line -> text.append(line).append('\n'));
    FileWrite write = new FileWrite(workingDirectory, clock);
    if (Files.exists(target)) {
      write.rewrite(target, text.toString(), "rewrite " + file);
    } else {
      write.create(target, text.toString(), "create " + file);
    }
    write.commit();
    return target;
  }

  public Path workingDirectory() {
    return workingDirectory;
  }

  private void closeDatabase() {
    if (database != null) {
      database.close();
      database = null;
      state = null;
    }
  }

  @Override
  public void close() {
    closeDatabase();
  }
}
