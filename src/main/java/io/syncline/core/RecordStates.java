package io.syncline.core;

/** A record's canonical text on each side; null where the side has no such record. */
public record RecordStates(String base, String file, String database) {}
