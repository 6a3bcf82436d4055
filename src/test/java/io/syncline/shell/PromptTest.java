package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.ChangeSet;
import io.syncline.core.Side;
import io.syncline.core.Snapshot;
import io.syncline.core.ThreeWayDiff;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptTest {
  /** Three records whose n was changed differently in the file and in the database. */
  static ChangeSet conflicts() {
    Snapshot base = new Snapshot();
    Snapshot file = new Snapshot();
    Snapshot db = new Snapshot();
    for (String id : List.of("a", "b", "c")) {
      base.put(id, "{\"id\":\"" + id + "\",\"n\":1}");
      file.put(id, "{\"id\":\"" + id + "\",\"n\":2}");
      db.put(id, "{\"id\":\"" + id + "\",\"n\":3}");
    }
    return new ChangeSet(List.of(ThreeWayDiff.of(DiffViewTest.THING, base, file, db)), List.of());
  }

  @Test
  void resolvedConflictsShowAsTheUpdatesThatExitCountsAsStaged() {
    ChangeSet changes = conflicts();
    assertThat(Prompt.pending(changes).toString()).isEqualTo(" !3");

    changes.resolve("thing", Side.DATABASE);

    assertThat(changes.summary().staged()).isEqualTo(3);
    assertThat(Prompt.pending(changes).toString()).isEqualTo(" ~3");
  }
}
