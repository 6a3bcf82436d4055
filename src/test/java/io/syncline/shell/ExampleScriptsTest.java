package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The README's example scripts under {@code scripts/} run to their end, as a newcomer runs them
 * from the repository root: a command renamed or an option dropped fails here, not in front of the
 * first user. They work under {@code target/}, so the samples stay as they are.
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
class ExampleScriptsTest {
  static final Path ROOT = Path.of("").toAbsolutePath();

  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;

  static Stream<String> scripts() throws IOException {
    try (Stream<Path> files = Files.list(ROOT.resolve("scripts"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".shell"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @AfterEach
  void leave() {
    sessions.startIn(ROOT);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void theExampleScriptRunsToItsEnd(String script) {
    sessions.startIn(ROOT);
    StringWriter out = new StringWriter();
    assertThatCode(
            () ->
                new ScriptRunner(dispatcher)
                    .run(ROOT.resolve("scripts").resolve(script), new PrintWriter(out, true)))
        .as(out.toString())
        .doesNotThrowAnyException();
    assertThat(out.toString()).contains("syncline> ");
  }
}
