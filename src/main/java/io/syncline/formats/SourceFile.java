package io.syncline.formats;

import java.nio.file.Path;

/** A file as it was read: its size and the CRC32C of its bytes, to tell whether it moved since. */
public record SourceFile(Path path, long size, long checksum) {}
