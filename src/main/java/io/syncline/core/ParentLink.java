package io.syncline.core;

/**
 * What a child entity hangs from: its parent entity and the list field of the parent's records that
 * holds it. The child's key starts with the parent's key fields ({@code parentKeyFields} of them),
 * so that the child's key text starts with its parent's.
 *
 * @param entity the parent entity's name ({@code epic}; {@code epic.tasks} for a grandchild)
 * @param field the parent's list field ({@code tasks})
 * @param parentKeyFields how many of the child's leading key fields are its parent's key
 */
public record ParentLink(String entity, String field, int parentKeyFields) {}
