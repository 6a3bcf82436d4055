package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncline.core.Progress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ParsedInput;

/** Progress and the terminal's width reach a command typed at the prompt, and nothing else. */
class ScreenTest {
  final StringWriter progress = new StringWriter();
  final Screen screen = new Screen();
  Terminal terminal;

  @BeforeEach
  void aTerminalEightyColumnsWide() throws IOException {
    terminal =
        new ExternalTerminal(
            "test",
            "xterm-256color",
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8);
    terminal.setSize(new Size(80, 24));
    screen.attach(terminal, new PrintWriter(progress));
  }

  @AfterEach
  void close() throws IOException {
    terminal.close();
  }

  static CommandContext context(InputReader input) {
    ParsedInput parsed = ParsedInput.builder().commandName("load").build();
    return new CommandContext(parsed, null, new PrintWriter(new StringWriter()), input);
  }

  static final InputReader SOMEONE = new InputReader() {};

  @Test
  void aCommandTypedAtThePromptGetsTheWidthAndProgressThatDraws() {
    assertThat(screen.width(context(SOMEONE))).isEqualTo(80);
    try (ProgressBars bars = screen.progress(context(SOMEONE))) {
      assertThat(bars.draws()).isTrue();
    }
  }

  @Test
  void aScriptLineOrASingleCommandGetsNoWidthAndSilentProgress() {
    assertThat(screen.width(context(null))).isZero();
    try (ProgressBars bars = screen.progress(context(null))) {
      Progress.Counter read = bars.start("reading t.json", "records", -1);
      read.add(1);
      assertThat(bars.draws()).isFalse();
    }
    assertThat(progress.toString()).isEmpty();
  }

  @Test
  void aDumbTerminalIsNoTerminal() throws IOException {
    try (Terminal dumb =
        new ExternalTerminal(
            "test",
            Terminal.TYPE_DUMB,
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            StandardCharsets.UTF_8)) {
      screen.attach(dumb);
      assertThat(screen.width(context(SOMEONE))).isZero();
      assertThat(screen.progress(context(SOMEONE)).draws()).isFalse();
    }
  }
}
