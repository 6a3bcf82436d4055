package io.syncline.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

/** NO_COLOR as no-color.org has it: set and not empty means no colour; empty means nothing. */
class StyleTest {
  static Terminal xterm() throws IOException {
    return new ExternalTerminal(
        "test",
        "xterm-256color",
        new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(),
        StandardCharsets.UTF_8);
  }

  @Test
  void aColourTerminalWithoutNoColorGetsColour() throws IOException {
    try (Terminal terminal = xterm()) {
      Style style = new Style();
      style.useColour(terminal, null);

      assertThat(style.error("failed")).contains("\u001B[").contains("failed");
    }
  }

  @Test
  void noColorSetToAnythingTurnsColourOffEverywhere() throws IOException {
    try (Terminal terminal = xterm()) {
      Style style = new Style();
      style.useColour(terminal, "1");
      Prompt prompt = new Prompt(new Sessions(), style);

      assertThat(style.error("failed")).isEqualTo("failed");
      assertThat(style.toDatabase("to-db")).isEqualTo("to-db");
      assertThat(style.conflict("[!]")).isEqualTo("[!]");
      assertThat(style.faint(DiffView.CUT_HINT)).isEqualTo(DiffView.CUT_HINT);
      assertThat(prompt.render()).isEqualTo("syncline> ");
    }
  }

  @Test
  void anEmptyNoColorAsksForNothing() throws IOException {
    try (Terminal terminal = xterm()) {
      Style style = new Style();
      style.useColour(terminal, "");

      assertThat(style.toFile("to-file")).contains("\u001B[");
    }
  }
}
