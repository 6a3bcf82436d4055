package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.SchemaChange;
import java.util.List;

/**
 * What {@code load} read: the entity as it now stands, its records and files, and the schema
 * changes the next apply makes for it.
 */
public record LoadResult(Entity entity, int records, int files, List<SchemaChange> schema) {}
