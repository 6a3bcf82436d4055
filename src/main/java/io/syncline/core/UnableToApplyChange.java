package io.syncline.core;

/** A change that could not be carried out; everything done so far in the apply was undone. */
public final class UnableToApplyChange extends SynclineException {
  public UnableToApplyChange(String where, String key, String reason, Throwable cause) {
    super(
        "apply failed at "
            + where
            + (key == null ? "" : " record " + key)
            + ": "
            + reason
            + "; both sides were left as they were",
        cause);
  }
}
