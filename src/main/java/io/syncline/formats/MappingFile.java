package io.syncline.formats;

import io.syncline.core.CanonicalJson;
import io.syncline.core.ChildList;
import io.syncline.core.ConflictPolicy;
import io.syncline.core.Enrichment;
import io.syncline.core.Entity;
import io.syncline.core.Field;
import io.syncline.core.FieldType;
import io.syncline.core.Layer;
import io.syncline.core.Layout;
import io.syncline.core.Mapping;
import io.syncline.core.Mask;
import io.syncline.core.Masks;
import io.syncline.core.MigrationFolder;
import io.syncline.core.ParentReference;
import io.syncline.core.UnableToReadFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes {@code syncline.yml}.
 *
 * <pre>
 * database: jdbc:sqlite:framework.db        # what `connect` opens with no URL
 * entities:
 *   epic:
 *     files: epics/*.json                    # a path or a glob, relative to the working directory
 *     layout: file                           # file (one record per file) | list | map
 *     at: /tasks                             # JSON Pointer to the records inside each file
 *     table: framework_epics                 # default: the entity's name
 *     key: [epic_key]                        # or: key: epic_key
 *     conflicts: ask                         # ask | file | db
 *     fields:                                # omitted: inferred from the records
 *       epic_key: {}
 *       goals: {type: json}                  # text | integer | decimal | boolean | date | json
 *       duration: {column: duration_text}
 *       progress: {layer: calculated}        # synced | calculated | system
 *     enrich:                                # see EnrichSettings
 *       duration: duration
 * migrations: db/migrations                 # the user's schema scripts: V2__x.sql, U2__x.sql
 *                                            # or {folder: db/migrations, table: schema_history}
 * copy:
 *   salt-env: SYNCLINE_MASK_SALT             # optional: the secret that keys hash and email
 *   masks:                                   # per table, per column, applied by `copy`
 *     customers:
 *       email: email                         # a fake address, unique per original
 *       tax_id: hash                         # a digest: equal stays equal, different stays different
 *       phone: null                          # NULL
 *       name: {fixed: Jane Doe}              # the same value in every row
 * </pre>
 *
 * Unknown settings are refused with the file, line and setting named, so a typo never silently
 * changes what gets synced.
 */
public final class MappingFile {
  private static final Set<String> TOP = Set.of("database", "entities", "copy", "migrations");
  private static final Set<String> MIGRATIONS = Set.of("folder", "table");
  private static final Set<String> COPY = Set.of("masks", "salt-env");
  private static final Set<String> ENTITY =
      Set.of(
          "files",
          "file",
          "layout",
          "at",
          "table",
          "key",
          "conflicts",
          "fields",
          "children",
          "enrich");
  private static final Set<String> FIELD = Set.of("column", "type", "layer");
  private static final Set<String> CHILD =
      Set.of("key", "table", "order", "fields", "children", "parent");
  private static final Set<String> PARENT = Set.of("column", "references");

  private MappingFile() {}

