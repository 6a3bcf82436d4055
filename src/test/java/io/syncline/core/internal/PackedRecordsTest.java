package io.syncline.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The entries of packed records, which the snapshot's walk and the diff's inserts use: a key is
 * found in another store whatever entry is guessed, texts compare in place as their strings do, and
 * chosen entries are copied as they are. {@code SnapshotTest} checks the rest through {@link
 * io.syncline.core.Snapshot}.
 */
public class PackedRecordsTest {
  public record Op(int kind, String key, String text) {}

  /**
   * Few keys, so that operations meet; texts of one, two and four bytes a character, and halves.
   */
  @Provide
  Arbitrary<List<Op>> ops() {
    return operations();
  }

  /** Operations on a store of records, as the {@link Op#kind} says (see {@code SnapshotTest}). */
  public static Arbitrary<List<Op>> operations() {
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

  @Property(tries = 200)
  void entriesCompareAcrossStoresAsTheirTextsCompare(
      @ForAll("ops") List<Op> left, @ForAll("ops") List<Op> right) {
    PackedRecords a = new PackedRecords(16);
    PackedRecords b = new PackedRecords(16);
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
  void ofCopiesTheChosenEntriesInTheOrderGiven(@ForAll("ops") List<Op> ops) {
    PackedRecords from = new PackedRecords(16);
    ops.forEach(op -> from.set(op.key(), op.text()));
    List<Integer> entries = new ArrayList<>();
    for (int e = from.first(0); e >= 0; e = from.first(e + 1)) {
      if (from.key(e).hashCode() % 2 == 0) {
        entries.add(0, e); // every other key, backwards
      }
    }

    PackedRecords only =
        PackedRecords.of(
            from, entries.stream().mapToInt(Integer::intValue).toArray(), entries.size());

    assertThat(keys(only)).isEqualTo(entries.stream().map(from::key).toList());
    entries.forEach(e -> assertThat(only.get(from.key(e))).isEqualTo(from.text(e)));
    entries.forEach(e -> assertThat(only.find(from.key(e))).isNotNegative());
  }

  private static List<String> keys(PackedRecords records) {
    List<String> keys = new ArrayList<>();
    for (int e = records.first(0); e >= 0; e = records.first(e + 1)) {
      keys.add(records.key(e));
    }
    return keys;
  }
}
