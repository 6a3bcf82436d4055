package io.syncline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChildListGuessTest {

  /** Records of one entity, each given as its JSON text, keyed r1, r2, ... */
  private static Snapshot records(String... texts) {
    Snapshot records = new Snapshot();
    for (int i = 0; i < texts.length; i++) {
      records.put("r" + (i + 1), Records.canonicalAll(Records.parse(texts[i])));
    }
    return records;
  }

  @ParameterizedTest(name = "{0} of {1} and {2}: {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tasks   | {"tasks": [{"task_key": "T1"}, {"task_key": "T2"}]} | {"tasks": [{"task_key": "T1"}]}    | task_key
          entries | {"entries": [{"id": 7, "entry_id": "a"}]}          | {"entries": []}                    | id
          steps   | {"steps": [{"step_id": 1}, {"name": "x"}]}         | {"steps": null}                    | -
          goals   | {"goals": [{"key": "a"}, {"key": "a"}]}            | {"goals": [{"key": "b"}]}          | -
          items   | {"items": [{"item_id": 1.5}]}                      | {"items": [{"item_id": 2}]}        | -
          parts   | {"parts": [{"part_key": true}]}                    | {"other": 1}                       | -
          boxes   | {"boxes": [{"box_id": "a"}]}                       | {"boxes": [{"box_id": "b"}]}       | box_id
          """)
  void guessesTheKeyEveryElementHoldsOnceWithinItsList(
      String field, String first, String second, String key) {
    ChildList list = ChildListGuess.of("epic", field, null, records(first, second));

    assertThat(list.field()).isEqualTo(field);
    assertThat(list.key()).isEqualTo(key.equals("-") ? List.of() : List.of(key));
  }

  @Test
  void aKeyNamedOnTheCommandLineIsTakenAsItIs() {
    ChildList list =
        ChildListGuess.of(
            "epic",
            "tasks",
            "title",
            records("{\"tasks\": [{\"task_key\": \"T1\", \"title\": \"x\"}]}"));

    assertThat(list.key()).containsExactly("title");
  }

  @Test
  void aListNoRecordHoldsIsRefusedNamingTheListsThereAre() {
    Snapshot records = records("{\"tasks\": [{\"id\": 1}], \"name\": \"x\"}", "{\"tasks\": null}");

    assertThatThrownBy(() -> ChildListGuess.of("epic", "task", null, records))
        .isInstanceOf(SynclineException.Usage.class)
        .hasMessage(
            "no epic record holds a list in task; lists of objects there: tasks; nothing was"
                + " loaded");
  }

  @Test
  void candidatesAreFieldsHoldingNothingButListsOfObjects() {
    Snapshot records =
        records(
            "{\"tasks\": [{\"task_key\": \"T1\"}], \"labels\": [\"a\"], \"links\": [], \"steps\": [{\"n\": 1}]}",
            "{\"tasks\": [], \"links\": [], \"steps\": \"none\", \"notes\": [{\"text\": \"x\"}]}");

    assertThat(ChildListGuess.candidates(records, List.of("epic_key", "position")))
        .containsExactly(
            new ChildListGuess.Candidate("tasks", List.of("task_key"), List.of()),
            new ChildListGuess.Candidate("notes", List.of(), List.of()));
  }

  @Test
  void aCandidateWhoseElementsHoldTheParentsKeyNamesTheClash() {
    Snapshot records = records("{\"code\": \"BR\", \"states\": [{\"code\": \"SP\"}]}");

    assertThat(ChildListGuess.candidates(records, List.of("code", "position")))
        .containsExactly(new ChildListGuess.Candidate("states", List.of(), List.of("code")));
  }
}
