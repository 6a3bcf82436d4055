package io.syncline.shell;

import io.syncline.session.Journal;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * How JLine splits the line being typed, for TAB: into the words {@link LineParser} will read when
 * Enter is pressed, quotes taken off, and with what TAB inserts quoted so that {@link LineParser}
 * reads it back as one word. Replaces Spring Shell's parser, whose completions went in unquoted: a
 * key with a space ({@code language/Zzz Lang}) became two words.
 *
 * <pre>
 *   diff language/Zz&lt;TAB&gt;              → diff 'language/Zzz Lang'
 *   diff 'language/Zzz Lang'.na&lt;TAB&gt;   → diff 'language/Zzz Lang.name'
 *   diff "language/Zz&lt;TAB&gt;             → diff "language/Zzz Lang"   (the quote typed is kept)
 *   diff country/A&lt;TAB&gt;                → diff country/AW           (nothing to quote)
 * </pre>
 *
 * A quote is closed as soon as it is inserted, even for a key that waits for its {@code .field}:
 * Enter then runs the line as it stands, and a {@code .} typed after the closing quote joins the
 * same word, as in a POSIX shell.
 */
final class PromptParser implements Parser {
  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    List<Span> spans = spans(line);
    if (context == ParseContext.ACCEPT_LINE
        && !spans.isEmpty()
        && spans.get(spans.size() - 1).unclosed) {
      // As Spring Shell's parser did: Enter on an open quote continues the line (pasted JSON).
      throw new EOFError(-1, -1, "unclosed quote", "quote");
    }
    List<String> words = new ArrayList<>();
    spans.forEach(s -> words.add(s.text));
    for (int i = 0; i < spans.size(); i++) {
      Span span = spans.get(i);
      if (span.start <= cursor && cursor <= span.end) {
        Scan before = scan(line.substring(span.start, cursor));
        return new Line(
            line, cursor, words, i, before.text.length(), cursor - span.start, span, before.quote);
      }
    }
    // The cursor is between words, or after the last: it starts a new, empty one there.
    int index = (int) spans.stream().filter(s -> s.end < cursor).count();
    words.add(index, "");
    return new Line(
        line, cursor, words, index, 0, 0, new Span("", cursor, cursor, false), (char) 0);
  }

  /** One word: its text without quotes, where it stands in the line, whether a quote is open. */
  private record Span(String text, int start, int end, boolean unclosed) {}

  /** A word's text so far, and the quote open at its end (0 when none). */
  private record Scan(String text, char quote) {}

  /** The words, split as {@link LineParser#words} splits them; an open quote runs to the end. */
  private static List<Span> spans(String line) {
    List<Span> spans = new ArrayList<>();
    int start = -1;
    char quote = 0;
    for (int i = 0; i <= line.length(); i++) {
      boolean end = i == line.length();
      char c = end ? ' ' : line.charAt(i);
      if (quote != 0 && !end) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          i++;
        }
      } else if (Character.isWhitespace(c)) {
        if (start >= 0) {
          String raw = line.substring(start, i);
          spans.add(new Span(scan(raw).text, start, i, quote != 0));
          start = -1;
        }
      } else {
        if (start < 0) {
          start = i;
        }
        if (c == '"' || c == '\'') {
          quote = c;
        }
      }
    }
    return spans;
  }

  /** A word's raw text read as {@link LineParser#words} reads it: quotes off, escapes undone. */
  private static Scan scan(String raw) {
    StringBuilder text = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < raw.length()) {
          text.append(raw.charAt(++i));
        } else {
          text.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else {
        text.append(c);
      }
    }
    return new Scan(text.toString(), quote);
  }

  /** JLine's view of the line: the words, the one at the cursor, and how to quote a completion. */
  private record Line(
      String line,
      int cursor,
      List<String> words,
      int wordIndex,
      int wordCursor,
      int rawWordCursor,
      Span span,
      char quote)
      implements CompletingParsedLine {
    @Override
    public String word() {
      return words.get(wordIndex);
    }

    @Override
    public int rawWordLength() {
      return span.end - span.start;
    }

    /**
     * The whole raw word is replaced by what this returns: the candidate, in the quote the user
     * opened, else quoted only when it must be ({@link Journal#quote}).
     */
    @Override
    public CharSequence escape(CharSequence candidate, boolean complete) {
      String word = candidate.toString();
      if (quote == '"' || (quote == '\'' && word.indexOf('\'') >= 0)) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      }
      if (quote == '\'') {
        return "'" + word + "'";
      }
      return Journal.quote(word);
    }
  }
}
