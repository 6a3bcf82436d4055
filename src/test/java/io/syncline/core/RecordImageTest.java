package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordImageTest {
  static final String ROW = "{\"id\":\"a\",\"n\":1}";

  @Test
  void aRowHoldsWhatItsFingerprintWasTakenFrom() {
    assertThat(RecordImage.holds(ROW, RecordImage.fingerprint(ROW))).isTrue();
    assertThat(RecordImage.holds(ROW, ROW)).isTrue();
  }

  @Test
  void aRowChangedInOneCharacterDoesNotHoldTheFingerprint() {
    String fingerprint = RecordImage.fingerprint(ROW);

    assertThat(RecordImage.holds("{\"id\":\"a\",\"n\":2}", fingerprint)).isFalse();
    assertThat(RecordImage.holds("{\"id\":\"b\",\"n\":1}", fingerprint)).isFalse();
    assertThat(RecordImage.holds(null, fingerprint)).isFalse();
  }

  @Test
  void aGoneRowHoldsOnlyAGoneImage() {
    assertThat(RecordImage.holds(null, null)).isTrue();
    assertThat(RecordImage.holds(ROW, null)).isFalse();
  }

  @Test
  void aFingerprintIsShortAndNeverTakenForARecordText() {
    String fingerprint = RecordImage.fingerprint(ROW.repeat(100));

    assertThat(fingerprint).startsWith("#").hasSizeLessThan(30);
    assertThat(RecordImage.fingerprint(fingerprint)).isEqualTo(fingerprint);
    assertThat(RecordImage.fingerprint(null)).isNull();
  }

  @Test
  void imagesWrittenBeforeTheFourLaneFingerprintStillCompare() {
    String writtenByAnEarlierVersion = "#c0ddccf29a162f72:16"; // of ROW, one FNV-1a lane

    assertThat(RecordImage.holds(ROW, writtenByAnEarlierVersion)).isTrue();
    assertThat(RecordImage.holds("{\"id\":\"a\",\"n\":2}", writtenByAnEarlierVersion)).isFalse();
  }

  @Test
  void characterSwappedBetweenLanesChangeTheFingerprint() {
    String swapped = "{\"id\":\"a\",\"n\":1}".replace("id", "di");
    String shifted = "{\"id\":\"ab\",\"n\":1}";

    assertThat(RecordImage.fingerprint(swapped)).isNotEqualTo(RecordImage.fingerprint(ROW));
    assertThat(RecordImage.holds(swapped, RecordImage.fingerprint(ROW))).isFalse();
    assertThat(RecordImage.fingerprint(shifted))
        .isNotEqualTo(RecordImage.fingerprint("{\"id\":\"ba\",\"n\":1}"));
  }

  @Test
  void aFirstSyncImagesEachInsertedRowOverNoBaseAndAFileInsertByItsBaseAlone() {
    Snapshot file = new Snapshot();
    file.put("a", "{\"code\":\"a\",\"name\":\"A\"}");
    Snapshot database = new Snapshot();
    database.put("c", "{\"code\":\"c\",\"name\":\"C\"}");
    EntityDiff diff = ThreeWayDiff.of(ThreeWayDiffTest.COUNTRY, new Snapshot(), file, database);
    EntityPlan plan = new ChangeSet(java.util.List.of(diff), java.util.List.of()).plan().get(0);

    java.util.Collection<RecordImage> images = RecordImage.of(plan, diff);

    assertThat(images)
        .containsExactly(
            new RecordImage("a", true, null, file.get("a"), true, null, file.get("a")),
            new RecordImage("c", false, null, null, true, null, database.get("c")));
  }
}
