package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ChangeListTest {
  static final Entity COUNTRY = ThreeWayDiffTest.COUNTRY;

  static String record(String code, String name) {
    return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}";
  }

  @Test
  void insertsBothWaysAndFieldChangesComeInOneKeyOrder() {
    Snapshot base = new Snapshot();
    Snapshot file = new Snapshot();
    Snapshot db = new Snapshot();
    // out of key order in the file, as a hand-edited file is
    for (String code : List.of("10", "AB", "2")) {
      file.put(code, record(code, "f"));
    }
    base.put("5", record("5", "b"));
    file.put("5", record("5", "f"));
    db.put("5", record("5", "b"));
    db.put("3", record("3", "d"));
    db.put("ZZ", record("ZZ", "d"));
    // records both sides agree on: the inserts are fewer than half of each side, copied apart
    for (String code : List.of("X1", "X2", "X3", "X4")) {
      base.put(code, record(code, "x"));
      file.put(code, record(code, "x"));
      db.put(code, record(code, "x"));
    }

    ChangeList changes = ThreeWayDiff.of(COUNTRY, base, file, db).changes();

    assertThat(changes)
        .extracting(Change::id, Change::kind, Change::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "country/2", ChangeKind.INSERT, Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple("country/3", ChangeKind.INSERT, Direction.TO_FILE),
            org.assertj.core.groups.Tuple.tuple(
                "country/5.name", ChangeKind.UPDATE, Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple(
                "country/10", ChangeKind.INSERT, Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple(
                "country/AB", ChangeKind.INSERT, Direction.TO_DATABASE),
            org.assertj.core.groups.Tuple.tuple(
                "country/ZZ", ChangeKind.INSERT, Direction.TO_FILE));
    assertThat(changes.listed()).extracting(Change::id).containsExactly("country/5.name");
    assertThat(changes.get(1).database()).isEqualTo(record("3", "d"));
    assertThat(changes.get(1).file()).isNull();
    assertThat(changes.get(3).file()).isEqualTo(record("10", "f"));
  }

  /**
   * The list a diff gives is the list of changes one made one by one would be: the same changes,
   * ordered by key.
   */
  @Property(tries = 200)
  void aDiffListsEveryInsertOnceInKeyOrder(
      @ForAll("codes") List<String> fileOnly, @ForAll("codes") List<String> databaseOnly) {
    Snapshot file = new Snapshot();
    Snapshot db = new Snapshot();
    fileOnly.forEach(code -> file.put(code, record(code, "f")));
    databaseOnly.stream()
        .filter(code -> !file.has(code))
        .forEach(code -> db.put(code, record(code, "d")));
    List<Change> expected = new ArrayList<>();
    file.keys().forEach(k -> expected.add(insert(k, Direction.TO_DATABASE, file.get(k))));
    db.keys().forEach(k -> expected.add(insert(k, Direction.TO_FILE, db.get(k))));
    expected.sort(java.util.Comparator.comparing(Change::key));

    ChangeList changes = ThreeWayDiff.of(COUNTRY, new Snapshot(), file, db).changes();

    assertThat(changes).isEqualTo(expected);
    assertThat(changes.listed()).isEmpty();
  }

  /** The change a diff lists for a record {@code direction} copies whole to the other side. */
  static Change insert(String key, Direction direction, String text) {
    boolean toDatabase = direction == Direction.TO_DATABASE;
    return new Change(
        "country",
        new RecordKey(key),
        FieldPath.RECORD,
        ChangeKind.INSERT,
        direction,
        null,
        toDatabase ? text : null,
        toDatabase ? null : text);
  }

  @Provide
  Arbitrary<List<String>> codes() {
    return Arbitraries.oneOf(
            Arbitraries.integers().between(0, 500).map(String::valueOf),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(3))
        .list()
        .uniqueElements()
        .ofMaxSize(30);
  }
}
