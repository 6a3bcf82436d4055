package io.syncline.core;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How {@code copy} hides one column's values before a row leaves the process (declared under {@code
 * copy.masks} in {@code syncline.yml}). A NULL stays NULL under every rule.
 *
 * <p>Values are the ones {@code copy} moves: {@code String}, {@code Long}, {@code BigDecimal},
 * {@code Boolean}, or {@code java.time.Instant}.
 */
public sealed interface Mask {

  /** The value to write instead of {@code value}. */
  Object apply(Object value);

  /** The rule as written in {@code syncline.yml}, for messages. */
  String describe();

  /** Every value becomes the same text: {@code name: {fixed: Jane Doe}}. */
  record Fixed(String value) implements Mask {
    @Override
    public Object apply(Object original) {
      return original == null ? null : value;
    }

    @Override
    public String describe() {
      return "{fixed: " + value + "}";
    }
  }

  /**
   * A digest of the value: equal values stay equal and different ones stay different (128 bits of
   * HMAC-SHA-256 for text, 63 bits for whole numbers), so a hashed key column still identifies its
   * row and a re-run copy upserts the same rows. Keyed with the secret named by {@code salt-env}
   * when there is one; without it, anyone can hash a guess and compare.
   */
  record Hash(byte[] secret) implements Mask {
    public Hash {
      secret = secret == null ? new byte[0] : secret.clone();
    }

    @Override
    public Object apply(Object value) {
      if (value == null) {
        return null;
      }
      byte[] digest = digest(secret, text(value));
      if (value instanceof Long) {
        long number = 0;
        for (int i = 0; i < 8; i++) {
          number = (number << 8) | (digest[i] & 0xff);
        }
        return number & Long.MAX_VALUE;
      }
      return hex(digest, 16);
    }

    @Override
    public String describe() {
      return "hash";
    }
  }

  /**
   * A fake address, unique per original value: {@code ann@corp.com} → {@code
   * user-3f2a9c0d1e7b4a66@example.invalid} ({@code .invalid} can never be delivered to).
   */
  record Email(byte[] secret) implements Mask {
    public Email {
      secret = secret == null ? new byte[0] : secret.clone();
    }

    @Override
    public Object apply(Object value) {
      return value == null
          ? null
          : "user-" + hex(digest(secret, text(value)), 8) + "@example.invalid";
    }

    @Override
    public String describe() {
      return "email";
    }
  }

  /** Every value becomes NULL. */
  record Null() implements Mask {
    @Override
    public Object apply(Object value) {
      return null;
    }

    @Override
    public String describe() {
      return "null";
    }
  }

  private static String text(Object value) {
    return value instanceof BigDecimal d
        ? d.stripTrailingZeros().toPlainString()
        : value.toString();
  }

  private static byte[] digest(byte[] secret, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      if (secret.length == 0) {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String hex(byte[] bytes, int count) {
    StringBuilder out = new StringBuilder(count * 2);
    for (int i = 0; i < count; i++) {
      out.append(Character.forDigit((bytes[i] >> 4) & 0xf, 16))
          .append(Character.forDigit(bytes[i] & 0xf, 16));
    }
    return out.toString();
  }
}
