package io.syncline.core;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each failure builds its own message; callers tell failures apart by type, never by text. */
class FailuresTest {
  static final Entity JOB = entity("job").key("id").text("id", "name").build();

  @Test
  void aRecordWithoutItsKeyIsAMissingKeyWhoseFactLeavesOutTheNextStep() {
    Value.Obj record = (Value.Obj) CanonicalJson.parse("{\"name\":\"x\"}");

    assertThatThrownBy(() -> RecordKey.text(JOB, record, "jobs.json:3"))
        .isInstanceOfSatisfying(
            BadRecord.MissingKey.class,
            e -> {
              assertThat(e.fact()).isEqualTo("jobs.json:3: job.id: the record has no id (its key)");
              assertThat(e.getMessage()).isEqualTo(e.fact() + "; nothing was changed");
            });
  }

  @Test
  void anotherNextStepTakesThePlaceOfNothingWasChanged() {
    BadRecord bad = new BadRecord("a.json:2", "job", "7", "n", "expected integer, found x");

    BadRecord advised = bad.withNextStep("fix the value in the file");

    assertThat(advised.getMessage())
        .isEqualTo("a.json:2: job/7.n: expected integer, found x; fix the value in the file");
    assertThat(advised.fact()).isEqualTo(bad.fact());
  }

  @Test
  void everyReadOnlyRefusalStartsTheSameWay() {
    assertThat(ReadOnlyConnection.needsWritable("apply").getMessage())
        .isEqualTo(
            "the connection is read-only (connect ... --read-only); apply needs a writable one");
    assertThat(ReadOnlyConnection.ownTablesNeedWritable().getMessage())
        .isEqualTo(
            "the connection is read-only (connect ... --read-only); Syncline's own tables need a"
                + " writable one");
    assertThat(ReadOnlyConnection.sqlMayOnlyRead().getMessage())
        .isEqualTo(
            "the connection is read-only (connect ... --read-only); `sql` may only read here");
    assertThat(ReadOnlyConnection.sqlCallsNoProcedure().getMessage())
        .isEqualTo(
            "the connection is read-only (connect ... --read-only); `sql` does not CALL or EXECUTE"
                + " here, since a procedure can end the transaction and write");
  }

  @Test
  void aFileChangedNamesTheFileThenWhenWhatBecameOfTheFilesAndWhatToRun() {
    SynclineException.FileChanged changed = new SynclineException.FileChanged("tasks.yml");

    assertThat(changed.getMessage())
        .isEqualTo(
            "tasks.yml changed while Syncline was writing it; nothing was changed; run it again");
    SynclineException.FileChanged duringExport =
        changed.during("during the export", "it was left as it is", "run `export` again");
    assertThat(duringExport.getMessage())
        .isEqualTo("tasks.yml changed during the export; it was left as it is; run `export` again");
    assertThat(duringExport.file()).isEqualTo("tasks.yml");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | ''",
        "'one line' | 'one line'",
        "'  padded  \n  second' | 'padded'",
        "'\nafter a blank line' | 'after a blank line'",
        "'first \nsecond\nthird' | 'first'",
      })
  void firstLineKeepsTheFirstLineTrimmed(String message, String expected) {
    assertThat(SynclineException.firstLine(message)).isEqualTo(expected);
  }

  @Test
  void firstLineOfNoMessageIsEmpty() {
    assertThat(SynclineException.firstLine(null)).isEmpty();
  }
}
