package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Change;
import io.syncline.core.ChangeKind;
import org.junit.jupiter.api.Test;

class ConflictViewTest {
  final ConflictView view = new ConflictView(new Style());

  @Test
  void longTextIsShownAsAWordDiffAgainstTheBase() {
    Change change =
        new Change(
            "epic",
            "EP-7",
            "summary",
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
            }""");
  }

  @Test
  void aSideWithoutTheRecordSaysSo() {
    Change change =
        new Change(
            "country",
            "AW",
            null,
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
}
