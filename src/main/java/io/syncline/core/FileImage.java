package io.syncline.core;

/**
 * One file around one apply: where its earlier bytes were kept and the SHA-256 of its bytes before
 * and after, so that {@code rollback} can put it back byte for byte and tell whether something else
 * changed it since.
 *
 * @param path relative to the working directory (absolute when outside it)
 * @param backup the copy of its earlier bytes, as {@code path} is; null when the file did not exist
 * @param before SHA-256 of the earlier bytes in hex; null when the file did not exist
 * @param after SHA-256 of the bytes written; null when the apply deleted the file
 */
public record FileImage(String path, String backup, String before, String after) {}
