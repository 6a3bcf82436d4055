package io.syncline.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every difference between the sides, with the user's choices: which changes are staged and how
 * conflicts were resolved. All changes but conflicts start staged; a conflict is carried out only
 * once resolved (and is then staged unless unstaged).
 */
public final class ChangeSet {
  private final List<EntityDiff> diffs;
  private final List<SchemaChange> schema;
  private final Map<String, Change> unstaged = new HashMap<>(); // by id
  private final Map<String, Resolution> resolutions = new HashMap<>();

  public ChangeSet(List<EntityDiff> diffs, List<SchemaChange> schema) {
    this.diffs = List.copyOf(diffs);
    this.schema = List.copyOf(schema);
    for (EntityDiff diff : diffs) {
      autoResolve(diff);
    }
  }

  /**
   * A change set over new diffs that keeps the choices made here (unstaged changes, resolutions)
   * for every change whose entity was not diffed afresh and whose values are unchanged.
   */
  public ChangeSet carryingChoicesTo(List<EntityDiff> newDiffs, List<SchemaChange> newSchema) {
    ChangeSet next = new ChangeSet(newDiffs, newSchema);
    if (unstaged.isEmpty() && resolutions.isEmpty()) {
      return next;
    }
    Map<String, Change> before = new HashMap<>();
    changes().forEach(c -> before.put(c.id(), c));
    for (Change c : next.changes()) {
      Change old = before.get(c.id());
      if (old == null || !old.equals(c)) {
        continue;
      }
      if (unstaged.containsKey(c.id())) {
        next.unstaged.put(c.id(), c);
      }
      Resolution decided = resolutions.get(c.id());
      if (decided != null) {
        next.resolutions.put(c.id(), decided);
      }
    }
    return next;
  }

  public static ChangeSet empty() {
    return new ChangeSet(List.of(), List.of());
  }

  public List<EntityDiff> diffs() {
    return diffs;
  }

  public List<SchemaChange> schema() {
    return schema;
  }

  public List<Change> changes() {
    List<Change> all = new ArrayList<>();
    diffs.forEach(d -> all.addAll(d.changes()));
    return all;
  }

  public List<Change> matching(String selector) {
    List<Change> matched = new ArrayList<>();
    for (EntityDiff diff : diffs) {
      for (Change c : diff.changes()) {
        if (c.matches(selector)) {
          matched.add(c);
        }
      }
    }
    return matched;
  }

  public boolean isEmpty() {
    return schema.isEmpty() && diffs.stream().allMatch(d -> d.changes().isEmpty());
  }

  /** Whether the sides agree on some records whose base is not written yet. */
  public boolean hasSettlements() {
    return diffs.stream().anyMatch(d -> !d.settled().isEmpty());
  }

  public boolean isStaged(Change change) {
    // Without choices (the usual case for a bulk load) no id is built: a view walking a million
    // inserts would otherwise build and hash a million strings.
    if (!unstaged.isEmpty() && unstaged.containsKey(change.id())) {
      return false;
    }
    return !change.isConflict() || resolutions.containsKey(change.id());
  }

  public Optional<Resolution> resolution(Change change) {
    return Optional.ofNullable(resolutions.get(change.id()));
  }

  public int stage(String selector) {
    List<Change> matched = require(selector, matching(selector));
    matched.forEach(c -> unstaged.remove(c.id()));
    return (int) matched.stream().filter(this::isStaged).count();
  }

  public int unstage(String selector) {
    List<Change> matched = require(selector, matching(selector));
    matched.forEach(c -> unstaged.put(c.id(), c));
    return matched.size();
  }

  /** Decides the conflicts the selector names by taking one side's value. */
  public int resolve(String selector, Side take) {
    List<Change> conflicts = conflictsMatching(selector);
    conflicts.forEach(c -> resolutions.put(c.id(), new Resolution(take, c.text(take))));
    return conflicts.size();
  }

  /** Decides the conflicts the selector names with a typed value (canonical JSON, or null). */
  public int resolve(String selector, Value value) {
    List<Change> conflicts = conflictsMatching(selector);
    String text = value instanceof Value.Null ? null : value.canonical();
    for (Change c : conflicts) {
      if (c.wholeRecord() && !(value instanceof Value.Obj) && text != null) {
        throw new SynclineException.Usage(
            c.id() + " is a whole record; give --value an object, null, or use --take");
      }
      resolutions.put(c.id(), new Resolution(null, text));
    }
    return conflicts.size();
  }

  /**
   * Takes back the decision on one conflict (by its {@link Change#id()}): it waits for {@code
   * resolve} again. Interactive {@code resolve} uses it for undo.
   */
  public void unresolve(String id) {
    resolutions.remove(id);
  }

