package io.syncline.formats;

import io.syncline.core.UnableToReadFile;
import io.syncline.core.Value;
import io.syncline.runtime.Background;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;

/**
 * A document read with Jackson's streaming parser, keeping where in the text each value sits, so
 * that {@link FilePatch} can replace just the spans that change.
 *
 * <p>Offsets are char indexes into the text; {@code end} is exclusive and stops after the value's
 * last character (never after trailing spaces, comments or line breaks). How they are found:
 *
 * <pre>
 *   JSON  start: the token's char offset; end of a scalar: scanned here (Jackson reads strings
 *         lazily, so its "current location" may still sit inside one); end of [..]/{..}: after
 *         the closing bracket's token.
 *   YAML  start and end: the event's start and end marks, which SnakeYAML counts in code points
 *         (converted here for text outside the Basic Multilingual Plane). A block list or mapping
 *         has no closing token, so it ends where its last child ends; a block scalar ({@code |})
 *         ends at its last non-blank character.
 * </pre>
 */
final class Spans {
  private Spans() {}

  /** The YAML merge key. */
  static final String MERGE = "<<";

  enum Kind {
    OBJECT,
    ARRAY,
    SCALAR
  }

  /** One value in the text. Objects keep their members' names and where each name starts. */
  static final class Node {
    final Kind kind;
    final int start;
    int end;

    /** For lists and objects: written with brackets ({@code [..]}, always so in JSON). */
    boolean flow;

    /** For YAML scalars: the quote it was written with, or 0 when plain. */
    char quote;

    Value scalar;

    /** The container this value is in; null for the document. */
    Node parent;

    /** YAML: the anchor this value carries ({@code &t}), the alias it is ({@code *t}), or null. */
    String anchor;

    String alias;

    /** YAML: for an alias, the anchored value; for an anchored value, whether an alias uses it. */
    Node target;

    boolean aliased;

    boolean yaml;

    /** For a record read past: its key, when {@link Records} kept it; else null. */
    String key;

    /**
     * False for a record read past (see {@link Records}) or a member read past ({@link
     * Spans#listOf}): of it only kind, start, end and flow are known.
     */
    final boolean whole;

    // A scalar or a record read past has no members: one shared empty list each, since a file of
    // a million records has ten million scalars.
    final List<String> names;
    final List<Integer> nameStarts;
    final List<Node> children;

    Node(Kind kind, int start) {
      this(kind, start, kind != Kind.SCALAR);
    }

    private Node(Kind kind, int start, boolean members) {
      this(kind, start, members, members || kind == Kind.SCALAR);
    }

    private Node(Kind kind, int start, boolean members, boolean whole) {
      this.kind = kind;
      this.start = start;
      this.whole = whole;
      this.names = members ? new ArrayList<>() : List.of();
      this.nameStarts = members ? new ArrayList<>() : List.of();
      this.children = members ? new ArrayList<>() : List.of();
    }

    /** A JSON value read past at {@code start..end} (see {@link Spans#listOf}): only its place. */
    static Node placeOf(Kind kind, int start, int end) {
      Node place = new Node(kind, start, false, false);
      place.end = end;
      place.flow = kind != Kind.SCALAR;
      return place;
    }

    /** A record read past at {@code start..end}: see {@link #readPast()}. */
    static Node readPast(int start, int end, String key) {
      Node past = new Node(Kind.OBJECT, start, false);
      past.end = end;
      past.flow = true;
      past.key = key;
      return past;
    }

    /** What stays of a record read past: where it is, not what it holds. */
    private Node readPast() {
      Node past = new Node(kind, start, false);
      past.end = end;
      past.flow = flow;
      past.key = key;
      return past;
    }

    int size() {
      return children.size();
    }

    /** Where element i starts: its name for an object member, the value for a list item. */
    int elementStart(int i) {
      return kind == Kind.OBJECT ? nameStarts.get(i) : children.get(i).start;
    }

    int indexOf(String name) {
      return names.indexOf(name);
    }

