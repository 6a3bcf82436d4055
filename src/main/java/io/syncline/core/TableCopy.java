package io.syncline.core;

/**
 * What {@code copy} did to one table, and whether source and target agree afterwards.
 *
 * @param sourceRows rows the source selection holds (after {@code --where})
 * @param copied rows written to the target by this run
 * @param failed rows the target kept refusing; they are in the dead-letter file
 * @param targetRows rows in the target table after the copy
 * @param sourceChecksum checksum of the selected source rows as written (masked), order-free
 * @param targetChecksum the same checksum over every row of the target table
 * @param created whether copy created the target table
 */
public record TableCopy(
    String table,
    long sourceRows,
    long copied,
    long failed,
    long targetRows,
    String sourceChecksum,
    String targetChecksum,
    boolean created) {

  /** Same number of rows and the same checksum: the target holds exactly the source's rows. */
  public boolean agrees() {
    return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
  }
}
