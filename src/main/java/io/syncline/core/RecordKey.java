package io.syncline.core;

import java.util.Comparator;
import java.util.Objects;

/**
 * A record's key: the values of its entity's key fields, one for a simple key, several for a
 * compound one, kept as the one text that names the record everywhere (in selectors and change ids,
 * the base table, undo images, a table's key order). Strings print as they are, other values as
 * canonical JSON, and the parts of a compound key are joined by {@link #SEPARATOR}.
 *
 * <p>Worked examples (key fields in brackets):
 *
 * <pre>
 *   [epic_key]  {"epic_key": "EP-7", ...}      → EP-7
 *   [isbn]      {"isbn": 9780262033848, ...}   → 9780262033848
 *   [code]      {"code": "007", ...}           → 007       (a string: no quotes)
 *   [active]    {"active": true, ...}          → true
 *   [a, b]      {"a": "x", "b": 2, ...}        → x,2
 *   [id]        {"name": "no id"}              → BadRecord: the record has no id
 * </pre>
 *
 * <p>Trap: the text is the key's identity, and it was stored before this type existed, so it stays
 * as it is: {@code a = "x,y", b = 2} and {@code a = "x", b = "y,2"} both print {@code x,y,2} and
 * are the same key. Nothing splits a key text back into parts; a row is found by the key fields of
 * its record, not by parsing its key.
 *
 * <p>Order ({@link #ORDER}), as a person would sort: whole numbers by value, then other keys by
 * their text.
 *
 * <pre>
 *   9 &lt; 10 &lt; 100 &lt; 007 &lt; 10a &lt; EP-10 &lt; EP-7 &lt; x,10 &lt; x,2
 * </pre>
 *
 * {@code 007} is not a whole number here (a leading zero), and a compound key compares as its text,
 * so {@code x,10} comes before {@code x,2}.
 */
public record RecordKey(String text) implements Comparable<RecordKey> {
  /** Joins the parts of a compound key. */
  public static final char SEPARATOR = ',';

  /**
   * Joins a child record's parent key to its own key, for the task {@code T1} of the epic {@code
   * EP-7} (see {@link Entity#child}); printed as {@code EP-7/T1} ({@link #display}), a grandchild's
   * as {@code EP-7/T1/C2}. A control character, not the '/' printed, since keys hold slashes
   * ({@code America/Sao_Paulo}) and the levels must be found again to print a selector.
   */
  public static final char LEVEL = '\u001f';

  /** The key text as people read it: levels joined by '/'. */
  public static String display(String text) {
    return text.indexOf(LEVEL) < 0 ? text : text.replace(LEVEL, '/');
  }

  /**
   * Orders key texts as {@link #compareTo} orders keys. Hot: a million-record snapshot or plan
   * sorts by it, on the texts it holds, with no key made.
   */
  public static final Comparator<String> ORDER =
      (a, b) -> {
        boolean na = isNumber(a);
        boolean nb = isNumber(b);
        if (na && nb) {
          int byLength = Integer.compare(a.length(), b.length());
          return byLength != 0 ? byLength : a.compareTo(b);
        }
        if (na != nb) {
          return na ? -1 : 1;
        }
        return a.compareTo(b);
      };

  public RecordKey {
    Objects.requireNonNull(text, "a record key has a text");
  }

  /** The key as printed ({@link #toString()}): from a selector, the base, an undo image. */
  public static RecordKey parse(String text) {
    return new RecordKey(text);
  }

  /** The key of {@code record}, or a {@link BadRecord} naming the key field it lacks. */
  public static RecordKey of(Entity entity, Value.Obj record, String origin) {
    return new RecordKey(text(entity, record, origin));
  }

  /**
   * The key text of {@code record}, as {@link #of} would hold it, for loops over every record of a
   * file that index records by text.
   */
  public static String text(Entity entity, Value.Obj record, String origin) {
    String[] parts = new String[entity.key().size()];
    for (int i = 0; i < parts.length; i++) {
      String keyField = entity.key().get(i);
      Value part = record.get(keyField);
      if (part instanceof Value.Null) {
        throw BadRecord.missingKey(origin, entity.name(), keyField);
      }
      parts[i] = part(part);
    }
    return join(entity, parts);
  }

  /**
   * The key text of {@code entity}'s record whose key fields print {@code parts}, in key order:
   * joined by {@link #SEPARATOR}, and by {@link #LEVEL} where a child's own key follows its
   * parent's.
   */
  public static String join(Entity entity, String[] parts) {
    if (parts.length == 1) {
      return parts[0];
    }
    ParentLink parent = entity.parent();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        key.append(parent != null && parent.levelEndsBefore(i) ? LEVEL : SEPARATOR);
      }
      key.append(parts[i]);
    }
    return key.toString();
  }

  /** One key field's value as the key prints it: {@code "EP-7"} → {@code EP-7}, {@code 2} → 2. */
  public static String part(Value value) {
    return value instanceof Value.Text t ? t.value() : value.canonical();
  }

  @Override
  public int compareTo(RecordKey other) {
    return ORDER.compare(text, other.text);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Digits only, no leading zero (so that ordering by length then text is ordering by value). */
  private static boolean isNumber(String text) {
    int n = text.length();
    if (n == 0 || (text.charAt(0) == '0' && n > 1)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