    Value value() {
      if (!whole) {
        throw new IllegalStateException("a record read past has no value");
      }
      if (target != null && alias != null) {
        return target.value();
      }
      if (kind == Kind.SCALAR) {
        return scalar;
      }
      if (kind == Kind.ARRAY) {
        List<Value> items = new ArrayList<>(children.size());
        for (Node child : children) {
          items.add(child.value());
        }
        return new Value.Array(items);
      }
      Map<String, Value> fields = new LinkedHashMap<>();
      for (int i = 0; i < children.size(); i++) {
        if (!yaml || !names.get(i).equals(MERGE)) {
          fields.put(names.get(i), children.get(i).value());
        }
      }
      // YAML merge keys: members of the merged mappings the mapping does not give itself, the
      // first merged mapping winning (as YamlAliases reads them).
      int merge = yaml ? names.indexOf(MERGE) : -1;
      if (merge >= 0) {
        Value merged = children.get(merge).value();
        List<Value> sources = merged instanceof Value.Array a ? a.items() : List.of(merged);
        for (Value source : sources) {
          if (source instanceof Value.Obj o) {
            o.fields().forEach(fields::putIfAbsent);
          }
        }
      }
      return new Value.Obj(fields);
    }

    /** The members a merge key ({@code <<}) brings in, by name; empty when there is none. */
    boolean merges(String name) {
      int merge = yaml ? names.indexOf(MERGE) : -1;
      if (merge < 0) {
        return false;
      }
      Value merged = children.get(merge).value();
      for (Value source : merged instanceof Value.Array a ? a.items() : List.of(merged)) {
        if (source instanceof Value.Obj o && o.fields().containsKey(name)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final JsonFactory JSON = new JsonFactory();
  private static final YAMLFactory YAML = new YAMLFactory();

  /**
   * Sees each record of a JSON file as it is read, with its key members only, and says whether to
   * read it whole. A file of a million records where a few change needs the spans of those few;
   * making values of every record's members took many times the text's size in memory, and most of
   * the time. The last record is always read whole, since a record added after it is written in its
   * style.
   *
   * <p>A large list may be read in two halves on two threads at once (see {@link Halves}): then
   * {@code keepWhole} is called from both, each time for another record.
   */
  interface Records {
    /**
     * @param name its member name in an object of records, null in a list
     * @param record an object record with only its key members (a list or scalar where a record
     *     should be: whole); the call may set its {@link Node#key}, which a record read past keeps
     * @return true to read it whole, false to keep only its kind, start, end, flow and key
     */
    boolean keepWhole(String name, Node record);
  }

  static Node parse(String text, boolean yaml, String fileName) {
    return parse(text, yaml, fileName, null, Set.of(), null);
  }

  /**
   * As {@link #parse(String, boolean, String)}, showing each record of the list or object at the
   * JSON pointer {@code recordsAt}, with only its members named in {@code keyMembers}, to {@code
   * records} (JSON only: in YAML a record can share anchors with another, so every record is read
   * whole). With {@code recordsAt} "/tasks", the items of {@code {"tasks": [..]}}; with "", those
   * of the document itself.
   */
  static Node parse(
      String text,
      boolean yaml,
      String fileName,
      String recordsAt,
      Set<String> keyMembers,
      Records records) {
    return parse(text, yaml, fileName, recordsAt, keyMembers, records, Halves.FROM_CHARS);
  }

  /** As above; a list of records of {@code splitFrom} chars or more is read in two halves. */
  static Node parse(
      String text,
      boolean yaml,
      String fileName,
      String recordsAt,
      Set<String> keyMembers,
      Records records,
      int splitFrom) {
    Halves halves =
        records != null && !yaml && recordsAt.isEmpty() && text.length() >= splitFrom
            ? Halves.start(text, keyMembers, records)
            : null;
    try (JsonParser parser = (yaml ? YAML : JSON).createParser(ObjectReadContext.empty(), text)) {
      Reader reader = new Reader(text, yaml, parser);
      if (records != null && !yaml) {
        reader.recordsAt = segments(recordsAt);
        reader.keyMembers = keyMembers;
        reader.records = records;
        reader.halves = halves;
      }
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UnableToReadFile(fileName, 0, 0, "the file is empty");
      }
      return reader.value(first, true, 0);
    } catch (JacksonException e) {
      TokenStreamLocation where = e.getLocation();
      throw new UnableToReadFile(
          fileName,
          where == null ? 0 : where.getLineNr(),
          where == null ? 0 : where.getColumnNr(),
          "not valid "
              + (yaml ? "YAML" : "JSON")
              + ": "
              + ParserMessages.reason(e.getOriginalMessage()));
    } finally {
      if (halves != null) {
        halves.abandon(); // read past, or not reached: its work is not wanted any more
      }
    }
  }

  /**
   * The JSON list of records whose places {@code load} kept, without reading the rest of {@code
   * text}: a list holding, in file order, the records at the {@code whole} positions read whole and
   * the first two records read past (a field edit inside a record of one member takes its separator
   * from the list, see {@code FilePatch}). Null when a span does not hold an object: the spans are
   * not this text's.
   *
   * <p>The records read whole hold only the members named in {@code members} whole; of the others,
   * where they are, not what they hold (a record patched field by field touches no other member).
   * All of them when {@code members} is null.
   *
   * @param whole positions in {@code spans}, ascending
   */
  static Node listOf(FileText text, RecordSpans spans, int[] whole, Set<String> members) {
    Node list = new Node(Kind.ARRAY, spans.start(0));
    list.flow = true;
    list.yaml = false;
    int[] positions =
        IntStream.concat(IntStream.of(0, 1), Arrays.stream(whole))
            .filter(i -> i < spans.size())
            .distinct()
            .sorted()
            .toArray();
    for (int i : positions) {
      int start = spans.start(i);
      int end = spans.end(i);
      if (start < 0 || end > text.length() || start >= end) {
        return null;
      }
      Node record;
      if (Arrays.binarySearch(whole, i) >= 0) {
        try {
          record = recordAt(text.substring(start, end), start, members);
        } catch (JacksonException e) {
          return null;
        }
      } else {
        record = Node.readPast(start, end, null);
      }
      record.parent = list;
      list.children.add(record);
    }
    list.end = spans.end(spans.size() - 1);
    return list;
  }

  /**
   * The JSON record whose text is {@code record}, read whole, its offsets those of the document it
   * starts at {@code start} in.
   */
  private static Node recordAt(String record, int start) {
    return recordAt(record, start, null);
  }

  /** {@link #recordAt(String, int)} with only {@code members} whole (all when null). */
  private static Node recordAt(String record, int start, Set<String> members) {
    try (JsonParser again = JSON.createParser(ObjectReadContext.empty(), record)) {
      Reader reader = new Reader(record, false, again);
      reader.origin = start;
      reader.base = start;
      reader.wholeMembers = members;
      return reader.value(again.nextToken(), false, Integer.MAX_VALUE);
    }
  }

  /** The segments of a JSON pointer, unescaped: "/a~1b/0" is [a/b, 0]. */
  private static String[] segments(String pointer) {
    if (pointer.isEmpty()) {
      return new String[0];
    }
    String[] segments = pointer.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      segments[i] = segments[i].replace("~1", "/").replace("~0", "~");
    }
    return segments;
  }

  /**
   * The second half of a large JSON list of records, read on another core while the first reader
   * reads the first half, as {@link SplitRead} reads the file at load. The half starts at a guess
   * made near the middle of the text (a {@code }} then a comma then a {@code {}, blanks between),
   * which holds only when the first reader meets an item of the list starting exactly there; it
   * then takes the second half's records instead of reading on. From a true item start, JSON reads
   * the same whatever came before, so these are the records one pass would have made. A wrong
   * guess, or a second half that fails (a record the caller refuses), costs only the other
   * thread's work: the first reader reads on to the end and reports what one pass would.
   */
  private static final class Halves {
    /** Smaller lists are read in one pass: the other thread would cost more than it saves. */
    static final int FROM_CHARS = (int) SplitRead.FROM_BYTES;

    private static final int WINDOW = 1 << 20;

    private static final Executor SECOND_CORE = Background.threads("syncline-patch");

    private final int at;
    private final CompletableFuture<Node> second;
    private final AtomicBoolean stopped;

    private Halves(int at, CompletableFuture<Node> second, AtomicBoolean stopped) {
      this.at = at;
      this.second = second;
      this.stopped = stopped;
    }

    /** Starts reading the second half of the list {@code text} holds; null when it is not split. */
    static Halves start(String text, Set<String> keyMembers, Records records) {
      int at = Runtime.getRuntime().availableProcessors() > 1 ? guess(text) : -1;
      if (at < 0) {
        return null;
      }
      var stopped = new AtomicBoolean();
      var second =
          CompletableFuture.supplyAsync(
              () -> {
                try (JsonParser parser =
                    JSON.createParser(ObjectReadContext.empty(), listFrom(text, at))) {
                  Reader reader = new Reader(text, false, parser);
                  reader.base = at - 1; // the '[' put in front stands for the char before
                  reader.recordsAt = new String[0];
                  reader.keyMembers = keyMembers;
                  reader.records = records;
                  reader.stopped = stopped;
                  return reader.value(parser.nextToken(), true, 0);
                }
              },
              SECOND_CORE);
      return new Halves(at, second, stopped);
    }

    /**
     * The second half, as a list holding its records and ending where the whole list ends, when it
     * starts at {@code start} and was read; null otherwise.
     */
    Node from(int start) {
      if (start != at) {
        return null;
      }
      try {
        return second.join();
      } catch (CompletionException | CancellationException e) {
        return null; // read on in one pass, which reports the problem where it is
      }
    }

    void abandon() {
      stopped.set(true);
    }

    /** The start of a {@code {}} near the middle after a {@code }} and a comma, or -1. */
    private static int guess(String text) {
      int first = 0;
      while (first < text.length() && Character.isWhitespace(text.charAt(first))) {
        first++;
      }
      if (first == text.length() || text.charAt(first) != '[') {
        return -1;
      }
      int end = Math.min(text.length(), text.length() / 2 + WINDOW);
      for (int i = text.indexOf('}', text.length() / 2); i >= 0 && i < end; ) {
        int comma = afterBlanks(text, i + 1);
        if (comma < text.length() && text.charAt(comma) == ',') {
          int item = afterBlanks(text, comma + 1);
          if (item < text.length() && text.charAt(item) == '{') {
            return item;
          }
        }
        i = text.indexOf('}', i + 1);
      }
      return -1;
    }

    private static int afterBlanks(String text, int from) {
      int at = from;
      while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
        at++;
      }
      return at;
    }

    /** {@code [} then the text from {@code at} on: a list whose first item is the guessed one. */
    private static java.io.Reader listFrom(String text, int at) {
      return new java.io.Reader() {
        private int next = at - 1;

        @Override
        public int read(char[] buffer, int offset, int length) {
          if (next >= text.length()) {
            return -1;
          }
          if (length == 0) {
            return 0;
          }
          int n = 0;
          if (next == at - 1) {
            buffer[offset] = '[';
            next = at;
            n = 1;
          }
          int copied = Math.min(length - n, text.length() - next);
          text.getChars(next, next + copied, buffer, offset + n);
          next += copied;
          return n + copied;
        }

        @Override
        public void close() {}
      };
    }
  }

