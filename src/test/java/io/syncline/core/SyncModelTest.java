package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The sync loop against a model of what the two sides agreed on: a file and a database start with
 * records of their own (some on both sides, some of those with one field different: first contact
 * disagreements), then are edited on both sides at random and synced again and again, conflicts
 * left open or decided. At every sync the diff must be exactly what the three-way rules say given
 * what the sides last agreed on, field by field; and after the apply the two sides hold what the
 * plan said.
 *
 * <p>The model keeps, for each record that has a base, the value of each field the sides agreed on;
 * a field they never agreed on (first contact, the conflict still open) has none. The rules:
 *
 * <pre>
 *   both sides, field equal                          nothing
 *   both sides, field differs, file = agreed         UPDATE to-file
 *   both sides, field differs, database = agreed     UPDATE to-db
 *   both sides, field differs, otherwise or unagreed CONFLICT
 *   one side, no base                                INSERT to the other
 *   one side, its record = agreed, every field       DELETE on that side
 *   one side, otherwise (a field moved or unagreed)  CONFLICT (delete versus modify)
 * </pre>
 */
class SyncModelTest {
  static final List<String> FIELDS = List.of("a", "b");

  static final Entity ITEM = entity("item").files("items.json").text("id", "a", "b").build();

  /**
   * One step. kind 0: sync, deciding conflicts (taking the file's side) when {@code decide}; 1:
   * edit a field on one side; 2: delete a record on one side; 3: create a record on one side.
   */
  record Op(int kind, boolean file, String key, String field, String value, boolean decide) {}

  /** How a key starts: 0 on both sides alike, 1 on both with field a different, 2 file, 3 db. */
  record Start(String key, int how, String a, String b) {}

