package io.syncline.session;

import io.syncline.calendar.Holidays;
import io.syncline.core.BadRecord;
import io.syncline.core.Calculations;
import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.ChildList;
import io.syncline.core.ChildListGuess;
import io.syncline.core.ChildRecords;
import io.syncline.core.Direction;
import io.syncline.core.Enrichment;
import io.syncline.core.Entity;
import io.syncline.core.EntityDiff;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Inserts;
import io.syncline.core.Layout;
import io.syncline.core.Mapping;
import io.syncline.core.Progress;
import io.syncline.core.Records;
import io.syncline.core.SchemaChange;
import io.syncline.core.Snapshot;
import io.syncline.core.ThreeWayDiff;
import io.syncline.core.UnreadableDuration;
import io.syncline.core.Value;
import io.syncline.core.WorkingDays;
import io.syncline.formats.FileRead;
import io.syncline.formats.RecordFiles;
import io.syncline.runtime.Background;
import io.syncline.sql.Database;
import io.syncline.state.StateStore;
import io.syncline.state.StoredBase;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code load}: reads an entity's files, with its table and its base beside them, infers the fields
 * of an entity the mapping does not type, and diffs the three. The session keeps what it returns.
 */
final class Load {
  /** Daemon threads, so a background read never keeps the process alive. */
  private static final Executor BACKGROUND = Background.threads("syncline-background");

  private final Database database;
  private final StateStore state;
  private final RecordFiles files;
  private final Mapping mapping;
  private final Set<String> inferred;

  /** The child entities whose keys this load guessed, by name. */
  private final Set<String> guessed = new LinkedHashSet<>();

  /**
   * @param mapping the session's mapping, which names the entity or not
   * @param inferred the entities whose fields were inferred in this session, by name
   */
  Load(
      Database database,
      StateStore state,
      RecordFiles files,
      Mapping mapping,
      Set<String> inferred) {
    this.database = database;
    this.state = state;
    this.files = files;
    this.mapping = mapping;
    this.inferred = inferred;
  }

  /**
   * An entity as loaded: its definition with the fields the load settled on, the files as read, the
   * diff, and the schema changes apply will make.
   *
   * @param inferred whether its fields were inferred from the files
   * @param unreadable the durations {@code enrich:} could not read, placed at their records
   * @param children the entity's descendants ({@code children:}), each with its diff
   * @param guessed the child entities whose keys the load guessed ({@code --children FIELD}), by
   *     name
   * @param setAside a line for each entity, itself or a descendant, whose base was agreed with
   *     another table than its own and was set aside ({@link #setAside})
   */
  record Loaded(
      Entity entity,
      FileRead read,
      EntityDiff diff,
      List<SchemaChange> schema,
      boolean inferred,
      List<UnreadableDuration> unreadable,
      List<Children.Loaded> children,
      Set<String> guessed,
      List<String> setAside) {
    LoadResult result() {
      return new LoadResult(
          entity, read.records().size(), read.files().size(), schema, childResults());
    }

    /** Each descendant as the load line names it: its list, table, count and key. */
    private List<LoadResult.Child> childResults() {
      Map<String, ChildList> lists = new LinkedHashMap<>();
      listsBelow(entity, lists);
      List<LoadResult.Child> results = new ArrayList<>();
      for (Children.Loaded child : children) {
        String name = child.entity().name();
        ChildList list = lists.get(name);
        results.add(
            new LoadResult.Child(
                name.substring(entity.name().length() + 1),
                child.entity().table(),
                child.records(),
                list == null ? List.of() : list.key(),
                guessed.contains(name)));
      }
      return results;
    }

    private static void listsBelow(Entity entity, Map<String, ChildList> lists) {
      for (ChildList list : entity.children()) {
        Entity child = entity.child(list);
        lists.put(child.name(), list);
        listsBelow(child, lists);
      }
    }
  }