  public static Mapping read(Path file) {
    String text;
    try (InputStream in = new Utf8Input(Files.newInputStream(file), file, file.toString())) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UnableToReadFile(file.toString(), 0, 0, "cannot read: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** Reads mapping text; {@code name} says where it came from in an error. */
  public static Mapping parse(String text, String name) {
    JsonNode root;
    try {
      root = new YAMLMapper().readTree(text);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new UnableToReadFile(
          name,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          ParserMessages.reason(e.getOriginalMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new UnableToReadFile(name, 1, 0, "expected settings `database` and `entities`");
    }
    refuseUnknown(name, "", root, TOP);
    List<Entity> entities = new ArrayList<>();
    JsonNode declared = root.path("entities");
    for (Map.Entry<String, JsonNode> entity : declared.properties()) {
      entities.add(entity(name, entity.getKey(), entity.getValue()));
    }
    String database = root.path("database").isString() ? root.path("database").stringValue() : null;
    Mapping mapping =
        new Mapping(database, List.of(), masks(name, root.get("copy")))
            .withMigrations(migrations(name, root.get("migrations")));
    for (Entity entity : entities) {
      // Names that differ only in case are compared by load, which knows how the database does.
      Optional<Entity> sharing = mapping.sharingTable(entity, String::equals);
      if (sharing.isPresent()) {
        throw problem(
            name,
            "entities." + entity.name() + ".table",
            sharedTable(sharing.get(), entity) + "; give each entity a table of its own");
      }
      mapping = mapping.with(entity);
    }
    return mapping;
  }

  /**
   * {@code story and epic both map to table work_items, so each would receive the other's records}.
   */
  public static String sharedTable(Entity first, Entity second) {
    return first.name()
        + " and "
        + second.name()
        + " both map to table "
        + (first.table().equals(second.table())
            ? first.table()
            : first.table() + " (" + second.table() + " names the same table here)")
        + ", so each would receive the other's records";
  }

  /** {@code migrations: FOLDER}, or {@code migrations: {folder: FOLDER, table: HISTORY}}. */
  private static MigrationFolder migrations(String file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isString() && !node.stringValue().isBlank()) {
      return new MigrationFolder(node.stringValue(), null);
    }
    String usage = "expected a folder (migrations: db/migrations) or {folder: F, table: T}";
    if (!node.isObject()) {
      throw problem(file, "migrations", usage);
    }
    refuseUnknown(file, "migrations", node, MIGRATIONS);
    if (!node.path("folder").isString() || node.path("folder").stringValue().isBlank()) {
      throw problem(file, "migrations.folder", usage);
    }
    JsonNode table = node.get("table");
    if (table != null && !table.isString()) {
      throw problem(file, "migrations.table", "expected the name of the Flyway history table");
    }
    return new MigrationFolder(
        node.path("folder").stringValue(), table == null ? null : table.stringValue());
  }

  private static Masks masks(String file, JsonNode copy) {
    if (copy == null || copy.isNull()) {
      return Masks.none();
    }
    if (!copy.isObject()) {
      throw problem(file, "copy", "expected settings like {masks: {TABLE: {COLUMN: RULE}}}");
    }
    refuseUnknown(file, "copy", copy, COPY);
    Map<String, Map<String, Mask>> byTable = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> table : copy.path("masks").properties()) {
      String where = "copy.masks." + table.getKey();
      if (!table.getValue().isObject()) {
        throw problem(file, where, "expected columns and their rules: {COLUMN: RULE}");
      }
      Map<String, Mask> columns = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> column : table.getValue().properties()) {
        columns.put(column.getKey(), mask(file, where + "." + column.getKey(), column.getValue()));
      }
      byTable.put(table.getKey(), columns);
    }
    return new Masks(byTable, text(copy, "salt-env", null));
  }

  /** {@code hash}, {@code email}, {@code null} or {@code {fixed: VALUE}}. */
  private static Mask mask(String file, String where, JsonNode rule) {
    if (rule.isNull() || (rule.isString() && rule.stringValue().equals("null"))) {
      return new Mask.Null();
    }
    if (rule.isString() && rule.stringValue().equals("hash")) {
      return new Mask.Hash(null);
    }
    if (rule.isString() && rule.stringValue().equals("email")) {
      return new Mask.Email(null);
    }
    if (rule.isObject()
        && rule.size() == 1
        && rule.has("fixed")
        && rule.get("fixed").isValueNode()) {
      return new Mask.Fixed(rule.get("fixed").asString());
    }
    throw problem(
        file,
        where,
        "`" + rule + "` is not a masking rule; use hash, email, null or {fixed: VALUE}");
  }

  private static Entity entity(String file, String name, JsonNode node) {
    String where = "entities." + name;
    refuseUnknown(file, where, node, ENTITY);
    String files = text(node, "files", text(node, "file", null));
    if (files == null) {
      throw problem(file, where, "say where the records are: files: PATH-OR-GLOB");
    }
    List<String> key = keyFields(node);
    if (key.isEmpty()) {
      throw problem(file, where, "say which field identifies a record: key: FIELD or key: [A, B]");
    }
    List<Field> fields = fields(file, where, node);
    Layout layout =
        choice(
            file,
            where + ".layout",
            Layout.class,
            text(node, "layout", null),
            files.contains("*") ? Layout.FILE : Layout.LIST);
    ConflictPolicy conflicts =
        choice(
            file,
            where + ".conflicts",
            ConflictPolicy.class,
            text(node, "conflicts", null),
            ConflictPolicy.ASK);
    Enrichment enrichment =
        node.has("enrich")
            ? EnrichSettings.read(file, where + ".enrich", node.get("enrich"), node.path("fields"))
            : null;
    List<ChildList> children = children(file, where, node);
    if (enrichment != null
        && enrichment.progress() != null
        && children.stream().noneMatch(c -> c.field().equals(enrichment.progress().children()))) {
      throw problem(
          file,
          where + ".enrich.progress.children",
          "progress counts the "
              + enrichment.progress().children()
              + " of each record, which must be a child list: add children: {"
              + enrichment.progress().children()
              + ": {key: KEY}} to the entity");
    }
    return new Entity(
        name,
        files,
        layout,
        text(node, "at", ""),
        text(node, "table", name),
        key,
        fields,
        conflicts,
        enrichment,
        children,
        null);
  }

  private static List<String> keyFields(JsonNode node) {
    List<String> key = new ArrayList<>();
    JsonNode keyNode = node.path("key");
    if (keyNode.isArray()) {
      keyNode.values().forEach(k -> key.add(k.asString()));
    } else if (keyNode.isString()) {
      key.add(keyNode.stringValue());
    }
    return key;
  }

  private static List<Field> fields(String file, String where, JsonNode node) {
    List<Field> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : node.path("fields").properties()) {
      fields.add(
          field(file, where + ".fields." + field.getKey(), field.getKey(), field.getValue()));
    }
    return fields;
  }

