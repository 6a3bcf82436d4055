package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The prompt through a terminal: keystrokes go in through a JLine virtual terminal, as typed, and
 * the screen's text comes out. Three conflicts are set up on an SQLite database: country/AW.name,
 * country/BE.numeric and country/FR.name.
 */
class PromptTerminalTest extends AtTheTerminal {
  @BeforeEach
  void threeConflicts() throws IOException {
    startWithCountries();
    run(
        "connect jdbc:sqlite:geo.db",
        "load countries.json --entity country --at /3166-1 --key alpha_2",
        "apply",
        "system sed -i 's/\"Aruba\"/\"Aruba!\"/; s/\"France\"/\"France!\"/; s/\"056\"/\"56\"/'"
            + " countries.json",
        "sql UPDATE country SET name = 'Arubba' WHERE alpha_2 = 'AW'",
        "sql UPDATE country SET name = 'Frankrijk' WHERE alpha_2 = 'FR'",
        "sql UPDATE country SET numeric = '057' WHERE alpha_2 = 'BE'",
        "load countries.json --entity country --at /3166-1 --key alpha_2");
  }

  List<String> rows(String query) {
    var result = sessions.current().sql(query);
    return ((io.syncline.core.QueryResult.ResultTable) result)
        .rows().stream().map(Object::toString).toList();
  }

  @Test
  void stepsThroughConflictsWithFileDbUndoSkipAndATypedValue() {
    String screen =
        type(
            String.join(
                "\n",
                "resolve",
                "f", // [1/3] AW.name: the file's
                "d", // [2/3] BE.numeric: the database's
                "u", // back to [2/3]
                "s", // [2/3] left open
                "e", // [3/3] FR.name: a typed value
                "{bad",
                "42",
                "\"France (FR)\"",
                "exit --force",
                ""));

    assertThat(screen)
        .contains("3 open conflict(s); answer with a letter and Enter, ? for help")
        .contains(
            "[1/3] country/AW.name (text)\n  base  \"Aruba\"\n  file  \"Aruba!\"\n  db    \"Arubba\"")
        .contains("[2/3] country/BE.numeric (text)")
        .contains("[3/3] country/FR.name (text)")
        .contains("not JSON")
        .contains("name holds text values; got 42")
        .contains("2 of 3 conflict(s) decided");
    assertThat(screen.indexOf("[2/3] country/BE.numeric"))
        .isLessThan(screen.lastIndexOf("[2/3] country/BE.numeric"));
    assertThat(sessions.current().changes().summary().unresolved()).isEqualTo(1);
    assertThat(sessions.current().journal().lines())
        .containsSubsequence(
            "resolve country/AW.name --take file",
            "resolve country/FR.name --value '\"France (FR)\"'");

    run("apply");

    assertThat(rows("SELECT alpha_2, name, numeric FROM country ORDER BY alpha_2"))
        .containsExactly("[AW, Aruba!, 533]", "[BE, Belgium, 057]", "[FR, France (FR), 250]");
  }

  @Test
  void quitKeepsTheAnswersSoFarAndTheNextResolveStartsWithWhatIsLeft() {
    String screen =
        type(String.join("\n", "resolve", "d", "q", "resolve", "?", "q", "exit --force", ""));

    assertThat(screen)
        .contains("1 of 3 conflict(s) decided")
        .contains("2 open conflict(s)")
        .contains("[1/2] country/BE.numeric")
        .contains("u  undo the previous answer");
    assertThat(sessions.current().changes().summary().unresolved()).isEqualTo(2);
  }

  @Test
  void tabCompletesCommandsSelectorsKeysAndFields() {
    String screen = type("confl\t\ndiff cou\t/F\t.na\t\nexit --force\n");

    assertThat(screen)
        .contains("conflicts")
        .contains("((( \"France\" ))) \"France!\" /// \"Frankrijk\"")
        .contains("diff country/FR.name")
        .contains("country/FR.name  conflict");
  }

  @Test
  void tabCompletesTheEntityOfStatus() {
    String screen = type("status cou\t\nexit --force\n");

    assertThat(screen).contains("status country").contains("in sync");
  }

  @Test
  void tabQuotesAKeyWithASpaceAndStillCompletesItsFields() throws IOException {
    Files.writeString(
        work.resolve("languages.json"),
        "[{\"code\": \"Zzz Lang\", \"name\": \"Zzz\"}, {\"code\": \"en\", \"name\": \"En\"}]");
    run(
        "load languages.json --entity language --key code",
        "apply",
        "system sed -i 's/\"Zzz\"/\"Zzz!\"/' languages.json",
        "load languages.json --entity language --key code",
        "unstage language");

    String screen =
        type(
            "diff language/Z\t.na\t\nstage language/Z\t\nunstage \"language/Zzz Lang\".name\n"
                + "stage \"language/Zzz Lang\"\nexit --force\n");

    // The screen holds JLine's redraws; what ran shows in the output and in the journal.
    assertThat(screen)
        .contains("[ ]  language/Zzz Lang.name  update  to-db  \"Zzz\" → \"Zzz!\"")
        .contains("1 change(s) staged")
        .doesNotContain("matches nothing");
    assertThat(sessions.current().journal().lines())
        .containsSubsequence(
            "stage 'language/Zzz Lang'",
            "unstage \"language/Zzz Lang\".name",
            "stage \"language/Zzz Lang\"");
    var changes = sessions.current().changes();
    assertThat(changes.matching("language/Zzz Lang"))
        .singleElement()
        .satisfies(change -> assertThat(change.id()).isEqualTo("language/Zzz Lang.name"))
        .satisfies(change -> assertThat(changes.isStaged(change)).isTrue());
  }

