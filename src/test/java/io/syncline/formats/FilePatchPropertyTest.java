package io.syncline.formats;

import static io.syncline.core.EntityBuilder.entity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncline.core.CanonicalJson;
import io.syncline.core.Entity;
import io.syncline.core.FieldEdit;
import io.syncline.core.FieldUpdates;
import io.syncline.core.Layout;
import io.syncline.core.Records;
import io.syncline.core.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** For random small edits, Jackson reading the patched text sees exactly the edited records. */
class FilePatchPropertyTest {
  static final ObjectMapper JSON = JsonMapper.shared();
  static final ObjectMapper YAML = YAMLMapper.shared();
  static final String[] TEXTS = {
    "plain",
    "yes",
    "1.5",
    "a: b",
    "#tag",
    "",
    " padded",
    "2025-08-18",
    "x, y",
    "ü é",
    "null",
    "- dash",
    "line\nbreak",
    "say \"hi\"",
    "it's",
    "0 2 * * *",
    "@daily",
    "[x]",
    "{y}"
  };
  static final String[] FIELDS = {"name", "cron", "enabled", "tags", "n", "cfg"};

  @Test
  void reReadingThePatchedTextGivesTheEditedRecords() {
    for (int seed = 0; seed < 500; seed++) {
      Random random = new Random(seed);
      boolean yaml = random.nextBoolean();
      Layout layout = random.nextBoolean() ? Layout.LIST : Layout.MAP;
      String at = random.nextBoolean() ? "" : "/tasks";
      Entity entity = FilePatchTest.entity(layout, at, "name", FIELDS);
      Map<String, Value.Obj> records = new LinkedHashMap<>();
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        records.put("k" + i, record(random, "k" + i));
      }
      String text = document(entity, records.values(), yaml, random.nextInt(3) == 0);
      Map<String, FieldUpdates> updates = new LinkedHashMap<>();
      Map<String, String> inserts = new LinkedHashMap<>();
      Set<String> deletes = new HashSet<>();
      Map<String, Value.Obj> expected = new LinkedHashMap<>(records);
      for (String key : records.keySet()) {
        int roll = random.nextInt(4);
        if (roll == 0) {
          deletes.add(key);
          expected.remove(key);
        } else if (roll == 1) {
          FieldUpdates fields = new FieldUpdates();
          Map<String, Value> edited = new LinkedHashMap<>(records.get(key).fields());
          for (int f = 0; f < 2; f++) {
            String field = FIELDS[1 + random.nextInt(FIELDS.length - 1)];
            Value value = random.nextInt(4) == 0 ? Value.NULL : value(random, 1);
            fields.put(field, FieldEdit.to(value instanceof Value.Null ? null : value.canonical()));
            edited.put(field, value);
          }
          updates.put(key, fields);
          expected.put(key, new Value.Obj(edited));
        }
      }
      for (int i = 0; i < random.nextInt(3); i++) {
        Value.Obj record = record(random, "new" + i);
        inserts.put("new" + i, record.canonical());
        expected.put("new" + i, record);
      }

      String patched = FilePatch.apply(text, yaml, entity, "f", updates, inserts, deletes);
      writesTheSameBytes(text, yaml, entity, updates, inserts, deletes);

      String context = "seed " + seed + "\n--- before\n" + text + "\n--- after\n" + patched;
      List<String> reRead;
      try {
        reRead = reRead(patched, yaml, entity);
      } catch (RuntimeException e) {
        throw new AssertionError(context, e);
      }
      assertThat(reRead).as(context).isEqualTo(canonical(expected.values()));
    }
  }

  /**
   * {@link FilePatch#applyUtf8} on the file's bytes writes exactly the bytes of {@link
   * FilePatch#apply}'s text, also with a byte order mark, CRLF line ends and a character beyond the
   * Basic Multilingual Plane in front, or fails the same way.
   */
  static void writesTheSameBytes(
      String text,
      boolean yaml,
      Entity entity,
      Map<String, FieldUpdates> updates,
      Map<String, String> inserts,
      Set<String> deletes) {
    String crlf = text.replace("\r\n", "\n").replace("\n", "\r\n");
    String comment = yaml ? "# r\u00e9sum\u00e9 \ud83d\ude00\n" : "";
    for (String variant :
        List.of(text, "\ufeff" + text, crlf, "\ufeff" + crlf, "\ufeff" + comment + crlf)) {
      byte[] bytes = variant.getBytes(StandardCharsets.UTF_8);
      byte[] expected;
      try {
        expected =
            FilePatch.apply(variant, yaml, entity, "f", updates, inserts, deletes)
                .getBytes(StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        assertThatThrownBy(
                () ->
                    FilePatch.applyUtf8(
                        bytes, variant, yaml, entity, "f", updates, inserts, deletes))
            .isInstanceOf(e.getClass())
            .hasMessage(e.getMessage());
        continue;
      }
      SplicedBytes written =
          FilePatch.applyUtf8(bytes, variant, yaml, entity, "f", updates, inserts, deletes);
      assertThat(written.toArray()).as(variant).isEqualTo(expected);
      assertThat(written.isUnchanged()).as(variant).isEqualTo(Arrays.equals(expected, bytes));
    }
  }

  /**
   * One scalar changed, inserted or removed somewhere inside a nested field: the file reads back as
   * the edited records, and at most two lines differ (an item and the comma of the one before).
   */
  @Test
  void aNestedEditChangesOnlyItsLines() {
    for (int seed = 0; seed < 500; seed++) {
      Random random = new Random(seed);
      boolean yaml = random.nextBoolean();
      Layout layout = random.nextBoolean() ? Layout.LIST : Layout.MAP;
      Entity entity = FilePatchTest.entity(layout, "/tasks", "name", FIELDS);
      Map<String, Value.Obj> records = new LinkedHashMap<>();
      for (int i = 0; i < 3; i++) {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("name", new Value.Text("k" + i));
        fields.put("cfg", nested(random, 3, true));
        fields.put("tags", nested(random, 2, false));
        records.put("k" + i, new Value.Obj(fields));
      }
      String text = document(entity, records.values(), yaml, random.nextInt(4) == 0);
      String key = "k" + random.nextInt(3);
      String field = random.nextBoolean() ? "cfg" : "tags";
      Value edited = mutate(records.get(key).get(field), random);
      Map<String, Value> fields = new LinkedHashMap<>(records.get(key).fields());
      fields.put(field, edited);
      Map<String, Value.Obj> expected = new LinkedHashMap<>(records);
      expected.put(key, new Value.Obj(fields));
      FieldUpdates update = new FieldUpdates().set(field, edited.canonical());

      String patched =
          FilePatch.apply(text, yaml, entity, "f", Map.of(key, update), Map.of(), Set.of());

      String context = "seed " + seed + "\n--- before\n" + text + "\n--- after\n" + patched;
      assertThat(reRead(patched, yaml, entity)).as(context).isEqualTo(canonical(expected.values()));
      List<List<String>> changed = FilePatchNestedTest.changedLines(text, patched);
      assertThat(changed.get(0).size()).as(context).isLessThanOrEqualTo(2);
      assertThat(changed.get(1).size()).as(context).isLessThanOrEqualTo(2);
    }
  }

  /** An object or list with two to four members or items, containers down to {@code depth}. */
  static Value nested(Random random, int depth, boolean object) {
    int size = 2 + random.nextInt(3);
    List<Value> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(
          depth > 1 && random.nextInt(3) == 0
              ? nested(random, depth - 1, random.nextBoolean())
              : value(random, 0));
    }
    if (!object) {
      return new Value.Array(items);
    }
    Map<String, Value> fields = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      fields.put("m" + i, items.get(i));
    }
    return new Value.Obj(fields);
  }

  /**
   * {@code value} with one scalar inside changed, or one scalar inserted into or removed from a
   * container of two or more.
   */
  static Value mutate(Value value, Random random) {
    if (value instanceof Value.Array a) {
      List<Value> items = new ArrayList<>(a.items());
      int i = random.nextInt(items.size());
      int roll = random.nextInt(4);
      if (roll == 0) {
        items.add(random.nextInt(items.size() + 1), value(random, 0));
      } else if (roll == 1
          && items.size() >= 2
          && !(items.get(i) instanceof Value.Array)
          && !(items.get(i) instanceof Value.Obj)) {
        items.remove(i);
      } else {
        items.set(i, mutate(items.get(i), random));
      }
      return new Value.Array(items);
    }
    if (value instanceof Value.Obj o) {
      Map<String, Value> fields = new LinkedHashMap<>(o.fields());
      List<String> names = new ArrayList<>(fields.keySet());
      String name = names.get(random.nextInt(names.size()));
      int roll = random.nextInt(4);
      if (roll == 0) {
        fields.put("new", value(random, 0));
      } else if (roll == 1
          && fields.size() >= 2
          && !(fields.get(name) instanceof Value.Array)
          && !(fields.get(name) instanceof Value.Obj)) {
        fields.remove(name);
      } else {
        fields.put(name, mutate(fields.get(name), random));
      }
      return new Value.Obj(fields);
    }
    Value other = value(random, 0);
    return other.sameAs(value) ? new Value.Text("changed") : other;
  }

  static List<String> canonical(Iterable<Value.Obj> records) {
    List<String> out = new ArrayList<>();
    records.forEach(r -> out.add(Records.canonicalAll(r)));
    return out;
  }

  static List<String> reRead(String text, boolean yaml, Entity entity) {
    JsonNode tree = (yaml ? YAML : JSON).readTree(text);
    JsonNode container = entity.at().isEmpty() ? tree : tree.at(entity.at());
    Value value = CanonicalJson.parse(JSON.writeValueAsString(container));
    List<Value.Obj> records = new ArrayList<>();
    if (value instanceof Value.Array a) {
      a.items().forEach(item -> records.add((Value.Obj) item));
    } else {
      ((Value.Obj) value)
          .fields()
          .forEach(
              (name, body) -> {
                Map<String, Value> fields = new LinkedHashMap<>(((Value.Obj) body).fields());
                fields.put("name", new Value.Text(name));
                records.add(new Value.Obj(fields));
              });
    }
    return canonical(records);
  }

  static String document(
      Entity entity, Iterable<Value.Obj> records, boolean yaml, boolean compact) {
    Value body;
    if (entity.layout() == Layout.MAP) {
      Map<String, Value> byKey = new LinkedHashMap<>();
      for (Value.Obj record : records) {
        Map<String, Value> fields = new LinkedHashMap<>(record.fields());
        fields.remove("name");
        byKey.put(((Value.Text) record.get("name")).value(), new Value.Obj(fields));
      }
      body = new Value.Obj(byKey);
    } else {
      List<Value> items = new ArrayList<>();
      records.forEach(items::add);
      body = new Value.Array(items);
    }
    Value document = Export.wrap(entity.at(), body);
    if (compact) {
      return yaml ? YamlText.flow(document) + "\n" : JsonText.compact(document);
    }
    return Export.text(document, yaml);
  }

  static Value.Obj record(Random random, String key) {
    Map<String, Value> fields = new LinkedHashMap<>();
    fields.put("name", new Value.Text(key));
    for (int i = 1; i < FIELDS.length; i++) {
      if (random.nextInt(3) > 0) {
        fields.put(FIELDS[i], value(random, 1));
      }
    }
    return new Value.Obj(fields);
  }

  static Value value(Random random, int depth) {
    int kind = random.nextInt(depth > 0 ? 6 : 4);
    switch (kind) {
      case 0:
        return new Value.Text(TEXTS[random.nextInt(TEXTS.length)]);
      case 1:
        return new Value.Num(BigDecimal.valueOf(random.nextInt(2000) - 1000, random.nextInt(3)));
      case 2:
        return Value.Bool.of(random.nextBoolean());
      case 3:
        return new Value.Text(TEXTS[random.nextInt(TEXTS.length)]);
      case 4:
        {
          List<Value> items = new ArrayList<>();
          for (int i = random.nextInt(3); i > 0; i--) {
            items.add(value(random, depth - 1));
          }
          return new Value.Array(items);
        }
      default:
        {
          Map<String, Value> fields = new LinkedHashMap<>();
          for (int i = random.nextInt(3); i > 0; i--) {
            fields.put(TEXTS[random.nextInt(TEXTS.length)], value(random, depth - 1));
          }
          return new Value.Obj(fields);
        }
    }
  }

  /** Files as people write them: comments between records and after values, flow lists, quotes. */
  static final List<String> HAND_WRITTEN =
      List.of(
          """
          # Nightly jobs; owned by ops.
          tasks:
            - name: backup   # the big one
              cron: "0 2 * * *"  # UTC
              tags: [db, nightly]
            # reports come after backups
            - name: report
              cron: '0 6 * * 1'
            - name: cleanup
              cron: 0 4 * * *
              tags:
                - disk   # local only
                - tmp
          """,
          """
          tasks:
          # the only job that matters
          - "name": backup
            'cron': nightly # keep
            "tags": ["db", 'x, y']

          - "name": report
            'cron': weekly
          """,
          """
          ---
          tasks:   # list of jobs
            -   name: report
                cron: weekly
            -   name: backup
                # changed by hand on Monday
                cron: plain text here
                tags: [ a , b ]   # spaced
          """);

  static final Entity HAND_ENTITY =
      entity("tasks")
          .files("tasks.yml")
          .at("/tasks")
          .key("name")
          .text("name", "cron")
          .field(new io.syncline.core.Field("tags", null, io.syncline.core.FieldType.JSON, null))
          .build();

  @Provide
  Arbitrary<String> awkwardStrings() {
    Arbitrary<String> chars =
        Arbitraries.strings()
            .withChars(" #:-?&*!|>%@`'\"\\,[]{}~.\t\neé0123456789xyzTN")
            .ofMaxLength(14);
    // pieces that mean something to a YAML reader, put together: "a #b", "yes", "- 1e3", ...
    Arbitrary<String> pieces =
        Arbitraries.of(
                "a",
                "b c",
                " #",
                "#",
                ": ",
                ":",
                "-",
                "- ",
                "?",
                "&",
                "*",
                "!",
                "|",
                ">",
                "%",
                "@",
                "`",
                "'",
                "\"",
                "true",
                "null",
                "yes",
                "~",
                "123",
                "1e3",
                "0x1F",
                ".5",
                "2025-08-18",
                "T10:00:00Z",
                " ",
                ",",
                "[",
                "{",
                "\t",
                "é")
            .list()
            .ofMaxSize(4)
            .map(list -> String.join("", list));
    return Arbitraries.oneOf(chars, pieces);
  }

  /**
   * A generated string written into a hand-written YAML file, as a value and as a list item: the
   * file reads back as the records with that one value changed, and only that value's line differs.
   */
  @Property(tries = 600)
  void aGeneratedValueInAHandWrittenFileReadsBackAndChangesOnlyItsLine(
      @ForAll("awkwardStrings") String text, @ForAll("layouts") int layout, @ForAll boolean list) {
    String before = HAND_WRITTEN.get(layout);
    String field = list ? "tags" : "cron";
    Value value = list ? new Value.Array(List.of(new Value.Text(text))) : new Value.Text(text);
    FieldUpdates update = new FieldUpdates().set(field, value.canonical());

    String after =
        FilePatch.apply(
            before, true, HAND_ENTITY, "tasks.yml", Map.of("backup", update), Map.of(), Set.of());

    List<String> expected = new ArrayList<>();
    for (String record : reRead(before, true, HAND_ENTITY)) {
      Value.Obj obj = (Value.Obj) CanonicalJson.parse(record);
      if (obj.get("name").sameAs(new Value.Text("backup"))) {
        Map<String, Value> fields = new LinkedHashMap<>(obj.fields());
        fields.put(field, value);
        obj = new Value.Obj(fields);
      }
      expected.add(Records.canonicalAll(obj));
    }
    String context = "--- before\n" + before + "\n--- after\n" + after;
    assertThat(reRead(after, true, HAND_ENTITY)).as(context).isEqualTo(expected);
    List<List<String>> changed = FilePatchNestedTest.changedLines(before, after);
    assertThat(changed.get(0).size()).as(context).isLessThanOrEqualTo(list ? 4 : 1);
    assertThat(changed.get(1).size()).as(context).isLessThanOrEqualTo(1);
  }

  @Provide
  Arbitrary<Integer> layouts() {
    return Arbitraries.integers().between(0, HAND_WRITTEN.size() - 1);
  }
}
