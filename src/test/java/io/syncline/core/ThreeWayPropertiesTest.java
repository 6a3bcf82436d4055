package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The three-way rules and the object merge against a plain model: records are maps of a text field
 * {@code a} and a JSON object field {@code o} (members {@code p}, {@code q}, {@code r}, each absent
 * or a small number); a base and two sides edited from it at random (a field changed, one member of
 * the object changed or removed, the record deleted, replaced or created).
 *
 * <ul>
 *   <li>a side diffed against itself has no changes, whatever the base;
 *   <li>a change on one side only never conflicts, and flows to the other side;
 *   <li>applying the plan, every conflict decided for one side, makes the sides agree, the new base
 *       is what they agree on, and the next diff is empty;
 *   <li>an object both sides changed merges member by member as the model says, in {@link
 *       ObjectMerge} and in the diff's MERGE change.
 * </ul>
 */
class ThreeWayPropertiesTest {
  static final List<String> KEYS = List.of("1", "2", "3", "4");
  static final List<String> MEMBERS = List.of("p", "q", "r");

  static final Entity ITEM =
      new Entity(
          "item",
          "items.json",
          Layout.LIST,
          "",
          "item",
          List.of("id"),
          List.of(
              new Field("id", null, FieldType.TEXT, null),
              new Field("a", null, FieldType.TEXT, null),
              new Field("o", null, FieldType.JSON, null)),
          null);

  /** A base and two sides edited from it: key → record, a key absent where the side has none. */
  record Sides(
      Map<String, Value.Obj> base, Map<String, Value.Obj> file, Map<String, Value.Obj> db) {}

  /** One side's edit of one key: 0 keep, 1 set a, 2 set a member of o, 3 delete, 4 replace. */
  record Edit(int kind, String a, String member, Integer number, Value.Obj fresh) {}

  @Property(tries = 200)
  void aSideDiffedAgainstItselfHasNoChanges(@ForAll("sides") Sides s) {
    assertThat(diff(s.base(), s.file(), s.file()).changes()).isEmpty();
    assertThat(diff(Map.of(), s.db(), s.db()).changes()).isEmpty();
  }

  @Property(tries = 200)
  void aChangeOnOneSideOnlyNeverConflictsAndFlowsToTheOtherSide(@ForAll("sides") Sides s) {
    EntityDiff fileOnly = diff(s.base(), s.file(), s.base());
    EntityDiff dbOnly = diff(s.base(), s.base(), s.db());

    assertThat(fileOnly.changes())
        .allSatisfy(c -> assertThat(c.direction()).as(c.id()).isEqualTo(Direction.TO_DATABASE));
    assertThat(dbOnly.changes())
        .allSatisfy(c -> assertThat(c.direction()).as(c.id()).isEqualTo(Direction.TO_FILE));
    Sides afterFile = applyAll(s.base(), s.file(), s.base(), Side.FILE);
    assertThat(texts(afterFile.db())).isEqualTo(texts(s.file()));
    Sides afterDb = applyAll(s.base(), s.base(), s.db(), Side.FILE);
    assertThat(texts(afterDb.file())).isEqualTo(texts(s.db()));
  }

  @Property(tries = 200)
  void applyingThePlanMakesTheSidesAgreeAndTheNextDiffEmpty(
      @ForAll("sides") Sides s, @ForAll boolean takeFile) {
    Sides after = applyAll(s.base(), s.file(), s.db(), takeFile ? Side.FILE : Side.DATABASE);

    assertThat(texts(after.file())).as("the sides agree").isEqualTo(texts(after.db()));
    assertThat(texts(after.base()))
        .as("the base is what they agree on")
        .isEqualTo(texts(after.db()));
    assertThat(diff(after.base(), after.file(), after.db()).changes()).isEmpty();
  }

