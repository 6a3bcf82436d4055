package io.syncline.session;

import io.syncline.core.TableCopy;
import java.util.List;

/**
 * What a copy did: per table, and the dead-letter file (relative to the working directory) when the
 * target refused rows, else null.
 */
public record CopyResult(String source, String target, List<TableCopy> tables, String deadLetter) {
  public CopyResult {
    tables = List.copyOf(tables);
  }

  public long failed() {
    return tables.stream().mapToLong(TableCopy::failed).sum();
  }

  /** Every table's target has exactly the source's rows. */
  public boolean agrees() {
    return tables.stream().allMatch(TableCopy::agrees);
  }
}
