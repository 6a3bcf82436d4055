package io.syncline.sql;

import io.syncline.core.SynclineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQL text read the way the database's own lexer reads it, just far enough to see where a statement
 * ends: string literals, quoted names and comments are stepped over, so a {@code ;} or a
 * parenthesis inside them counts for nothing.
 *
 * <p>Used where text typed by a user reaches a connection: {@code sql} runs one statement, and a
 * {@code copy --where} condition is one expression placed inside {@code WHERE (...)}. Worked
 * examples:
 *
 * <pre>
 *   SELECT 1;                                 one statement (the trailing ; is dropped)
 *   SELECT ';' AS x -- and ; here             one statement
 *   SELECT 1; DELETE FROM victim              two: refused
 *   price > 50                                one condition
 *   1=1); DELETE FROM victim; SELECT (1       refused: a ; outside a literal
 *   1=1) OR (1=1                              refused: a ) that closes nothing
 * </pre>
 *
 * <p>Where this reading and the database's could part (MariaDB's {@code NO_BACKSLASH_ESCAPES};
 * PostgreSQL's {@code standard_conforming_strings}, which a read-only session keeps on), the
 * database is the second line: a MariaDB connection never takes several statements at once (see
 * {@code MariaDbDialect}), and a read-only connection cannot write whatever the text holds.
 */
public final class SqlText {

  /** One way a database's SQL differs from the standard in what the reader steps over. */
  public enum Spelling {
    /** A backslash escapes the next character inside quotes (MariaDB). */
    BACKSLASH_ESCAPES,
    /** {@code E'...'} strings take backslash escapes (PostgreSQL). */
    ESCAPE_STRINGS,
    /** {@code $tag$ ... $tag$} strings (PostgreSQL; H2's {@code $$ ... $$}). */
    DOLLAR_QUOTES,
    /** {@code `name`} (MariaDB, SQLite). */
    BACKTICKS,
    /** {@code [name]} (SQLite). */
    BRACKETS,
    /** {@code #} to the end of the line is a comment (MariaDB). */
    HASH_COMMENTS,
    /** {@code //} to the end of the line is a comment (H2). */
    SLASH_COMMENTS,
    /** {@code --} starts a comment only before a space (MariaDB: {@code 1--1} is 1 - -1). */
    DASH_COMMENT_NEEDS_SPACE,
    /** Block comments nest (PostgreSQL). */
    NESTED_COMMENTS,
    /** {@code /*! ... *&#47;} is run, not skipped (MariaDB), so it is read as code. */
    EXECUTABLE_COMMENTS
  }

  /**
   * How a database spells what the reader steps over: standard SQL (single-quoted strings and
   * double-quoted names, a quote inside doubled, {@code --} and {@code /* *&#47;} comments) plus
   * its own {@link Spelling}s.
   */
  public record Lexis(Set<Spelling> spellings) {
    public Lexis {
      spellings = Set.copyOf(spellings);
    }

    public static Lexis of(Spelling... spellings) {
      return new Lexis(Set.of(spellings));
    }

    boolean has(Spelling spelling) {
      return spellings.contains(spelling);
    }
  }

  private final String text;
  private final Lexis lexis;

  private SqlText(String text, Lexis lexis) {
    this.text = text;
    this.lexis = lexis;
  }

  /**
   * The statement without a trailing {@code ;}; refuses text that holds a second statement, or a
   * literal, quoted name or comment that never ends (where the database could read on differently).
   */
  public static String oneStatement(String sql, Lexis lexis) {
    SqlText reader = new SqlText(sql, lexis);
    int end = -1;
    for (int i = 0; i < sql.length(); ) {
      int after = reader.skip(i);
      if (after < 0) {
        throw new SynclineException.Usage(
            "`sql` refused the statement: the string, quoted name or comment at column "
                + (i + 1)
                + " never ends; close it");
      }
      if (after > i) {
        i = after;
        continue;
      }
      char c = sql.charAt(i);
      if (end < 0 && c == ';') {
        end = i;
      } else if (end >= 0 && c != ';' && !Character.isWhitespace(c)) {
        throw new SynclineException.Usage(
            "one statement per `sql`: a second one starts after the `;` at column "
                + (end + 1)
                + "; run each statement with its own `sql`");
      }
      i++;
    }
    return end < 0 ? sql : sql.substring(0, end);
  }

