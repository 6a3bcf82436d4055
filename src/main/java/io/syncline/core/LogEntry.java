package io.syncline.core;

import java.time.Instant;
import java.util.List;

/**
 * One row of the audit log, as {@code log} shows it.
 *
 * @param files what was written to files, a line each (empty for applies logged before Syncline
 *     kept them)
 * @param detail the changes down to the fields, a line each (see {@link AppliedSummary})
 */
public record LogEntry(
    long id,
    Instant startedAt,
    Instant finishedAt,
    String user,
    String host,
    String connection,
    List<String> entities,
    Counts toDatabase,
    Counts toFiles,
    List<String> files,
    List<String> detail,
    String outcome) {

  public LogEntry {
    entities = List.copyOf(entities);
    files = List.copyOf(files);
    detail = List.copyOf(detail);
  }
}
