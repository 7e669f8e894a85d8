package townhall.service;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable ids from a cryptographic random source. */
public final class RandomIds {
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private final SecureRandom random = new SecureRandom();

  /** A session id: 16 letters and digits (95 bits). */
  public String sessionId() {
    char[] id = new char[16];
    for (int i = 0; i < id.length; i++) {
      id[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(id);
  }

  /** A participant id: 16 base64url characters (96 bits). */
  public String participantId() {
    return base64(12);
  }

  /** A six-digit join code. */
  public String joinCode() {
    return String.format("%06d", random.nextInt(1_000_000));
  }

  /** A secret of {@code bytes} random bytes, base64url. */
  public String secret(int bytes) {
    return base64(bytes);
  }

  private String base64(int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }
}
