package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import io.syncline.core.FieldPath;
import io.syncline.core.RecordKey;
import org.junit.jupiter.api.Test;

class ConflictViewTest {
  final ConflictView view = new ConflictView(new Style());

  @Test
  void longTextIsShownAsAWordDiffAgainstTheBase() {
    Change change =
        new Change(
            "epic",
            new RecordKey("EP-7"),
            FieldPath.of("summary"),
            ChangeKind.CONFLICT,
            null,
            "\"The quick brown fox jumps over the lazy dog\"",
            "\"The quick red fox jumps over the lazy dog\"",
            "\"The quick brown fox jumps over the sleepy old dog\"");

    assertThat(view.render(change, null, 2, 7))
        .isEqualTo(
            """
            [2/7] epic/EP-7.summary
              base  "The quick brown fox jumps over the lazy dog"
              file  The quick [-brown-]{+red+} fox jumps over the lazy dog
              db    The quick brown fox jumps over the [-lazy-]{+sleepy old+} dog
            """);
  }

  @Test
  void objectsArePrettyPrintedOneMemberALine() {
    assertThat(ConflictView.pretty(CanonicalJson.parse("{\"a\":1,\"b\":[true,\"x\"],\"c\":{}}")))
        .isEqualTo(
            """
            {
              "a": 1,
              "b": [
                true,
                "x"
              ],
              "c": {}
            }\
            """);
  }

  @Test
  void aSideWithoutTheRecordSaysSo() {
    Change change =
        new Change(
            "country",
            new RecordKey("AW"),
            FieldPath.RECORD,
            ChangeKind.CONFLICT,
            null,
            "{\"code\":\"AW\"}",
            null,
            "{\"code\":\"AW\",\"name\":\"x\"}");

    assertThat(view.render(change, null, 1, 1))
        .contains("[1/1] country/AW (whole record)")
        .contains("  file  (absent)\n")
        .contains("  db    {\n          \"code\": \"AW\",\n          \"name\": \"x\"\n        }");
  }

  /**
   * 380 matches; the file changed the score of match 1 and 3, the database the score of match 3 and
   * added one: each path that differs, once, and the rest counted.
   */
  @Test
  void aLargeListConflictShowsOnlyThePathsThatDiffer() {
    String base = matches(380, 3, "3-1");
    String file =
        matches(380, 3, "3-2")
            .replace("\"round\":1,\"score\":\"0-0\"", "\"round\":1,\"score\":\"1-2\"");
    String db = matches(380, 3, "4-1").replace("]", ",{\"round\":380}]");
    Change change =
        new Change(
            "season",
            new RecordKey("2020"),
            FieldPath.of("matches"),
            ChangeKind.CONFLICT,
            null,
            canonical(base),
            canonical(file),
            canonical(db));

    String shown = view.render(change, null, 1, 1);

    assertThat(shown)
        .isEqualTo(
            """
            [1/1] season/2020.matches
              matches[1].score  changed in the file
                base  "0-0"
                file  "1-2"
                db    "0-0"
              matches[3].score  conflict
                base  "3-1"
                file  "3-2"
                db    "4-1"
              matches[380]  changed in the database
                base  (absent)
                file  (absent)
                db    {
                        "round": 380
                      }
              … 378 elements the same
            """);
  }

  @Test
  void beyondTwelvePathsALineCountsTheRestAndSaysWhereToSeeThem() {
    String base = matches(100, 0, "1-0");
    String file = matches(100, 0, "2-0");
    String db = matches(100, 0, "1-1");
    for (int i = 10; i < 30; i++) {
      file = file.replace("\"venue\":\"Ground " + i + "\"", "\"venue\":\"Field " + i + "\"");
    }
    Change change =
        new Change(
            "season",
            new RecordKey("2020"),
            FieldPath.of("matches"),
            ChangeKind.CONFLICT,
            null,
            canonical(base),
            canonical(file),
            canonical(db));

    String shown = view.render(change, null, 1, 1);

    assertThat(shown.lines().count()).isLessThan(60);
    assertThat(shown)
        .contains("  matches[0].score  conflict\n")
        .contains("  matches[10].venue  changed in the file\n")
        .contains(
            "  … 9 more paths differ; `diff season/2020.matches --format json` shows the values"
                + " whole\n")
        .endsWith("  … 79 elements the same\n");
  }

  @Test
  void aShortListConflictIsStillShownWhole() {
    Change change =
        new Change(
            "season",
            new RecordKey("2020"),
            FieldPath.of("matches"),
            ChangeKind.CONFLICT,
            null,
            "[1,2]",
            "[1,3]",
            "[1,4]");

    assertThat(view.render(change, null, 1, 1))
        .contains("  base  [\n          1,\n          2\n        ]");
  }

  /** {@code count} matches, all scored "0-0" but the one at {@code at}, scored {@code score}. */
  static String matches(int count, int at, String score) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      out.append(i == 0 ? "" : ",")
          .append("{\"round\":")
          .append(i)
          .append(",\"score\":\"")
          .append(i == at ? score : "0-0")
          .append("\",\"venue\":\"Ground ")
          .append(i)
          .append("\"}");
    }
    return out.append(']').toString();
  }

  static String canonical(String json) {
    return CanonicalJson.parse(json).canonical();
  }
}
