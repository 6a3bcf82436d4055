package io.syncline.core;

/**
 * A write asked of a connection opened with {@code connect ... --read-only}. Every refusal starts
 * the same way and then says what would have written: {@code the connection is read-only (connect
 * ... --read-only); apply needs a writable one}.
 */
public final class ReadOnlyConnection extends SynclineException {
  private ReadOnlyConnection(String refused) {
    super("the connection is read-only (connect ... --read-only); " + refused);
  }

  /** The verb {@code needing} (apply, checkpoint, rollback) writes, so it needs another. */
  public static ReadOnlyConnection needsWritable(String needing) {
    return new ReadOnlyConnection(needing + " needs a writable one");
  }

  /** Syncline's own tables are missing or behind this version, and making them writes. */
  public static ReadOnlyConnection ownTablesNeedWritable() {
    return new ReadOnlyConnection("Syncline's own tables need a writable one");
  }

  /** A statement typed at {@code sql} that writes, or would return no rows. */
  public static ReadOnlyConnection sqlMayOnlyRead() {
    return new ReadOnlyConnection("`sql` may only read here");
  }

  /** A {@code CALL} or {@code EXECUTE} typed at {@code sql}: a procedure can commit and write. */
  public static ReadOnlyConnection sqlCallsNoProcedure() {
    return new ReadOnlyConnection(
        "`sql` does not CALL or EXECUTE here, since a procedure can end the transaction and write");
  }
}