  /**
   * Reads the entity's files, its table and its base, and diffs them; changes nothing, so that a
   * failed load leaves the session as it was.
   */
  Loaded load(LoadRequest request, Progress progress) {
    Entity entity = withCalculatedFields(withAskedChildren(entityFor(request), request));
    SqlNames.refuseSharedTable(mapping, entity, database);
    SqlNames.refuseUnkept(entity, database);
    boolean inferring = inferred.contains(entity.name()) || entity.fields().isEmpty();
    // The table and the base are read while the files are parsed. The table is read on the
    // session's connection (nothing else uses it meanwhile) with the fields the entity had or, for
    // an inferred one, that the first records of its base show: when the files turn out to hold
    // other fields, it is read again below. The base is read beside it on a second, read-only
    // connection where there can be one (not to a database in memory), else after it. Both wait
    // for Syncline's own tables to be migrated on the session's connection; for a new database
    // that is a few commits, which the files need not wait for.
    Entity before = ChildRecords.ownEntity(entity);
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
    CompletableFuture<BaseRead> base =
        beside.isPresent()
            ? prepared.handleAsync(
                (migrated, failure) -> baseBeside(before, beside.get(), progress), BACKGROUND)
            : table.handleAsync((rows, failure) -> readBase(state, before, progress), BACKGROUND);
    FileRead read;
    try {
      read =
          readFiles(
              Children.forReading(entity),
              inferring,
              request,
              progress,
              () -> joined(base).records());
    } finally {
      CompletableFuture.allOf(table, base).exceptionally(failure -> null).join();
    }
    // What a parse of a large file gave is kept while the table is compared, so that the next load
    // of the file as it is takes the base's records instead (RecordFiles.remember). It reads the
    // records the diff reads and nothing changes before it ends: the load waits for it.
    FileRead parsed = read;
    CompletableFuture<Void> remembered =
        CompletableFuture.runAsync(() -> files.remember(parsed), BACKGROUND);
    entity = withKeysOfAskedChildren(entity, request, read);
    entity = Children.withFoundParents(database, entity);
    TableRead tableRead = joined(table);
    if (inferring) {
      Map<String, FieldType> known =
          tableRead.known() != null ? tableRead.known() : knownTypes(before);
      known = refuseMisfits(entity, read, known, joined(base).records());
      entity = withCalculatedFields(InferredFields.widen(entity, read.seenTypes(), known));
      SqlNames.refuseUnkept(entity, database);
    }
    Children.Diffed children =
        entity.children().isEmpty()
            ? null
            : Children.diff(database, state, entity, read, files::relative);
    entity = ChildRecords.ownEntity(entity);
    Snapshot fileRecords = children == null ? read.records() : children.parentFiles();
    Snapshot rows =
        tableRead.entity() != null && TableGuess.readsAs(tableRead.entity(), entity)
            ? tableRead.rows()
            : database.read(entity, progress);
    Progress.Counter comparing = progress.start("comparing " + entity.name(), null, -1);
    EntityDiff diff;
    List<UnreadableDuration> unreadable = new ArrayList<>();
    try {
      diff =
          diff(
              entity,
              joined(base).records(),
              fileRecords,
              rows,
              request.asOf(),
              unreadable,
              k -> false,
              children == null ? Map.of() : children.counted());
    } finally {
      comparing.end();
    }
    remembered.join();
    if (entity.layout() == Layout.FILE) {
      files.refuseTakenFiles(read, newInFiles(diff));
    }
    return new Loaded(
        entity,
        read,
        diff,
        database.schemaChanges(entity),
        inferring,
        List.copyOf(unreadable),
        children == null ? List.of() : children.children(),
        Set.copyOf(guessed),
        setAside(joined(base).agreedWith(), entity));
  }

  /**
   * The entity's base as the diff takes it: empty when agreed with another table than the entity's
   * ({@link #setAside}); and the table it was agreed with, null when none is recorded.
   */
  private record BaseRead(Snapshot records, String agreedWith) {}

