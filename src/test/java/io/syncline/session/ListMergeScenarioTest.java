package io.syncline.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.QueryResult;
import io.syncline.core.Side;
import io.syncline.core.Value;
import io.syncline.core.ValueDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A season's {@code matches}, a list kept as one JSON field, edited on both sides at once. */
class ListMergeScenarioTest extends InWorkingDirectory {
  static final String SEASONS =
      """
      [
        {
          "season": "2020",
          "matches": [
            {"home": "Ajax", "away": "PSV", "score": "0-0"},
            {"home": "AZ", "away": "Ajax", "score": "1-1"},
            {"home": "PSV", "away": "AZ", "score": "2-0"},
            {"home": "Ajax", "away": "AZ", "score": "3-1"}
          ]
        }
      ]
      """;

  static Stream<String> databases() {
    return Stream.of("jdbc:sqlite:seasons.db", "jdbc:h2:mem:" + UUID.randomUUID());
  }

  Path file;

  void startAndSync(String url) throws IOException {
    file = dir.resolve("seasons.json");
    Files.writeString(file, SEASONS);
    session = new Session(dir, Clock.systemUTC());
    session.connect(url, null, null, false);
    session.load(seasons());
    session.apply();
  }

  LoadRequest seasons() {
    return new LoadRequest("seasons.json", "season", List.of("season"), "", null, null);
  }

  /** The database's matches with element {@code index}'s score set to {@code score}. */
  void scoreInDatabase(int index, String score) {
    String matches = matchesInDatabase();
    Value.Array list = (Value.Array) CanonicalJson.parse(matches);
    List<Value> items = new java.util.ArrayList<>(list.items());
    java.util.Map<String, Value> match =
        new java.util.LinkedHashMap<>(((Value.Obj) items.get(index)).fields());
    match.put("score", new Value.Text(score));
    items.set(index, new Value.Obj(match));
    String json = new Value.Array(items).canonical().replace("'", "''");
    session.sql("UPDATE season SET matches = '" + json + "' WHERE season = '2020'");
  }

  String matchesInDatabase() {
    QueryResult.ResultTable table =
        (QueryResult.ResultTable) session.sql("SELECT matches FROM season WHERE season = '2020'");
    return String.valueOf(table.rows().get(0).get(0));
  }

  List<String> scores(String matches) {
    return ((Value.Array) CanonicalJson.parse(matches))
        .items().stream().map(m -> ((Value.Obj) m).get("score").display()).toList();
  }

  String matchesInFile() throws IOException {
    Value.Array seasons = (Value.Array) CanonicalJson.parse(Files.readString(file));
    return ((Value.Obj) seasons.items().get(0)).get("matches").canonical();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aFileEditOfOneElementAndADatabaseEditOfAnotherBothLand(String url) throws IOException {
    startAndSync(url);
    Files.writeString(file, SEASONS.replace("\"score\": \"1-1\"", "\"score\": \"1-2\""));
    scoreInDatabase(3, "3-3");

    session.load(seasons());

    assertThat(session.changes().changes())
        .extracting(Change::id, Change::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("season/2020.matches", ChangeKind.MERGE));
    session.apply();

    assertThat(scores(matchesInFile())).containsExactly("\"0-0\"", "\"1-2\"", "\"2-0\"", "\"3-3\"");
    assertThat(CanonicalJson.parse(matchesInDatabase()).canonical()).isEqualTo(matchesInFile());
    assertThat(session.verify(null).agrees()).isTrue();
    session.load(seasons());
    assertThat(session.changes().isEmpty()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theSameElementEditedDifferentlyIsAConflictNamingTheElementsPath(String url)
      throws IOException {
    startAndSync(url);
    Files.writeString(file, SEASONS.replace("\"score\": \"3-1\"", "\"score\": \"3-2\""));
    scoreInDatabase(3, "4-1");

    session.load(seasons());

    Change conflict = session.changes().changes().get(0);
    assertThat(conflict.kind()).isEqualTo(ChangeKind.CONFLICT);
    ValueDiff diff =
        ValueDiff.of(
            conflict.path().field(),
            conflict.value(Side.BASE),
            conflict.value(Side.FILE),
            conflict.value(Side.DATABASE));
    assertThat(diff.conflicts())
        .extracting(ValueDiff.Difference::path)
        .containsExactly("matches[3].score");
  }
}
