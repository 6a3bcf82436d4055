package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Change;
import io.syncline.core.ChangeSet;
import io.syncline.core.Entity;
import io.syncline.core.EntityBuilder;
import io.syncline.core.FieldType;
import io.syncline.core.Resolution;
import io.syncline.core.Side;
import io.syncline.core.Snapshot;
import io.syncline.core.SynclineException;
import io.syncline.core.ThreeWayDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictWalkTest {
  static Entity entity(String name) {
    return EntityBuilder.entity(name)
        .files(name + ".json")
        .key("code")
        .text("code", "name")
        .fields(FieldType.INTEGER, "population")
        .build();
  }

  /** Every record of both entities has a conflict on name and on population. */
  static ChangeSet conflicts() {
    return new ChangeSet(
        List.of(diff(entity("region"), "R1"), diff(entity("country"), "BE", "AW")), List.of());
  }

  static io.syncline.core.EntityDiff diff(Entity entity, String... codes) {
    Snapshot base = new Snapshot();
    Snapshot file = new Snapshot();
    Snapshot db = new Snapshot();
    for (String code : codes) {
      base.put(code, record(code, "base", 1));
      file.put(code, record(code, "file", 2));
      db.put(code, record(code, "db", 3));
    }
    return ThreeWayDiff.of(entity, base, file, db);
  }

  static String record(String code, String name, int population) {
    return "{\"code\":\""
        + code
        + "\",\"name\":\""
        + name
        + "\",\"population\":"
        + population
        + "}";
  }

  @Test
  void conflictsComeInEntityKeyFieldOrderWithACounter() {
    ConflictWalk walk = ConflictWalk.over(conflicts(), null);

    assertThat(walk.total()).isEqualTo(6);
    assertThat(walk.number()).isEqualTo(1);
    assertThat(walk.current().id()).isEqualTo("country/AW.name");
    walk.skip();
    assertThat(walk.current().id()).isEqualTo("country/AW.population");
    walk.skip();
    walk.skip();
    walk.skip();
    assertThat(walk.number()).isEqualTo(5);
    assertThat(walk.current().id()).isEqualTo("region/R1.name");
  }

  @Test
  void anAnswerDoesWhatResolveWithTakeDoes() {
    ChangeSet walked = conflicts();
    ChangeSet typed = conflicts();
    ConflictWalk walk = ConflictWalk.over(walked, "country/AW");

    walk.take(Side.FILE);
    walk.take(Side.DATABASE);
    typed.resolve("country/AW.name", Side.FILE);
    typed.resolve("country/AW.population", Side.DATABASE);

    assertThat(walk.finished()).isTrue();
    assertThat(walked.plan()).isEqualTo(typed.plan());
    assertThat(walk.decisions())
        .containsExactly(
            "resolve country/AW.name --take file", "resolve country/AW.population --take db");
  }

  @Test
  void undoForgetsThePreviousDecisionAndStepsBack() {
    ChangeSet changes = conflicts();
    ConflictWalk walk = ConflictWalk.over(changes, "country/AW");
    Change name = walk.current();

    walk.take(Side.BASE);
    assertThat(changes.resolution(name)).contains(new Resolution(Side.BASE, "\"base\""));
    assertThat(walk.undo()).isTrue();

    assertThat(walk.current()).isEqualTo(name);
    assertThat(changes.resolution(name)).isEmpty();
    assertThat(walk.decisions()).isEmpty();
    assertThat(walk.undo()).isFalse();
  }

  @Test
  void undoAfterASkipStepsBackWithoutTouchingDecisions() {
    ChangeSet changes = conflicts();
    ConflictWalk walk = ConflictWalk.over(changes, "country/AW");
    walk.take(Side.FILE);
    walk.skip();

    walk.undo();

    assertThat(walk.current().id()).isEqualTo("country/AW.population");
    assertThat(walk.decisions()).containsExactly("resolve country/AW.name --take file");
  }

  @Test
  void aTypedValueMustBeJsonOfTheFieldsType() {
    ChangeSet changes = conflicts();
    ConflictWalk walk = ConflictWalk.over(changes, "country/AW.population");

    assertThatThrownBy(() -> walk.give("forty"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> walk.give("\"forty\""))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("population holds integer values; got \"forty\"");
    assertThat(walk.number()).isEqualTo(1);
    assertThat(changes.summary().unresolved()).isEqualTo(6);

    walk.give("40");

    assertThat(walk.finished()).isTrue();
    assertThat(walk.decisions()).containsExactly("resolve country/AW.population --value 40");
  }

  @Test
  void aTextValueIsJournaledQuotedForTheCommandLine() {
    ConflictWalk walk = ConflictWalk.over(conflicts(), "country/AW.name");

    walk.give("\"Aruba's\"");

    assertThat(walk.decisions())
        .containsExactly("resolve country/AW.name --value \"\\\"Aruba's\\\"\"");
  }

  @Test
  void decidedConflictsAreNotWalkedAgain() {
    ChangeSet changes = conflicts();
    changes.resolve("country/AW.name", Side.FILE);

    ConflictWalk walk = ConflictWalk.over(changes, "country");

    assertThat(walk.total()).isEqualTo(3);
    assertThat(walk.current().id()).isEqualTo("country/AW.population");
  }

  @Test
  void nothingOpenToWalkIsAUsageError() {
    ChangeSet changes = conflicts();
    changes.resolve("country", Side.FILE);

    assertThatThrownBy(() -> ConflictWalk.over(changes, "country"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageContaining("country has no open conflicts");
    assertThatThrownBy(() -> ConflictWalk.over(ChangeSet.empty(), null))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage("there are no conflicts to resolve");
    assertThatThrownBy(() -> ConflictWalk.over(changes, "nation"))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessageContaining("no change matches nation");
  }
}
