package io.syncline.shell;

import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;

/** The beans Syncline adds to Spring Shell's; the names avoid Spring Shell's reserved ones. */
@Configuration(proxyBeanMethods = false)
public class ShellConfiguration {
  @Bean
  Sessions sessions() {
    return new Sessions();
  }

  @Bean
  Style style() {
    return new Style();
  }

  @Bean
  Screen screen() {
    return new Screen();
  }

  @Bean
  Prompt synclinePrompt(Sessions sessions, Style style) {
    return new Prompt(sessions, style);
  }

  @Bean
  History history() {
    return new MaskingHistory();
  }

  @Bean
  CommandParser commandParser(@Lazy CommandRegistry commandRegistry) {
    return new LineParser(commandRegistry);
  }

  @Bean
  Dispatcher dispatcher(CommandRegistry commandRegistry, Sessions sessions) {
    return new Dispatcher(commandRegistry, sessions);
  }

  /**
   * The runner. Tests set {@code syncline.console.enabled=false} and drive the dispatcher
   * themselves; the bean stays, so Spring Shell's own runner never starts in its place.
   */
  @Bean
  Console console(
      Dispatcher dispatcher,
      ObjectProvider<LineReader> lineReader,
      Prompt prompt,
      Style style,
      Screen screen,
      Sessions sessions,
      CommandRegistry commandRegistry,
      @Value("${syncline.console.enabled:true}") boolean enabled) {
    return new Console(
        dispatcher,
        lineReader,
        prompt,
        style,
        screen,
        sessions,
        new Completion(commandRegistry, sessions),
        enabled);
  }
}