  private static final class Reader {
    private final String text;
    private final boolean yaml;
    private final JsonParser parser;
    private final boolean wide;

    Reader(String text, boolean yaml, JsonParser parser) {
      this.text = text;
      this.yaml = yaml;
      this.parser = parser;
      this.wide = yaml && text.codePoints().count() != text.length();
    }

    /** The char at document offset {@code at}. */
    private char charAt(int at) {
      return text.charAt(at - origin);
    }

    /** The document offset just after the text this reader has. */
    private int textEnd() {
      return origin + text.length();
    }

    private int offset(TokenStreamLocation location) {
      int at = base + (int) location.getCharOffset();
      return wide ? text.offsetByCodePoints(0, at) : at;
    }

    private final Map<String, Node> anchors = new HashMap<>();

    /** Where the records are, and who sees them; null when every value is kept. */
    private String[] recordsAt;

    private Records records;

    /** The members a record's key is made of: of a record not kept whole, all that is read. */
    private Set<String> keyMembers;

    /**
     * Where in the document {@code text} starts: 0 for the whole document, a record's start when
     * the text is that record alone (see {@link Spans#listOf}).
     */
    private int origin;

    /** Where in the text the parser's input starts: a record read again on its own. */
    private int base;

    /**
     * The members of the next object read that are read whole; of the others only where they are.
     * Null for every member; taken by that object, so that the objects inside it are read whole.
     */
    private Set<String> wholeMembers;

