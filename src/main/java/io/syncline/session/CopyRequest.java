package io.syncline.session;

import java.util.List;
import java.util.Map;

/**
 * What {@code copy} was asked: source and target URLs with their passwords (null: none or in the
 * URL), the tables (empty: all), a condition per table, replace instead of upsert, and where the
 * dead-letter file goes (null: {@code .syncline/dead-letter/copy-TIME.jsonl}).
 */
public record CopyRequest(
    String from,
    String fromPassword,
    String to,
    String toPassword,
    List<String> tables,
    Map<String, String> where,
    boolean replace,
    String deadLetter) {

  public CopyRequest {
    tables = List.copyOf(tables);
    where = Map.copyOf(where);
  }

  /** Never the passwords. */
  @Override
  public String toString() {
    return "CopyRequest[" + tables + ", " + where.keySet() + ", replace=" + replace + "]";
  }
}
