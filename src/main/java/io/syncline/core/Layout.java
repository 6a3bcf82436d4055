package io.syncline.core;

import java.util.Locale;

/** Where records sit inside their files. */
public enum Layout {
  /** One record per file, e.g. {@code epics/*.json}; a new record gets a new file named by key. */
  FILE,
  /** A list of records, at the JSON Pointer {@code at} ({@code /tasks}) or the whole document. */
  LIST,
  /** An object keyed by record key: {@code tasks: {daily-backup: {...}}}; the key is the name. */
  MAP;

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
