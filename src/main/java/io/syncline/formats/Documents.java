package io.syncline.formats;

import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.Layout;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * Whole new documents: a record that becomes its own file, or an empty list or map at the entity's
 * pointer for a file that does not exist yet. Existing files are never rendered anew; {@link
 * FilePatch} edits them in place.
 */
final class Documents {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final ObjectMapper YAML =
      YAMLMapper.builder()
          .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
          .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
          .build();

  private Documents() {}

  /** One record as a file's whole content, fields in mapping order. */
  static String record(Entity entity, Value.Obj record, boolean yaml) {
    return render(wrap(entity.at(), plain(ordered(entity, record))), yaml);
  }

  /** A document holding no records yet: {@code {"tasks": []}} for a list at {@code /tasks}. */
  static String empty(Entity entity, boolean yaml) {
    Object container =
        entity.layout() == Layout.MAP ? new LinkedHashMap<String, Object>() : new ArrayList<>();
    return render(wrap(entity.at(), container), yaml);
  }

  private static String render(Object document, boolean yaml) {
    String text =
        (yaml ? YAML.writer() : JSON.writerWithDefaultPrettyPrinter()).writeValueAsString(document);
    return text.endsWith("\n") ? text : text + "\n";
  }

  static Value.Obj ordered(Entity entity, Value.Obj record) {
    Map<String, Value> fields = new LinkedHashMap<>();
    for (Field field : entity.fields()) {
      Value value = record.fields().get(field.name());
      if (value != null) {
        fields.put(field.name(), value);
      }
    }
    record.fields().forEach(fields::putIfAbsent);
    return new Value.Obj(fields);
  }

  private static Object wrap(String at, Object inner) {
    List<String> path = RecordReader.pointer(at);
    Object document = inner;
    for (int i = path.size() - 1; i >= 0; i--) {
      Map<String, Object> parent = new LinkedHashMap<>();
      parent.put(path.get(i), document);
      document = parent;
    }
    return document;
  }

  /** A value as the plain Java objects Jackson writes: maps, lists, BigDecimal, String. */
  static Object plain(Value value) {
    if (value instanceof Value.Obj o) {
      Map<String, Object> out = new LinkedHashMap<>();
      o.fields().forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (value instanceof Value.Array a) {
      List<Object> out = new ArrayList<>();
      a.items().forEach(v -> out.add(plain(v)));
      return out;
    }
    if (value instanceof Value.Num n) {
      return n.value().stripTrailingZeros().scale() <= 0
              && n.value().abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
          ? (Object) n.value().longValueExact()
          : n.value();
    }
    if (value instanceof Value.Text t) {
      return t.value();
    }
    if (value instanceof Value.Bool b) {
      return b.value();
    }
    return null;
  }
}