  /**
   * A line for the entity and each descendant whose base was agreed with another table than the one
   * it is mapped to now (a {@code --table} or {@code table:} changed since the last apply). Read
   * against the new table, that base would make every record the table lacks look deleted there,
   * and apply would delete it from the files; set aside, the entity syncs as at first contact:
   * agreeing records are agreed, the rest inserted on the side that lacks them, differing fields
   * conflicts. The base is replaced whole at the next apply ({@code StateStore.writeBase}).
   */
  private List<String> setAside(String agreedWith, Entity entity) {
    List<String> lines = new ArrayList<>();
    setAsideLine(entity, agreedWith).ifPresent(lines::add);
    for (Entity descendant : entity.descendants()) {
      setAsideLine(descendant, state.storedBase(descendant, 0).table()).ifPresent(lines::add);
    }
    return lines;
  }

  private static Optional<String> setAsideLine(Entity entity, String agreedWith) {
    if (agreedWith == null || agreedWith.equals(entity.table())) {
      return Optional.empty();
    }
    return Optional.of(
        entity.name()
            + ": table "
            + entity.table()
            + " is not the table its base was agreed with ("
            + agreedWith
            + "); synced as a first contact, and the next apply replaces "
            + entity.name()
            + "'s base");
  }

  /** An entity with an {@code enrich:} block gets the fields it fills; others stay as they are. */
  private static Entity withCalculatedFields(Entity entity) {
    if (entity.enriched().isEmpty() || entity.fields().isEmpty()) {
      return entity; // fields still to be inferred get them once inferred
    }
    return entity.withFields(entity.enrichment().withCalculatedFields(entity.fields()));
  }

  /**
   * The entity's diff; for one with {@code enrich:}, with its calculated fields ({@link
   * #enrichedDiff}), the records {@code replan} names planned anew on {@code asOf}, their stored
   * plans set aside ({@code enrich --recompute}). The session diffs again with it after {@code
   * connect} and {@code rollback}.
   */
  static EntityDiff diff(
      Entity entity,
      Snapshot base,
      Snapshot files,
      Snapshot rows,
      LocalDate asOf,
      List<UnreadableDuration> unreadable,
      Predicate<String> replan,
      Map<String, List<Value.Obj>> counted) {
    return entity.enriched().isPresent()
        ? enrichedDiff(entity, base, files, rows, asOf, unreadable, replan, counted)
        : ThreeWayDiff.of(entity, base, files, rows);
  }

  /**
   * The diff of an enriched entity: each record in the files planned on {@code asOf}, or as the
   * database stored its plan ({@link Enrichment#fill}); a duration that cannot be read is kept in
   * {@code unreadable}, placed at its record, and that record's calculated fields are left as they
   * are. The holiday calendar is built here only, since building it costs seconds.
   *
   * @param counted each record's children as the sync leaves them, for {@code progress:}
   */
  private static EntityDiff enrichedDiff(
      Entity entity,
      Snapshot base,
      Snapshot files,
      Snapshot rows,
      LocalDate asOf,
      List<UnreadableDuration> unreadable,
      Predicate<String> replan,
      Map<String, List<Value.Obj>> counted) {
    Enrichment enrichment = entity.enrichment();
    WorkingDays calendar = Holidays.of(enrichment.holidays());
    Map<String, Map<String, Value>> values = new LinkedHashMap<>();
    for (String key : files.keys()) {
      String row = rows.get(key);
      try {
        values.put(
            key,
            enrichment.fill(
                Records.parse(files.get(key)),
                row == null || replan.test(key) ? null : Records.parse(row),
                asOf,
                calendar,
                counted.getOrDefault(key, List.of())));
      } catch (UnreadableDuration e) {
        unreadable.add(e.at(entity.name() + "/" + key + "." + enrichment.duration()));
      }
    }
    Snapshot planned = Calculations.intoInserts(entity, files, base, rows, values);
    return Calculations.of(ThreeWayDiff.of(entity, base, planned, rows), base, files, rows, values);
  }

