package io.syncline.core;

import java.util.List;
import java.util.Optional;

/**
 * A kind of record, how it sits in files and which table holds it.
 *
 * @param files a path or a glob relative to the working directory ({@code epics/*.json})
 * @param at JSON Pointer to the records inside each file; empty for the whole document
 * @param key the fields that identify a record; a compound key prints as {@code a,b}
 * @param fields in file order; the key fields among them
 * @param enrichment what the database works out for each record ({@code enrich:}); null: nothing
 */
public record Entity(
    String name,
    String files,
    Layout layout,
    String at,
    String table,
    List<String> key,
    List<Field> fields,
    ConflictPolicy conflicts,
    Enrichment enrichment) {

  public Entity {
    at = at == null ? "" : at;
    table = table == null ? name : table;
    key = List.copyOf(key);
    fields = List.copyOf(fields);
    conflicts = conflicts == null ? ConflictPolicy.ASK : conflicts;
  }

  public Entity(
      String name,
      String files,
      Layout layout,
      String at,
      String table,
      List<String> key,
      List<Field> fields,
      ConflictPolicy conflicts) {
    this(name, files, layout, at, table, key, fields, conflicts, null);
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The fields that files carry and the diff compares: all but the system layer. */
  public List<Field> fileFields() {
    return fields.stream().filter(Field::inFiles).toList();
  }

  public Entity withFields(List<Field> newFields) {
    return new Entity(name, files, layout, at, table, key, newFields, conflicts, enrichment);
  }

  public Entity withEnrichment(Enrichment newEnrichment) {
    return new Entity(name, files, layout, at, table, key, fields, conflicts, newEnrichment);
  }

  public Optional<Enrichment> enriched() {
    return Optional.ofNullable(enrichment);
  }
}
