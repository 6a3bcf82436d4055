package io.syncline.core;

/** Which way a field travels. */
public enum Layer {
  /** Travels both ways; a change on either side flows to the other. */
  SYNCED,
  /** Computed or owned by the database; written to files, never read back from them. */
  CALCULATED,
  /** Stays in the database (ids, timestamps); never in a file, never diffed. */
  SYSTEM
}
