package io.syncline.core;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The masking rules of {@code copy}, by table and column, as {@code syncline.yml} declares them
 * under {@code copy.masks}; and the name of the environment variable holding the secret that keys
 * {@code hash} and {@code email} ({@code copy.salt-env}), never the secret itself.
 */
public record Masks(Map<String, Map<String, Mask>> byTable, String saltEnv) {
  public Masks {
    Map<String, Map<String, Mask>> copy = new LinkedHashMap<>();
    byTable.forEach((table, columns) -> copy.put(table, Map.copyOf(columns)));
    byTable = Collections.unmodifiableMap(copy);
  }

  public static Masks none() {
    return new Masks(Map.of(), null);
  }

  public Map<String, Mask> table(String table) {
    return byTable.getOrDefault(table, Map.of());
  }

  public Optional<String> salt() {
    return Optional.ofNullable(saltEnv);
  }

  /** The same rules with {@code hash} and {@code email} keyed by {@code secret}. */
  public Masks keyedWith(String secret) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    Map<String, Map<String, Mask>> keyed = new LinkedHashMap<>();
    byTable.forEach(
        (table, columns) -> {
          Map<String, Mask> rules = new LinkedHashMap<>();
          columns.forEach(
              (column, mask) ->
                  rules.put(
                      column,
                      mask instanceof Mask.Hash
                          ? new Mask.Hash(key)
                          : mask instanceof Mask.Email ? new Mask.Email(key) : mask));
          keyed.put(table, rules);
        });
    return new Masks(keyed, saltEnv);
  }
}
