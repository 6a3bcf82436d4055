package io.syncline.session;

import io.syncline.core.Entity;
import io.syncline.core.Snapshot;

/**
 * An entity as the session last read it from its files, as {@code status} and TAB completion show
 * it: the entity (its files) and its records by key.
 */
public record LoadedFiles(Entity entity, Snapshot records) {}
