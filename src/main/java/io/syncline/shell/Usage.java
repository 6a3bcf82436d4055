package io.syncline.shell;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a command is used, written next to the command so that {@code help COMMAND} cannot drift from
 * it. Spring Shell's annotations give the rest: {@code @Command}'s description (the line {@code
 * help} lists), each {@code @Option}'s description and default. {@link Manual} renders them; {@code
 * HelpTest} fails for a command without a description, a usage, an example, or a group in {@link
 * Manual#GROUPS}, and for a synopsis that leaves out an option or argument.
 *
 * <pre>
 * &#64;Usage(
 *     synopsis = "diff [SELECTOR] [--format table|unified|json] [--wide] [--limit N]",
 *     arguments = "SELECTOR: an entity, a record or a field (country, country/AW, country/AW.name)",
 *     examples = "diff country/AW --format json")
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Usage {
  /**
   * The command as typed, optional parts in brackets, choices with {@code |}: written out rather
   * than generated, since it says what the options alone cannot ({@code [--password |
   * --password-env VAR]}).
   */
  String synopsis();

  /** Each positional argument in order, as {@code NAME: what it is}, NAME as in the synopsis. */
  String[] arguments() default {};

  /** Lines to try, as typed at the prompt. */
  String[] examples();
}
