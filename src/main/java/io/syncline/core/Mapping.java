package io.syncline.core;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The entities Syncline knows, and the database {@code connect} opens without a URL. */
public final class Mapping {
  private final String database;
  private final Map<String, Entity> entities = new LinkedHashMap<>();

  public Mapping(String database, Collection<Entity> entities) {
    this.database = database;
    entities.forEach(e -> this.entities.put(e.name(), e));
  }

  public static Mapping empty() {
    return new Mapping(null, java.util.List.of());
  }

  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  public Optional<Entity> entity(String name) {
    return Optional.ofNullable(entities.get(name));
  }

  public Collection<Entity> entities() {
    return entities.values();
  }

  public Mapping with(Entity entity) {
    Mapping copy = new Mapping(database, entities.values());
    copy.entities.put(entity.name(), entity);
    return copy;
  }
}
