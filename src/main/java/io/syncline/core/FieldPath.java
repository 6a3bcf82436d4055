package io.syncline.core;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A place in a record: the record itself (no segments), one of its fields, or a place inside a
 * field's value. It starts with a {@link Member} (the record's field) and goes on with members of
 * objects and elements of lists.
 *
 * <p>Printed and parsed, worked examples:
 *
 * <pre>
 *   ""                   the record itself ({@link #RECORD})
 *   name                 the field "name"
 *   first name           the field "first name" (a field prints as it is ...
 *   ["a.b"]              ... unless it holds '.' or '[', or is empty: then quoted as JSON)
 *   address.city         member "city" of the field "address"
 *   matches[3].score     member "score" of element 3 of the field "matches"
 *   labels["a b"]        member "a b" of "labels": a member that is not a plain word is quoted
 *   matches[3:5]         elements 3 and 4 of "matches", as one slice
 * </pre>
 *
 * {@link #parse} reads every path {@link #toString} prints: {@code parse(p.toString())} equals
 * {@code p} for every path. It reads {@link ValueDiff}'s paths too (which quote a whole record's
 * first member, {@code ["a b"]}, where this prints {@code a b}), but for one trap: they, and {@link
 * Change#id}, print a field's name as it is, so a field named {@code a.b} reads back as member
 * {@code b} of a field {@code a}.
 *
 * <p>Child records ({@link ChildList}) need no segment of their own: a child is a record of its own
 * entity ({@code epic.tasks}), whose changes have paths of one field like any record's; {@link
 * Change#id} prints them from the root down ({@code epic/EP-7.tasks/EP-7-T03.done}).
 */
public record FieldPath(List<FieldPath.Segment> segments) {
  /** The record itself: a whole-record change's path. */
  public static final FieldPath RECORD = new FieldPath(List.of());

  /** A member name printed without quotes after a '.', as {@link ValueDiff} prints one too. */
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** One step of a path. */
  public sealed interface Segment {}

  /** The member {@code name} of an object: at the start of a path, the record's field. */
  public record Member(String name) implements Segment {
    public Member {
      if (name == null) {
        throw new IllegalArgumentException("a member has a name");
      }
    }
  }

  /** Element {@code index} of a list (counted from 0). */
  public record Element(int index) implements Segment {
    public Element {
      if (index < 0) {
        throw new IllegalArgumentException("an element index is 0 or more, not " + index);
      }
    }
  }

  /** The elements {@code from} (included) to {@code to} (excluded) of a list; empty when equal. */
  public record Slice(int from, int to) implements Segment {
    public Slice {
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("not a slice: [" + from + ":" + to + "]");
      }
    }
  }

  /** A path that is not one: what was read, and where it stopped making sense. */
  public static final class Malformed extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Malformed(String text, int at, String expected) {
      super("not a field path: " + text + " (at character " + (at + 1) + ", " + expected + ")");
    }
  }

  public FieldPath {
    segments = List.copyOf(segments);
    if (!segments.isEmpty() && !(segments.get(0) instanceof Member)) {
      throw new IllegalArgumentException("a field path starts with a field, not " + segments);
    }
  }

  /** The path of a record's field {@code name}. */
  public static FieldPath of(String name) {
    return new FieldPath(List.of(new Member(name)));
  }

  public FieldPath member(String name) {
    return then(new Member(name));
  }

  public FieldPath element(int index) {
    return then(new Element(index));
  }

  public FieldPath slice(int from, int to) {
    return then(new Slice(from, to));
  }

  private FieldPath then(Segment segment) {
    List<Segment> longer = new ArrayList<>(segments);
    longer.add(segment);
    return new FieldPath(longer);
  }

  /** Whether this is the record itself ({@link #RECORD}), not a field of it. */
  public boolean isRecord() {
    return segments.isEmpty();
  }

  /** The record's field the path is in: {@code matches} for {@code matches[3].score}. */
  public String field() {
    if (isRecord()) {
      throw new IllegalStateException("the record itself is in no field");
    }
    return ((Member) segments.get(0)).name();
  }

  /** Reads a printed path; see the class comment for the grammar. */
  public static FieldPath parse(String text) {
    return new Parser(text).path();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      if (segment instanceof Member m) {
        member(m.name(), out);
      } else if (segment instanceof Element e) {
        out.append('[').append(e.index()).append(']');
      } else if (segment instanceof Slice s) {
        out.append('[').append(s.from()).append(':').append(s.to()).append(']');
      }
    }
    return out.toString();
  }

  /** A field prints as it is where it can; a member after it as {@code .name} or quoted. */
  private static void member(String name, StringBuilder out) {
    if (out.isEmpty() ? plainField(name) : WORD.matcher(name).matches()) {
      out.append(out.isEmpty() ? "" : ".").append(name);
    } else {
      out.append('[');
      CanonicalJson.quote(name, out);
      out.append(']');
    }
  }

  /** Whether a field's name prints as it is: it cannot be read as more than one segment. */
  private static boolean plainField(String name) {
    return !name.isEmpty() && name.indexOf('.') < 0 && name.indexOf('[') < 0;
  }

  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    FieldPath path() {
      List<Segment> segments = new ArrayList<>();
      if (text.isEmpty()) {
        return RECORD;
      }
      if (text.startsWith("[\"")) {
        segments.add(bracketed());
      } else {
        segments.add(new Member(bare()));
      }
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == '.') {
          at++;
          segments.add(new Member(bare()));
        } else if (c == '[') {
          segments.add(bracketed());
        } else {
          throw new Malformed(text, at, "expected '.' or '['");
        }
      }
      return new FieldPath(segments);
    }

    /** A name up to the next '.' or '['; never empty. */
    private String bare() {
      int start = at;
      while (at < text.length() && text.charAt(at) != '.' && text.charAt(at) != '[') {
        at++;
      }
      if (at == start) {
        throw new Malformed(text, at, "expected a name");
      }
      return text.substring(start, at);
    }

    /** {@code ["name"]}, {@code [3]} or {@code [3:5]}, from its '['. */
    private Segment bracketed() {
      at++; // '['
      Segment segment;
      if (at < text.length() && text.charAt(at) == '"') {
        segment = new Member(quoted());
      } else {
        int from = number();
        if (at < text.length() && text.charAt(at) == ':') {
          at++;
          int to = number();
          if (to < from) {
            throw new Malformed(text, at, "a slice ends at or after its start");
          }
          segment = new Slice(from, to);
        } else {
          segment = new Element(from);
        }
      }
      if (at >= text.length() || text.charAt(at) != ']') {
        throw new Malformed(text, at, "expected ']'");
      }
      at++;
      return segment;
    }

    /** A JSON string from its opening quote. */
    private String quoted() {
      int start = at++;
      while (at < text.length() && text.charAt(at) != '"') {
        at += text.charAt(at) == '\\' ? 2 : 1;
      }
      if (at >= text.length()) {
        throw new Malformed(text, start, "a quoted name is not closed");
      }
      at++;
      try {
        return ((Value.Text) CanonicalJson.parse(text.substring(start, at))).value();
      } catch (RuntimeException e) {
        throw new Malformed(text, start, "not a JSON string");
      }
    }

    private int number() {
      int start = at;
      while (digit() && at - start < 9) {
        at++;
      }
      if (at == start || digit()) {
        throw new Malformed(text, start, "expected an index of up to 9 digits");
      }
      return Integer.parseInt(text, start, at, 10);
    }

    private boolean digit() {
      return at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9';
    }
  }
}
