package townhall.record;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Sealed fields of record entries (see {@code docs/record.md}): a field that may not be public (a question's text,
 * its author's name, a rejection's reason, a banned question's id) is kept out of the public entry, which holds
 * instead its salted hash {@code sealed.<field>} = SHA-256(salt || UTF-8 value), 64 hex digits, with a salt of
 * {@value #SALT_BYTES} random bytes. The value and its salt are the entry's private part,
 * {@code {"<field>": {"salt": "<hex>", "value": "…"}}}: stored beside the entry, exported only where the value may
 * be read. The chain hashes the public entry, so it commits to every sealed value without showing it.
 */
public final class Seals {
  public static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Seals() {
  }

  /** The salted hash of {@code value}, in hex. */
  public static String hash(String saltHex, String value) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(HexFormat.of().parseHex(saltHex));
      sha256.update(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /** A new seal for some fields of one entry. */
  public static Sealing sealing() {
    return new Sealing();
  }

  /** The sealed fields of one entry being written: their hashes (public) and their values with salts (private). */
  public static final class Sealing {
    private final JsonObject hashes = new JsonObject();
    private final JsonObject secrets = new JsonObject();

    private Sealing() {
    }

    /** Seals {@code value} as {@code field}; a {@code null} value is left out (nothing to seal). */
    public Sealing add(String field, String value) {
      if (value != null) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        String saltHex = HexFormat.of().formatHex(salt);
        hashes.put(field, hash(saltHex, value));
        secrets.put(field, new JsonObject().put("salt", saltHex).put("value", value));
      }
      return this;
    }

    /** The public {@code sealed} object's JSON, or {@code ""} when nothing was sealed. */
    public String hashesJson() {
      return hashes.isEmpty() ? "" : hashes.encode();
    }

    /** The private part's JSON, or {@code ""} when nothing was sealed. */
    public String privateJson() {
      return secrets.isEmpty() ? "" : secrets.encode();
    }
  }
}