  /**
   * The first word of the statement, in upper case, past any whitespace and comments; empty when it
   * does not start with a word. {@code /* why *&#47; create table t (...)} gives {@code CREATE}.
   */
  public static String firstWord(String sql, Lexis lexis) {
    SqlText reader = new SqlText(sql, lexis);
    int i = 0;
    while (i < sql.length()) {
      int after = reader.skip(i);
      if (after > i && "-/#".indexOf(sql.charAt(i)) >= 0) {
        i = after; // a comment
      } else if (Character.isWhitespace(sql.charAt(i))) {
        i++;
      } else {
        break;
      }
    }
    int end = i;
    while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    return sql.substring(i, end).toUpperCase(Locale.ROOT);
  }

  /**
   * Null when {@code condition} reads as one expression that {@code WHERE (...)} can hold; else
   * what is wrong with it, naming the column: a {@code ;} outside a literal, a parenthesis that
   * closes what the condition did not open or is never closed, or a literal that never ends.
   */
  public static String conditionProblem(String condition, Lexis lexis) {
    SqlText reader = new SqlText(condition, lexis);
    int depth = 0;
    int lastOpen = -1;
    for (int i = 0; i < condition.length(); ) {
      int after = reader.skip(i);
      if (after < 0) {
        return "the string, quoted name or comment at column " + (i + 1) + " never ends";
      }
      if (after > i) {
        i = after;
        continue;
      }
      char c = condition.charAt(i);
      if (c == ';') {
        return "a condition is one SQL expression, but there is a `;` at column " + (i + 1);
      }
      if (c == '(') {
        depth++;
        lastOpen = i;
      } else if (c == ')' && --depth < 0) {
        return "the `)` at column " + (i + 1) + " closes a parenthesis the condition did not open";
      }
      i++;
    }
    return depth > 0 ? "the `(` at column " + (lastOpen + 1) + " is never closed" : null;
  }

  /** One statement of a script, without its {@code ;}, and the line it starts on (1-based). */
  public record Statement(String text, int line) {}

  /**
   * A script split into its statements at each {@code ;} outside literals, quoted names, comments
   * and dollar quotes, and outside the {@code BEGIN ... END} body of a {@code CREATE TRIGGER},
   * whose inner statements end in {@code ;} too. A chunk that is only whitespace and comments is no
   * statement. Worked examples (SQLite):
   *
   * <pre>
   *   DROP INDEX a; DROP INDEX b;                    two statements
   *   -- a; comment\n DROP TABLE t                   one: DROP TABLE t
   *   INSERT INTO t VALUES ('a;b');                   one
   *   CREATE TRIGGER x AFTER INSERT ON t BEGIN
   *     UPDATE t SET n = 1; END;                      one
   *   CREATE FUNCTION f() ... AS $$ a; b $$;          one (PostgreSQL, H2)
   * </pre>
   *
   * Throws {@link IllegalArgumentException} naming the line and column of a literal, quoted name or
   * comment that never ends.
   */
  public static List<Statement> statements(String script, Lexis lexis) {
    SqlText reader = new SqlText(script, lexis);
    List<Statement> found = new ArrayList<>();
    int codeStart = -1;
    int depth = 0;
    for (int i = 0; i < script.length(); ) {
      int after = reader.skip(i);
      if (after < 0) {
        throw new IllegalArgumentException(
            "the string, quoted name or comment at line "
                + reader.lineOf(i)
                + ", column "
                + reader.columnOf(i)
                + " never ends");
      }
      if (after > i) {
        boolean comment = "-/#".indexOf(script.charAt(i)) >= 0;
        if (!comment && codeStart < 0) {
          codeStart = i;
        }
        i = after;
        continue;
      }
      char c = script.charAt(i);
      if (c == ';' && depth == 0) {
        reader.add(found, codeStart, i);
        codeStart = -1;
        i++;
      } else if (Character.isLetter(c) && !nameChar(reader.at(i - 1))) {
        int end = i;
        while (end < script.length() && nameChar(script.charAt(end))) {
          end++;
        }
        if (codeStart < 0) {
          codeStart = i;
        }
        depth += reader.blockDepthChange(script.substring(i, end), codeStart, i);
        i = end;
      } else {
        if (codeStart < 0 && !Character.isWhitespace(c)) {
          codeStart = i;
        }
        i++;
      }
    }
    reader.add(found, codeStart, script.length());
    return found;
  }

  /**
   * How a word changes the depth of a trigger's body: inside a {@code CREATE ... TRIGGER}, {@code
   * BEGIN} and {@code CASE} open a block that {@code END} closes; elsewhere words count for
   * nothing.
   */
  private int blockDepthChange(String word, int statementStart, int wordStart) {
    String upper = word.toUpperCase(Locale.ROOT);
    if (!upper.equals("BEGIN") && !upper.equals("CASE") && !upper.equals("END")) {
      return 0;
    }
    String head = text.substring(statementStart, wordStart).toUpperCase(Locale.ROOT);
    if (!head.startsWith("CREATE") || !head.matches("(?s).*\\bTRIGGER\\b.*")) {
      return 0;
    }
    return upper.equals("END") ? -1 : 1;
  }

