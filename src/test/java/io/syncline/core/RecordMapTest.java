package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordMapTest {
  /** The inserts of a diff whose file holds {@code codes} and whose table is empty. */
  static Inserts fileOnly(String... codes) {
    Snapshot file = new Snapshot();
    for (String code : codes) {
      file.put(code, ChangeListTest.record(code, "f"));
    }
    return ThreeWayDiff.of(ThreeWayDiffTest.COUNTRY, new Snapshot(), file, new Snapshot())
        .changes()
        .inserts()
        .get(0);
  }

  @Test
  void aRunAndRecordsPutOneByOneAreWalkedInOneKeyOrder() {
    RecordMap map = new RecordMap(new LinkedHashMap<>());
    map.add(fileOnly("3", "1", "B"));
    map.put("2", "{two}");
    map.put("A", null);

    assertThat(new ArrayList<>(map.keySet())).containsExactly("1", "2", "3", "A", "B");
    assertThat(map).hasSize(5);
    assertThat(map.get("3")).isEqualTo(ChangeListTest.record("3", "f"));
    assertThat(map.get("2")).isEqualTo("{two}");
    assertThat(map.containsKey("A")).isTrue();
    assertThat(map.containsKey("C")).isFalse();
    assertThat(map.containsValue(null)).isTrue();
    assertThat(map.containsValue(ChangeListTest.record("B", "f"))).isTrue();
  }

  @Test
  void aKeyOfARunCannotBePutOrRemovedOneByOne() {
    RecordMap map = new RecordMap(new LinkedHashMap<>());
    map.add(fileOnly("1"));

    assertThatThrownBy(() -> map.put("1", "{}")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.remove("1")).isInstanceOf(UnsupportedOperationException.class);
    assertThat(map.get("1")).isEqualTo(ChangeListTest.record("1", "f"));
  }

  @Test
  void aRunIsHeldAsTheSameRunOnly() {
    Inserts run = fileOnly("1");
    RecordMap map = new RecordMap(new LinkedHashMap<>());
    map.add(run);

    assertThat(map.holds(run)).isTrue();
    assertThat(map.holds(fileOnly("1"))).isFalse();
    assertThat(map.runs()).containsExactly(run);
    assertThat(map.others()).isEmpty();
    assertThat(List.copyOf(map.entrySet())).hasSize(1);
  }
}
