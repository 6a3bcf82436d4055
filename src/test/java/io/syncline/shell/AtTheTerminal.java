package io.syncline.shell;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.shell.core.command.CommandRegistry;

/**
 * The interactive prompt through a JLine virtual terminal, as a user meets it: keystrokes go in as
 * typed, the screen's text comes out. The session works in the test's own folder, which holds the
 * geo transcript's {@code countries.json} (AW, BE, FR).
 */
@SpringBootTest(properties = "syncline.console.enabled=false")
abstract class AtTheTerminal {
  @Autowired Dispatcher dispatcher;
  @Autowired Sessions sessions;
  @Autowired Prompt prompt;
  @Autowired Style style;
  @Autowired Screen terminals;
  @Autowired CommandRegistry registry;
  @TempDir Path work;

  /** Puts {@code countries.json} in the test's folder and starts the session there. */
  void startWithCountries() throws IOException {
    Files.copy(
        Path.of("src/test/resources/transcripts/geo/countries.json"),
        work.resolve("countries.json"));
    sessions.startIn(work);
  }

  @AfterEach
  void leave() {
    sessions.startIn(Path.of("").toAbsolutePath());
  }

  /** Runs command lines as a script would, their output dropped. */
  void run(String... lines) {
    PrintWriter out = new PrintWriter(new StringWriter());
    for (String line : lines) {
      dispatcher.run(line, out);
    }
  }

  /**
   * An xterm of 200 by 60 reading the keys and writing to the screen; an xterm, not a dumb
   * terminal, so that JLine runs its key bindings (TAB completes).
   */
  static Terminal terminal(InputStream keys, ByteArrayOutputStream screen) throws IOException {
    Terminal terminal =
        new ExternalTerminal("test", "xterm-256color", keys, screen, StandardCharsets.UTF_8);
    terminal.setSize(new Size(200, 60));
    return terminal;
  }

  /** The interactive console on the terminal, as Syncline builds it at the prompt. */
  Console console(Terminal terminal) {
    LineReader reader =
        LineReaderBuilder.builder().terminal(terminal).parser(new DefaultParser()).build();
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("lineReader", reader);
    return new Console(
        dispatcher,
        beans.getBeanProvider(LineReader.class),
        prompt,
        style,
        terminals,
        sessions,
        new Completion(registry, sessions),
        true);
  }

  /** Types the keystrokes at the prompt and returns the screen's text, escapes removed. */
  String type(String keys) {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          ByteArrayOutputStream screen = new ByteArrayOutputStream();
          try (Terminal terminal =
              terminal(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), screen)) {
            console(terminal).interactive();
          }
          return text(screen);
        });
  }

  /** What the screen shows, its escape sequences and carriage returns removed. */
  static String text(ByteArrayOutputStream screen) {
    return screen
        .toString(StandardCharsets.UTF_8)
        .replaceAll("\u001B(\\[[0-9;?]*[A-Za-z]|[=>])", "")
        .replace("\r", "");
  }
}
