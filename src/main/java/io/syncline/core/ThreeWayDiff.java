package io.syncline.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares one entity's records on the three sides and says what must happen.
 *
 * <p>The rules, for each field of each record present on both sides:
 *
 * <pre>
 *   file = database                     nothing to do (convergent, even if both moved)
 *   file = base, database moved         UPDATE to-file
 *   database = base, file moved         UPDATE to-db
 *   both moved, differently             CONFLICT
 *   both moved different members of one
 *   JSON object, or different elements
 *   of one list                         MERGE (both sides take the merged value; see ValueMerge)
 *   no base yet, file ≠ database        CONFLICT (left open, the other fields are agreed: the
 *                                       base holds them and names this one unagreed)
 *   field unagreed in the base          as with no base yet: file ≠ database is a CONFLICT
 *   calculated field, file ≠ database   UPDATE to-file (the database owns it)
 * </pre>
 *
 * and for records present on some sides only:
 *
 * <pre>
 *   file only, no base                  INSERT to-db
 *   database only, no base              INSERT to-file
 *   file only, base = file              DELETE to-file (the database deleted it)
 *   file only, file moved from base     CONFLICT (delete versus modify)
 *   file only, a field unagreed in base CONFLICT (delete versus modify: see Unagreed)
 *   (and the same with the sides swapped)
 * </pre>
 *
 * Records whose texts are equal on both sides cost one string comparison; only the others are
 * parsed. Inserts with no base stay entries of their side's snapshot ({@link Inserts}).
 */
public final class ThreeWayDiff {
  private ThreeWayDiff() {}

  public static EntityDiff of(Entity entity, Snapshot base, Snapshot file, Snapshot database) {
    Builder out = new Builder(entity);
    Inserts.Builder toDatabase = new Inserts.Builder(file, Direction.TO_DATABASE);
    Inserts.Builder toFile = new Inserts.Builder(database, Direction.TO_FILE);
    // Records are compared in the snapshots, as bytes: strings are made only for those that
    // differ, a few in a re-sync.
    file.forEach(
        f -> {
          Snapshot.Entry d = f.in(database);
          Snapshot.Entry b = f.in(base);
          if (d == null && b == null) {
            toDatabase.add(f);
          } else if (d != null && f.sameText(d)) {
            if (b == null || !f.sameText(b)) {
              out.settled.put(f.key(), f.text());
            }
          } else {
            out.record(f.key(), textOf(b), f.text(), textOf(d));
          }
        });
    database.forEach(
        d -> {
          if (d.in(file) == null) {
            Snapshot.Entry b = d.in(base);
            if (b == null) {
              toFile.add(d);
            } else {
              out.record(d.key(), b.text(), null, d.text());
            }
          }
        });
    base.forEach(
        b -> {
          if (b.in(file) == null && b.in(database) == null) {
            out.settled.put(b.key(), null);
          }
        });
    return out.build(List.of(toDatabase.build(), toFile.build()));
  }

  /** The order a diff lists its changes in: by key, the whole record first, then field order. */
  static Comparator<Change> order(Entity entity) {
    Map<String, Integer> fieldOrder = new HashMap<>();
    for (Field field : entity.fields()) {
      fieldOrder.put(field.name(), fieldOrder.size());
    }
    return Comparator.comparing(Change::key)
        .thenComparing(c -> c.wholeRecord() ? -1 : fieldOrder.getOrDefault(c.path().field(), 0));
  }

  private static String textOf(Snapshot.Entry entry) {
    return entry == null ? null : entry.text();
  }

  private static final class Builder {
    private final Entity entity;
    private final List<Change> changes = new ArrayList<>();
    private final Map<String, String> settled = new HashMap<>();
    private final Map<String, RecordStates> touched = new HashMap<>();
    private final Map<String, FieldPath> paths = new HashMap<>(); // one per field, not per change

    Builder(Entity entity) {
      this.entity = entity;
    }