  @Provide
  Arbitrary<List<Start>> starts() {
    return Combinators.combine(
            Arbitraries.of("1", "2", "3", "4"),
            Arbitraries.integers().between(0, 4),
            Arbitraries.of("x", "y"),
            Arbitraries.of("x", "y"))
        .as(Start::new)
        .list()
        .ofMaxSize(6);
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false),
            Arbitraries.of("1", "2", "3", "4", "5"),
            Arbitraries.of(FIELDS),
            Arbitraries.of("x", "y", "z"),
            Arbitraries.of(true, false))
        .as(Op::new)
        .list()
        .ofMaxSize(30);
  }

  @Property(tries = 400)
  void everySyncDiffsAsTheAgreedValuesSayAndAppliesWhatItPlans(
      @ForAll("starts") List<Start> starts, @ForAll("ops") List<Op> ops) {
    Model m = new Model();
    for (Start s : starts) {
      if (m.file.containsKey(s.key()) || m.db.containsKey(s.key())) {
        continue;
      }
      Map<String, String> record = new TreeMap<>(Map.of("a", s.a(), "b", s.b()));
      switch (s.how()) {
        case 0 -> {
          m.file.put(s.key(), new TreeMap<>(record));
          m.db.put(s.key(), new TreeMap<>(record));
        }
        case 1 -> {
          m.file.put(s.key(), new TreeMap<>(record));
          record.put("a", s.a() + "!"); // a first contact disagreement
          m.db.put(s.key(), record);
        }
        case 2 -> m.file.put(s.key(), record);
        case 3 -> m.db.put(s.key(), record);
        default -> {}
      }
    }
    m.sync(false);
    for (Op op : ops) {
      Map<String, Map<String, String>> side = op.file() ? m.file : m.db;
      switch (op.kind()) {
        case 0 -> m.sync(op.decide());
        case 1 -> {
          if (side.containsKey(op.key())) {
            side.get(op.key()).put(op.field(), op.value());
          }
        }
        case 2 -> side.remove(op.key());
        default ->
            side.computeIfAbsent(
                op.key(), k -> new TreeMap<>(Map.of("a", op.value(), "b", op.value())));
      }
    }
    m.sync(true);
    m.sync(false);
  }

  /** The two sides, the base as stored, and what the model says the sides agreed on. */
  static final class Model {
    final Map<String, Map<String, String>> file = new TreeMap<>();
    final Map<String, Map<String, String>> db = new TreeMap<>();
    final Map<String, String> base = new TreeMap<>();
    final Map<String, Map<String, String>> agreed = new TreeMap<>();

    void sync(boolean decide) {
      EntityDiff diff = ThreeWayDiff.of(ITEM, snapshot(base), texts(file), texts(db));
      ChangeSet changes = new ChangeSet(List.of(diff), List.of());
      assertThat(changes.changes().stream().map(SyncModelTest::describe).toList())
          .as("file %s, database %s, agreed %s", file, db, agreed)
          .containsExactlyInAnyOrderElementsOf(expected());
      Set<String> open = new HashSet<>();
      for (Change change : changes.changes()) {
        if (change.isConflict()) {
          if (decide) {
            changes.resolve(change.id(), Side.FILE);
          } else {
            open.add(change.key().text());
          }
        }
      }
      apply(changes.plan().get(0));
      learn(open);
      if (open.isEmpty()) {
        assertThat(file).as("every change applied: both sides agree").isEqualTo(db);
      }
    }

    /** The changes the rules give, as {@code key.field kind direction}. */
    List<String> expected() {
      List<String> out = new ArrayList<>();
      Set<String> keys = new HashSet<>(file.keySet());
      keys.addAll(db.keySet());
      for (String key : keys) {
        Map<String, String> f = file.get(key);
        Map<String, String> d = db.get(key);
        Map<String, String> known = agreed.get(key);
        if (f != null && d != null) {
          for (String field : FIELDS) {
            String fv = f.get(field);
            String dv = d.get(field);
            String av = known == null ? null : known.get(field);
            if (fv.equals(dv)) {
              continue;
            }
            String kind =
                fv.equals(av)
                    ? "UPDATE TO_FILE"
                    : dv.equals(av) ? "UPDATE TO_DATABASE" : "CONFLICT";
            out.add(key + "." + field + " " + kind);
          }
        } else if (known == null) {
          out.add(key + " INSERT " + (f != null ? "TO_DATABASE" : "TO_FILE"));
        } else {
          Map<String, String> present = f != null ? f : d;
          out.add(
              key
                  + (present.equals(known)
                      ? " DELETE " + (f != null ? "TO_FILE" : "TO_DATABASE")
                      : " CONFLICT"));
        }
      }
      return out;
    }

    /** What the sides agree on after the apply; records left in an open conflict keep theirs. */
    void learn(Set<String> open) {
      Set<String> keys = new HashSet<>(file.keySet());
      keys.addAll(db.keySet());
      keys.addAll(agreed.keySet());
      for (String key : keys) {
        Map<String, String> f = file.get(key);
        Map<String, String> d = db.get(key);
        if (f == null && d == null) {
          agreed.remove(key);
        } else if (f != null && d != null) {
          Map<String, String> known = agreed.computeIfAbsent(key, k -> new TreeMap<>());
          for (String field : FIELDS) {
            if (f.get(field).equals(d.get(field))) {
              known.put(field, f.get(field));
            }
          }
        } else {
          assertThat(open).as("a record on one side only after apply").contains(key);
        }
      }
    }

    void apply(EntityPlan plan) {
      applyTo(db, plan.databaseInserts(), plan.databaseUpdates(), plan.databaseDeletes());
      applyTo(file, plan.fileInserts(), plan.fileUpdates(), plan.fileDeletes());
      plan.base()
          .forEach(
              (key, text) -> {
                if (text == null) {
                  base.remove(key);
                } else {
                  base.put(key, text);
                }
              });
    }

    static void applyTo(
        Map<String, Map<String, String>> side,
        Map<String, String> inserts,
        Map<String, FieldUpdates> updates,
        Map<String, String> deletes) {
      deletes.keySet().forEach(side::remove);
      inserts.forEach((key, text) -> side.put(key, fields(text)));
      updates.forEach(
          (key, fields) ->
              fields
                  .edits()
                  .forEach(
                      (name, edit) ->
                          side.get(key).put(name, ((Value.Text) edit.value()).value())));
    }

    static Map<String, String> fields(String text) {
      Map<String, String> out = new TreeMap<>();
      Records.parse(text)
          .fields()
          .forEach(
              (name, value) -> {
                if (!name.equals("id")) {
                  out.put(name, ((Value.Text) value).value());
                }
              });
      return out;
    }

    static Snapshot texts(Map<String, Map<String, String>> side) {
      Snapshot out = new Snapshot();
      side.forEach(
          (key, fields) -> {
            Map<String, Value> record = new TreeMap<>();
            record.put("id", new Value.Text(key));
            fields.forEach((name, value) -> record.put(name, new Value.Text(value)));
            out.put(key, Records.canonical(ITEM, new Value.Obj(record)));
          });
      return out;
    }

    static Snapshot snapshot(Map<String, String> texts) {
      Snapshot out = new Snapshot();
      texts.forEach(out::put);
      return out;
    }
  }

  static String describe(Change change) {
    String id = change.key() + (change.wholeRecord() ? "" : "." + change.path().field());
    return id + " " + change.kind() + (change.direction() == null ? "" : " " + change.direction());
  }
}
