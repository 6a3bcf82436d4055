package io.syncline.formats;

import java.nio.file.Path;

/**
 * A file as it was read: its size and the CRC32C of its bytes, to tell whether it moved since, and
 * where its records sit in those bytes when they were kept ({@link RecordSpans}).
 */
public record SourceFile(Path path, long size, long checksum, RecordSpans spans) {
  /** A file whose records' places were not kept. */
  public SourceFile(Path path, long size, long checksum) {
    this(path, size, checksum, RecordSpans.NONE);
  }
}
