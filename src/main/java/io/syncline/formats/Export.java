package io.syncline.formats;

import io.syncline.core.Entity;
import io.syncline.core.Layout;
import io.syncline.core.RecordKey;
import io.syncline.core.SynclineException;
import io.syncline.core.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records written to new files in the entity's layout. Worked examples, entity at {@code /tasks}
 * keyed by {@code name}:
 *
 * <pre>
 *   LIST, json   {"tasks": [{"name": "backup", "cron": "0 2 * * *"}]}   pretty, 2 spaces
 *   MAP,  yaml   tasks:
 *                  backup:
 *                    cron: 0 2 * * *
 *   FILE, yaml   target is a directory: backup.yaml holds "tasks:\n  name: backup\n  cron: ..."
 * </pre>
 */
public final class Export {
  private Export() {}

  /**
   * Writes the records (in the wanted order, key fields included) to {@code target}, atomically.
   *
   * @param format "json", "yaml", or null for the target's extension (.json, .yml, .yaml; else
   *     json)
   * @return the paths written
   */
  public static List<Path> write(
      Entity entity,
      List<Value.Obj> records,
      Path target,
      String format,
      Path workingDirectory,
      Clock clock) {
    boolean yaml = yaml(format, entity.layout() == Layout.FILE ? null : target);
    FileWrite write = new FileWrite(workingDirectory, clock);
    List<Path> written = new ArrayList<>();
    if (entity.layout() == Layout.FILE) {
      String extension =
          format == null
              ? "json"
              : yaml ? (format.equalsIgnoreCase("yml") ? "yml" : "yaml") : "json";
      for (Value.Obj record : records) {
        String key = RecordKey.text(entity, record, target.toString());
        if (key.isEmpty() || key.contains("/") || key.contains("\\") || key.contains("..")) {
          throw new SynclineException.Usage(
              "cannot name a file after key \""
                  + key
                  + "\" of "
                  + entity.name()
                  + ": keys with /, \\ or .. would leave "
                  + target
                  + "; export as list or map instead");
        }
        Path file = target.resolve(key + "." + extension);
        add(write, file, text(wrap(entity.at(), record), yaml), entity.name() + " " + key);
        written.add(file);
      }
    } else {
      Value body;
      if (entity.layout() == Layout.MAP) {
        String keyField = entity.key().get(0);
        Map<String, Value> byKey = new LinkedHashMap<>();
        for (Value.Obj record : records) {
          Map<String, Value> fields = new LinkedHashMap<>(record.fields());
          fields.remove(keyField);
          byKey.put(RecordKey.part(record.get(keyField)), new Value.Obj(fields));
        }
        body = new Value.Obj(byKey);
      } else {
        body = new Value.Array(new ArrayList<>(records));
      }
      add(write, target, text(wrap(entity.at(), body), yaml), records.size() + " records");
      written.add(target);
    }
    write.commit();
    return written;
  }

  /**
   * Writes each document as JSON to its file, all or none: each beside its target, forced to disk
   * and renamed into place ({@link FileWrite}).
   *
   * @return the paths written
   */
  public static List<Path> documents(
      Map<Path, Value> documents, String what, Path workingDirectory, Clock clock) {
    FileWrite write = new FileWrite(workingDirectory, clock);
    documents.forEach((file, document) -> add(write, file, text(document, false), what));
    write.commit();
    return List.copyOf(documents.keySet());
  }

  private static void add(FileWrite write, Path file, String text, String what) {
    if (Files.exists(file)) {
      write.rewrite(file, text, "rewrite " + file.getFileName() + " (" + what + ")");
    } else {
      write.create(file, text, "create " + file.getFileName() + " (" + what + ")");
    }
  }

  private static boolean yaml(String format, Path target) {
    if (format != null) {
      String f = format.toLowerCase(Locale.ROOT);
      if (!f.equals("json") && !f.equals("yaml") && !f.equals("yml")) {
        throw new SynclineException.Usage("unknown format " + format + "; use json or yaml");
      }
      return !f.equals("json");
    }
    String name = target == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  /** The value placed at a JSON Pointer: {@code /a/b} and v give {@code {"a": {"b": v}}}. */
  static Value wrap(String pointer, Value value) {
    if (pointer.isEmpty()) {
      return value;
    }
    String[] segments = pointer.substring(1).split("/", -1);
    Value wrapped = value;
    for (int i = segments.length - 1; i >= 0; i--) {
      String name = segments[i].replace("~1", "/").replace("~0", "~");
      wrapped = new Value.Obj(Map.of(name, wrapped));
    }
    return wrapped;
  }

  /** A whole document: JSON pretty with two spaces, YAML block style; a trailing newline. */
  static String text(Value document, boolean yaml) {
    StringBuilder out = new StringBuilder();
    if (yaml) {
      YamlText.block(document, 0, "\n", out);
    } else {
      JsonText.pretty(document, "", "  ", "\n", out);
    }
    return out.append('\n').toString();
  }
}
