package io.syncline.core;

/**
 * A change that could not be carried out; everything done so far in the apply was undone. A child
 * record's key is named as selectors name it ({@code EP-7/T3}).
 */
public final class UnableToApplyChange extends SynclineException {
  public UnableToApplyChange(String where, String key, String reason, Throwable cause) {
    super(
        "apply failed at "
            + where
            + (key == null ? "" : " record " + RecordKey.display(key))
            + ": "
            + reason
            + "; both sides were left as they were",
        cause);
  }
}