    /** The second half of the list of records, read on another thread; null when not split. */
    private Halves halves;

    /** For the reader of a second half: set when its work is no longer wanted. */
    private AtomicBoolean stopped;

    /**
     * Reads one value. {@code onPath}: the containers around it lead to the records (as FilePatch
     * resolves the pointer: a member by name, a list item by its number); {@code depth}: how many
     * containers are around it.
     */
    Node value(JsonToken token, boolean onPath, int depth) {
      Node node = read(token, onPath, depth);
      node.yaml = yaml;
      if (yaml) {
        String alias = YamlAliases.alias(parser);
        if (alias != null) {
          node.alias = alias;
          node.target = anchors.get(alias);
          if (node.target != null) {
            node.target.aliased = true;
          }
        }
        String anchor = node.anchor;
        if (anchor != null) {
          anchors.put(anchor, node);
        }
      }
      for (Node child : node.children) {
        child.parent = node;
      }
      return node;
    }

    private Node read(JsonToken token, boolean onPath, int depth) {
      int start = offset(parser.currentTokenLocation());
      String anchor = yaml ? YamlAliases.anchor(parser, token) : null;
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        boolean object = token == JsonToken.START_OBJECT;
        Node node = new Node(object ? Kind.OBJECT : Kind.ARRAY, start);
        node.anchor = anchor;
        node.flow = !yaml || (start < textEnd() && charAt(start) == (object ? '{' : '['));
        boolean ofRecords = records != null && onPath && depth == recordsAt.length;
        Set<String> only = object ? wholeMembers : null;
        wholeMembers = null;
        int handedOverEnd = -1;
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_OBJECT && next != JsonToken.END_ARRAY) {
          if (stopped != null && stopped.get()) {
            throw new CancellationException();
          }
          String name = null;
          if (next == JsonToken.PROPERTY_NAME) {
            name = parser.currentName();
            node.names.add(name);
            node.nameStarts.add(offset(parser.currentTokenLocation()));
            next = parser.nextToken();
          }
          int itemStart =
              ofRecords && next == JsonToken.START_OBJECT
                  ? offset(parser.currentTokenLocation())
                  : -1;
          if (halves != null && itemStart >= 0 && name == null) {
            Node rest = halves.from(itemStart);
            if (rest != null) {
              node.children.addAll(rest.children);
              handedOverEnd = rest.end;
              break;
            }
          }
          boolean childOnPath =
              records != null
                  && onPath
                  && depth < recordsAt.length
                  && leadsOn(recordsAt[depth], name, node.children.size());
          Node child;
          if (only != null && name != null && !only.contains(name)) {
            child = placeOf(next);
          } else if (ofRecords && next == JsonToken.START_OBJECT) {
            Node keyOnly = keyMembersOf(itemStart);
            child = records.keepWhole(name, keyOnly) ? reread(keyOnly) : keyOnly.readPast();
          } else {
            child = value(next, childOnPath, depth + 1);
            if (ofRecords) {
              records.keepWhole(name, child);
            }
          }
          node.children.add(child);
        }
        int last = node.size() - 1;
        if (ofRecords && last >= 0 && !node.children.get(last).whole) {
          node.children.set(last, reread(node.children.get(last)));
        }
        if (handedOverEnd >= 0) {
          node.end = handedOverEnd;
        } else if (node.flow) {
          node.end =
              yaml ? offset(parser.currentLocation()) : offset(parser.currentTokenLocation()) + 1;
        } else {
          node.end = node.children.isEmpty() ? start : node.children.get(node.size() - 1).end;
        }
        return node;
      }
      Node node = new Node(Kind.SCALAR, start);
      node.anchor = anchor;
      node.scalar = scalar(token);
      if (yaml) {
        int end = offset(parser.currentLocation());
        while (end > start && Character.isWhitespace(charAt(end - 1))) {
          end--;
        }
        node.end = end;
        char c = start < textEnd() ? charAt(start) : 0;
        node.quote = end > start && (c == '"' || c == '\'') ? c : 0;
      } else {
        node.end = jsonScalarEnd(start);
      }
      return node;
    }

