package io.syncline.formats;

import io.syncline.core.Entity;
import io.syncline.core.FieldType;
import io.syncline.core.Snapshot;
import java.util.List;
import java.util.Map;

/**
 * What reading an entity's files produced.
 *
 * @param seenTypes every field seen, in first-seen order, with the type of its values widened over
 *     all records; null for a field only ever seen as null
 * @param originByKey the file each record came from, relative to the working directory; filled only
 *     when the entity spans several files (otherwise every record is in {@code files[0]})
 */
public record FileRead(
    Entity entity,
    Snapshot records,
    Map<String, FieldType> seenTypes,
    List<SourceFile> files,
    Map<String, String> originByKey) {}
