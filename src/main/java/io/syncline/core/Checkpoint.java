package io.syncline.core;

import java.time.Instant;

/**
 * A named restore point: everything Syncline applied after it can be undone by {@code rollback
 * NAME}.
 *
 * @param logId the last audit-log id when it was taken (0 before any apply): later ids are "since"
 * @param applies applies and rollbacks logged since
 * @param records records changed since, on both sides together
 */
public record Checkpoint(String name, Instant createdAt, long logId, long applies, long records) {}