  @Test
  void tabCompletesFilePathsForLoad() throws IOException {
    Files.writeString(work.resolve("regions-of-europe.json"), "[]");

    String screen = type("load regions-of\t--entity region\nexit --force\n");

    assertThat(screen).contains("load regions-of-europe.json --entity region");
  }

  @Test
  void tabCompletesCheckpointNamesForRollback() {
    run("checkpoint before-the-edits-of-monday");

    String screen = type("rollback before-the\t\nexit --force\n");

    assertThat(screen)
        .contains("rollback before-the-edits-of-monday")
        .contains("nothing was applied since checkpoint before-the-edits-of-monday");
  }

  @Test
  void leavingWithStagedChangesAsksFirst() {
    run("resolve --all --take file");

    String screen = type("exit\nn\nexit\ny\n");

    assertThat(screen)
        .contains("3 staged change(s) not applied; leave anyway? [y/N]")
        .contains("staying; `apply` carries them out, `exit --force` leaves without them");
    assertThat(screen.split("leave anyway", -1)).hasSize(3);
  }

  @Test
  void resolveWithoutAnAnswerInAScriptSaysHowInsteadOfWaiting() {
    var failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.syncline.core.SynclineException.Usage.class,
            () -> dispatcher.run("resolve country/AW.name", new PrintWriter(new StringWriter())));

    assertThat(failure)
        .hasMessage(
            "nobody to ask here (a script or a single command); say how: resolve country/AW.name"
                + " --take file|db|base, or --value JSON");
  }

  @Test
  void aPasswordTypedAtTheMaskedPromptConnectsAndIsSeenNowhere() {
    String typed = "Typed-" + Long.toHexString(System.nanoTime());
    String wrong = "Wrong-" + Long.toHexString(System.nanoTime());
    String url = "jdbc:h2:" + work.resolve("secret");

    String all =
        type(
            String.join(
                "\n",
                "connect " + url + " --user sa --password",
                typed,
                "connect " + url + " --user sa --password",
                wrong,
                "exit --force",
                ""));
    // What the terminal echoed of keys typed ahead, before the first prompt, is not Syncline's.
    String screen = all.substring(all.indexOf("syncline["));

    assertThat(screen)
        .contains("password: " + "*".repeat(typed.length()))
        .contains("connected to h2:")
        .contains("cannot open jdbc:h2:")
        .doesNotContain(typed)
        .doesNotContain(wrong);
    assertThat(sessions.current().database().orElseThrow().describe()).startsWith("h2:");
    assertThat(String.join("\n", sessions.current().journal().lines()))
        .contains("connect " + url + " --user sa --password")
        .contains("--password-env")
        .doesNotContain(typed);
  }

  @Test
  void askingForAPasswordInAScriptIsAUsageErrorThatNamesPasswordEnv() {
    var failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.syncline.core.SynclineException.class,
            () -> run("connect jdbc:h2:" + work.resolve("secret") + " --user sa --password"));

    assertThat(failure.exitCode()).isEqualTo(2);
    assertThat(failure.getMessage()).contains("--password-env VAR");
  }

  @Test
  void aValueAfterPasswordIsRefusedWithoutBeingEchoed() {
    var failure =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.syncline.core.SynclineException.class,
            () -> run("connect jdbc:h2:" + work.resolve("secret") + " --password s3cret-value"));

    assertThat(failure.exitCode()).isEqualTo(2);
    assertThat(failure.getMessage()).doesNotContain("s3cret-value");
    assertThat(MaskingHistory.mask("connect jdbc:h2:./x --password s3cret-value"))
        .isEqualTo("connect jdbc:h2:./x --password ***");
    assertThat(MaskingHistory.mask("connect jdbc:h2:./x --password --read-only"))
        .isEqualTo("connect jdbc:h2:./x --password --read-only");
  }

  @Test
  void theHistoryMasksEverySecretOfEveryUrlOnTheLine() {
    assertThat(
            MaskingHistory.mask(
                "copy --from \"jdbc:h2:./a;PASSWORD=Semi;Colon\" --to"
                    + " jdbc:postgresql://db/app?sslpassword=s3&apikey=k3y --to-password s3cret"))
        .isEqualTo(
            "copy --from \"jdbc:h2:./a;PASSWORD=***\" --to"
                + " jdbc:postgresql://db/app?sslpassword=***&apikey=*** --to-password ***");
    assertThat(MaskingHistory.mask("connect jdbc:mariadb://ann:p@ss@db/app --password-env PW"))
        .isEqualTo("connect jdbc:mariadb://***@db/app --password-env PW");
  }
}
