package io.syncline.core;

/**
 * One file around one apply: where its earlier bytes were kept and the checksums of its bytes
 * before and after, so that {@code rollback} can put it back byte for byte and tell whether
 * something else changed it since. A checksum is {@code crc32c:HEX}, as {@code load} takes it, or,
 * in images an earlier version kept, SHA-256 in hex.
 *
 * @param path relative to the working directory (absolute when outside it)
 * @param backup the copy of its earlier bytes, as {@code path} is; null when the file did not exist
 * @param before checksum of the earlier bytes; null when the file did not exist
 * @param after checksum of the bytes written; null when the apply deleted the file
 */
public record FileImage(String path, String backup, String before, String after) {}
