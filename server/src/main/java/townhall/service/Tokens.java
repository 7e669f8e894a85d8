package townhall.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;

/**
 * Participant tokens, version 2:
 * {@code v2.<kid>.<sessionId>.<participantId>.<role>.<expiry>.<mac>}, where {@code kid} names the secret that
 * signed it (the first 8 base64url characters of SHA-256 of the secret), {@code role} is {@code r}, {@code m},
 * {@code s} or {@code c} (clerk) followed by the token's generation when it is above 0 ({@code m3}: a moderator token of generation 3;
 * see {@link townhall.domain.TokenGenerations}), {@code expiry} is in epoch seconds and {@code mac} is the unpadded
 * base64url HMAC-SHA256 of everything before the last dot.
 *
 * <p>New tokens are signed with the current secret and live for the configured time to live; tokens signed with a
 * previous secret are still accepted until they expire (rotation), never issued. A token names its session, so it
 * is worthless in any other; its role, participant and expiry cannot be changed without the secret. Clients treat
 * tokens as opaque strings.
 */
public final class Tokens {
  static final String VERSION = "v2";
  private static final int PARTS = 7;
  private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9]{1,64}");
  private static final Pattern EXPIRY = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern ROLE = Pattern.compile("([rmsc])([1-9][0-9]{0,17})?");

  private final Key current;
  private final Map<String, Key> byKid;
  private final Duration ttl;
  private final Clock clock;

  /** What checking a token found: a {@link Verified} token or a {@link Refusal}. */
  public sealed interface Outcome permits Verified, Refusal {
  }

  /** A token that verified: who it stands for, until when, and the generation it was issued in. */
  public record Verified(Participant participant, Instant expiresAt, long generation) implements Outcome {
  }

  /** Why a token was refused; each says so in words a client developer can act on. */
  public enum Refusal implements Outcome {
    MALFORMED("The token is not a Townhall token"),
    UNSUPPORTED_VERSION("Tokens of this version are no longer accepted"),
    UNKNOWN_KEY("The token was signed with a key this server does not know"),
    FORGED("The token's signature does not match"),
    OTHER_SESSION("The token belongs to another session"),
    EXPIRED("The token has expired"),
    REVOKED("The token was revoked by the organizer; ask for a new link");

    private final String message;

    Refusal(String message) {
      this.message = message;
    }

    public String message() {
      return message;
    }
  }

  /**
   * @param secret          signs new tokens (at least 32 bytes; the configuration checks it)
   * @param previousSecrets earlier secrets whose tokens are still accepted, never used to sign
   * @param ttl             how long a newly signed token is valid
   */
  public Tokens(String secret, List<String> previousSecrets, Duration ttl, Clock clock) {
    this.current = new Key(secret);
    Map<String, Key> keys = new LinkedHashMap<>();
    List<String> all = new ArrayList<>();
    all.add(secret);
    all.addAll(previousSecrets);
    for (String each : all) {
      Key key = new Key(each);
      Key known = keys.putIfAbsent(key.kid, key);
      if (known != null && !known.secret.equals(each)) {
        throw new IllegalArgumentException("Two token secrets share the key id " + key.kid + "; choose another");
      }
    }
    this.byKid = Collections.unmodifiableMap(keys);
    this.ttl = ttl;
    this.clock = clock;
  }

  /** A token for {@code participant} (of generation 0), valid for the configured time from now. */
  public String sign(Participant participant) {
    return sign(participant, 0, clock.instant().plus(ttl));
  }

  /** A token for {@code participant} of {@code generation}, valid for the configured time from now. */
  public String sign(Participant participant, long generation) {
    return sign(participant, generation, clock.instant().plus(ttl));
  }

  /** A token for {@code participant} (of generation 0), valid until {@code expiresAt}. */
  public String sign(Participant participant, Instant expiresAt) {
    return sign(participant, 0, expiresAt);
  }

  /**
   * A token for {@code participant} of {@code generation}, valid until {@code expiresAt} (whole seconds; the
   * fraction is dropped).
   */
  public String sign(Participant participant, long generation, Instant expiresAt) {
    if (!SESSION_ID.matcher(participant.sessionId()).matches()
        || !PARTICIPANT_ID.matcher(participant.id()).matches() || expiresAt.getEpochSecond() <= 0
        || generation < 0) {
      throw new IllegalArgumentException("Cannot put this participant in a token: " + participant);
    }
    String body = String.join(".", VERSION, current.kid, participant.sessionId(), participant.id(),
        roleMark(participant.role()) + (generation > 0 ? Long.toString(generation) : ""),
        Long.toString(expiresAt.getEpochSecond()));
    return body + "." + current.mac(body);
  }

  /** Who a token stands for in this session, or empty for any token that is refused (see {@link #check}). */
  public Optional<Verified> verify(String token, String sessionId) {
    Outcome result = check(token, sessionId);
    return result instanceof Verified verified ? Optional.of(verified) : Optional.empty();
  }

  /**
   * Who a token stands for in this session.
   *
   * @throws DomainException {@code unauthorized}, saying why, for a token that is refused
   */
  public Verified require(String token, String sessionId) {
    Outcome result = check(token, sessionId);
    if (result instanceof Refusal refusal) {
      throw new DomainException(ErrorCode.UNAUTHORIZED, refusal.message());
    }
    return (Verified) result;
  }

  /** The key id of the secret that signs, then those of the previous secrets still accepted. */
  public List<String> keyIds() {
    List<String> kids = new ArrayList<>(byKid.keySet());
    kids.remove(current.kid);
    kids.add(0, current.kid);
    return List.copyOf(kids);
  }

  /**
   * Checks a token for this session. The MAC is compared in constant time before any claim in the token is read;
   * a token whose MAC matches is then refused when it names another session or has expired.
   */
  public Outcome check(String token, String sessionId) {
    if (token == null) {
      return Refusal.MALFORMED;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length < 2 || parts[0].isEmpty()) {
      return Refusal.MALFORMED;
    }
    if (!VERSION.equals(parts[0])) {
      return parts[0].matches("v[0-9]{1,3}") ? Refusal.UNSUPPORTED_VERSION : Refusal.MALFORMED;
    }
    if (parts.length != PARTS) {
      return Refusal.MALFORMED;
    }
    Key key = byKid.get(parts[1]);
    if (key == null) {
      return Refusal.UNKNOWN_KEY;
    }
    String body = token.substring(0, token.lastIndexOf('.'));
    if (!MessageDigest.isEqual(key.mac(body).getBytes(StandardCharsets.UTF_8),
        parts[6].getBytes(StandardCharsets.UTF_8))) {
      return Refusal.FORGED;
    }
    // Signed by us: the claims below were written by sign(), checked anyway.
    Matcher roleAndGeneration = ROLE.matcher(parts[4]);
    if (!roleAndGeneration.matches() || !SESSION_ID.matcher(parts[2]).matches()
        || !PARTICIPANT_ID.matcher(parts[3]).matches() || !EXPIRY.matcher(parts[5]).matches()) {
      return Refusal.MALFORMED;
    }
    Role role = roleOf(roleAndGeneration.group(1));
    long generation = roleAndGeneration.group(2) == null ? 0 : Long.parseLong(roleAndGeneration.group(2));
    if (!parts[2].equals(sessionId)) {
      return Refusal.OTHER_SESSION;
    }
    long expiry = Long.parseLong(parts[5]);
    if (clock.instant().getEpochSecond() >= expiry) {
      return Refusal.EXPIRED;
    }
    return new Verified(new Participant(sessionId, parts[3], role), Instant.ofEpochSecond(expiry), generation);
  }

  private static String roleMark(Role role) {
    return switch (role) {
      case RESIDENT -> "r";
      case MODERATOR -> "m";
      case STAGE -> "s";
      case CLERK -> "c";
    };
  }

  private static Role roleOf(String mark) {
    return switch (mark) {
      case "r" -> Role.RESIDENT;
      case "m" -> Role.MODERATOR;
      case "s" -> Role.STAGE;
      case "c" -> Role.CLERK;
      default -> null;
    };
  }

  /** The key id of a secret: the first 8 base64url characters of its SHA-256. */
  static String kidOf(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One secret, its key id and its HMAC key. */
  private static final class Key {
    private final String secret;
    private final String kid;
    private final SecretKeySpec spec;

    Key(String secret) {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("A token secret must not be empty");
      }
      this.secret = secret;
      this.kid = kidOf(secret);
      this.spec = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String mac(String body) {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(spec);
        return Base64.getUrlEncoder().withoutPadding()
            .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException | InvalidKeyException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