  /**
   * {@code children: {tasks: {key: task_key, table: T, order: position, fields: {...}}}}; a child
   * given as {@code tasks: {}} (or {@code tasks:}) is kept by position, every setting by default.
   */
  private static List<ChildList> children(String file, String where, JsonNode node) {
    JsonNode declared = node.get("children");
    if (declared == null || declared.isNull()) {
      return List.of();
    }
    if (!declared.isObject()) {
      throw problem(
          file, where + ".children", "expected list fields and their settings: {tasks: {key: K}}");
    }
    List<ChildList> children = new ArrayList<>();
    for (Map.Entry<String, JsonNode> child : declared.properties()) {
      String at = where + ".children." + child.getKey();
      JsonNode settings = child.getValue();
      if (settings != null && !settings.isNull() && !settings.isObject()) {
        throw problem(file, at, "expected settings like {key: K, table: T} or {}");
      }
      if (settings == null || settings.isNull()) {
        children.add(ChildList.of(child.getKey(), null));
        continue;
      }
      refuseUnknown(file, at, settings, CHILD);
      children.add(
          new ChildList(
              child.getKey(),
              keyFields(settings),
              text(settings, "table", null),
              text(settings, "order", null),
              fields(file, at, settings),
              children(file, at, settings),
              parent(file, at, settings)));
    }
    return children;
  }

  /**
   * {@code parent: {column: epic_id, references: id}}: the child table points at its parent's row
   * by the parent's id; null when not given.
   */
  private static ParentReference parent(String file, String where, JsonNode settings) {
    JsonNode parent = settings.get("parent");
    if (parent == null || parent.isNull()) {
      return null;
    }
    String at = where + ".parent";
    if (!parent.isObject()) {
      throw problem(file, at, "expected {column: C, references: ID}");
    }
    refuseUnknown(file, at, parent, PARENT);
    String column = text(parent, "column", "");
    String references = text(parent, "references", "");
    if (column.isEmpty() || references.isEmpty()) {
      throw problem(
          file,
          at,
          "name both the child table's column and the parent table's id column it holds:"
              + " {column: epic_id, references: id}");
    }
    return new ParentReference(column, references);
  }

  private static Field field(String file, String where, String name, JsonNode node) {
    if (node != null && !node.isNull() && !node.isObject()) {
      throw problem(file, where, "expected settings like {column: C, type: T, layer: L} or {}");
    }
    if (node != null && node.isObject()) {
      refuseUnknown(file, where, node, FIELD);
    }
    JsonNode settings = node == null ? MissingNode.getInstance() : node;
    FieldType type =
        choice(file, where + ".type", FieldType.class, text(settings, "type", null), null);
    Layer layer = choice(file, where + ".layer", Layer.class, text(settings, "layer", null), null);
    return new Field(name, text(settings, "column", null), type, layer);
  }

