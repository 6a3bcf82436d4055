package io.syncline.session;

import io.syncline.core.ChangeKind;
import io.syncline.core.ChangeSet;
import io.syncline.core.Checkpoint;
import io.syncline.core.ChildList;
import io.syncline.core.ChildListGuess;
import io.syncline.core.ChildRecords;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.EntityPlan;
import io.syncline.core.LogEntry;
import io.syncline.core.Mapping;
import io.syncline.core.Migration;
import io.syncline.core.MigrationFolder;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.ReadOnlyConnection;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.SyncStatus;
import io.syncline.core.SynclineException;
import io.syncline.core.UnreadableDuration;
import io.syncline.core.Value;
import io.syncline.formats.FileRead;
import io.syncline.formats.FileWrite;
import io.syncline.formats.MappingFile;
import io.syncline.formats.RecordFiles;
import io.syncline.sql.Database;
import io.syncline.sql.Urls;
import io.syncline.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One user's unit of work: a connection, the mapping, the records loaded from files, their diffs
 * and the staged change set, and the journal. Each public method is one verb of the shell; the
 * verbs that read or write both sides are classes of their own ({@link Load}, {@link Apply}, {@link
 * Verify}, {@link Export}, {@link Rollback}, {@link CopyJob}), given what they need, and the
 * session keeps what they return. The shell only parses and renders.
 *
 * <p>Invariant: {@link #changes()} always describes the files as last loaded against the database
 * as read right after; {@code apply} refuses when either side moved since (see {@link
 * EntityPlan#expectedDatabase()} and the file checksums).
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

  /** How many records each child entity's lists hold in the files, by child entity name. */
  private final Map<String, Integer> childRecords = new LinkedHashMap<>();

  private final Map<String, List<UnreadableDuration>> unreadable = new LinkedHashMap<>();

  /** The day each entity's plans were made on at its last load, for diffing it again. */
  private final Map<String, LocalDate> asOf = new LinkedHashMap<>();

  private final Map<String, List<SchemaChange>> schema = new LinkedHashMap<>();

  private ChangeSet changes = ChangeSet.empty();
  private Database database;
  private StateStore state;
  private Instant lastApply;
  private String notice;
  private final Journal journal = new Journal();
  private Duration lockWait; // null: SYNCLINE_LOCK_WAIT's, read when it is needed

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
  public void lockWait(Duration wait) {
    this.lockWait = wait;
  }

  private Duration lockWait() {
    return lockWait != null ? lockWait : WriteLock.configuredWait();
  }

  /** The connection and the working directory, as a writing verb takes them. */
  private Sides sides() {
    return new Sides(workingDirectory, clock, database, state, lockWait(), this::addNotice);
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

  /** The connection as the shell shows it: its short name ({@code sqlite:geo.db}), read-only. */
  public record Connected(String name, boolean readOnly) {}

  /** {@link Connected} for the session's connection; empty before {@code connect}. */
  public Optional<Connected> connection() {
    return database().map(d -> new Connected(d.describe(), d.readOnly()));
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
    return loadAll(null, progress);
  }

  /** {@link #loadAll(Progress)}, with plans ({@code enrich:}) made on {@code asOf}; null: today. */
  public List<LoadResult> loadAll(LocalDate asOf, Progress progress) {
    if (mapping.entities().isEmpty()) {
      throw new SynclineException.Usage(
          "load needs a file, or a syncline.yml naming entities with their files:"
              + " load PATH [--entity E] [--key K]");
    }
    List<LoadResult> results = new ArrayList<>();
    for (Entity entity : List.copyOf(mapping.entities())) {
      results.add(
          load(
              new LoadRequest(entity.files(), entity.name(), null, null, null, null, asOf),
              progress));
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
    LoadRequest dated = request.asOfOr(LocalDate.now(clock));
    Load.Loaded done = new Load(database, state, files, mapping, inferred).load(dated, progress);
    String name = done.entity().name();
    if (done.inferred()) {
      inferred.add(name);
    }
    mapping = mapping.with(done.entity());
    loaded.put(name, done.read());
    diffs.put(name, done.diff());
    unreadable.put(name, done.unreadable());
    asOf.put(name, dated.asOf());
    schema.put(name, done.schema());
    putChildren(name, done.children());
    rebuildChanges();
    done.setAside().forEach(this::addNotice);
    recordSyncStatus(done.entity(), done.diff(), null);
    return done.result();
  }

  /**
   * Keeps what the sides look like now in the store's status tables, in a short transaction of its
   * own (none on a read-only connection). A failure there costs the status, not the load or apply
   * that came before: it is said in a notice.
   */
  private void recordSyncStatus(Entity entity, EntityDiff diff, Instant appliedAt) {
    if (database.readOnly()) {
      return;
    }
    recordSyncStatus(entity, diff, loaded.get(entity.name()).records().size(), appliedAt);
    // each child entity too, under its own name (epic.tasks), as its diff stands now
    String prefix = entity.name() + Entity.LEVEL;
    diffs.forEach(
        (name, childDiff) -> {
          if (name.startsWith(prefix)) {
            recordSyncStatus(
                childDiff.entity(), childDiff, childRecords.getOrDefault(name, 0), appliedAt);
          }
        });
  }

  private void recordSyncStatus(
      Entity entity, EntityDiff diff, int fileRecords, Instant appliedAt) {
    try {
      SyncStatus status =
          SyncStatus.of(
              diff,
              fileRecords,
              clock.instant(),
              appliedAt,
              state.hasBase(entity),
              StateStore::checksum);
      database.apply(List.of(), List.of(), state.recordSyncStatus(status), null);
    } catch (SynclineException e) {
      addNotice("the sync status of " + entity.name() + " was not recorded: " + e.getMessage());
    }
  }

  /** The entity's sync status as the last load or apply recorded it in the database. */
  public Optional<SyncStatus> syncStatus(String entity) {
    connectedOrDefault();
    return state.syncStatus(entity);
  }

  /**
   * The sync statuses of the entity's child entities ({@code epic.tasks}) that the database holds,
   * children before grandchildren; none for an entity without child lists.
   */
  public List<SyncStatus> childSyncStatuses(String entity) {
    connectedOrDefault();
    List<SyncStatus> statuses = new ArrayList<>();
    mapping
        .entity(entity)
        .ifPresent(
            e -> e.descendants().forEach(c -> state.syncStatus(c.name()).ifPresent(statuses::add)));
    return statuses;
  }

  private void rediff(String entityName) {
    rediff(entityName, key -> false);
  }

  private void rediff(String entityName, Predicate<String> replan) {
    Entity entity = mapping.entity(entityName).orElseThrow();
    FileRead read = loaded.get(entityName);
    List<UnreadableDuration> unread = new ArrayList<>();
    Snapshot fileRecords = read.records();
    Map<String, List<Value.Obj>> counted = Map.of();
    if (!entity.children().isEmpty()) {
      Children.Diffed children = Children.diff(database, state, entity, read, files::relative);
      fileRecords = children.parentFiles();
      counted = children.counted();
      putChildren(entityName, children.children());
    }
    diffs.put(
        entityName,
        Load.diff(
            entity,
            state.agreedBase(entity),
            fileRecords,
            database.read(entity),
            asOf.getOrDefault(entityName, LocalDate.now(clock)),
            unread,
            replan,
            counted));
    unreadable.put(entityName, unread);
    schema.put(entityName, database.schemaChanges(entity));
  }

  /**
   * Keeps the diffs of an entity's descendants, after its own, in place of those it had: a child
   * that is gone from the mapping leaves no diff behind.
   */
  private void putChildren(String entityName, List<Children.Loaded> children) {
    String prefix = entityName + Entity.LEVEL;
    diffs.keySet().removeIf(name -> name.startsWith(prefix));
    schema.keySet().removeIf(name -> name.startsWith(prefix));
    childRecords.keySet().removeIf(name -> name.startsWith(prefix));
    for (Children.Loaded child : children) {
      diffs.put(child.entity().name(), child.diff());
      schema.put(child.entity().name(), child.schema());
      childRecords.put(child.entity().name(), child.records());
    }
  }

  private void rebuildChanges() {
    List<SchemaChange> allSchema = new ArrayList<>();
    schema.values().forEach(allSchema::addAll);
    changes = changes.carryingChoicesTo(new ArrayList<>(diffs.values()), allSchema);
  }

  public ChangeSet changes() {
    return changes;
  }

  /**
   * The durations the last load of each entity could not read, each placed at its record and field:
   * those records' calculated fields were left as they were.
   */
  public List<UnreadableDuration> unreadableDurations() {
    List<UnreadableDuration> all = new ArrayList<>();
    unreadable.values().forEach(all::addAll);
    return all;
  }

  public Mapping mapping() {
    return mapping;
  }

  public Map<String, FileRead> loaded() {
    return loaded;
  }

  /** The entities loaded, by name, in the order they were loaded: what the shell shows of them. */
  public Map<String, LoadedFiles> loadedFiles() {
    Map<String, LoadedFiles> shown = new LinkedHashMap<>();
    loaded.forEach(
        (name, read) -> {
          List<LoadedFiles.Child> children = new ArrayList<>();
          childRecords.forEach(
              (child, records) -> {
                EntityDiff diff = diffs.get(child);
                if (child.startsWith(name + Entity.LEVEL) && diff != null) {
                  children.add(
                      new LoadedFiles.Child(
                          child.substring(name.length() + 1), diff.entity().table(), records));
                }
              });
          shown.put(name, new LoadedFiles(read.entity(), read.records(), children));
        });
    return shown;
  }

  /**
   * The list fields of each loaded entity that hold lists of objects kept as JSON, which {@code
   * load --children} or {@code children:} could keep as child tables instead, each with the key its
   * elements would be guessed to have ({@link ChildListGuess}); entities without one left out.
   */
  public Map<String, List<ChildListGuess.Candidate>> childCandidates() {
    Map<String, List<ChildListGuess.Candidate>> found = new LinkedHashMap<>();
    loaded.forEach(
        (name, read) -> {
          Entity entity = mapping.entity(name).orElse(null);
          if (entity == null) {
            return;
          }
          List<ChildListGuess.Candidate> lists =
              ChildListGuess.candidates(read.records(), taken(entity)).stream()
                  .filter(c -> entity.childList(c.field()).isEmpty())
                  .filter(c -> entity.field(c.field()).map(f -> f.inFiles()).orElse(true))
                  .toList();
          if (!lists.isEmpty()) {
            found.put(name, lists);
          }
        });
    return found;
  }

  /** The names a child table of {@code entity} keeps for itself: its key fields, its order. */
  private static List<String> taken(Entity entity) {
    List<String> taken = new ArrayList<>(entity.key());
    taken.add(ChildList.DEFAULT_ORDER);
    return taken;
  }

  /**
   * The keys of the child records one record's lists hold in the files, by child entity name
   * ({@code epic.tasks} → {@code EP-7/T1, EP-7/T2}): what TAB offers after {@code
   * epic/EP-7.tasks/}. Empty for a record not loaded, an entity without child lists, or a record
   * whose lists cannot be taken apart (the next {@code load} says why).
   */
  public Map<String, List<String>> childKeys(String entityName, String keyText) {
    Entity entity = mapping.entity(entityName).orElse(null);
    FileRead read = loaded.get(entityName);
    String text = read == null ? null : read.records().get(keyText);
    if (entity == null || entity.children().isEmpty() || text == null) {
      return Map.of();
    }
    Snapshot one = new Snapshot();
    one.put(keyText, text);
    try {
      ChildRecords.Split split =
          ChildRecords.split(entity, one, key -> null, name -> new Snapshot());
      Map<String, List<String>> keys = new LinkedHashMap<>();
      for (Entity child : split.entities()) {
        keys.put(child.name(), List.copyOf(split.of(child.name()).keys()));
      }
      return keys;
    } catch (RuntimeException unreadable) {
      return Map.of();
    }
  }

  /**
   * The text with every JDBC URL in it masked ({@code password=***}), for what the shell keeps of a
   * line: its history.
   */
  public static String withUrlsMasked(String text) {
    return Urls.maskWithin(text);
  }

  // ---- apply ----

  /** What apply would do, computed exactly as apply computes it, with nothing written. */
  public ApplyPreview preview() {
    List<EntityPlan> plans = changes.plan();
    return ApplyPreview.of(changes, plans, Apply.prepareFiles(sides(), files, plans, loaded));
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
    Apply.Applied done = new Apply(sides(), files).apply(mapping, changes, loaded, diffs, progress);
    if (done.appliedAt() != null) {
      lastApply = done.appliedAt();
      loaded.putAll(done.reads());
      diffs.putAll(done.diffs());
      done.diffs().keySet().forEach(name -> schema.put(name, List.of()));
      // the lists written are taken apart again, with the new bases
      done.listsWritten().forEach(this::rediff);
      rebuildChanges();
      done.diffs()
          .forEach(
              (name, diff) -> {
                if (!diff.entity().isChild()) { // a root records its children's status with its own
                  recordSyncStatus(mapping.entity(name).orElseThrow(), diffs.get(name), lastApply);
                }
              });
    }
    return done.preview();
  }

  private void addNotice(String line) {
    notice = notice == null ? line : notice + "\n" + line;
  }

  // ---- checkpoints and rollback ----

  /** Marks a restore point in the connected database. */
  public Checkpoint checkpoint(String name) {
    Database db = connectedOrDefault();
    if (db.readOnly()) {
      throw ReadOnlyConnection.needsWritable("checkpoint");
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
    connectedOrDefault();
    if (mapping.migrations().isPresent()) {
      state.checkpoints().find(name).ifPresent(c -> migrate().refuseCrossing(c));
    }
    Rollback.Result result = new Rollback(sides()).rollback(name, force);
    reload();
    return result;
  }

  // ---- migrations of the user's schema ----

  /** Every version of the migrations folder and the history: applied, pending, edited, ... */
  public List<Migration> migrations() {
    return migrate().status();
  }

  /**
   * Applies the pending migrations up to {@code to} (null: all) with Flyway, then reads the loaded
   * entities again, so a column a migration added shows in the next diff. Returns the versions
   * applied.
   */
  public List<String> migrateUp(String to) {
    List<String> applied = migrate().up(to);
    reload();
    return applied;
  }

  /**
   * Rolls back the newest applied migrations with their rollback scripts (see {@link Migrate}),
   * then reads the loaded entities again. Returns the versions rolled back, newest first.
   */
  public List<String> migrateDown(String to, Integer steps) {
    List<String> rolledBack = migrate().down(to, steps);
    reload();
    return rolledBack;
  }

  /** Checks every applied script against its checksum in the history; see {@link Migrate}. */
  public List<Migration> validateMigrations() {
    return migrate().validate();
  }

  private Migrate migrate() {
    MigrationFolder folder =
        mapping
            .migrations()
            .orElseThrow(
                () ->
                    new SynclineException.Usage(
                        "no migrations folder is named; add `migrations: db/migrations` to "
                            + (mappingSource != null ? mappingSource : "syncline.yml")
                            + " (its scripts named V1__what.sql, with rollbacks U1__what.sql)"));
    connectedOrDefault();
    return new Migrate(sides(), folder);
  }

  /** Reads every loaded entity's files and table again, as a fresh load would. */
  private void reload() {
    for (String name : new ArrayList<>(loaded.keySet())) {
      Entity entity = mapping.entity(name).orElseThrow();
      loaded.put(
          name,
          files.read(
              Children.forReading(
                  inferred.contains(name) ? entity.withFields(List.of()) : entity)));
      rediff(name);
      recordSyncStatus(entity, diffs.get(name), null);
    }
    rebuildChanges();
  }

  /** The audit log of the connected database, newest first. */
  /**
   * How the {@code log} table names the connection of an entry: short, as the prompt does ({@code
   * sqlite:plan.db}); {@code log show} gives the whole masked URL.
   */
  public String connectionName(String maskedUrl) {
    return Database.shortName(maskedUrl);
  }

  public List<LogEntry> log() {
    connectedOrDefault();
    return state.log();
  }

  public Optional<Instant> lastApply() {
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
    return new Verify(db, files).verify(selectedAsTablesHold(db, selector), inferred, progress);
  }

  /** Writes the database's records of the selected entities to files. */
  public List<Path> export(String selector, String to, String format) {
    return export(selector, to, format, Progress.NONE);
  }

  /** {@link #export(String, String, String)}, counting the rows read. */
  public List<Path> export(String selector, String to, String format, Progress progress) {
    List<Entity> entities = selectedAsTablesHold(connectedOrDefault(), selector);
    Map<String, Entity> loadedChildren = new HashMap<>();
    diffs.forEach(
        (name, diff) -> {
          if (diff.entity().isChild()) {
            loadedChildren.put(name, diff.entity());
          }
        });
    return new Export(sides(), files, loadedChildren).export(entities, to, format, progress);
  }

  /**
   * Writes enriched copies of the selected entities' records under {@code to}, plans made on {@code
   * asOf} (null: today); the files and the database stay as they are.
   */
  public EnrichedCopies enrich(String selector, String to, LocalDate asOf) {
    return new Enrich(sides(), files)
        .enrich(
            selected(selector),
            workingDirectory.resolve(to),
            asOf != null ? asOf : LocalDate.now(clock));
  }

  /**
   * Plans the selected records again ({@code epic}, or {@code epic/EP-7} for one), on {@code asOf}
   * (null: the day of their entity's last load), their stored plans set aside: the new dates are
   * staged as calculate changes for {@code diff} to show and {@code apply} to write. A plan is
   * otherwise kept once made, so this is the only way to move it on purpose.
   *
   * @return how many calculated fields the new plans change
   */
  public long recompute(String selector, LocalDate asOf) {
    connectedOrDefault();
    String key = selector == null || !selector.contains("/") ? null : selector.split("/", 2)[1];
    List<Entity> entities =
        selected(selector).stream().filter(e -> e.enriched().isPresent()).toList();
    if (entities.isEmpty()) {
      throw new SynclineException.Usage(
          "no entity selected has enrich: in syncline.yml; nothing to plan again");
    }
    for (Entity entity : entities) { // every refusal before anything is planned again
      if (!loaded.containsKey(entity.name())) {
        throw new SynclineException.Usage(
            entity.name() + " is not loaded; `load` it before planning it again");
      }
      if (key != null && loaded.get(entity.name()).records().get(key) == null) {
        throw new SynclineException.Usage(
            "no record " + selector + " in the loaded files; nothing was planned again");
      }
    }
    for (Entity entity : entities) {
      if (asOf != null) {
        this.asOf.put(entity.name(), asOf);
      }
      rediff(entity.name(), key == null ? k -> true : key::equals);
    }
    rebuildChanges();
    return entities.stream()
        .flatMap(e -> changes.matching(key == null ? e.name() : selector).stream())
        .filter(c -> c.kind() == ChangeKind.CALCULATE)
        .count();
  }

  public QueryResult sql(String query) {
    return connectedOrDefault().query(query);
  }

  /** The mapping as YAML to show, its database's password masked. */
  public String mappingYaml() {
    return MappingFile.write(
        new Mapping(
                mapping.database().map(Urls::mask).orElse(null),
                mapping.entities(),
                mapping.masks())
            .withMigrations(mapping.migrations().orElse(null)));
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
    writeWhole(
        target, "# Syncline mapping, saved by `mapping save`\n" + MappingFile.write(mapping), name);
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
    childRecords.clear();
    schema.clear();
    changes = ChangeSet.empty();
    return mapping;
  }

  /** {@link #selected}, each child table pointing at its parent by id known as such. */
  private List<Entity> selectedAsTablesHold(Database db, String selector) {
    return selected(selector).stream().map(e -> Children.withFoundParents(db, e)).toList();
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
            .append(clock.instant().truncatedTo(ChronoUnit.SECONDS))
            .append("\n# Replay it on the same starting state: syncline script ")
            .append(file)
            .append('\n');
    journal.lines().forEach(line -> text.append(line).append('\n'));
    writeWhole(target, text.toString(), file);
    return target;
  }

  /**
   * Writes {@code text} as the whole of {@code target}, atomically: a temporary file renamed over
   * it, the old one backed up, as apply writes files.
   */
  private void writeWhole(Path target, String text, String name) {
    FileWrite write = new FileWrite(workingDirectory, clock);
    if (Files.exists(target)) {
      write.rewrite(target, text, "rewrite " + name);
    } else {
      write.create(target, text, "create " + name);
    }
    write.commit();
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
