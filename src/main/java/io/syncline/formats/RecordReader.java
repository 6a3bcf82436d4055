package io.syncline.formats;

import io.syncline.core.BadRecord;
import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Progress;
import io.syncline.core.RecordKey;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import io.syncline.core.UnableToReadFile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;

/**
 * Streams the records of one file into a {@link Snapshot}: each record is built as a small tree,
 * turned into its key and canonical text, and dropped, so a file of a million records never exists
 * as a million trees.
 *
 * <p>Where the records are, by layout, with {@code at = /tasks}:
 *
 * <pre>
 *   LIST  {"tasks": [{"id": "a", ...}, {"id": "b", ...}]}        records are the array's objects
 *   MAP   {"tasks": {"a": {...}, "b": {...}}}                     the member name is the key field
 *   FILE  {"tasks": {"id": "a", ...}}                             the object is the one record
 * </pre>
 */
final class RecordReader {
  private final Entity entity;
  private final String file;
  private final Snapshot records;
  private final Map<String, FieldType> seen;
  private final Map<String, String> origins;
  private final List<Field> declared;
  private final String[] only;
  private final RecordTokens tokens;
  private long handOverAt = -1;
  private boolean handedOver;
  private String ancestors = "";
  // Per field slot, the name and type last added to seen: records of one shape add nothing more.
  private FieldType[] noted = new FieldType[0];
  private String[] notedName = new String[0];
  private volatile boolean abandoned;
  private String sought;
  private RecordSpans spans = RecordSpans.NONE;
  private final Progress.Counter counter;

  RecordReader(
      Entity entity,
      String file,
      Snapshot records,
      Map<String, FieldType> seen,
      Map<String, String> origins,
      Progress.Counter counter) {
    this.entity = entity;
    this.counter = counter;
    this.file = file;
    this.records = records;
    this.seen = seen;
    this.origins = origins;
    this.declared = entity.fileFields();
    this.tokens = new RecordTokens(entity.key());
    this.only =
        declared.isEmpty()
            ? null
            : Records.sortedFileFields(entity).stream().map(Field::name).toArray(String[]::new);
  }

  /**
   * Hands the list's records from byte {@code offset} on to another reader (see {@link SplitRead}):
   * when a list item starts exactly there, reading stops there, and the rest of the file is the
   * other reader's. When no item starts there, every record is read here as usual.
   */
  RecordReader handingOverAt(long offset) {
    this.handOverAt = offset;
    return this;
  }

  /** Adds each listed record's byte range and key to {@code spans}, when they are kept. */
  RecordReader keeping(RecordSpans spans) {
    this.spans = spans;
    return this;
  }

  /** The spans this reader added records to. */
  RecordSpans spans() {
    return spans;
  }

  /**
   * Reads only to find where the record with this key starts, throwing {@link FirstSeen} there: the
   * second reading that names the first of two duplicate keys. Nothing is added to the snapshot.
   */
  RecordReader seeking(String key) {
    this.sought = key;
    return this;
  }

  /**
   * A key met a second time, at {@code origin}. The first one's line is not kept while reading (a
   * million keys' lines would double the memory a load needs); {@link RecordFiles} reads again to
   * find it.
   */
  static final class DuplicateKey extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String origin;

    final String key;

