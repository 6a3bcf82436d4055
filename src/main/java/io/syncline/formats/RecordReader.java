package io.syncline.formats;

import io.syncline.core.BadRecord;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Layout;
import io.syncline.core.Records;
import io.syncline.core.Snapshot;
import io.syncline.core.UnableToReadFile;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
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
  private final List<Field> sorted;

  RecordReader(
      Entity entity,
      String file,
      Snapshot records,
      Map<String, FieldType> seen,
      Map<String, String> origins) {
    this.entity = entity;
    this.file = file;
    this.records = records;
    this.seen = seen;
    this.origins = origins;
    this.declared = entity.fileFields();
    this.sorted = Records.sortedFileFields(entity);
  }

  /** Reads the whole document: the records at the pointer, and every token after, to validate. */
  void read(JsonParser parser, boolean yaml) {
    JsonToken first = parser.nextToken();
    if (first == null) {
      if (yaml && entity.layout() != Layout.FILE) {
        return; // an empty YAML document (or only comments): no records yet
      }
      throw problem(
          parser,
          "the file is empty; expected "
              + (entity.layout() == Layout.FILE ? "a record" : "records"));
    }
    descend(parser, first, pointer(entity.at()), 0);
    if (parser.nextToken() != null) {
      throw problem(parser, "unexpected content after the end of the document");
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
      while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
        JsonToken value = parser.nextToken();
        if (!found && parser.currentName().equals(segment)) {
          found = true;
          descend(parser, value, path, depth + 1);
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
          record(parser, null);
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

  /** Reads the record whose START_OBJECT is the current token; {@code name} is its MAP key. */
  private void record(JsonParser parser, String name) {
    String origin = file + ":" + parser.currentTokenLocation().getLineNr();
    Map<String, Value> fields = new LinkedHashMap<>();
    if (name != null) {
      fields.put(entity.key().get(0), new Value.Text(name));
    }
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = parser.currentName();
      fields.put(field, value(parser, parser.nextToken()));
    }
    Value.Obj record = new Value.Obj(fields);
    String key = Records.key(entity, record, origin);
    check(record, key, origin);
    String canonical =
        declared.isEmpty() ? Records.canonicalAll(record) : Records.canonical(sorted, record);
    if (records.put(key, canonical) != null) {
      throw new BadRecord(
          origin,
          entity.name(),
          key,
          null,
          "duplicate key: another record in "
              + (origins != null && origins.containsKey(key) ? origins.get(key) : "this file")
              + " has the same "
              + String.join(", ", entity.key()));
    }
    if (origins != null) {
      origins.put(key, file);
    }
  }

  private void check(Value.Obj record, String key, String origin) {
    if (declared.isEmpty()) {
      record
          .fields()
          .forEach(
              (field, value) -> {
                FieldType type = FieldType.ofNullable(value);
                FieldType before = seen.get(field);
                if (before == null) {
                  seen.put(field, type);
                } else if (type != null) {
                  seen.put(field, before.widen(type));
                }
              });
      return;
    }
    for (Field field : declared) {
      Value value = record.get(field.name());
      if (!field.type().accepts(value)) {
        throw new BadRecord(
            origin,
            entity.name(),
            key,
            field.name(),
            "expected " + field.type().lowerName() + ", found " + value.display());
      }
    }
  }

  private Value value(JsonParser parser, JsonToken token) {
    switch (token) {
      case VALUE_STRING:
        return new Value.Text(parser.getString());
      case VALUE_NUMBER_INT:
        return new Value.Num(
            parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                ? new BigDecimal(parser.getBigIntegerValue())
                : BigDecimal.valueOf(parser.getLongValue()));
      case VALUE_NUMBER_FLOAT:
        if (parser.isNaN()) {
          throw problem(parser, "not a number: " + parser.getString());
        }
        return new Value.Num(parser.getDecimalValue());
      case VALUE_TRUE:
        return Value.TRUE;
      case VALUE_FALSE:
        return Value.FALSE;
      case VALUE_NULL:
        return Value.NULL;
      case START_ARRAY:
        {
          List<Value> items = new ArrayList<>();
          for (JsonToken item = parser.nextToken();
              item != JsonToken.END_ARRAY;
              item = parser.nextToken()) {
            items.add(value(parser, item));
          }
          return new Value.Array(items);
        }
      case START_OBJECT:
        {
          Map<String, Value> fields = new LinkedHashMap<>();
          while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            fields.put(name, value(parser, parser.nextToken()));
          }
          return new Value.Obj(fields);
        }
      default:
        return new Value.Text(parser.getString());
    }
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
      default -> token.name().toLowerCase(java.util.Locale.ROOT);
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
