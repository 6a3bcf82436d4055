package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.internal.PackedRecordsTest;
import io.syncline.core.internal.PackedRecordsTest.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
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
  @Provide
  Arbitrary<List<Op>> ops() {
    return PackedRecordsTest.operations();
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
  void aWalkFindsEachKeyOnTheOtherSideAndComparesTextsAsStringsDo(
      @ForAll("ops") List<Op> left, @ForAll("ops") List<Op> right) {
    Snapshot a = new Snapshot();
    Snapshot b = new Snapshot();
    left.forEach(op -> a.set(op.key(), op.text()));
    right.forEach(op -> b.set(op.key(), op.text()));
    List<String> walked = new ArrayList<>();

    a.forEach(
        entry -> {
          walked.add(entry.key());
          assertThat(entry.text()).isEqualTo(a.get(entry.key()));
          Snapshot.Entry there = entry.in(b);
          assertThat(there != null).isEqualTo(b.has(entry.key()));
          if (there != null) {
            assertThat(there.key()).isEqualTo(entry.key());
            assertThat(entry.sameText(there)).isEqualTo(entry.text().equals(there.text()));
          }
        });

    assertThat(walked).isEqualTo(new ArrayList<>(a.keys()));
    List<Map.Entry<String, String>> records = new ArrayList<>();
    a.records().forEachRemaining(records::add);
    assertThat(records).isEqualTo(walked.stream().map(key -> Map.entry(key, a.get(key))).toList());
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
  void inOrderHoldsTheSameRecordsInTheKeysOrderAndNeitherSeesWhatTheOtherWritesAfter(
      @ForAll("ops") List<Op> ops, @ForAll("ops") List<Op> after) {
    Snapshot a = new Snapshot();
    ops.forEach(op -> a.set(op.key(), op.text()));
    Map<String, String> before = new LinkedHashMap<>();
    a.keys().forEach(key -> before.put(key, a.get(key)));
    List<String> reversed = new ArrayList<>(a.keys());
    java.util.Collections.reverse(reversed);

    Snapshot b = a.inOrder(reversed).orElseThrow();

    assertThat(new ArrayList<>(b.keys())).isEqualTo(reversed);
    before.forEach((key, text) -> assertThat(b.get(key)).isEqualTo(text));
    assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    Map<String, String> inA = new LinkedHashMap<>(before);
    Map<String, String> inB = new LinkedHashMap<>(before);
    for (Op op : after) {
      if (op.kind() == 3) {
        b.remove(op.key());
        inB.remove(op.key());
      } else {
        b.set(op.key(), op.text() + "b");
        inB.put(op.key(), op.text() + "b");
      }
      a.set(op.key() + "a", op.text());
      inA.put(op.key() + "a", op.text());
    }
    inA.forEach((key, text) -> assertThat(a.get(key)).isEqualTo(text));
    inB.forEach((key, text) -> assertThat(b.get(key)).isEqualTo(text));
    assertThat(b.size()).isEqualTo(inB.size());
  }

  @Test
  void inOrderRefusesKeysThatAreNotExactlyTheSnapshots() {
    Snapshot a = new Snapshot();
    a.put("x", "{\"id\":\"x\"}");
    a.put("y", "{\"id\":\"y\"}");

    assertThat(a.inOrder(List.of("y", "x"))).isPresent();
    assertThat(a.inOrder(List.of("y"))).isEmpty();
    assertThat(a.inOrder(List.of("y", "z"))).isEmpty();
    assertThat(a.inOrder(List.of("y", "y"))).isEmpty();
    assertThat(a.inOrder(List.of("x", "y", "z"))).isEmpty();
  }

  @Property(tries = 300)
  void theFingerprintTellsRecordsApartWhateverTheirOrder(@ForAll("ops") List<Op> ops) {
    Snapshot a = new Snapshot();
    ops.forEach(op -> a.set(op.key(), op.text()));
    List<String> keys = new ArrayList<>(a.keys());
    Snapshot reversed = new Snapshot();
    for (int i = keys.size() - 1; i >= 0; i--) {
      reversed.put(keys.get(i), a.get(keys.get(i)));
    }
    assertThat(reversed.fingerprint()).isEqualTo(a.fingerprint());
    for (String key : keys) {
      Snapshot changed = copyOf(a);
      changed.set(key, a.get(key) + " ");
      assertThat(changed.fingerprint()).as("text of %s changed", key).isNotEqualTo(a.fingerprint());
      Snapshot renamed = copyOf(a);
      renamed.remove(key);
      renamed.put(key + "'", a.get(key));
      assertThat(renamed.fingerprint()).as("key %s renamed", key).isNotEqualTo(a.fingerprint());
      Snapshot fewer = copyOf(a);
      fewer.remove(key);
      assertThat(fewer.fingerprint()).as("%s removed", key).isNotEqualTo(a.fingerprint());
    }
  }

  @Test
  void theFingerprintReadsEveryByteOfKeyAndText() {
    String text = "{\"id\":\"rec-1\",\"notes\":\"0123456789abcdef\"}";
    Snapshot a = new Snapshot();
    a.put("rec-1", text);
    for (int i = 0; i < text.length(); i++) {
      Snapshot changed = new Snapshot();
      changed.put(
          "rec-1", text.substring(0, i) + (char) (text.charAt(i) ^ 1) + text.substring(i + 1));
      assertThat(changed.fingerprint()).as("character %d", i).isNotEqualTo(a.fingerprint());
    }
    Snapshot swapped = new Snapshot();
    swapped.put("rec-1", text);
    swapped.put("rec-2", text);
    Snapshot twice = new Snapshot();
    twice.put("rec-1", text);
    twice.put("rec-2", text.replace("rec-1", "rec-2"));
    assertThat(swapped.fingerprint()).isNotEqualTo(twice.fingerprint());
    assertThat(new Snapshot().fingerprint()).isNotEqualTo(a.fingerprint());
    // a text beyond one byte a character is held two bytes a character: its last one counts too
    Snapshot wide = new Snapshot();
    wide.put("rec-1", text + "\u0394x");
    Snapshot wideChanged = new Snapshot();
    wideChanged.put("rec-1", text + "\u0394y");
    assertThat(wideChanged.fingerprint()).isNotEqualTo(wide.fingerprint());
  }

  private static Snapshot copyOf(Snapshot snapshot) {
    Snapshot copy = new Snapshot();
    snapshot.keys().forEach(key -> copy.put(key, snapshot.get(key)));
    return copy;
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