    DuplicateKey(String origin, String key) {
      super(null, null, false, false);
      this.origin = origin;
      this.key = key;
    }
  }

  /** Where the {@link #seeking} key's record starts: {@code file:line}. */
  static final class FirstSeen extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String origin;

    FirstSeen(String origin) {
      super(null, null, false, false);
      this.origin = origin;
    }
  }

  /** Whether a list item started at the hand-over offset, so reading stopped there. */
  boolean handedOver() {
    return handedOver;
  }

  /**
   * After a hand-over, what opens the list's ancestors in the document, outermost first, as JSON
   * text: for a list at {@code /data/tasks}, an opening brace and {@code "data":}, then another and
   * {@code "tasks":}; a {@code [} for each list the path goes through; nothing for a list at the
   * top. Followed by {@code []} and the bytes after the list's end, it makes a document that is
   * valid exactly when the file's tail is.
   */
  String ancestors() {
    return ancestors;
  }

  /** Stops reading at the next record: its work is not wanted any more. */
  void abandon() {
    abandoned = true;
  }

  /**
   * Reads list items up to the end of the list, starting at the list's {@code [}: the second half
   * of a {@link SplitRead}, which sees {@code [} followed by the file from the hand-over offset on.
   */
  void readListFrom(JsonParser parser) {
    records(parser, parser.nextToken());
  }

  /** Reads the whole document: the records at the pointer, and every token after, to validate. */
  void read(JsonParser parser, boolean yaml) {
    JsonToken first = parser.nextToken();
    if (first == null) {
      if (yaml && entity.layout() != Layout.FILE) {
        return; // an empty YAML document (or only comments): no records yet
      }
      TokenStreamLocation end = parser.currentLocation();
      throw new UnableToReadFile(
          file,
          end.getLineNr(),
          Math.max(1, end.getColumnNr()),
          "the file is empty; expected "
              + (entity.layout() == Layout.FILE ? "a record" : "records"));
    }
    descend(parser, first, pointer(entity.at()), 0);
    if (handedOver) {
      return; // the other reader reads on from here, to the end
    }
    if (parser.nextToken() != null) {
      throw problem(
          parser,
          yaml
              ? "a second YAML document starts here; Syncline reads one document per file:"
                  + " split the file, or remove the --- between the documents"
              : "unexpected content after the end of the document");
    }
  }

  private void descend(JsonParser parser, JsonToken token, List<String> path, int depth) {
    if (depth == path.size()) {
      records(parser, token);
      return;
    }
    String segment = path.get(depth);
    if (token == JsonToken.START_OBJECT) {
      boolean found = false;
      Set<String> names = new HashSet<>();
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        if (!names.add(parser.currentName())) {
          throw problem(
              parser, "the member \"" + parser.currentName() + "\" is given twice; keep one");
        }
        JsonToken value = parser.nextToken();
        if (!found && parser.currentName().equals(segment)) {
          found = true;
          descend(parser, value, path, depth + 1);
          if (handedOver) {
            return;
          }
        } else {
          parser.skipChildren();
        }
      }
      if (!found) {
        throw problem(
            parser, "no " + entity.at() + " in the document (missing \"" + segment + "\")");
      }
    } else if (token == JsonToken.START_ARRAY && segment.matches("\\d+")) {
      int wanted = Integer.parseInt(segment);
      int index = 0;
      boolean found = false;
      for (JsonToken item = parser.nextToken();
          item != JsonToken.END_ARRAY;
          item = parser.nextToken()) {
        if (index++ == wanted) {
          found = true;
          descend(parser, item, path, depth + 1);
          if (handedOver) {
            return;
          }
        } else {
          parser.skipChildren();
        }
      }
      if (!found) {
        throw problem(parser, "no " + entity.at() + " in the document (the list is shorter)");
      }
    } else {
      throw problem(
          parser,
          "no " + entity.at() + " in the document (found " + describe(token) + " before it)");
    }
  }

  private void records(JsonParser parser, JsonToken token) {
    String where = entity.at().isEmpty() ? "the top of the document" : entity.at();
    switch (entity.layout()) {
      case LIST -> {
        if (token != JsonToken.START_ARRAY) {
          throw problem(
              parser,
              "expected a list of records at "
                  + where
                  + ", found "
                  + describe(token)
                  + (token == JsonToken.START_OBJECT
                      ? " (records keyed by id? use --layout map)"
                      : ""));
        }
        int index = 0;
        for (JsonToken item = parser.nextToken();
            item != JsonToken.END_ARRAY;
            item = parser.nextToken()) {
          if (item != JsonToken.START_OBJECT) {
            throw problem(
                parser,
                "item "
                    + index
                    + " of the list at "
                    + where
                    + " is "
                    + describe(item)
                    + ", not a record");
          }
          if (abandoned) {
            throw new CancellationException();
          }
          if (handsOver(parser)) {
            ancestors = ancestors(parser.streamReadContext().getParent());
            return;
          }
          if (spans.kept()) {
            // Located only here: each location is an object made for the asking.
            long start = parser.currentTokenLocation().getByteOffset();
            String key = record(parser, null);
            spans.add(key, start, parser.currentTokenLocation().getByteOffset() + 1);
          } else {
            record(parser, null);
          }
          index++;
        }
      }
      case MAP -> {
        if (token != JsonToken.START_OBJECT) {
          throw problem(
              parser, "expected records keyed by id at " + where + ", found " + describe(token));
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = parser.currentName();
          JsonToken value = parser.nextToken();
          if (value != JsonToken.START_OBJECT) {
            throw problem(parser, where + "/" + name + " is " + describe(value) + ", not a record");
          }
          record(parser, name);
        }
      }
      case FILE -> {
        if (token != JsonToken.START_OBJECT) {
          throw problem(
              parser, "expected a record (an object) at " + where + ", found " + describe(token));
        }
        record(parser, null);
      }
    }
  }

  /**
   * What opens the ancestors of the list whose context is {@code list} (see {@link #ancestors()}).
   */
  private static String ancestors(TokenStreamContext list) {
    ArrayDeque<String> opened = new ArrayDeque<>();
    for (TokenStreamContext c = list.getParent(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        StringBuilder member = new StringBuilder("{");
        CanonicalJson.quote(c.currentName(), member);
        opened.push(member.append(':').toString());
      } else {
        opened.push("[");
      }
    }
    return String.join("", opened);
  }

  private boolean handsOver(JsonParser parser) {
    if (handOverAt >= 0 && !handedOver) {
      long at = parser.currentTokenLocation().getByteOffset();
      if (at == handOverAt) {
        handedOver = true;
      } else if (at > handOverAt) {
        handOverAt = -1; // the offset was inside an item: nothing is handed over
      }
    }
    return handedOver;
  }

  /**
   * Reads the record whose START_OBJECT is the current token, up to its END_OBJECT; {@code name} is
   * its MAP key. Returns its key.
   */
  private String record(JsonParser parser, String name) {
    int line = parser.currentTokenLocation().getLineNr();
    tokens.clear();
    if (name != null) {
      tokens.putString(entity.key().get(0), name);
    }
    try {
      tokens.readFields(parser);
    } catch (NumberFormatException e) {
      throw problem(parser, e.getMessage());
    } catch (RecordTokens.RepeatedMember e) {
      throw problem(
          parser,
          "the member \""
              + e.name
              + "\" is given twice in "
              + (e.field == null ? "one record" : "the record's field " + e.field)
              + "; keep one");
    }
    String key = key(line);
    check(key, line);
    if (sought != null) {
      if (sought.equals(key)) {
        throw new FirstSeen(origin(line));
      }
      return key;
    }
    if (records.put(key, tokens.canonical(only)) != null) {
      throw new DuplicateKey(origin(line), key);
    }
    if (origins != null) {
      origins.put(key, file);
    }
    counter.add(1);
    return key;
  }

  /** Where a record starts, for messages: {@code file:line}. Built only when one is needed. */
  private String origin(int line) {
    return file + ":" + line;
  }

  /** The key text as {@link RecordKey#text} makes it, from the tokens of a record being read. */
  private String key(int line) {
    if (entity.key().size() == 1) {
      return keyPart(entity.key().get(0), line);
    }
    StringBuilder key = new StringBuilder();
    for (String keyField : entity.key()) {
      if (key.length() > 0) {
        key.append(RecordKey.SEPARATOR);
      }
      key.append(keyPart(keyField, line));
    }
    return key.toString();
  }

  private String keyPart(String keyField, int line) {
    int at = tokens.indexOf(keyField);
    if (at < 0 || tokens.types[at] == null) {
      throw BadRecord.missingKey(origin(line), entity.name(), keyField);
    }
    return tokens.raw[at] != null ? tokens.raw[at] : tokens.text(at);
  }

  private void check(String key, int line) {
    if (declared.isEmpty()) {
      for (int i = 0; i < tokens.size; i++) {
        if (i < noted.length && notedName[i] == tokens.names[i] && noted[i] == tokens.types[i]) {
          continue; // this name with this type was noted already: seen holds it
        }
        FieldType type = tokens.types[i];
        FieldType before = seen.get(tokens.names[i]);
        if (before == null) {
          seen.put(tokens.names[i], type);
        } else if (type != null && before != type) {
          seen.put(tokens.names[i], before.widen(type));
        }
        note(i, tokens.names[i], type);
      }
      return;
    }
    for (Field field : declared) {
      int at = tokens.indexOf(field.name());
      if (at >= 0 && !field.type().holds(tokens.types[at])) {
        throw new BadRecord(
            origin(line),
            entity.name(),
            key,
            field.name(),
            "expected " + field.type().lowerName() + ", found " + tokens.text(at));
      }
    }
  }

  /** Remembers that slot {@code i} held {@code name} with {@code type} when seen was last told. */
  private void note(int i, String name, FieldType type) {
    if (i >= noted.length) {
      noted = Arrays.copyOf(noted, Math.max(16, i * 2));
      notedName = Arrays.copyOf(notedName, noted.length);
    }
    noted[i] = type;
    notedName[i] = name;
  }

  /**
   * JSON Pointer segments (RFC 6901): {@code /3166-1} → [3166-1]; {@code /a~1b/c~0d} → [a/b, c~d].
   */
  static List<String> pointer(String at) {
    List<String> segments = new ArrayList<>();
    if (at == null || at.isEmpty() || at.equals("/")) {
      return segments;
    }
    for (String raw : at.substring(at.startsWith("/") ? 1 : 0).split("/", -1)) {
      segments.add(raw.replace("~1", "/").replace("~0", "~"));
    }
    return segments;
  }

  static String describe(JsonToken token) {
    if (token == null) {
      return "the end of the file";
    }
    return switch (token) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  private UnableToReadFile problem(JsonParser parser, String reason) {
    return problem(parser, reason, file);
  }

  private static UnableToReadFile problem(JsonParser parser, String reason, String file) {
    TokenStreamLocation at = parser.currentTokenLocation();
    return new UnableToReadFile(file == null ? "" : file, at.getLineNr(), at.getColumnNr(), reason);
  }
}
