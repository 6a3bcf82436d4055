package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.SyncStatus.Entry;
import io.syncline.core.SyncStatus.State;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncStatusTest {
  static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
  static final Entity COUNTRY =
      EntityBuilder.entity("country")
          .files("countries.json")
          .key("code")
          .text("code", "name", "num")
          .build();

  static String record(String code, String name, String num) {
    return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\",\"num\":\"" + num + "\"}";
  }

  static Snapshot snapshot(String... records) {
    Snapshot snapshot = new Snapshot();
    for (String record : records) {
      snapshot.put(record.substring("{\"code\":\"".length(), "{\"code\":\"AW".length()), record);
    }
    return snapshot;
  }

  static SyncStatus status(Snapshot base, Snapshot file, Snapshot db, boolean list) {
    EntityDiff diff = ThreeWayDiff.of(COUNTRY, base, file, db);
    return SyncStatus.of(diff, file.size(), NOW, null, list, text -> "#" + text.length());
  }

  @Test
  void eachRecordNotInSyncIsListedOnceInKeyOrderWithHowAndItsBasesChecksum() {
    Snapshot base =
        snapshot(
            record("AW", "Aruba", "1"),
            record("BE", "Belgium", "2"),
            record("DE", "Germany", "3"),
            record("FR", "France", "4"),
            record("GB", "UK", "5"));
    Snapshot file =
        snapshot(
            record("AW", "Aruba!", "1"),
            record("BE", "Belgium", "2"),
            record("DE", "Deutschland", "3"),
            record("FR", "France!", "4"),
            record("GB", "UK", "5"),
            record("CH", "Swiss", "6"));
    Snapshot db =
        snapshot(
            record("AW", "Aruba", "1"),
            record("BE", "Belgique", "2"),
            record("DE", "Germany", "33"),
            record("FR", "Frankrijk", "4"),
            record("GB", "UK", "5"));

    SyncStatus status = status(base, file, db, true);

    String aw = record("AW", "Aruba", "1");
    assertThat(status.notInSync())
        .containsExactly(
            new Entry("AW", State.FILE, "#" + aw.length()),
            new Entry("BE", State.DATABASE, "#" + (aw.length() + 2)),
            new Entry("CH", State.FILE, null),
            new Entry("DE", State.BOTH, "#" + (aw.length() + 2)),
            new Entry("FR", State.CONFLICT, "#" + (aw.length() + 1)));
    assertThat(status.counts())
        .isEqualTo(Map.of(State.FILE, 2L, State.DATABASE, 1L, State.BOTH, 1L, State.CONFLICT, 1L));
    assertThat(status.records()).isEqualTo(6);
    assertThat(status.inSync()).isEqualTo(1);
  }

  @Test
  void aFirstLoadCountsEveryRecordAsNewAndListsNone() {
    Snapshot file = snapshot(record("AW", "Aruba", "1"), record("BE", "Belgium", "2"));
    Snapshot db = snapshot(record("FR", "France", "4"));

    SyncStatus status = status(new Snapshot(), file, db, false);

    assertThat(status.listed()).isFalse();
    assertThat(status.notInSync()).isEmpty();
    assertThat(status.counts()).isEqualTo(Map.of(State.FILE, 2L, State.DATABASE, 1L));
    assertThat(status.inSync()).isZero();
  }
}
