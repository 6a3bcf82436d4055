package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.syncline.core.SynclineException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Each way of typing a command wrong, run as a script runs it (nobody to ask), fails with exit code
 * 2 and says what is wrong and how it is typed right, in the words users read in the README.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class MisuseTest {
  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @TempDir Path work;

  @BeforeEach
  void connected() {
    sessions.startIn(work);
    dispatcher.run("connect jdbc:sqlite:misuse.db", new PrintWriter(new StringWriter(), true));
  }

  @AfterEach
  void leave() {
    sessions.startIn(Path.of("").toAbsolutePath());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '~',
      value = {
        "checkpoint => checkpoint needs a name: checkpoint before-import",
        "rollback => no checkpoints in this database; `checkpoint NAME` takes one before an apply",
        "sql => sql needs a query: sql SELECT * FROM t",
        "log show x => log show needs a sync's id, a number: log show 3",
        "log show 99 => no sync 99 in this database's log; `log` lists them",
        "journal save => journal save needs a file: journal save session.shell",
        "system => system needs a command: system ls",
        "copy --from jdbc:sqlite:a.db => copy needs --from URL and --to URL",
        "copy --from jdbc:sqlite:a.db --to jdbc:sqlite:b.db --from-password --from-password-env V"
            + " => give --from-password or --from-password-env (--to-password or --to-password-env),"
            + " not both",
        "copy --from jdbc:sqlite:a.db --to jdbc:sqlite:b.db --to-password-env SYNCLINE_UNSET_VAR"
            + " => environment variable SYNCLINE_UNSET_VAR is not set",
        "copy --from jdbc:sqlite:a.db --to jdbc:sqlite:b.db --where books"
            + " => --where takes TABLE:CONDITION, e.g. --where \"books:price > 50\"; got `books`",
        "copy --from jdbc:sqlite:a.db --to jdbc:sqlite:b.db --where a:x=1 --where a:x=2"
            + " => --where names table a twice",
        "connect jdbc:sqlite:a.db jdbc:sqlite:b.db => connect takes one URL; --password takes no"
            + " value (it asks for the password), --password-env VAR names a variable that holds it",
        "connect jdbc:sqlite:a.db --password --password-env V"
            + " => give --password or --password-env, not both",
        "connect jdbc:sqlite:a.db --password-env SYNCLINE_UNSET_VAR"
            + " => environment variable SYNCLINE_UNSET_VAR is not set",
        "connect jdbc:sqlite:a.db --password => connect: nobody to type a password here (a script"
            + " or a single command); give it with --password-env VAR, the name of an environment"
            + " variable holding it",
        "load --key id => --entity, --key, --at, --table, --layout and --children describe the"
            + " files given: load PATH [--entity E] [--key K]",
        "load --children tasks => --entity, --key, --at, --table, --layout and --children describe"
            + " the files given: load PATH [--entity E] [--key K]",
        "load a.json --children tasks: => --children takes list fields of the records, each with"
            + " its elements' key field after a colon if you name it: --children tasks or"
            + " --children tasks:task_key,steps; got 'tasks:' (a list inside a child's elements is"
            + " named in syncline.yml, children: under children:)",
        "load a.json b.json --entity e"
            + " => --entity names one entity; load its files with a glob: load 'dir/*.json'",
        "enrich epic --to out --recompute => give --to DIR or --recompute, not both",
        "enrich epic => enrich needs a directory for the copies (enrich epic --to enriched), or"
            + " --recompute to plan records again",
        "load a.json --as-of 2025-02-30"
            + " => --as-of: expected a date YYYY-MM-DD, found \"2025-02-30\"; nothing was done",
        "diff --format wide => --format is one of table, unified, json",
        "status --format wide => --format is one of text, json",
        "diff --limit => option --limit needs a value",
        "diff 'open => unclosed ' quote",
        "resolve => nobody to ask here (a script or a single command); say how: resolve --all"
            + " --take file|db|base, or --value JSON",
        "resolve --all => say how: resolve --all --take file|db|base, or --value JSON",
        "resolve --take file --value 1 => give --take or --value, not both",
        "resolve --take mine => --take is one of file, db, base",
        "nosuch => unknown command `nosuch`; `help` lists the commands",
        "help nosuch => no command `nosuch`; `help` lists the commands",
      })
  void aMisusedCommandSaysWhatIsWrongAndExitsWithTwo(String line, String message) {
    SynclineException.Usage failure =
        catchThrowableOfType(
            SynclineException.Usage.class,
            () -> dispatcher.run(line, new PrintWriter(new StringWriter(), true)));

    assertThat(failure).as(line).isNotNull();
    assertThat(failure.getMessage()).isEqualTo(message);
    assertThat(failure.exitCode()).isEqualTo(2);
  }
}
