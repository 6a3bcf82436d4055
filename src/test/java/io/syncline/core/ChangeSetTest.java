package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeSetTest {
  static final Entity COUNTRY = ThreeWayDiffTest.COUNTRY;

  ChangeSet both(String base, String file, String db) {
    return new ChangeSet(
        List.of(
            ThreeWayDiff.of(
                COUNTRY,
                ThreeWayDiffTest.snap(base),
                ThreeWayDiffTest.snap(file),
                ThreeWayDiffTest.snap(db))),
        List.of());
  }

  @Test
  void everythingButConflictsIsStagedByDefault() {
    ChangeSet set =
        both(
            "{\"code\":\"AW\",\"name\":\"A\",\"population\":1}",
            "{\"code\":\"AW\",\"name\":\"B\",\"population\":2}",
            "{\"code\":\"AW\",\"name\":\"C\",\"population\":1}");

    assertThat(set.changes()).extracting(set::isStaged).containsExactly(false, true);
    assertThat(set.summary().unresolved()).isEqualTo(1);
  }

  @Test
  void aResolvedConflictIsCarriedToTheSideThatDiffers() {
    ChangeSet set =
        both(
            "{\"code\":\"AW\",\"name\":\"A\"}",
            "{\"code\":\"AW\",\"name\":\"B\"}",
            "{\"code\":\"AW\",\"name\":\"C\"}");

    set.resolve("country/AW.name", Side.DATABASE);
    EntityPlan plan = set.plan().get(0);

    assertThat(plan.fileUpdates()).containsKey("AW");
    assertThat(plan.fileUpdates().get("AW")).isEqualTo(new FieldUpdates().set("name", "\"C\""));
    assertThat(plan.databaseUpdates()).isEmpty();
    assertThat(plan.base()).containsEntry("AW", "{\"code\":\"AW\",\"name\":\"C\"}");
  }

  @Test
  void anUnstagedChangeKeepsItsOldBaseSoTheNextDiffShowsItAgain() {
    ChangeSet set =
        both(
            "{\"code\":\"AW\",\"name\":\"A\",\"population\":1}",
            "{\"code\":\"AW\",\"name\":\"B\",\"population\":2}",
            "{\"code\":\"AW\",\"name\":\"A\",\"population\":1}");

    set.unstage("country/AW.population");
    EntityPlan plan = set.plan().get(0);

    assertThat(plan.databaseUpdates().get("AW").fields()).containsOnly("name");
    assertThat(plan.base())
        .containsEntry("AW", "{\"code\":\"AW\",\"name\":\"B\",\"population\":1}");
  }

  @Test
  void aSelectorThatMatchesNothingIsAUsageError() {
    ChangeSet set = both(null, "{\"code\":\"AW\"}", null);

    assertThatThrownBy(() -> set.stage("country/XX"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageContaining("no change matches country/XX");
  }

  @Test
  void aConflictPolicyDecidesConflictsAsTheyAreFound() {
    Entity fileWins =
        entity("country")
            .files("c.json")
            .key("code")
            .fields(COUNTRY.fields())
            .conflicts(ConflictPolicy.FILE)
            .build();
    ChangeSet set =
        new ChangeSet(
            List.of(
                ThreeWayDiff.of(
                    fileWins,
                    ThreeWayDiffTest.snap("{\"code\":\"AW\",\"name\":\"A\"}"),
                    ThreeWayDiffTest.snap("{\"code\":\"AW\",\"name\":\"B\"}"),
                    ThreeWayDiffTest.snap("{\"code\":\"AW\",\"name\":\"C\"}"))),
            List.of());

    assertThat(set.summary().unresolved()).isZero();
    assertThat(set.plan().get(0).databaseUpdates().get("AW").get("name"))
        .isEqualTo(new FieldEdit.SetTo("\"B\""));
  }

  /** A first sync: every record of the file is an insert, none of them listed one by one. */
  static ChangeSet firstSync(String... codes) {
    Snapshot file = new Snapshot();
    for (String code : codes) {
      file.put(code, ChangeListTest.record(code, "f"));
    }
    return new ChangeSet(
        List.of(ThreeWayDiff.of(COUNTRY, new Snapshot(), file, new Snapshot())), List.of());
  }

  @Test
  void aFirstSyncPlansEveryInsertWithItsBase() {
    ChangeSet set = firstSync("B", "A", "10");

    EntityPlan plan = set.plan().get(0);

    assertThat(plan.databaseInserts().keySet()).containsExactly("10", "A", "B");
    assertThat(plan.databaseInserts()).containsEntry("A", ChangeListTest.record("A", "f"));
    assertThat(plan.base()).isEqualTo(plan.databaseInserts());
    assertThat(set.summary().inserts()).isEqualTo(3);
    assertThat(set.summary().staged()).isEqualTo(3);
  }

  @Test
  void anUnstagedInsertOfAFirstSyncIsNeitherInsertedNorGivenABase() {
    ChangeSet set = firstSync("A", "B", "C");

    set.unstage("country/B");
    EntityPlan plan = set.plan().get(0);

    assertThat(plan.databaseInserts().keySet()).containsExactly("A", "C");
    assertThat(plan.base().keySet()).containsExactly("A", "C");
    assertThat(set.summary().inserts()).isEqualTo(3);
    assertThat(set.summary().staged()).isEqualTo(2);
    EntityDiff after = set.diffs().get(0).afterApply(plan, set::isStaged);
    assertThat(after.changes()).extracting(Change::id).containsExactly("country/B");
    assertThat(after.changes().get(0).file()).isEqualTo(ChangeListTest.record("B", "f"));
  }

  @Test
  void aChoiceOnAnotherChangeLeavesTheRunsOfInsertsWhole() {
    Snapshot base = new Snapshot();
    Snapshot file = new Snapshot();
    Snapshot database = new Snapshot();
    base.put("AW", "{\"code\":\"AW\",\"name\":\"A\"}");
    file.put("AW", "{\"code\":\"AW\",\"name\":\"B\"}");
    database.put("AW", "{\"code\":\"AW\",\"name\":\"A\"}");
    file.put("BE", ChangeListTest.record("BE", "f"));
    file.put("CH", ChangeListTest.record("CH", "f"));
    database.put("DE", ChangeListTest.record("DE", "d"));
    ChangeSet set =
        new ChangeSet(List.of(ThreeWayDiff.of(COUNTRY, base, file, database)), List.of());

    set.unstage("country/AW.name");
    set.unstage("country/DE");
    EntityPlan plan = set.plan().get(0);

    List<Inserts> runs = set.diffs().get(0).changes().inserts();
    Inserts toDatabase =
        runs.get(0).direction() == Direction.TO_DATABASE ? runs.get(0) : runs.get(1);
    assertThat(plan.took(toDatabase)).isTrue();
    assertThat(plan.databaseInserts().keySet()).containsExactly("BE", "CH");
    assertThat(plan.fileInserts()).isEmpty();
    assertThat(plan.base().keySet()).containsExactly("BE", "CH");
    assertThat(set.summary().inserts()).isEqualTo(3);
    assertThat(set.summary().staged()).isEqualTo(2);
    assertThat(set.diffs().get(0).afterApply(plan, set::isStaged).changes())
        .extracting(Change::id)
        .containsExactly("country/AW.name", "country/DE");
  }

  @Test
  void whatAFirstSyncAppliedWholeLeavesNothingBehind() {
    ChangeSet set = firstSync("A", "B");

    EntityPlan plan = set.plan().get(0);

    assertThat(set.diffs().get(0).afterApply(plan, set::isStaged).changes()).isEmpty();
  }
}
