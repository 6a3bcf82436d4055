package io.syncline.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the canonical JSON text of {@link Value}s.
 *
 * <p>The canonical text is what Syncline stores as the base of a record and what it compares first:
 * equal texts mean equal records, without building trees. The reader accepts any JSON (a JSON
 * column edited by hand reads fine); it is meant for single values and records, not for the large
 * files, which the format adapters stream.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  public static Value parse(String json) {
    Reader reader = new Reader(json);
    reader.skipSpace();
    Value value = reader.value();
    reader.skipSpace();
    if (!reader.atEnd()) {
      throw reader.error("unexpected text after the value");
    }
    return value;
  }

  static void write(Value value, StringBuilder out) {
    if (value instanceof Value.Text t) {
      quote(t.value(), out);
    } else if (value instanceof Value.Num n) {
      out.append(number(n.value()));
    } else if (value instanceof Value.Bool b) {
      out.append(b.value());
    } else if (value instanceof Value.Array a) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(a.items().get(i), out);
      }
      out.append(']');
    } else if (value instanceof Value.Obj o) {
      out.append('{');
      boolean first = true;
      for (String name : sortedNames(o)) {
        if (!first) {
          out.append(',');
        }
        first = false;
        quote(name, out);
        out.append(':');
        write(o.fields().get(name), out);
      }
      out.append('}');
    } else {
      out.append("null");
    }
  }

  /**
   * The object's field names in canonical (sorted) order; objects of up to a few fields are the
   * rule.
   */
  static String[] sortedNames(Value.Obj o) {
    String[] names = o.fields().keySet().toArray(new String[0]);
    Arrays.sort(names);
    return names;
  }

  static void writeInOrder(Value value, StringBuilder out) {
    if (value instanceof Value.Obj o) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, Value> field : o.fields().entrySet()) {
        if (!first) {
          out.append(", ");
        }
        first = false;
        quote(field.getKey(), out);
        out.append(": ");
        writeInOrder(field.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof Value.Array a) {
      out.append('[');
      for (int i = 0; i < a.items().size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        writeInOrder(a.items().get(i), out);
      }
      out.append(']');
    } else {
      write(value, out);
    }
  }

  /** 1.50 → "1.5", 1E+2 → "100", -0.0 → "0". */
  public static String number(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal stripped = value.stripTrailingZeros();
    if (stripped.scale() < 0 && stripped.precision() - stripped.scale() > 40) {
      return stripped.toString();
    }
    return stripped.toPlainString();
  }

  public static void quote(String text, StringBuilder out) {
    out.append('"');
    int plain = plainPrefix(text);
    if (plain == text.length()) { // the usual case: nothing to escape, one copy
      out.append(text).append('"');
      return;
    }
    out.append(text, 0, plain);
    for (int i = plain; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** As {@link #quote(String, StringBuilder)} for {@code length} characters from {@code offset}. */
  public static void quote(char[] chars, int offset, int length, StringBuilder out) {
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = chars[i];
      if (c < 0x20 || c == '"' || c == '\\') {
        quote(new String(chars, offset, length), out);
        return;
      }
    }
    out.append('"').append(chars, offset, length).append('"');
  }

  /** How many leading characters of {@code text} need no escape. */
  private static int plainPrefix(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return i;
      }
    }
    return text.length();
  }

  /** Thrown for text that is not JSON; the message says where. */
  public static final class NotJson extends IllegalArgumentException {
    public NotJson(String message) {
      super(message);
    }
  }

  private static final class Reader {
    private final String text;
    private int at;

    Reader(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return at >= text.length();
    }

    NotJson error(String what) {
      return new NotJson(what + " at character " + (at + 1));
    }

    void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    Value value() {
      if (atEnd()) {
        throw error("expected a value");
      }
      char c = text.charAt(at);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> new Value.Text(string());
        case 't' -> literal("true", Value.TRUE);
        case 'f' -> literal("false", Value.FALSE);
        case 'n' -> literal("null", Value.NULL);
        default -> number();
      };
    }

    Value literal(String word, Value value) {
      if (!text.startsWith(word, at)) {
        throw error("expected " + word);
      }
      at += word.length();
      return value;
    }

    Value number() {
      int start = at;
      while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      try {
        return new Value.Num(new BigDecimal(text.substring(start, at)));
      } catch (NumberFormatException e) {
        at = start;
        throw error("expected a JSON value");
      }
    }

    String string() {
      at++;
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw error("unterminated string");
        }
        char c = text.charAt(at++);
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        if (atEnd()) {
          throw error("unterminated string");
        }
        char e = text.charAt(at++);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (at + 4 > text.length()) {
              throw error("bad \\u escape");
            }
            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
            at += 4;
          }
          default -> out.append(e);
        }
      }
    }

    Value array() {
      at++;
      List<Value> items = new ArrayList<>();
      skipSpace();
      if (!atEnd() && text.charAt(at) == ']') {
        at++;
        return new Value.Array(items);
      }
      while (true) {
        skipSpace();
        items.add(value());
        skipSpace();
        if (atEnd()) {
          throw error("unterminated array");
        }
        char c = text.charAt(at++);
        if (c == ']') {
          return new Value.Array(items);
        }
        if (c != ',') {
          at--;
          throw error("expected , or ]");
        }
      }
    }

    Value object() {
      at++;
      Map<String, Value> fields = new LinkedHashMap<>();
      skipSpace();
      if (!atEnd() && text.charAt(at) == '}') {
        at++;
        return new Value.Obj(fields);
      }
      while (true) {
        skipSpace();
        if (atEnd() || text.charAt(at) != '"') {
          throw error("expected a field name");
        }
        String name = string();
        skipSpace();
        if (atEnd() || text.charAt(at) != ':') {
          throw error("expected :");
        }
        at++;
        skipSpace();
        fields.put(name, value());
        skipSpace();
        if (atEnd()) {
          throw error("unterminated object");
        }
        char c = text.charAt(at++);
        if (c == '}') {
          return new Value.Obj(fields);
        }
        if (c != ',') {
          at--;
          throw error("expected , or }");
        }
      }
    }
  }
}