  public Summary summary() {
    int inserts = 0;
    int updates = 0;
    int deletes = 0;
    int conflicts = 0;
    int unresolved = 0;
    int staged = 0;
    for (EntityDiff diff : diffs) {
      for (Change c : diff.changes().listed()) {
        switch (c.kind()) {
          case INSERT -> inserts++;
          case UPDATE, MERGE, CALCULATE -> updates++;
          case DELETE -> deletes++;
          case CONFLICT -> conflicts++;
        }
        if (c.isConflict() && !resolutions.containsKey(c.id())) {
          unresolved++;
        }
        if (isStaged(c)) {
          staged++;
        }
      }
      for (Inserts run : diff.changes().inserts()) {
        inserts += run.size();
        staged += run.size() - waiting(diff, run).size();
      }
    }
    return new Summary(inserts, updates, deletes, conflicts, unresolved, staged, schema.size());
  }

  /** Counts for {@code status} and the prompt. */
  public record Summary(
      int inserts,
      int updates,
      int deletes,
      int conflicts,
      int unresolved,
      int staged,
      int schemaChanges) {
    public int total() {
      return inserts + updates + deletes + conflicts;
    }
  }

  /**
   * The keys of {@code run}'s inserts that are unstaged. The runs are counted and planned whole,
   * less these; the unstaged changes are few, the runs may hold a million.
   */
  private Set<String> waiting(EntityDiff diff, Inserts run) {
    Set<String> keys = new HashSet<>();
    for (Change c : unstaged.values()) {
      if (c.entity().equals(diff.entity().name())
          && c.kind() == ChangeKind.INSERT
          && c.direction() == run.direction()
          && run.has(c.key().text())) {
        keys.add(c.key().text());
      }
    }
    return keys;
  }

  /** What apply does, entity by entity: the staged changes and every base that must follow. */
  public List<EntityPlan> plan() {
    List<EntityPlan> plans = new ArrayList<>();
    for (EntityDiff diff : diffs) {
      plans.add(new Planner(diff).plan());
    }
    return plans;
  }

  private void autoResolve(EntityDiff diff) {
    ConflictPolicy policy = diff.entity().conflicts();
    if (policy == ConflictPolicy.ASK) {
      return;
    }
    Side take = policy == ConflictPolicy.FILE ? Side.FILE : Side.DATABASE;
    for (Change c : diff.changes().listed()) { // inserts are never conflicts
      if (c.isConflict()) {
        resolutions.put(c.id(), new Resolution(take, c.text(take)));
      }
    }
  }

  private List<Change> conflictsMatching(String selector) {
    List<Change> matched = require(selector, matching(selector));
    List<Change> conflicts = matched.stream().filter(Change::isConflict).toList();
    if (conflicts.isEmpty()) {
      throw new SynclineException.Usage(
          (selector == null ? "there are" : selector + " has") + " no conflicts to resolve");
    }
    return conflicts;
  }

  private static List<Change> require(String selector, List<Change> matched) {
    if (matched.isEmpty()) {
      throw new SynclineException.Usage(
          "no change matches "
              + (selector == null ? "(all)" : selector)
              + "; `diff` lists the changes, selectors look like entity, entity/key or"
              + " entity/key.field");
    }
    return matched;
  }

  /** Turns one entity's staged changes into an {@link EntityPlan}. */
  private final class Planner {
    private final EntityDiff diff;
    private final EntityPlan plan;
    private final Map<String, FieldUpdates> agreed = new LinkedHashMap<>();
    private final Map<String, Set<String>> pending = new HashMap<>();

    Planner(EntityDiff diff) {
      this.diff = diff;
      // the changes come ordered by key, so maps filled in their order are in key order too
      this.plan = EntityPlan.inKeyOrder(diff.entity());
    }

    EntityPlan plan() {
      for (Inserts run : diff.changes().inserts()) {
        plan.take(run.without(waiting(diff, run)));
      }
      for (Change change : diff.changes().listed()) {
        if (!isStaged(change)) {
          if (!change.wholeRecord()) {
            pending
                .computeIfAbsent(change.key().text(), k -> new HashSet<>())
                .add(change.path().field());
          }
          continue;
        }
        if (change.kind() != ChangeKind.INSERT) {
          // what the guard compares with; an insert's guard is the key being free
          plan.expectedDatabase().put(change.key().text(), diff.states(change).database());
        }
        if (change.wholeRecord()) {
          record(change);
        } else {
          field(change);
        }
      }
      agreed.forEach(this::newBase);
      // A record whose changes all wait still has fields the sides agree on, that its base must
      // hold: all but the waiting ones on first contact, and any both sides changed alike.
      pending.keySet().stream()
          .filter(key -> !agreed.containsKey(key))
          .forEach(this::baseOfWaiting);
      diff.settled().forEach(plan.base()::putIfAbsent);
      return plan;
    }