    /**
     * A JSON record, the parser at its "{", read up to its "}" with only its key members: the
     * others are skipped as Jackson skips, without making values of them.
     */
    private Node keyMembersOf(int start) {
      Node record = new Node(Kind.OBJECT, start);
      record.flow = true;
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = parser.currentName();
        if (keyMembers.contains(name)) {
          // Located only here: each location is an object made for the asking.
          record.names.add(name);
          record.nameStarts.add(offset(parser.currentTokenLocation()));
          record.children.add(value(parser.nextToken(), false, Integer.MAX_VALUE));
        } else {
          parser.nextToken();
          parser.skipChildren(); // a scalar: nothing to skip
        }
      }
      record.end = offset(parser.currentTokenLocation()) + 1;
      return record;
    }

    /**
     * Where the JSON value at {@code token} is, and what kind: read past, as Jackson skips, without
     * making a value of it; {@link Node#value()} refuses it.
     */
    private Node placeOf(JsonToken token) {
      int start = offset(parser.currentTokenLocation());
      boolean container = token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
      Kind kind =
          container ? (token == JsonToken.START_OBJECT ? Kind.OBJECT : Kind.ARRAY) : Kind.SCALAR;
      if (container) {
        parser.skipChildren();
        return Node.placeOf(kind, start, offset(parser.currentTokenLocation()) + 1);
      }
      return Node.placeOf(kind, start, jsonScalarEnd(start));
    }

    /** The record at the span of {@code record}, read again whole. */
    private Node reread(Node record) {
      return recordAt(text.substring(record.start - origin, record.end - origin), record.start);
    }

    /** Whether member {@code name}, or item {@code index} of a list, is the pointer's segment. */
    private static boolean leadsOn(String segment, String name, int index) {
      if (name != null) {
        return name.equals(segment);
      }
      return segment.matches("[0-9]{1,9}") && Integer.parseInt(segment) == index;
    }

    private Value scalar(JsonToken token) {
      switch (token) {
        case VALUE_NULL:
          return Value.NULL;
        case VALUE_TRUE:
          return Value.TRUE;
        case VALUE_FALSE:
          return Value.FALSE;
        case VALUE_NUMBER_INT:
          return new Value.Num(new BigDecimal(parser.getBigIntegerValue()));
        case VALUE_NUMBER_FLOAT:
          try {
            return new Value.Num(parser.getDecimalValue());
          } catch (RuntimeException notFinite) {
            return new Value.Text(parser.getString()); // .inf and .nan have no decimal
          }
        default:
          return new Value.Text(parser.getString());
      }
    }

    private int jsonScalarEnd(int start) {
      int at = start;
      if (charAt(at) == '"') {
        at++;
        while (charAt(at) != '"') {
          at += charAt(at) == '\\' ? 2 : 1;
        }
        return at + 1;
      }
      while (at < textEnd() && ",]}: \t\r\n".indexOf(charAt(at)) < 0) {
        at++;
      }
      return at;
    }
  }
}
