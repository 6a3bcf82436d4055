package io.syncline.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link Entity} for a test, naming only what the test is about. Unless told otherwise it is a
 * list of records keyed by {@code id}, in no file, at the top of the document, in the table of its
 * name, with no declared fields and the default conflict policy:
 *
 * <pre>
 *   entity("country").files("countries.json").key("code").text("code", "name").build()
 * </pre>
 */
public final class EntityBuilder {
  private final String name;
  private String files;
  private Layout layout = Layout.LIST;
  private String at = "";
  private String table;
  private List<String> key = List.of("id");
  private final List<Field> fields = new ArrayList<>();
  private ConflictPolicy conflicts;

  private EntityBuilder(String name) {
    this.name = name;
  }

  public static EntityBuilder entity(String name) {
    return new EntityBuilder(name);
  }

  public EntityBuilder files(String files) {
    this.files = files;
    return this;
  }

  public EntityBuilder layout(Layout layout) {
    this.layout = layout;
    return this;
  }

  public EntityBuilder at(String at) {
    this.at = at;
    return this;
  }

  public EntityBuilder table(String table) {
    this.table = table;
    return this;
  }

  public EntityBuilder key(String... key) {
    this.key = List.of(key);
    return this;
  }

  /** Fields of the given type, each in the column of its name and synced. */
  public EntityBuilder fields(FieldType type, String... names) {
    Arrays.stream(names).forEach(n -> fields.add(new Field(n, null, type, null)));
    return this;
  }

  public EntityBuilder text(String... names) {
    return fields(FieldType.TEXT, names);
  }

  /** Fields with a column, type or layer of their own. */
  public EntityBuilder field(Field... more) {
    fields.addAll(Arrays.asList(more));
    return this;
  }

  public EntityBuilder fields(List<Field> more) {
    fields.addAll(more);
    return this;
  }

  public EntityBuilder conflicts(ConflictPolicy conflicts) {
    this.conflicts = conflicts;
    return this;
  }

  public Entity build() {
    return new Entity(name, files, layout, at, table, key, fields, conflicts);
  }
}
