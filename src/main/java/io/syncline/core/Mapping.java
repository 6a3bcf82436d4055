package io.syncline.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The entities Syncline knows, the database {@code connect} opens without a URL, the masking rules
 * of {@code copy}, and the folder of the user's schema migrations.
 */
public final class Mapping {
  private final String database;
  private final Map<String, Entity> entities = new LinkedHashMap<>();
  private final Masks masks;
  private MigrationFolder migrations; // null: none named; set only while a copy is made

  public Mapping(String database, Collection<Entity> entities) {
    this(database, entities, Masks.none());
  }

  public Mapping(String database, Collection<Entity> entities, Masks masks) {
    this.database = database;
    this.masks = masks;
    entities.forEach(e -> this.entities.put(e.name(), e));
  }

  public Masks masks() {
    return masks;
  }

  public static Mapping empty() {
    return new Mapping(null, List.of());
  }

  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /**
   * The entity named {@code name}; for a child entity's name ({@code epic.tasks}), the child of the
   * entity it starts with, as {@link Entity#child} makes it.
   */
  public Optional<Entity> entity(String name) {
    Entity named = entities.get(name);
    if (named != null) {
      return Optional.of(named);
    }
    // the longest start of the name that is an entity, then down its children
    for (int cut = name.lastIndexOf(Entity.LEVEL);
        cut > 0;
        cut = name.lastIndexOf(Entity.LEVEL, cut - 1)) {
      Entity root = entities.get(name.substring(0, cut));
      if (root != null) {
        return root.descendants().stream().filter(d -> d.name().equals(name)).findFirst();
      }
    }
    return Optional.empty();
  }

  public Collection<Entity> entities() {
    return entities.values();
  }

  /**
   * Another entity whose table {@code sameTable} takes for {@code entity}'s table, if any. Two
   * entities on one table would each see the other's rows as its own, and write them to its files.
   */
  public Optional<Entity> sharingTable(Entity entity, BiPredicate<String, String> sameTable) {
    return entities.values().stream()
        .filter(other -> !other.name().equals(entity.name()))
        .filter(other -> sameTable.test(other.table(), entity.table()))
        .findFirst();
  }

  public Mapping with(Entity entity) {
    Mapping copy = new Mapping(database, entities.values(), masks);
    copy.migrations = migrations;
    copy.entities.put(entity.name(), entity);
    return copy;
  }

  /** The folder of the user's own schema migrations ({@code migrations:}), if one is named. */
  public Optional<MigrationFolder> migrations() {
    return Optional.ofNullable(migrations);
  }

  /** This mapping with the migrations folder {@code migrations} (null: none). */
  public Mapping withMigrations(MigrationFolder migrations) {
    Mapping copy = new Mapping(database, entities.values(), masks);
    copy.migrations = migrations;
    return copy;
  }
}
