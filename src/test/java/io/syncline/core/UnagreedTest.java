package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UnagreedTest {
  @Test
  void aMarkedBaseNamesItsUnagreedFieldsFirstAndReadsBackWithoutThem() {
    String agreed = "{\"id\":\"FR\",\"pop\":68}";

    String marked = Unagreed.mark(agreed, List.of("name", "area"));

    assertThat(marked)
        .isEqualTo("{\"\\u0000unagreed\":[\"area\",\"name\"],\"id\":\"FR\",\"pop\":68}");
    assertThat(Unagreed.in(marked)).isTrue();
    assertThat(Unagreed.of(Records.parse(marked))).containsExactly("area", "name");
    assertThat(Unagreed.without(marked)).isEqualTo(agreed);
    assertThat(CanonicalJson.parse(marked).canonical())
        .as("the text is canonical: the member sorts first")
        .isEqualTo(marked);
  }

  @Test
  void aBaseWrittenBeforeUnagreedFieldsExistedNamesNone() {
    String old = "{\"id\":\"FR\",\"name\":\"France\"}";

    assertThat(Unagreed.in(old)).isFalse();
    assertThat(Unagreed.of(Records.parse(old))).isEmpty();
    assertThat(Unagreed.without(old)).isSameAs(old);
    assertThat(Unagreed.mark(old, List.of())).isSameAs(old);
    assertThat(Unagreed.mark("{}", List.of("name"))).isEqualTo("{\"\\u0000unagreed\":[\"name\"]}");
  }

  /** Field by field, an unagreed field compares as if there were no base; the others as usual. */
  @Test
  void anUnagreedFieldConflictsWhileAnAgreedOneFlows() {
    Entity country = ThreeWayDiffTest.COUNTRY;
    Snapshot base = new Snapshot();
    base.put("FR", Unagreed.mark("{\"code\":\"FR\",\"population\":68}", List.of("name")));
    Snapshot file = new Snapshot();
    file.put("FR", "{\"code\":\"FR\",\"name\":\"France\",\"population\":69}");
    Snapshot db = new Snapshot();
    db.put("FR", "{\"code\":\"FR\",\"name\":\"Frankrijk\",\"population\":68}");

    assertThat(ThreeWayDiff.of(country, base, file, db).changes())
        .extracting(Change::id, Change::kind, Change::direction)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("country/FR.name", ChangeKind.CONFLICT, null),
            org.assertj.core.groups.Tuple.tuple(
                "country/FR.population", ChangeKind.UPDATE, Direction.TO_DATABASE));
  }
}
