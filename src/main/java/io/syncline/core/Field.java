package io.syncline.core;

/** One field of an entity: the column it lives in, its type and which way it travels. */
public record Field(String name, String column, FieldType type, Layer layer) {
  public Field {
    column = column == null ? name : column;
    type = type == null ? FieldType.TEXT : type;
    layer = layer == null ? Layer.SYNCED : layer;
  }

  /** Whether the field appears in files and so in the diff. */
  public boolean inFiles() {
    return layer != Layer.SYSTEM;
  }
}
