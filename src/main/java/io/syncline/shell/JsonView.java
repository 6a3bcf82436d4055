package io.syncline.shell;

import io.syncline.core.ChangeSet;
import io.syncline.core.Checkpoint;
import io.syncline.core.Counts;
import io.syncline.core.LogEntry;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import io.syncline.session.LoadedFiles;
import io.syncline.session.Session;
import io.syncline.session.Verification;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --format json} renderings of {@code status}, {@code verify}, {@code log}, {@code log
 * show} and {@code checkpoints}, for programs and dashboards to read ({@code conflicts} shares
 * {@code diff}'s, see {@link DiffView#jsonOf}). The field names are a contract, documented with an
 * example of each shape in the README ("JSON output"): add fields, never rename or remove one.
 *
 * <p>Field names are lower case with underscores ({@code last_apply}, {@code to_db}); times are
 * ISO-8601 in UTC ({@code "2026-12-05T14:20:03Z"}); counts are numbers; an absent value is {@code
 * null}, never left out. Strings are escaped as the diff's values are ({@link Value#canonical}).
 * Connection URLs come already masked from the session, as {@code status} and {@code log} show
 * them.
 */
final class JsonView {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private JsonView() {}

  /**
   * Whether {@code --format} asks for JSON: {@code text} (the default) or {@code json}; anything
   * else is a usage error.
   */
  static boolean wanted(String format) {
    return switch (format == null ? "text" : format.strip().toLowerCase(Locale.ROOT)) {
      case "text" -> false;
      case "json" -> true;
      default -> throw Misuse.oneOf("--format", "text, json");
    };
  }

  /**
   *
   *
   * <pre>
   * {"connection": {"url": "sqlite:geo.db", "read_only": false}, "mapping": "syncline.yml",
   *  "loaded": [{"entity": "country", "records": 249, "files": "countries.json", "table": "country",
   *    "children": []}],
   *  "changes": {"total": 3, ..., "staged": 2, "schema_changes": 0},
   *  "unreadable": ["epic/EP-4.duration: cannot read a duration from \"soon\""],
   *  "last_apply": "2026-12-05T14:20:03Z", "checkpoint": {"name": "c1", ...}}
   * </pre>
   */
  static String status(Session session) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "connection",
        session
            .connection()
            .map(c -> object("url", c.name(), "read_only", c.readOnly()))
            .orElse(null));
    out.put("mapping", session.mappingSource().orElse(null));
    List<Object> loaded = new ArrayList<>();
    for (Map.Entry<String, LoadedFiles> entry : session.loadedFiles().entrySet()) {
      LoadedFiles read = entry.getValue();
      loaded.add(
          object(
              "entity",
              entry.getKey(),
              "records",
              read.records().size(),
              "files",
              read.entity().files(),
              "table",
              session.mapping().entity(entry.getKey()).orElseThrow().table(),
              "children",
              read.children().stream()
                  .map(c -> object("list", c.list(), "records", c.records(), "table", c.table()))
                  .toList()));
    }
    out.put("loaded", loaded);
    out.put("changes", summary(session.changes()));
    // durations the last load could not read, each placed at its record: a script checks this list
    out.put(
        "unreadable",
        session.unreadableDurations().stream().map(SynclineException::getMessage).toList());
    out.put("last_apply", session.lastApply().orElse(null));
    Object checkpoint = null;
    if (session.connected()) {
      List<Checkpoint> checkpoints = session.checkpoints();
      if (!checkpoints.isEmpty()) {
        checkpoint = checkpoint(checkpoints.get(checkpoints.size() - 1));
      }
    }
    out.put("checkpoint", checkpoint);
    return write(out);
  }

  private static Map<String, Object> summary(ChangeSet changes) {
    ChangeSet.Summary s = changes.summary();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", s.total());
    out.put("inserts", s.inserts());
    out.put("updates", s.updates());
    out.put("deletes", s.deletes());
    out.put("conflicts", s.conflicts());
    out.put("unresolved", s.unresolved());
    out.put("staged", s.staged());
    out.put("schema_changes", s.schemaChanges());
    return out;
  }

  /**
   *
   *
   * <pre>
   * {"agrees": false, "entities": [{"entity": "country", "table": "country", "file_records": 3,
   *   "database_rows": 3, "agrees": false, "only_in_files": [], "only_in_database": [],
   *   "different": ["BE"]}]}
   * </pre>
   *
   * Every key is listed, not the first twenty the text shows: a program wants them all.
   */
  static String verification(Verification result) {
    List<Object> entities = new ArrayList<>();
    for (Verification.EntityCheck check : result.checks()) {
      Map<String, Object> entity = new LinkedHashMap<>();
      entity.put("entity", check.entity().name());
      entity.put("table", check.entity().table());
      entity.put("file_records", check.fileRecords());
      entity.put("database_rows", check.databaseRows());
      entity.put("agrees", check.agrees());
      entity.put("only_in_files", check.onlyInFiles());
      entity.put("only_in_database", check.onlyInDatabase());
      entity.put("different", check.differing());
      entities.add(entity);
    }
    return write(object("agrees", result.agrees(), "entities", entities));
  }

  /** The log, newest first: an array of {@link #logEntry} objects without their {@code changes}. */
  static String log(List<LogEntry> entries) {
    return write(entries.stream().map(e -> (Object) logEntry(e, false)).toList());
  }

  /** One sync, with {@code changes}: one object per record changed (see {@link #change}). */
  static String logShow(LogEntry entry) {
    return write(logEntry(entry, true));
  }

  private static Map<String, Object> logEntry(LogEntry e, boolean withChanges) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", e.id());
    out.put("started", e.startedAt());
    out.put("finished", e.finishedAt());
    out.put("user", e.user());
    out.put("host", e.host());
    out.put("connection", e.connection());
    out.put("entities", e.entities());
    out.put("to_db", counts(e.toDatabase()));
    out.put("to_file", counts(e.toFiles()));
    out.put("files_restored", e.files().stream().filter(f -> f.startsWith("restore ")).count());
    out.put("files", e.files());
    out.put("outcome", e.outcome());
    if (withChanges) {
      List<Object> changes = new ArrayList<>();
      long more = 0;
      for (String line : e.detail()) {
        if (line.startsWith("… ")) {
          more = Long.parseLong(line.replaceAll("\\D", ""));
        } else {
          changes.add(change(line));
        }
      }
      out.put("changes", changes);
      out.put("more_changes", more);
    }
    return out;
  }

  /**
   * A line of the log's detail as an object: {@code to-db update country/AW: name, numeric} gives
   * {@code {"direction": "to-db", "kind": "update", "record": "country/AW", "fields": ["name",
   * "numeric"]}}; an insert or a delete has {@code "fields": []}. The fields follow the last {@code
   * ": "}, since a key may hold one too.
   */
  private static Map<String, Object> change(String line) {
    String[] words = line.strip().split("\\s+", 3);
    String kind = words.length > 1 ? words[1] : "";
    String record = words.length > 2 ? words[2] : "";
    List<String> fields = List.of();
    int colon = record.lastIndexOf(": ");
    if (kind.equals("update") && colon >= 0) {
      fields = List.of(record.substring(colon + 2).split(", "));
      record = record.substring(0, colon);
    }
    return object("direction", words[0], "kind", kind, "record", record, "fields", fields);
  }

  private static Map<String, Object> counts(Counts c) {
    return object("inserted", c.inserted(), "updated", c.updated(), "deleted", c.deleted());
  }

  /**
   *
   *
   * <pre>
   * [{"name": "before-import", "taken": "2026-12-05T14:20:03Z", "applies_since": 1,
   *   "changes_since": 3}]
   * </pre>
   */
  static String checkpoints(List<Checkpoint> checkpoints) {
    return write(checkpoints.stream().map(c -> (Object) checkpoint(c)).toList());
  }

  private static Map<String, Object> checkpoint(Checkpoint c) {
    return object(
        "name",
        c.name(),
        "taken",
        c.createdAt(),
        "applies_since",
        c.applies(),
        "changes_since",
        c.records());
  }

  /** An object from name, value pairs, in that order. */
  private static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      out.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return out;
  }

  /**
   * Maps, lists, strings, numbers, booleans, instants and nulls as JSON, indented by two spaces. An
   * array of scalars stays on one line, and so does an object of at most four members that are
   * scalars or such arrays: {@code "entities": ["country", "job"]}, {@code "to_db": {"inserted": 0,
   * "updated": 1, "deleted": 0}}.
   */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, String indent) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      out.append(new Value.Text(text).canonical());
    } else if (value instanceof Instant instant) {
      out.append('"').append(TIME.format(instant.truncatedTo(ChronoUnit.SECONDS))).append('"');
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.size() <= 4 && map.values().stream().allMatch(JsonView::isFlat)) {
        out.append('{');
        String separator = "";
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.append(separator).append(new Value.Text((String) entry.getKey()).canonical());
          out.append(": ");
          write(out, entry.getValue(), indent);
          separator = ", ";
        }
        out.append('}');
        return;
      }
      String inner = indent + "  ";
      out.append('{');
      String separator = "\n";
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(separator).append(inner);
        out.append(new Value.Text((String) entry.getKey()).canonical()).append(": ");
        write(out, entry.getValue(), inner);
        separator = ",\n";
      }
      out.append('\n').append(indent).append('}');
    } else if (value instanceof List<?> list) {
      if (list.stream().allMatch(JsonView::isScalar)) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          out.append(i == 0 ? "" : ", ");
          write(out, list.get(i), indent);
        }
        out.append(']');
        return;
      }
      String inner = indent + "  ";
      out.append('[');
      String separator = "\n";
      for (Object item : list) {
        out.append(separator).append(inner);
        write(out, item, inner);
        separator = ",\n";
      }
      out.append('\n').append(indent).append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static boolean isScalar(Object value) {
    return !(value instanceof Map || value instanceof List);
  }

  /** A scalar, or an array of scalars: what may stand on one line. */
  private static boolean isFlat(Object value) {
    return value instanceof List<?> list
        ? list.stream().allMatch(JsonView::isScalar)
        : isScalar(value);
  }
}