    private void record(Change c) {
      String key = c.key().text();
      switch (c.kind()) {
        case INSERT -> {
          String text = c.direction() == Direction.TO_DATABASE ? c.file() : c.database();
          (c.direction() == Direction.TO_DATABASE ? plan.databaseInserts() : plan.fileInserts())
              .put(key, text);
          plan.base().put(key, text);
        }
        case DELETE -> {
          if (c.direction() == Direction.TO_DATABASE) {
            plan.databaseDeletes().put(key, c.database());
          } else {
            plan.fileDeletes().put(key, c.file());
          }
          plan.base().put(key, null);
        }
        default -> {
          String decided = resolutions.get(c.id()).value();
          become(key, c.database(), decided, true);
          become(key, c.file(), decided, false);
          plan.base().put(key, decided);
        }
      }
    }

    /** Makes one side's record become {@code target}: insert, delete, or update its fields. */
    private void become(String key, String current, String target, boolean database) {
      if (target == null && current != null) {
        (database ? plan.databaseDeletes() : plan.fileDeletes()).put(key, current);
      } else if (target != null && current == null) {
        (database ? plan.databaseInserts() : plan.fileInserts()).put(key, target);
      } else if (target != null && !Records.same(current, target)) {
        FieldUpdates updates = FieldUpdates.between(diff.entity(), current, target);
        (database ? plan.databaseUpdates() : plan.fileUpdates()).put(key, updates);
      }
    }

    private void field(Change c) {
      String value;
      if (c.kind() == ChangeKind.CALCULATE) {
        value = c.calculated();
        putIfDiffers(plan.fileUpdates(), c, c.file(), value);
        putIfDiffers(plan.databaseUpdates(), c, c.database(), value);
        if (diff.states(c).database() == null) {
          return; // a record inserted with its calculated fields: the insert is its base
        }
      } else if (c.kind() == ChangeKind.CONFLICT || c.kind() == ChangeKind.MERGE) {
        value = c.isConflict() ? resolutions.get(c.id()).value() : c.merged();
        putIfDiffers(plan.fileUpdates(), c, c.file(), value);
        putIfDiffers(plan.databaseUpdates(), c, c.database(), value);
      } else if (c.direction() == Direction.TO_DATABASE) {
        value = c.file();
        updates(plan.databaseUpdates(), c).put(c.path().field(), FieldEdit.to(value));
      } else {
        value = c.database();
        updates(plan.fileUpdates(), c).put(c.path().field(), FieldEdit.to(value));
      }
      updates(agreed, c).put(c.path().field(), FieldEdit.to(value));
    }

    private void putIfDiffers(
        Map<String, FieldUpdates> target, Change c, String current, String value) {
      boolean same =
          current == null
              ? value == null
              : value != null && CanonicalJson.parse(current).sameAs(CanonicalJson.parse(value));
      if (!same) {
        updates(target, c).put(c.path().field(), FieldEdit.to(value));
      }
    }

    /** The updates of the change's record in {@code target}, made when it has none yet. */
    private FieldUpdates updates(Map<String, FieldUpdates> target, Change c) {
      return target.computeIfAbsent(c.key().text(), k -> new FieldUpdates());
    }

    private void baseOfWaiting(String key) {
      String text = baseText(key, new FieldUpdates());
      if (!text.equals(diff.touched().get(key).base())) {
        plan.base().put(key, text);
      }
    }

    private void newBase(String key, FieldUpdates fields) {
      plan.base().put(key, baseText(key, fields));
    }

    /**
     * The record's new base: the file's record with every applied field at its agreed value and
     * every field still waiting (unstaged, unresolved) at its old base value, so the next diff
     * shows it again. A waiting field that has no old base value (first contact, or unagreed in the
     * old base) stays out of the base and is named unagreed ({@link Unagreed}): the sides agree on
     * every other field, and the base says so.
     */
    private String baseText(String key, FieldUpdates fields) {
      RecordStates states = diff.touched().get(key);
      Map<String, Value> record = new LinkedHashMap<>(Records.parse(states.file()).fields());
      fields.applyTo(record);
      Set<String> unsettled = pending.getOrDefault(key, Set.of());
      // The old base is read only for a record with fields left pending, which few records have.
      Value.Obj oldBase =
          unsettled.isEmpty() || states.base() == null ? null : Records.parse(states.base());
      Set<String> unknownBefore = oldBase == null ? Set.of() : Unagreed.of(oldBase);
      Set<String> unagreed = new HashSet<>();
      for (String name : unsettled) {
        if (oldBase == null || unknownBefore.contains(name)) {
          unagreed.add(name);
          record.put(name, Value.NULL);
        } else {
          record.put(name, oldBase.get(name));
        }
      }
      return Unagreed.mark(Records.canonical(diff.entity(), new Value.Obj(record)), unagreed);
    }
  }
}
