package townhall.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import townhall.domain.Participant;
import townhall.domain.Role;

/**
 * Participant tokens: {@code v1.<sessionId>.<participantId>.<r|m>.<HMAC-SHA256, base64url>}. A token names its
 * session, so it is worthless in any other; its role cannot be changed without the secret.
 */
public final class Tokens {
  private static final String VERSION = "v1";
  private final SecretKeySpec key;

  public Tokens(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(Participant participant) {
    String body = VERSION + "." + participant.sessionId() + "." + participant.id() + "." + roleMark(participant.role());
    return body + "." + mac(body);
  }

  /** The participant a token stands for in this session, or empty for a token that is forged or foreign. */
  public Optional<Participant> verify(String token, String sessionId) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 5 || !VERSION.equals(parts[0]) || !parts[1].equals(sessionId) || parts[2].isEmpty()) {
      return Optional.empty();
    }
    Role role = "m".equals(parts[3]) ? Role.MODERATOR : "r".equals(parts[3]) ? Role.RESIDENT : null;
    String body = token.substring(0, token.lastIndexOf('.'));
    if (role == null || !MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII),
        parts[4].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(new Participant(sessionId, parts[2], role));
  }

  private static String roleMark(Role role) {
    return role == Role.MODERATOR ? "m" : "r";
  }

  private String mac(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
