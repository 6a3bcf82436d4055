package io.syncline.shell;

import io.syncline.core.Side;
import io.syncline.core.SynclineException;
import io.syncline.session.ConflictWalk;
import io.syncline.session.Journal;
import java.io.PrintWriter;
import java.util.Locale;
import org.springframework.shell.core.InputReader;

/**
 * Interactive {@code resolve} at the prompt: shows each open conflict and reads a letter and Enter.
 * The stepping itself (order, counter, undo) is {@link ConflictWalk}'s; this class only asks and
 * prints. Ctrl-D or Ctrl-C at the question stops like {@code q}: answers so far are kept.
 */
final class ConflictPrompt {
  static final String HELP =
      """
      f  take the file's value          d  take the database's value
      b  keep the base (agreed) value   e  type a value (JSON)
      s  skip, leave it open            u  undo the previous answer
      q  stop here (answers so far are kept)
      ?  this help""";

  private final ConflictWalk walk;
  private final InputReader input;
  private final PrintWriter out;
  private final ConflictView view;
  private final Journal journal;

  ConflictPrompt(
      ConflictWalk walk, InputReader input, PrintWriter out, Style style, Journal journal) {
    this.walk = walk;
    this.input = input;
    this.out = out;
    this.view = new ConflictView(style);
    this.journal = journal;
  }

  /** Walks until the last conflict or {@code q}; returns what was decided, in a line. */
  String run() {
    out.println(walk.total() + " open conflict(s); answer with a letter and Enter, ? for help");
    try {
      boolean showing = true;
      while (!walk.finished()) {
        if (showing) {
          out.print(
              view.render(
                  walk.current(),
                  walk.field(walk.current()),
                  walk.entity(walk.current()),
                  walk.number(),
                  walk.total()));
        }
        showing = true;
        String answer = ask("[" + walk.number() + "/" + walk.total() + "] f,d,b,e,s,u,q,? > ");
        if (answer == null || answer.equals("q")) {
          break;
        }
        switch (answer) {
          case "f" -> walk.take(Side.FILE);
          case "d" -> walk.take(Side.DATABASE);
          case "b" -> walk.take(Side.BASE);
          case "s" -> walk.skip();
          case "e" -> showing = edit();
          case "u" -> {
            if (!walk.undo()) {
              out.println("nothing to undo");
              showing = false;
            }
          }
          case "?" -> {
            out.println(HELP);
            showing = false;
          }
          default -> {
            out.println("answer f, d, b, e, s, u or q, then Enter (? explains them)");
            showing = false;
          }
        }
      }
    } finally {
      // Answers are kept on every way out, so the journal must hold them too.
      walk.decisions().forEach(journal::record);
    }
    return walk.decided() + " of " + walk.total() + " conflict(s) decided";
  }

  /** Reads a value until it is valid JSON of the field's type; an empty line gives up. */
  private boolean edit() {
    while (true) {
      String typed = ask("value as JSON (empty: back) > ");
      if (typed == null || typed.isEmpty()) {
        return false;
      }
      try {
        walk.give(typed);
        return true;
      } catch (SynclineException.Usage e) {
        out.println(e.getMessage());
      }
    }
  }

  /** The answer, trimmed and lower-cased for letters; null when the user ended the input. */
  private String ask(String question) {
    out.flush();
    try {
      String line = input.readInput(question);
      if (line == null) {
        return null;
      }
      String answer = line.strip();
      return answer.length() == 1 ? answer.toLowerCase(Locale.ROOT) : answer;
    } catch (Exception e) { // JLine's EndOfFileException (Ctrl-D), UserInterruptException (Ctrl-C)
      out.println();
      return null;
    }
  }
}