    void record(String key, String base, String file, String database) {
      if (file != null && file.equals(database)) {
        settleIfMoved(key, base, file);
      } else if (file != null && database != null) {
        fields(key, base, file, database);
      } else if (file != null) {
        oneSided(key, base, file, Direction.TO_DATABASE, Direction.TO_FILE);
      } else {
        oneSided(key, base, database, Direction.TO_FILE, Direction.TO_DATABASE);
      }
    }

    private void settleIfMoved(String key, String base, String agreed) {
      if (base == null || !base.equals(agreed)) {
        settled.put(key, agreed);
      }
    }

    /** A record present on one side only: {@code present} is its text there. */
    private void oneSided(
        String key, String base, String present, Direction copy, Direction removal) {
      String file = copy == Direction.TO_DATABASE ? present : null;
      String database = copy == Direction.TO_DATABASE ? null : present;
      if (base == null) {
        add(key, null, ChangeKind.INSERT, copy, null, file, database);
      } else if (Records.same(base, present)) {
        add(key, null, ChangeKind.DELETE, removal, base, file, database);
      } else if (Unagreed.in(base)) {
        // the change shows and takes what was agreed; the base as stored stays in its states
        add(key, null, ChangeKind.CONFLICT, null, Unagreed.without(base), file, database);
        touched.put(key, new RecordStates(base, file, database));
      } else {
        add(key, null, ChangeKind.CONFLICT, null, base, file, database);
      }
    }

    private void fields(String key, String baseText, String fileText, String databaseText) {
      Value.Obj file = Records.parse(fileText);
      Value.Obj database = Records.parse(databaseText);
      Value.Obj base = baseText == null ? null : Records.parse(baseText);
      Set<String> unagreed = Unagreed.of(base);
      int before = changes.size();
      for (Field field : entity.fileFields()) {
        compareField(key, field, unagreed.contains(field.name()) ? null : base, file, database);
      }
      if (changes.size() == before) {
        settleIfMoved(key, baseText, fileText);
      } else {
        touched.put(key, new RecordStates(baseText, fileText, databaseText));
      }
    }

    private void compareField(
        String key, Field field, Value.Obj base, Value.Obj file, Value.Obj database) {
      Value f = file.get(field.name());
      Value d = database.get(field.name());
      if (f.sameAs(d)) {
        return;
      }
      Value b = base == null ? null : base.get(field.name());
      String ft = text(f);
      String dt = text(d);
      String bt = b == null ? null : text(b);
      if (field.layer() == Layer.CALCULATED) {
        add(key, field.name(), ChangeKind.UPDATE, Direction.TO_FILE, bt, ft, dt);
      } else if (b != null && f.sameAs(b)) {
        add(key, field.name(), ChangeKind.UPDATE, Direction.TO_FILE, bt, ft, dt);
      } else if (b != null && d.sameAs(b)) {
        add(key, field.name(), ChangeKind.UPDATE, Direction.TO_DATABASE, bt, ft, dt);
      } else if (b != null && ValueMerge.merge(b, f, d).isPresent()) {
        add(key, field.name(), ChangeKind.MERGE, null, bt, ft, dt);
      } else {
        add(key, field.name(), ChangeKind.CONFLICT, null, bt, ft, dt);
      }
    }

    private static String text(Value value) {
      return value instanceof Value.Null ? null : value.canonical();
    }

    private void add(
        String key,
        String field,
        ChangeKind kind,
        Direction direction,
        String base,
        String file,
        String database) {
      FieldPath path =
          field == null ? FieldPath.RECORD : paths.computeIfAbsent(field, FieldPath::of);
      changes.add(
          new Change(
              entity.name(), new RecordKey(key), path, kind, direction, base, file, database));
    }

    EntityDiff build(List<Inserts> inserts) {
      changes.sort(order(entity));
      return new EntityDiff(
          entity, ChangeList.of(entity.name(), changes, inserts), touched, settled);
    }
  }
}
