package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A snapshot holds records as bytes; it must behave exactly as the map of strings it stands for:
 * {@code put} keeps the first text, {@code set} replaces, a key removed and added again goes to the
 * end, and every text comes back as it went in, whatever its characters.
 */
class SnapshotTest {
  record Op(int kind, String key, String text) {}

  /**
   * Few keys, so that operations meet; texts of one, two and four bytes a character, and halves.
   */
  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> keys =
        Arbitraries.of("a", "b", "rec-1", "rec-2", "é", "中文", "\ud83d\ude00", "\ud800", "", "k");
    Arbitrary<String> texts =
        Arbitraries.oneOf(
            Arbitraries.strings().ascii().ofMaxLength(40),
            Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(20),
            Arbitraries.of("{\"id\":\"a\"}", "{\"name\":\"Zoë\"}", "{\"n\":\"\ud800\"}"));
    return Combinators.combine(Arbitraries.integers().between(0, 5), keys, texts)
        .as(Op::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 500)
  void aSnapshotBehavesAsAMapOfStrings(@ForAll("ops") List<Op> ops) {
    Snapshot snapshot = new Snapshot(2);
    Map<String, String> model = new LinkedHashMap<>();
    for (Op op : ops) {
      switch (op.kind()) {
        case 0, 1 ->
            assertThat(snapshot.put(op.key(), op.text()))
                .isEqualTo(model.putIfAbsent(op.key(), op.text()));
        case 2 -> {
          snapshot.set(op.key(), op.text());
          model.put(op.key(), op.text());
        }
        case 3 -> {
          snapshot.remove(op.key());
          model.remove(op.key());
        }
        case 4 -> assertThat(snapshot.get(op.key())).isEqualTo(model.get(op.key()));
        default -> assertThat(snapshot.has(op.key())).isEqualTo(model.containsKey(op.key()));
      }
      assertThat(snapshot.size()).isEqualTo(model.size());
    }
    assertThat(new ArrayList<>(snapshot.keys())).isEqualTo(new ArrayList<>(model.keySet()));
    model.forEach((key, text) -> assertThat(snapshot.get(key)).isEqualTo(text));
  }

  @Property(tries = 200)
  void entriesCompareAcrossSnapshotsAsTheirTextsCompare(
      @ForAll("ops") List<Op> left, @ForAll("ops") List<Op> right) {
    Snapshot a = new Snapshot();
    Snapshot b = new Snapshot();
    left.forEach(op -> a.set(op.key(), op.text()));
    right.forEach(op -> b.set(op.key(), op.text()));

    for (int e = a.first(0); e >= 0; e = a.first(e + 1)) {
      int other = b.find(a, e);
      assertThat(other >= 0).isEqualTo(b.has(a.key(e)));
      for (int guess : new int[] {-1, 0, e, other, other + 1, 1000}) {
        assertThat(b.find(a, e, guess)).as("guessing %d", guess).isEqualTo(other);
      }
      if (other >= 0) {
        assertThat(b.key(other)).isEqualTo(a.key(e));
        assertThat(a.sameText(e, b, other)).isEqualTo(a.text(e).equals(b.text(other)));
      }
    }
  }

  @Property(tries = 200)
  void absorbAddsTheOtherRecordsInOrderAndNamesAKeyHeldTwice(
      @ForAll("ops") List<Op> left, @ForAll("ops") List<Op> right) {
    Snapshot a = new Snapshot();
    Snapshot b = new Snapshot();
    Map<String, String> model = new LinkedHashMap<>();
    left.forEach(op -> a.set(op.key(), op.text()));
    right.forEach(op -> b.set(op.key(), op.text()));
    a.keys().forEach(key -> model.put(key, a.get(key)));
    String twice = null;
    for (String key : b.keys()) {
      if (model.containsKey(key)) {
        twice = key;
        break;
      }
      model.put(key, b.get(key));
    }

    assertThat(a.absorb(b)).isEqualTo(twice);
    assertThat(new ArrayList<>(a.keys())).isEqualTo(new ArrayList<>(model.keySet()));
    model.forEach((key, text) -> assertThat(a.get(key)).isEqualTo(text));
    // what is written afterwards goes after the absorbed bytes, never over them
    right.forEach(
        op -> {
          a.set(op.key() + "+", op.text() + "+");
          model.put(op.key() + "+", op.text() + "+");
        });
    model.forEach((key, text) -> assertThat(a.get(key)).isEqualTo(text));
  }

  @Property(tries = 200)
  void ofCopiesTheChosenEntriesInTheOrderGiven(@ForAll("ops") List<Op> ops) {
    Snapshot from = new Snapshot();
    ops.forEach(op -> from.set(op.key(), op.text()));
    List<Integer> entries = new ArrayList<>();
    for (int e = from.first(0); e >= 0; e = from.first(e + 1)) {
      if (from.key(e).hashCode() % 2 == 0) {
        entries.add(0, e); // every other key, backwards
      }
    }

    Snapshot only =
        Snapshot.of(from, entries.stream().mapToInt(Integer::intValue).toArray(), entries.size());

    assertThat(new ArrayList<>(only.keys())).isEqualTo(entries.stream().map(from::key).toList());
    entries.forEach(e -> assertThat(only.get(from.key(e))).isEqualTo(from.text(e)));
    entries.forEach(e -> assertThat(only.find(from.key(e))).isNotNegative());
  }

  @Test
  void aMillionRecordsGrowTheIndexAndSpanSeveralChunks() {
    Snapshot snapshot = new Snapshot();
    for (int i = 0; i < 300_000; i++) {
      snapshot.put("rec-" + i, "{\"id\":\"rec-" + i + "\",\"notes\":\"lorem ipsum dolor\"}");
    }
    snapshot.remove("rec-7");
    snapshot.set("rec-7", "{\"id\":\"rec-7\"}");

    assertThat(snapshot.size()).isEqualTo(300_000);
    assertThat(snapshot.get("rec-299999")).contains("rec-299999");
    assertThat(snapshot.get("rec-7")).isEqualTo("{\"id\":\"rec-7\"}");
    assertThat(snapshot.keys().stream().reduce((x, y) -> y)).contains("rec-7");
  }
}
