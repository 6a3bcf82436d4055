package io.syncline.state;

import java.time.Instant;
import java.util.List;

/** One row of the audit log, as {@code log} shows it. */
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
    String outcome) {

  public LogEntry {
    entities = List.copyOf(entities);
  }
}
