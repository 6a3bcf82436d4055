package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ThreeWayDiffTest {
  static final Entity COUNTRY =
      entity("country")
          .files("countries.json")
          .key("code")
          .text("code", "name")
          .fields(FieldType.INTEGER, "population")
          .field(new Field("area", null, FieldType.DECIMAL, Layer.CALCULATED))
          .build();

  /** base, file, database name values (null: record absent) → expected kind and direction. */
  static Stream<Arguments> fieldRules() {
    return Stream.of(
        Arguments.of("Aruba", "Aruba", "Aruba", null, null),
        Arguments.of("Aruba", "Aruba!", "Aruba", ChangeKind.UPDATE, Direction.TO_DATABASE),
        Arguments.of("Aruba", "Aruba", "Aruba!", ChangeKind.UPDATE, Direction.TO_FILE),
        Arguments.of("Aruba", "Same", "Same", null, null),
        Arguments.of("Aruba", "One", "Other", ChangeKind.CONFLICT, null),
        Arguments.of(null, "One", "Other", ChangeKind.CONFLICT, null));
  }

  @ParameterizedTest(name = "base={0} file={1} db={2} → {3} {4}")
  @MethodSource("fieldRules")
  void eachFieldFollowsTheThreeWayRules(
      String base, String file, String db, ChangeKind kind, Direction direction) {
    EntityDiff diff =
        ThreeWayDiff.of(
            COUNTRY, snap(base == null ? null : aw(base)), snap(aw(file)), snap(aw(db)));

    if (kind == null) {
      assertThat(diff.changes()).isEmpty();
    } else {
      assertThat(diff.changes())
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.kind()).isEqualTo(kind);
                assertThat(c.direction()).isEqualTo(direction);
                assertThat(c.id()).isEqualTo("country/AW.name");
              });
    }
  }

  static Stream<Arguments> recordRules() {
    String aw = aw("Aruba");
    String moved = aw("Aruba!");
    return Stream.of(
        Arguments.of(null, aw, null, ChangeKind.INSERT, Direction.TO_DATABASE),
        Arguments.of(null, null, aw, ChangeKind.INSERT, Direction.TO_FILE),
        Arguments.of(aw, aw, null, ChangeKind.DELETE, Direction.TO_FILE),
        Arguments.of(aw, null, aw, ChangeKind.DELETE, Direction.TO_DATABASE),
        Arguments.of(aw, moved, null, ChangeKind.CONFLICT, null),
        Arguments.of(aw, null, moved, ChangeKind.CONFLICT, null));
  }

  @ParameterizedTest(name = "base={0} file={1} db={2} → {3} {4}")
  @MethodSource("recordRules")
  void recordsOnOneSideAreCopiedOrRemoved(
      String base, String file, String db, ChangeKind kind, Direction direction) {
    EntityDiff diff = ThreeWayDiff.of(COUNTRY, snap(base), snap(file), snap(db));

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(kind);
              assertThat(c.direction()).isEqualTo(direction);
              assertThat(c.wholeRecord()).isTrue();
            });
  }

  /** A record gone from the file and the database, whatever its base held. */
  static Stream<Arguments> deletedOnBothSides() {
    return Stream.of(
        Arguments.of(aw("Aruba")), Arguments.of(aw("Aruba!")), Arguments.of("{\"code\":\"AW\"}"));
  }

  @ParameterizedTest(name = "base={0}, gone from file and database → no change, base dropped")
  @MethodSource("deletedOnBothSides")
  void aRecordDeletedOnBothSidesIsNoChangeAndLeavesTheBase(String base) {
    String other = "{\"code\":\"BE\",\"name\":\"Belgium\"}";
    Snapshot file = snap(null);
    file.put("BE", other);
    Snapshot db = snap(null);
    db.put("BE", other);
    Snapshot was = snap(base);
    was.put("BE", other);

    EntityDiff diff = ThreeWayDiff.of(COUNTRY, was, file, db);

    assertThat(diff.changes()).isEmpty();
    // null in settled: the base forgets the record, so it is not "deleted" again next time.
    assertThat(diff.settled()).hasSize(1).containsEntry("AW", null);
  }

  @Test
  void valuesCompareByMeaningNotSpelling() {
    String file = "{\"code\":\"AW\",\"population\":1.0e2}";
    String db = "{\"code\":\"AW\",\"population\":100}";

    assertThat(ThreeWayDiff.of(COUNTRY, snap(null), snap(file), snap(db)).changes()).isEmpty();
  }

  @Test
  void recordsThatAgreeWithoutABaseAreSettledNotShown() {
    EntityDiff diff = ThreeWayDiff.of(COUNTRY, snap(null), snap(aw("Aruba")), snap(aw("Aruba")));

    assertThat(diff.changes()).isEmpty();
    assertThat(diff.settled()).containsEntry("AW", aw("Aruba"));
  }

  @Test
  void aCalculatedFieldAlwaysFlowsToTheFile() {
    String base = "{\"area\":180,\"code\":\"AW\"}";
    String file = "{\"area\":999,\"code\":\"AW\"}";
    String db = "{\"area\":180,\"code\":\"AW\"}";

    Change change = ThreeWayDiff.of(COUNTRY, snap(base), snap(file), snap(db)).changes().get(0);

    assertThat(change.direction()).isEqualTo(Direction.TO_FILE);
    assertThat(change.value(Side.DATABASE))
        .isEqualTo(new Value.Num(java.math.BigDecimal.valueOf(180)));
  }

  @Test
  void changesAreOrderedByKeyThenFieldInMappingOrder() {
    Snapshot file = new Snapshot();
    Snapshot db = new Snapshot();
    for (String code : List.of("10", "9", "AB")) {
      file.put(code, "{\"code\":\"" + code + "\",\"name\":\"f\",\"population\":1}");
      db.put(code, "{\"code\":\"" + code + "\",\"name\":\"d\",\"population\":2}");
    }

    List<String> ids =
        ThreeWayDiff.of(COUNTRY, new Snapshot(), file, db).changes().stream()
            .map(Change::id)
            .toList();

    assertThat(ids)
        .containsExactly(
            "country/9.name", "country/9.population",
            "country/10.name", "country/10.population",
            "country/AB.name", "country/AB.population");
  }

  static final Entity WITH_META =
      entity("country")
          .files("countries.json")
          .key("code")
          .text("code")
          .fields(FieldType.JSON, "meta")
          .build();

  /** base, file, database values of a JSON field → the kind of change and the merged value. */
  static Stream<Arguments> objectMembers() {
    return Stream.of(
        Arguments.of(
            "{\"a\":1,\"b\":1}",
            "{\"a\":2,\"b\":1}",
            "{\"a\":1,\"b\":3}",
            ChangeKind.MERGE,
            "{\"a\":2,\"b\":3}"),
        Arguments.of("{\"a\":1}", "{\"a\":1,\"c\":5}", "{}", ChangeKind.MERGE, "{\"c\":5}"),
        Arguments.of(
            "{\"n\":{\"x\":1,\"y\":1}}",
            "{\"n\":{\"x\":2,\"y\":1}}",
            "{\"n\":{\"x\":1,\"y\":2}}",
            ChangeKind.MERGE,
            "{\"n\":{\"x\":2,\"y\":2}}"),
        Arguments.of(
            "{\"a\":1,\"b\":1}",
            "{\"a\":2,\"b\":2}",
            "{\"a\":2,\"b\":1,\"c\":0}",
            ChangeKind.MERGE,
            "{\"a\":2,\"b\":2,\"c\":0}"),
        Arguments.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}", ChangeKind.CONFLICT, null),
        Arguments.of("{\"a\":1}", "[1]", "{\"a\":3}", ChangeKind.CONFLICT, null),
        Arguments.of(null, "{\"a\":2}", "{\"b\":3}", ChangeKind.CONFLICT, null));
  }

  @ParameterizedTest(name = "base={0} file={1} db={2} → {3} {4}")
  @MethodSource("objectMembers")
  void bothSidesChangingDifferentMembersOfAnObjectMergeWithoutAConflict(
      String base, String file, String db, ChangeKind kind, String merged) {
    EntityDiff diff =
        ThreeWayDiff.of(
            WITH_META, snap(base == null ? null : meta(base)), snap(meta(file)), snap(meta(db)));

    Change change = diff.changes().get(0);
    assertThat(diff.changes()).hasSize(1);
    assertThat(change.kind()).isEqualTo(kind);
    if (merged != null) {
      assertThat(change.merged()).isEqualTo(merged);
      assertThat(change.direction()).isNull();
    }
  }

  /** base, file, database of a JSON list field → the kind of change and the merged value. */
  static Stream<Arguments> listElements() {
    return Stream.of(
        Arguments.of("[1,2,3,4]", "[1,9,3,4]", "[1,2,3,8]", ChangeKind.MERGE, "[1,9,3,8]"),
        Arguments.of("[1,2]", "[0,1,2]", "[1]", ChangeKind.MERGE, "[0,1]"),
        Arguments.of(
            "[{\"s\":\"0-0\",\"v\":\"A\"}]",
            "[{\"s\":\"2-0\",\"v\":\"A\"}]",
            "[{\"s\":\"0-0\",\"v\":\"B\"}]",
            ChangeKind.MERGE,
            "[{\"s\":\"2-0\",\"v\":\"B\"}]"),
        Arguments.of(
            "{\"m\":[1,2]}",
            "{\"m\":[1,2,3]}",
            "{\"m\":[0,1,2]}",
            ChangeKind.MERGE,
            "{\"m\":[0,1,2,3]}"),
        Arguments.of("[1,2,3]", "[1,5,3]", "[1,6,3]", ChangeKind.CONFLICT, null),
        Arguments.of(null, "[1]", "[2]", ChangeKind.CONFLICT, null));
  }

  @ParameterizedTest(name = "base={0} file={1} db={2} → {3} {4}")
  @MethodSource("listElements")
  void bothSidesChangingDifferentElementsOfAListMergeWithoutAConflict(
      String base, String file, String db, ChangeKind kind, String merged) {
    bothSidesChangingDifferentMembersOfAnObjectMergeWithoutAConflict(base, file, db, kind, merged);
  }

  @Test
  void aMergedObjectIsWrittenToBothSidesAndBecomesTheBase() {
    EntityDiff diff =
        ThreeWayDiff.of(
            WITH_META,
            snap(meta("{\"a\":1,\"b\":1}")),
            snap(meta("{\"a\":2,\"b\":1}")),
            snap(meta("{\"a\":1,\"b\":3}")));

    EntityPlan plan = new ChangeSet(List.of(diff), List.of()).plan().get(0);

    FieldUpdates merged = new FieldUpdates().set("meta", "{\"a\":2,\"b\":3}");
    assertThat(plan.fileUpdates().get("AW")).isEqualTo(merged);
    assertThat(plan.databaseUpdates().get("AW")).isEqualTo(merged);
    assertThat(plan.base().get("AW")).contains("\"meta\":{\"a\":2,\"b\":3}");
  }

  static String meta(String json) {
    return "{\"code\":\"AW\",\"meta\":" + json + "}";
  }

  static String aw(String name) {
    return "{\"code\":\"AW\",\"name\":" + new Value.Text(name).canonical() + "}";
  }

  static Snapshot snap(String record) {
    Snapshot snapshot = new Snapshot();
    if (record != null) {
      snapshot.put("AW", record);
    }
    return snapshot;
  }
}