  /** Adds the statement whose code starts at {@code codeStart}, if it has any code. */
  private void add(List<Statement> found, int codeStart, int end) {
    if (codeStart >= 0) {
      found.add(new Statement(text.substring(codeStart, end).strip(), lineOf(codeStart)));
    }
  }

  private int lineOf(int index) {
    int line = 1;
    for (int j = 0; j < index; j++) {
      if (text.charAt(j) == '\n') {
        line++;
      }
    }
    return line;
  }

  private int columnOf(int index) {
    int lineStart = text.lastIndexOf('\n', index - 1) + 1;
    return index - lineStart + 1;
  }

  /**
   * The index just after the literal, quoted name or comment that starts at {@code i}; {@code i}
   * itself when none starts there; -1 when it never ends.
   */
  private int skip(int i) {
    char c = text.charAt(i);
    char next = at(i + 1);
    if (c == '\'') {
      return quoted(i, '\'', lexis.has(Spelling.BACKSLASH_ESCAPES));
    }
    if (c == '"') {
      return quoted(i, '"', lexis.has(Spelling.BACKSLASH_ESCAPES));
    }
    if (c == '`' && lexis.has(Spelling.BACKTICKS)) {
      return quoted(i, '`', false);
    }
    if (c == '[' && lexis.has(Spelling.BRACKETS)) {
      int close = text.indexOf(']', i + 1);
      return close < 0 ? -1 : close + 1;
    }
    if ((c == 'E' || c == 'e')
        && next == '\''
        && lexis.has(Spelling.ESCAPE_STRINGS)
        && !nameChar(at(i - 1))) {
      return quoted(i + 1, '\'', true);
    }
    if (c == '$' && lexis.has(Spelling.DOLLAR_QUOTES) && !nameChar(at(i - 1))) {
      return dollarQuoted(i);
    }
    if (c == '-' && next == '-') {
      char third = at(i + 2);
      if (!lexis.has(Spelling.DASH_COMMENT_NEEDS_SPACE)
          || third == 0
          || Character.isWhitespace(third)) {
        return lineEnd(i);
      }
    }
    if (c == '#' && lexis.has(Spelling.HASH_COMMENTS)
        || c == '/' && next == '/' && lexis.has(Spelling.SLASH_COMMENTS)) {
      return lineEnd(i);
    }
    if (c == '/' && next == '*') {
      if (lexis.has(Spelling.EXECUTABLE_COMMENTS)
          && (at(i + 2) == '!' || at(i + 2) == 'M' && at(i + 3) == '!')) {
        return i; // MariaDB runs what is inside: read it as code
      }
      return blockComment(i);
    }
    return i;
  }

  private int quoted(int open, char quote, boolean backslash) {
    for (int j = open + 1; j < text.length(); j++) {
      char c = text.charAt(j);
      if (backslash && c == '\\') {
        j++;
      } else if (c == quote) {
        if (at(j + 1) != quote) {
          return j + 1;
        }
        j++;
      }
    }
    return -1;
  }

  /** {@code $$...$$} or {@code $tag$...$tag$}; a {@code $1} parameter is no quote. */
  private int dollarQuoted(int open) {
    if (Character.isDigit(at(open + 1))) {
      return open;
    }
    int j = open + 1;
    while (j < text.length()
        && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
      j++;
    }
    if (at(j) != '$') {
      return open;
    }
    String tag = text.substring(open, j + 1);
    int close = text.indexOf(tag, j + 1);
    return close < 0 ? -1 : close + tag.length();
  }

  private int blockComment(int open) {
    int depth = 0;
    for (int j = open; j < text.length() - 1; j++) {
      if (text.charAt(j) == '/'
          && text.charAt(j + 1) == '*'
          && (depth == 0 || lexis.has(Spelling.NESTED_COMMENTS))) {
        depth++;
        j++;
      } else if (text.charAt(j) == '*' && text.charAt(j + 1) == '/') {
        if (--depth == 0) {
          return j + 2;
        }
        j++;
      }
    }
    return -1;
  }

  /** A line comment ends at a line feed or a carriage return (PostgreSQL ends it at either). */
  private int lineEnd(int i) {
    for (int j = i; j < text.length(); j++) {
      if (text.charAt(j) == '\n' || text.charAt(j) == '\r') {
        return j + 1;
      }
    }
    return text.length();
  }

  private char at(int i) {
    return i >= 0 && i < text.length() ? text.charAt(i) : 0;
  }

  private static boolean nameChar(char c) {
    return c == '_' || c == '$' || Character.isLetterOrDigit(c);
  }
}
