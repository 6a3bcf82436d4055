package io.syncline.core;

/**
 * How a conflict was decided.
 *
 * @param take the side whose value was taken, or null when a value was typed
 * @param value the decided value as canonical JSON text; null means "no value" (the field empty, or
 *     for a whole record: the record deleted)
 */
public record Resolution(Side take, String value) {}
