package io.syncline.session;

import io.syncline.core.UnreadableDuration;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code enrich --to DIR} wrote: one copy per record, named after its key, and the durations
 * it could not read (those copies' calculated fields are null).
 */
public record EnrichedCopies(List<Path> written, List<UnreadableDuration> unreadable) {}
