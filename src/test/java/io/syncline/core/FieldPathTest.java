package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.FieldPath.Element;
import io.syncline.core.FieldPath.Member;
import io.syncline.core.FieldPath.Segment;
import io.syncline.core.FieldPath.Slice;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldPathTest {

  /** The worked examples of the class comment, each printed as it is read. */
  @Test
  void theWorkedExamplesReadAsTheirSegmentsAndPrintBackAsWritten() {
    List<Object[]> table =
        List.of(
            new Object[] {"", FieldPath.RECORD},
            new Object[] {"name", FieldPath.of("name")},
            new Object[] {"first name", FieldPath.of("first name")},
            new Object[] {"[\"a.b\"]", FieldPath.of("a.b")},
            new Object[] {"[\"\"]", FieldPath.of("")},
            new Object[] {"address.city", FieldPath.of("address").member("city")},
            new Object[] {"matches[3].score", FieldPath.of("matches").element(3).member("score")},
            new Object[] {"labels[\"a b\"]", FieldPath.of("labels").member("a b")},
            new Object[] {"matches[3:5]", FieldPath.of("matches").slice(3, 5)},
            new Object[] {
              "m[0][1][\"x\\\"y\"]._z-1",
              FieldPath.of("m").element(0).element(1).member("x\"y").member("_z-1")
            });
    for (Object[] row : table) {
      String text = (String) row[0];
      FieldPath path = (FieldPath) row[1];
      assertThat(FieldPath.parse(text)).as(text).isEqualTo(path);
      assertThat(path.toString()).as(text).isEqualTo(text);
    }
  }

  @Test
  void aPathKnowsTheFieldItIsIn() {
    assertThat(FieldPath.parse("matches[3].score").field()).isEqualTo("matches");
    assertThat(FieldPath.parse("first name").field()).isEqualTo("first name");
    assertThat(FieldPath.RECORD.isRecord()).isTrue();
    assertThat(FieldPath.of("name").isRecord()).isFalse();
  }

  @Test
  void aWholeRecordsValueDiffPathReadsAsTheSameMemberItsFieldPathPrints() {
    // ValueDiff quotes a whole record's first member that is not a plain word
    assertThat(FieldPath.parse("[\"first name\"].x")).isEqualTo(FieldPath.parse("first name.x"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[3]",
        ".a",
        "a.",
        "a..b",
        "a[",
        "a[x]",
        "a[3",
        "a[-1]",
        "a[5:3]",
        "a[\"b]",
        "a[\"b\"",
        "a]b[0]x",
        "a[1234567890]"
      })
  void whatIsNotAPathIsRefusedSayingWhere(String text) {
    assertThatThrownBy(() -> FieldPath.parse(text))
        .isInstanceOf(FieldPath.Malformed.class)
        .hasMessageStartingWith("not a field path: " + text + " (at character ");
  }

  @Property
  void everyPathReadsBackAsItPrints(@ForAll("paths") FieldPath path) {
    assertThat(FieldPath.parse(path.toString())).isEqualTo(path);
  }

  @Property
  void everyPathAValueDiffPrintsIsAPath(
      @ForAll("names") String field, @ForAll("paths") FieldPath inner) {
    // a difference deep inside a field: the field's value nests the inner path's members/elements
    Value base = nest(inner, 0, new Value.Text("b"));
    Value file = nest(inner, 0, new Value.Text("f"));
    Value database = nest(inner, 0, new Value.Text("d"));
    String root = FieldPath.of(field).toString();

    for (ValueDiff.Difference difference : ValueDiff.of(root, base, file, database).differences()) {
      FieldPath read = FieldPath.parse(difference.path());
      assertThat(read.field()).isEqualTo(field);
      assertThat(read.toString()).isEqualTo(difference.path());
    }
  }

  /** The value holding {@code leaf} at the segments of {@code path} after its {@code from}th. */
  private static Value nest(FieldPath path, int from, Value leaf) {
    if (from + 1 >= path.segments().size()) {
      return leaf;
    }
    Segment next = path.segments().get(from + 1);
    Value inner = nest(path, from + 1, leaf);
    if (next instanceof Member m) {
      return new Value.Obj(java.util.Map.of(m.name(), inner));
    }
    int at = next instanceof Element e ? e.index() : ((Slice) next).from();
    List<Value> items = new ArrayList<>();
    for (int i = 0; i < at; i++) {
      items.add(Value.NULL);
    }
    items.add(inner);
    return new Value.Array(items);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6),
        Arbitraries.strings().withChars("ab.[]\"\\ /:_-0").ofMaxLength(5),
        Arbitraries.of("name", "first name", "a.b", "[0]", "", "x\"y", "é"));
  }

  @Provide
  Arbitrary<FieldPath> paths() {
    Arbitrary<Segment> segment =
        Arbitraries.oneOf(
            names().map(Member::new),
            Arbitraries.integers().between(0, 12).map(Element::new),
            Combinators.combine(
                    Arbitraries.integers().between(0, 6), Arbitraries.integers().between(0, 6))
                .as((from, length) -> new Slice(from, from + length)));
    return Combinators.combine(names(), segment.list().ofMaxSize(4))
        .as(
            (field, rest) -> {
              List<Segment> segments = new ArrayList<>();
              segments.add(new Member(field));
              segments.addAll(rest);
              return new FieldPath(segments);
            });
  }
}