  @Property(tries = 200)
  void anObjectBothSidesChangedMergesMemberByMemberAsTheModelSays(
      @ForAll("objects") List<Value.Obj> objects) {
    Value.Obj base = objects.get(0);
    Value.Obj file = objects.get(1);
    Value.Obj db = objects.get(2);
    Optional<Value.Obj> expected = mergeModel(base, file, db);

    assertThat(ObjectMerge.merge(base, file, db).map(Value::canonical))
        .isEqualTo(expected.map(Value::canonical));

    EntityDiff diff =
        diff(
            Map.of("1", record("x", base)),
            Map.of("1", record("x", file)),
            Map.of("1", record("x", db)));
    boolean bothChanged = !file.sameAs(base) && !db.sameAs(base) && !file.sameAs(db);
    if (!bothChanged) {
      assertThat(diff.changes()).noneMatch(Change::isConflict);
    } else if (expected.isEmpty()) {
      assertThat(diff.changes()).singleElement().matches(Change::isConflict);
    } else {
      assertThat(diff.changes())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.kind()).isEqualTo(ChangeKind.MERGE);
                assertThat(CanonicalJson.parse(c.merged()).canonical())
                    .isEqualTo(expected.get().canonical());
              });
    }
  }

  /**
   * The model of an object merge: each member takes the side that changed it from the base; both
   * changed it, to different values (absent counts as a value): no merge.
   */
  static Optional<Value.Obj> mergeModel(Value.Obj base, Value.Obj file, Value.Obj db) {
    Map<String, Value> merged = new TreeMap<>();
    for (String m : MEMBERS) {
      Value b = base.fields().get(m);
      Value f = file.fields().get(m);
      Value d = db.fields().get(m);
      boolean fileChanged = !Objects.equals(f, b);
      boolean dbChanged = !Objects.equals(d, b);
      if (fileChanged && dbChanged && !Objects.equals(f, d)) {
        return Optional.empty();
      }
      Value taken = fileChanged ? f : d;
      if (taken != null) {
        merged.put(m, taken);
      }
    }
    return Optional.of(new Value.Obj(merged));
  }

  /** Diffs, decides every conflict for {@code take}, applies the plan to copies of the sides. */
  static Sides applyAll(
      Map<String, Value.Obj> base,
      Map<String, Value.Obj> file,
      Map<String, Value.Obj> db,
      Side take) {
    ChangeSet changes = new ChangeSet(List.of(diff(base, file, db)), List.of());
    for (Change change : changes.changes()) {
      if (change.isConflict()) {
        changes.resolve(change.id(), take);
      }
    }
    Map<String, Value.Obj> newFile = new TreeMap<>(file);
    Map<String, Value.Obj> newDb = new TreeMap<>(db);
    Map<String, Value.Obj> newBase = new TreeMap<>(base);
    for (EntityPlan plan : changes.plan()) {
      apply(newDb, plan.databaseInserts(), plan.databaseUpdates(), plan.databaseDeletes());
      apply(newFile, plan.fileInserts(), plan.fileUpdates(), plan.fileDeletes());
      plan.base()
          .forEach(
              (key, text) -> {
                if (text == null) {
                  newBase.remove(key);
                } else {
                  newBase.put(key, Records.parse(text));
                }
              });
    }
    return new Sides(newBase, newFile, newDb);
  }

  static void apply(
      Map<String, Value.Obj> side,
      Map<String, String> inserts,
      Map<String, FieldUpdates> updates,
      Map<String, String> deletes) {
    deletes.keySet().forEach(side::remove);
    inserts.forEach((key, text) -> side.put(key, Records.parse(text)));
    updates.forEach(
        (key, fields) -> {
          Map<String, Value> record = new TreeMap<>(side.get(key).fields());
          fields
              .edits()
              .forEach(
                  (name, edit) -> {
                    if (edit instanceof FieldEdit.Remove) {
                      record.remove(name);
                    } else {
                      record.put(name, edit.value());
                    }
                  });
          side.put(key, new Value.Obj(record));
        });
  }

  static EntityDiff diff(
      Map<String, Value.Obj> base, Map<String, Value.Obj> file, Map<String, Value.Obj> db) {
    return ThreeWayDiff.of(ITEM, snapshot(base), snapshot(file), snapshot(db));
  }

  static Snapshot snapshot(Map<String, Value.Obj> side) {
    Snapshot out = new Snapshot();
    texts(side).forEach(out::put);
    return out;
  }

  /** Each record as the canonical text a side's snapshot holds (its key as field id). */
  static Map<String, String> texts(Map<String, Value.Obj> side) {
    Map<String, String> out = new TreeMap<>();
    side.forEach(
        (key, record) -> {
          Map<String, Value> fields = new TreeMap<>(record.fields());
          fields.put("id", new Value.Text(key));
          out.put(key, Records.canonical(ITEM, new Value.Obj(fields)));
        });
    return out;
  }

  static Value.Obj record(String a, Value.Obj o) {
    Map<String, Value> fields = new LinkedHashMap<>();
    fields.put("a", new Value.Text(a));
    fields.put("o", o);
    return new Value.Obj(fields);
  }

  static Value number(int n) {
    return new Value.Num(BigDecimal.valueOf(n));
  }

  static Arbitrary<Value.Obj> object() {
    Arbitrary<Integer> member = Arbitraries.integers().between(0, 2).injectNull(0.3);
    return member
        .list()
        .ofSize(MEMBERS.size())
        .map(
            values -> {
              Map<String, Value> fields = new TreeMap<>();
              for (int i = 0; i < MEMBERS.size(); i++) {
                if (values.get(i) != null) {
                  fields.put(MEMBERS.get(i), number(values.get(i)));
                }
              }
              return new Value.Obj(fields);
            });
  }

  static Arbitrary<Value.Obj> records() {
    return Combinators.combine(Arbitraries.of("x", "y", "z"), object())
        .as(ThreeWayPropertiesTest::record);
  }

  static Arbitrary<Edit> edit() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.of("x", "y", "z"),
            Arbitraries.of(MEMBERS),
            Arbitraries.integers().between(0, 2).injectNull(0.3),
            records())
        .as(Edit::new);
  }

  /** {@code base} with one edit per key; a key the base lacks is created by a replace. */
  static Map<String, Value.Obj> edited(Map<String, Value.Obj> base, List<Edit> edits) {
    Map<String, Value.Obj> out = new TreeMap<>();
    for (int i = 0; i < KEYS.size(); i++) {
      String key = KEYS.get(i);
      Value.Obj record = base.get(key);
      Edit e = edits.get(i);
      Value.Obj now =
          switch (e.kind()) {
            case 1 -> record == null ? null : record(e.a(), (Value.Obj) record.get("o"));
            case 2 -> record == null ? null : record(text(record), withMember(record, e));
            case 3 -> null;
            case 4 -> e.fresh();
            default -> record;
          };
      if (now != null) {
        out.put(key, now);
      }
    }
    return out;
  }

  static String text(Value.Obj record) {
    return ((Value.Text) record.get("a")).value();
  }

  static Value.Obj withMember(Value.Obj record, Edit e) {
    Map<String, Value> members = new TreeMap<>(((Value.Obj) record.get("o")).fields());
    if (e.number() == null) {
      members.remove(e.member());
    } else {
      members.put(e.member(), number(e.number()));
    }
    return new Value.Obj(members);
  }

  @Provide
  Arbitrary<Sides> sides() {
    Arbitrary<Map<String, Value.Obj>> base =
        records()
            .injectNull(0.25)
            .list()
            .ofSize(KEYS.size())
            .map(
                list -> {
                  Map<String, Value.Obj> out = new TreeMap<>();
                  for (int i = 0; i < KEYS.size(); i++) {
                    if (list.get(i) != null) {
                      out.put(KEYS.get(i), list.get(i));
                    }
                  }
                  return out;
                });
    Arbitrary<List<Edit>> edits = edit().list().ofSize(KEYS.size());
    return base.flatMap(
        b ->
            Combinators.combine(edits, edits)
                .as((f, d) -> new Sides(b, edited(b, f), edited(b, d))));
  }

  /** A base object and two objects edited from it, one member at a time. */
  @Provide
  Arbitrary<List<Value.Obj>> objects() {
    Arbitrary<List<Edit>> edits = edit().list().ofMaxSize(3);
    return object()
        .flatMap(
            base ->
                Combinators.combine(edits, edits)
                    .as(
                        (f, d) -> {
                          List<Value.Obj> out = new ArrayList<>();
                          out.add(base);
                          out.add(editMembers(base, f));
                          out.add(editMembers(base, d));
                          return out;
                        }));
  }

  static Value.Obj editMembers(Value.Obj object, List<Edit> edits) {
    Value.Obj now = object;
    for (Edit e : edits) {
      now = (Value.Obj) withMember(record("x", now), e);
    }
    return now;
  }
}
