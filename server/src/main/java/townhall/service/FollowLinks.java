package townhall.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed tokens of the links in askers' messages, after {@code #} so that no server log or referrer holds them:
 * the unsubscribe link ({@code /f/{code}#unsubscribe=<id>.<mac>}) and the rating link of an answer
 * ({@code /f/{code}#rate=<mac>}). HMAC-SHA-256 with the node's follow-link key ({@code <keysDir>/follow-link-key},
 * the same on every node); a rating link stays valid after the address is deleted, as it names no address.
 */
public final class FollowLinks {
  private final byte[] key;
  private final String publicUrl;

  public FollowLinks(byte[] key, String publicUrl) {
    this.key = key.clone();
    this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
  }

  /** The public page of a question. */
  public String page(String code) {
    return publicUrl + "/f/" + code;
  }

  public String confirmLink(String code, String token) {
    return page(code) + "#confirm=" + token;
  }

  public String unsubscribeLink(String code, long subscriptionId) {
    return page(code) + "#unsubscribe=" + subscriptionId + "." + mac("unsubscribe:" + subscriptionId);
  }

  public String rateLink(String code) {
    return page(code) + "#rate=" + rateToken(code);
  }

  /** The token of a question's rating link. */
  public String rateToken(String code) {
    return mac("rate:" + code);
  }

  /** Whether {@code token} is the rating token of {@code code}. */
  public boolean isRateToken(String code, String token) {
    return token != null && MessageDigest.isEqual(rateToken(code).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }

  /** The subscription an unsubscribe token names, if its signature holds. */
  public OptionalLong unsubscribed(String token) {
    if (token == null || token.length() > 100) {
      return OptionalLong.empty();
    }
    int dot = token.indexOf('.');
    if (dot <= 0 || !token.substring(0, dot).matches("[1-9][0-9]{0,17}")) {
      return OptionalLong.empty();
    }
    long id = Long.parseLong(token.substring(0, dot));
    boolean signed = MessageDigest.isEqual(mac("unsubscribe:" + id).getBytes(StandardCharsets.US_ASCII),
        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    return signed ? OptionalLong.of(id) : OptionalLong.empty();
  }

  private String mac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sum = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sum);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