  /** The mapping as YAML that {@link #read} reads back to the same mapping. */
  public static String write(Mapping mapping) {
    StringBuilder out = new StringBuilder();
    mapping.database().ifPresent(url -> out.append("database: ").append(url).append('\n'));
    mapping
        .migrations()
        .ifPresent(
            m -> {
              if (m.table().equals(MigrationFolder.DEFAULT_TABLE)) {
                out.append("migrations: ").append(scalar(m.folder())).append('\n');
              } else {
                out.append("migrations: {folder: ")
                    .append(scalar(m.folder()))
                    .append(", table: ")
                    .append(scalar(m.table()))
                    .append("}\n");
              }
            });
    out.append("entities:\n");
    for (Entity e : mapping.entities()) {
      out.append("  ").append(e.name()).append(":\n");
      out.append("    files: ").append(scalar(e.files())).append('\n');
      out.append("    layout: ").append(e.layout().lowerName()).append('\n');
      if (!e.at().isEmpty()) {
        out.append("    at: ").append(scalar(e.at())).append('\n');
      }
      out.append("    table: ").append(scalar(e.table())).append('\n');
      out.append("    key: [")
          .append(String.join(", ", e.key().stream().map(MappingFile::scalar).toList()))
          .append("]\n");
      out.append("    conflicts: ")
          .append(e.conflicts().name().toLowerCase(Locale.ROOT))
          .append('\n');
      out.append("    fields:\n");
      writeFields(e.fields(), "      ", out);
      e.enriched().ifPresent(enrichment -> EnrichSettings.write(enrichment, out));
      writeChildren(e.children(), e.table(), "    ", out);
    }
    Masks masks = mapping.masks();
    if (!masks.byTable().isEmpty() || masks.salt().isPresent()) {
      out.append("copy:\n");
      masks.salt().ifPresent(env -> out.append("  salt-env: ").append(scalar(env)).append('\n'));
      out.append("  masks:\n");
      masks
          .byTable()
          .forEach(
              (table, columns) -> {
                out.append("    ").append(scalar(table)).append(":\n");
                columns.forEach(
                    (column, mask) ->
                        out.append("      ")
                            .append(scalar(column))
                            .append(": ")
                            .append(
                                mask instanceof Mask.Fixed fixed
                                    ? "{fixed: " + scalar(fixed.value()) + "}"
                                    : mask.describe())
                            .append('\n'));
              });
    }
    return out.toString();
  }

  private static void writeFields(List<Field> fields, String indent, StringBuilder out) {
    for (Field f : fields) {
      List<String> settings = new ArrayList<>();
      if (!f.column().equals(f.name())) {
        settings.add("column: " + scalar(f.column()));
      }
      settings.add("type: " + f.type().lowerName());
      if (f.layer() != Layer.SYNCED) {
        settings.add("layer: " + f.layer().name().toLowerCase(Locale.ROOT));
      }
      out.append(indent)
          .append(scalar(f.name()))
          .append(": {")
          .append(String.join(", ", settings))
          .append("}\n");
    }
  }

  private static void writeChildren(
      List<ChildList> children, String parentTable, String indent, StringBuilder out) {
    if (children.isEmpty()) {
      return;
    }
    out.append(indent).append("children:\n");
    for (ChildList child : children) {
      String inner = indent + "    ";
      out.append(indent).append("  ").append(scalar(child.field())).append(":\n");
      if (!child.key().isEmpty()) {
        out.append(inner)
            .append("key: [")
            .append(String.join(", ", child.key().stream().map(MappingFile::scalar).toList()))
            .append("]\n");
      }
      if (child.table() != null) {
        out.append(inner).append("table: ").append(scalar(child.table())).append('\n');
      }
      out.append(inner).append("order: ").append(scalar(child.order())).append('\n');
      String table = child.table() != null ? child.table() : parentTable + "__" + child.field();
      if (child.parent() != null) {
        out.append(inner)
            .append("parent: {column: ")
            .append(scalar(child.parent().column()))
            .append(", references: ")
            .append(scalar(child.parent().references()))
            .append("}   # ")
            .append(table)
            .append('.')
            .append(child.parent().column())
            .append(" -> ")
            .append(parentTable)
            .append('.')
            .append(child.parent().references())
            .append(", the id resolved from the key on apply\n");
      }
      if (!child.fields().isEmpty()) {
        out.append(inner).append("fields:\n");
        writeFields(child.fields(), inner + "  ", out);
      }
      writeChildren(child.children(), table, inner, out);
    }
  }

  static String scalar(String text) {
    boolean plain =
        text.matches("[A-Za-z_./*][A-Za-z0-9_./*:-]*")
            && !text.startsWith("*")
            && !Set.of("true", "false", "null", "yes", "no", "on", "off")
                .contains(text.toLowerCase(Locale.ROOT));
    if (plain) {
      return text;
    }
    StringBuilder quoted = new StringBuilder();
    CanonicalJson.quote(text, quoted);
    return quoted.toString();
  }

  static <E extends Enum<E>> E choice(
      String file, String where, Class<E> type, String given, E fallback) {
    if (given == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(given)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT));
    }
    throw problem(file, where, "`" + given + "` is not one of " + String.join(", ", allowed));
  }

  static void refuseUnknown(String file, String where, JsonNode node, Set<String> known) {
    for (String name : node.propertyNames()) {
      if (!known.contains(name)) {
        throw problem(
            file,
            where.isEmpty() ? name : where + "." + name,
            "unknown setting; expected one of " + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  static String text(JsonNode node, String name, String fallback) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? fallback : value.asString();
  }

  static UnableToReadFile problem(String file, String where, String reason) {
    return new UnableToReadFile(file, 0, 0, where + ": " + reason);
  }
}
