package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.Change;
import io.syncline.core.Progress;
import io.syncline.core.QueryResult;
import io.syncline.core.Side;
import io.syncline.core.SynclineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A large file as the last apply left it is not parsed again by the next {@code load}: its records
 * are the base's ({@code ParseMemo}). What the session does with them is what it does with a parse:
 * the database's changes are written back into the file in place, an edit made since is seen, an
 * edit made during the apply refused, and a record the sides disagree on keeps the file parsed
 * until they agree.
 */
class RememberedParseTest extends InWorkingDirectory {
  /** Large enough to be remembered (16 MiB): 64,000 records of about 290 bytes. */
  static final int RECORDS = 64_000;

  static final String URL = "jdbc:sqlite:big.db";

  Path file;
  String text;
  final List<String> counted = new ArrayList<>();
  final Progress progress =
      (what, unit, total) -> {
        counted.add(what);
        return Progress.NONE.start(what, unit, total);
      };

  @BeforeEach
  void synced() throws IOException {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < RECORDS; i++) {
      json.append(i == 0 ? "" : ",\n")
          .append("  {\"id\": \"r")
          .append(String.format("%06d", i))
          .append("\", \"n\": ")
          .append(i)
          .append(", \"notes\": \"")
          .append("lorem ipsum dolor sit amet ".repeat(9))
          .append("\", \"tags\": [\"a\", \"b\"]}");
    }
    text = json.append("\n]\n").toString();
    file = dir.resolve("big.json");
    Files.writeString(file, text);
    assertThat(Files.size(file)).isGreaterThan(16L << 20);
    session = new Session(dir, Clock.systemUTC());
    session.connect(URL, null, null, false);
    load();
    session.apply();
  }

  LoadRequest big() {
    return new LoadRequest("big.json", "rec", List.of("id"), null, null, null);
  }

  void load() {
    counted.clear();
    session.load(big(), progress);
  }

  boolean parsed() {
    return counted.contains("reading big.json");
  }

  boolean recalled() {
    return counted.contains("checking big.json against its last reading") && !parsed();
  }

  @Test
  void theDatabasesChangesAreWrittenIntoTheFileTakenFromTheBase() throws IOException {
    session.sql("UPDATE rec SET n = -1 WHERE id IN ('r000007', 'r031000', 'r063999')");

    load();

    assertThat(recalled()).isTrue();
    assertThat(session.changes().changes())
        .extracting(c -> c.key().text() + " " + c.direction())
        .containsExactly("r000007 TO_FILE", "r031000 TO_FILE", "r063999 TO_FILE");
    session.apply();
    assertThat(Files.readString(file))
        .isEqualTo(
            text.replace("\"n\": 7,", "\"n\": -1,")
                .replace("\"n\": 31000,", "\"n\": -1,")
                .replace("\"n\": 63999,", "\"n\": -1,"));
    load();
    assertThat(parsed()).isTrue(); // the file was written since
    assertThat(session.changes().changes()).isEmpty();
    load();
    assertThat(recalled()).isTrue();
    assertThat(session.changes().changes()).isEmpty();
  }

  @Test
  void nothingChangedReadsNoDifferenceAndAMemoDeletedCostsAParse() throws IOException {
    load();
    assertThat(recalled()).isTrue();
    assertThat(session.changes().changes()).isEmpty();

    deleteMemos();
    load();

    assertThat(parsed()).isTrue();
    assertThat(session.changes().changes()).isEmpty();
  }

  @Test
  void anEditOfTheFileAtTheSameSizeIsReadAndSent() throws IOException {
    Files.writeString(file, text.replace("\"n\": 12345,", "\"n\": 54321,"));

    load();

    assertThat(parsed()).isTrue();
    assertThat(session.changes().changes())
        .extracting(c -> c.key().text() + " " + c.direction())
        .containsExactly("r012345 TO_DATABASE");
    session.apply();
    assertThat(rows("SELECT n FROM rec WHERE id = 'r012345'")).isEqualTo("[[54321]]");
  }

  @Test
  void anEditDuringTheApplyOfARecalledFileIsRefused() throws IOException {
    session.sql("UPDATE rec SET n = -1 WHERE id = 'r000100'");
    load();
    assertThat(recalled()).isTrue();
    String edited = text.replace("\"n\": 500,", "\"n\": 600,");
    Files.writeString(file, edited);

    assertThatThrownBy(() -> session.apply())
        .isInstanceOf(SynclineException.FileChanged.class)
        .hasMessage(
            "big.json changed since `load` (during the apply); nothing was changed; run `load`"
                + " again");

    assertThat(Files.readString(file)).isEqualTo(edited);
    assertThat(rows("SELECT n FROM rec WHERE id IN ('r000100', 'r000500') ORDER BY id"))
        .isEqualTo("[[-1], [500]]");
  }

  @Test
  void aRecordTheSidesDisagreeOnKeepsTheFileParsedUntilTheyAgree() throws IOException {
    session.sql("UPDATE rec SET n = -1 WHERE id = 'r000042'");
    Files.writeString(file, text.replace("\"n\": 42,", "\"n\": 24,"));
    load();
    assertThat(conflicts()).containsExactly("r000042");
    session.apply(); // the conflict is left: nothing else to apply

    load();
    assertThat(parsed()).isTrue();
    assertThat(conflicts()).containsExactly("r000042");

    session.changes().changes().stream()
        .filter(Change::isConflict)
        .forEach(c -> session.changes().resolve(c.id(), Side.DATABASE));
    session.apply();
    load();
    assertThat(parsed()).isTrue(); // the file was written
    load();
    assertThat(recalled()).isTrue();
    assertThat(session.changes().changes()).isEmpty();
    assertThat(Files.readString(file)).isEqualTo(text.replace("\"n\": 42,", "\"n\": -1,"));
  }

  List<String> conflicts() {
    return session.changes().changes().stream()
        .filter(Change::isConflict)
        .map(c -> c.key().text())
        .toList();
  }

  String rows(String query) {
    return ((QueryResult.ResultTable) session.sql(query)).rows().toString();
  }

  void deleteMemos() throws IOException {
    try (Stream<Path> memos = Files.list(dir.resolve(".syncline").resolve("memo"))) {
      for (Path memo : memos.toList()) {
        Files.delete(memo);
      }
    }
  }
}