  /** The keys of the records the diff adds to the files: rows that are new in the database. */
  private static List<String> newInFiles(EntityDiff diff) {
    List<String> keys = new ArrayList<>();
    for (Change change : diff.changes().listed()) {
      if (change.kind() == ChangeKind.INSERT && change.direction() == Direction.TO_FILE) {
        keys.add(change.key().text());
      }
    }
    for (Inserts run : diff.changes().inserts()) {
      if (run.direction() == Direction.TO_FILE) {
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
   * {@link Database#columnTypes}). Empty for an entity with no table yet: its fields are inferred
   * from the files alone.
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
        throw found.withNextStep(
            "the field is "
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

  private static BaseRead baseBeside(Entity entity, Database beside, Progress progress) {
    try (beside) {
      return readBase(new StateStore(beside), entity, progress);
    }
  }

  private static BaseRead readBase(StateStore store, Entity entity, Progress progress) {
    Progress.Counter reading = progress.start("reading the base of " + entity.name(), null, -1);
    try {
      StoredBase stored = store.storedBase(entity);
      return new BaseRead(stored.recordsAgreedWith(entity.table()), stored.table());
    } finally {
      reading.end();
    }
  }

  /**
   * The entity's files as read; a large file unchanged since its last parse takes its records from
   * {@code base} when they are the same ({@link RecordFiles#read(Entity, Progress, Supplier)}).
   */
  private FileRead readFiles(
      Entity entity,
      boolean inferring,
      LoadRequest request,
      Progress progress,
      Supplier<Snapshot> base) {
    Entity reading = inferring ? entity.withFields(List.of()) : entity;
    try {
      return files.read(reading, progress, base);
    } catch (BadRecord.MissingKey e) {
      boolean defaultKey = request.key() == null && mapping.entity(entity.name()).isEmpty();
      if (defaultKey) {
        // bad input, not a bad command: the record lacks the field, whichever key was meant
        throw e.withNextStep("name the key field: load " + request.path() + " --key FIELD");
      }
      throw e;
    }
  }

  /**
   * The entity with the child lists {@code --children} names, in place of those it had: what the
   * command says holds. A list the entity keeps as a child already keeps its settings (table, key,
   * fields); a new one waits for {@link #withKeysOfAskedChildren} to have its key, which the files
   * tell.
   */
  private static Entity withAskedChildren(Entity entity, LoadRequest request) {
    if (request.children() == null) {
      return entity;
    }
    List<ChildList> lists = new ArrayList<>();
    for (LoadRequest.Child asked : request.children()) {
      Optional<ChildList> kept = entity.childList(asked.field());
      lists.add(
          kept.isPresent() && (asked.key() == null || kept.get().key().equals(List.of(asked.key())))
              ? kept.get()
              : ChildList.of(asked.field(), asked.key()));
    }
    return entity.withChildren(lists);
  }

  /**
   * The asked child lists the entity did not keep before, each checked to be a list in the files
   * and its key guessed from the elements when {@code --children} names none ({@link
   * ChildListGuess}); the guessed ones are kept in {@link #guessed} for the load line to say so.
   */
  private Entity withKeysOfAskedChildren(Entity entity, LoadRequest request, FileRead read) {
    if (request.children() == null) {
      return entity;
    }
    Entity before = mapping.entity(entity.name()).orElse(null);
    List<ChildList> lists = new ArrayList<>();
    for (ChildList list : entity.children()) {
      boolean kept = before != null && before.children().contains(list);
      if (kept) {
        lists.add(list);
        continue;
      }
      String key = list.positional() ? null : list.key().get(0);
      ChildList found = ChildListGuess.of(entity.name(), list.field(), key, read.records());
      if (key == null) {
        guessed.add(entity.name() + Entity.LEVEL + list.field());
      }
      lists.add(found);
    }
    return entity.withChildren(lists);
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
              configured.conflicts(),
              configured.enrichment(),
              configured.children(),
              null);
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

  private Layout layoutFor(LoadRequest request, String at) {
    if (request.layout() != null) {
      return request.layout();
    }
    if (request.path().contains("*")) {
      return Layout.FILE;
    }
    return files.sniff(request.path(), at);
  }

  private static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
