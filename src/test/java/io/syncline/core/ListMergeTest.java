package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ListMergeTest {

  /** base, file, database → the merged list, or null for a conflict. */
  static Stream<Arguments> lists() {
    return Stream.of(
        Arguments.of("[1,2,3,4]", "[9,2,3,4]", "[1,2,8,4]", "[9,2,8,4]"),
        Arguments.of("[1,2,3,4]", "[1,9,3,4]", "[1,2,8,4]", "[1,9,8,4]"), // neighbours
        Arguments.of("[1,2,3]", "[1,9,3]", "[1,3]", null), // changed and removed
        Arguments.of("[1,2]", "[0,1,2]", "[1,2,3]", "[0,1,2,3]"),
        Arguments.of("[1,2]", "[1,5,2]", "[1,6,2]", null), // two inserts at one place
        Arguments.of("[1,2]", "[1,5,2]", "[1,5,2]", "[1,5,2]"),
        Arguments.of("[1,2]", "[2]", "[1,7,3]", "[7,3]"),
        Arguments.of("[1,2,3]", "[1,3]", "[1,2,3,4]", "[1,3,4]"),
        Arguments.of("[1,2,3]", "[3]", "[2,3]", null), // removed 1 and 2, removed 1 only
        Arguments.of("[1,2,3]", "[]", "[1,2,3]", "[]"),
        Arguments.of("[]", "[1]", "[2]", null),
        Arguments.of(
            "[{\"n\":1,\"s\":0},5]",
            "[{\"n\":1,\"s\":2},5]",
            "[{\"n\":3,\"s\":0},5]",
            "[{\"n\":3,\"s\":2},5]"),
        Arguments.of("[{\"s\":0}]", "[{\"s\":1}]", "[{\"s\":2}]", null),
        Arguments.of("[[1,2],[3]]", "[[0,1,2],[3]]", "[[1,2,4],[3,5]]", "[[0,1,2,4],[3,5]]"),
        Arguments.of("[1,2]", "{\"a\":1}", "[1,3]", null));
  }

  @ParameterizedTest(name = "base={0} file={1} db={2} → {3}")
  @MethodSource("lists")
  void elementsChangedInDifferentPlacesMerge(String base, String file, String db, String merged) {
    Optional<Value> result = ValueMerge.merge(json(base), json(file), json(db));

    assertThat(result.map(Value::canonical))
        .isEqualTo(Optional.ofNullable(merged).map(ListMergeTest::canonical));
    assertThat(ValueDiff.of("v", json(base), json(file), json(db)).conflicts().isEmpty())
        .isEqualTo(merged != null);
  }

  /**
   * A side with changes at both ends of a list too long to align element by element counts its
   * whole middle as changed; the merge still pairs the elements when no side changed the length.
   */
  @org.junit.jupiter.api.Test
  void aListTooLongToAlignStillMergesEditsThatKeepItsLength() {
    List<Value> base = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      base.add(number(i));
    }
    List<Value> file = new ArrayList<>(base);
    file.set(0, number(-1));
    file.set(2499, number(-2));
    List<Value> database = new ArrayList<>(base);
    database.set(1000, number(-3));
    List<Value> expected = new ArrayList<>(file);
    expected.set(1000, number(-3));

    assertThat(merged(new Value.Array(base), new Value.Array(file), new Value.Array(database)))
        .contains(new Value.Array(expected).canonical());
  }

  @Property(tries = 300)
  void aListChangedOnTheFileSideOnlyIsTheFilesList(@ForAll("edits") List<Value> edits) {
    Value base = edits.get(0);
    Value x = edits.get(1);
    assertThat(merged(base, x, base)).contains(x.canonical());
    assertThat(merged(base, base, x)).contains(x.canonical());
    assertThat(merged(base, x, x)).contains(x.canonical());
  }

  @Property(tries = 500)
  void aMergeWithoutConflictIsTheSameWithTheSidesSwapped(@ForAll("edits") List<Value> edits) {
    Value base = edits.get(0);
    Value file = edits.get(1);
    Value database = edits.get(2);

    assertThat(merged(base, file, database)).isEqualTo(merged(base, database, file));
  }

  @Property(tries = 500)
  void aMergeFailsExactlyWhereTheDiffShowsAConflict(@ForAll("edits") List<Value> edits) {
    Value base = edits.get(0);
    Value file = edits.get(1);
    Value database = edits.get(2);

    assertThat(merged(base, file, database).isPresent())
        .isEqualTo(ValueDiff.of("v", base, file, database).conflicts().isEmpty());
  }

  static Optional<String> merged(Value base, Value file, Value database) {
    return ValueMerge.merge(base, file, database).map(Value::canonical);
  }

  /** A base list and two lists edited from it (elements changed, inserted, removed). */
  @Provide
  Arbitrary<List<Value>> edits() {
    Arbitrary<List<Value>> base = element().list().ofMaxSize(8);
    return base.flatMap(
        b ->
            Combinators.combine(edited(b), edited(b))
                .as((f, d) -> List.<Value>of(new Value.Array(b), f, d)));
  }

  private static Arbitrary<Value> element() {
    Arbitrary<Value> number = Arbitraries.integers().between(0, 4).map(ListMergeTest::number);
    Arbitrary<Value> object =
        Combinators.combine(
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2))
            .as((n, s) -> json("{\"n\":" + n + ",\"s\":" + s + "}"));
    return Arbitraries.oneOf(number, object);
  }

  /** {@code base} with up to four edits at random places. */
  private static Arbitrary<Value> edited(List<Value> base) {
    Arbitrary<int[]> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 3), // keep, change, insert, remove
                Arbitraries.integers().between(0, 8),
                Arbitraries.integers().between(0, 2))
            .as((kind, at, n) -> new int[] {kind, at, n});
    return Combinators.combine(edit.list().ofMaxSize(4), element().list().ofSize(4))
        .as(
            (ops, elements) -> {
              List<Value> out = new ArrayList<>(base);
              for (int i = 0; i < ops.size(); i++) {
                int[] op = ops.get(i);
                int at = out.isEmpty() ? 0 : op[1] % (out.size() + 1);
                switch (op[0]) {
                  case 1 -> {
                    if (at < out.size()) {
                      out.set(at, changed(out.get(at), op[2]));
                    }
                  }
                  case 2 -> out.add(at, elements.get(i));
                  case 3 -> {
                    if (at < out.size()) {
                      out.remove(at);
                    }
                  }
                  default -> {}
                }
              }
              return new Value.Array(out);
            });
  }

  /** An object with one member moved (so two sides' edits of one element may merge), or another. */
  private static Value changed(Value element, int how) {
    if (element instanceof Value.Obj o) {
      String member = how == 0 ? "n" : "s";
      int now = ((Value.Num) o.get(member)).value().intValue();
      java.util.Map<String, Value> fields = new java.util.LinkedHashMap<>(o.fields());
      fields.put(member, number(now + 1 + how));
      return new Value.Obj(fields);
    }
    return number(((Value.Num) element).value().intValue() + 1 + how);
  }

  private static Value number(int n) {
    return new Value.Num(java.math.BigDecimal.valueOf(n));
  }

  static Value json(String text) {
    return CanonicalJson.parse(text);
  }

  static String canonical(String text) {
    return json(text).canonical();
  }
}
