package townhall.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.service.Tokens.Refusal;
import townhall.service.Tokens.Verified;

/**
 * A participant token binds its session, participant, role and expiry to the secret that signed it, named by its
 * key id; tokens of previous secrets are accepted, never issued.
 */
class TokensTest {
  static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz-secret";
  static final String OTHER_SECRET = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210-other";
  static final String NEW_SECRET = "a-brand-new-secret-after-rotation-0123456789";
  private static final String SESSION = "k3J9xQ2mVt0aR1bC";
  private static final String OTHER_SESSION = "Zz9yXx8wVv7uTt6s";
  private static final Participant RESIDENT = new Participant(SESSION, "Qm9kZXJhdG9yUmVz", Role.RESIDENT);
  private static final Participant MODERATOR = new Participant(SESSION, "m-TW9kZXJhdG9yMDAx", Role.MODERATOR);
  private static final Participant STAGE = new Participant(SESSION, "s-U3RhZ2VTY3JlZW4w", Role.STAGE);
  private static final Participant CLERK = new Participant(SESSION, "c-U3RhZ2VTY3JlZW4w", Role.CLERK);
  private static final Duration TTL = Duration.ofHours(720);
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final Tokens tokens = tokensAt(NOW, SECRET);

  private static Tokens tokensAt(Instant now, String secret, String... previous) {
    return new Tokens(secret, List.of(previous), TTL, Clock.fixed(now, ZoneOffset.UTC));
  }

  // ---------------------------------------------------------------- round trips

  @ParameterizedTest
  @EnumSource(Role.class)
  void tokenVerifiesAsItsParticipantUntilItsExpiry(Role role) {
    Participant participant = switch (role) {
      case RESIDENT -> RESIDENT;
      case MODERATOR -> MODERATOR;
      case STAGE -> STAGE;
      case CLERK -> CLERK;
    };
    String token = tokens.sign(participant);

    assertEquals(Optional.of(new Verified(participant, NOW.plus(TTL), 0)), tokens.verify(token, SESSION));
  }

  @Test
  void signedTokenIsTheDocumentedBodyFollowedByItsHmac() {
    String expiry = Long.toString(NOW.plus(TTL).getEpochSecond());
    String body = String.join(".", "v2", kid(SECRET), SESSION, MODERATOR.id(), "m", expiry);

    assertEquals(body + "." + hmac(SECRET, body), tokens.sign(MODERATOR));
  }

  @Test
  void roleMarksAreRMAndS() {
    assertEquals("r", tokens.sign(RESIDENT).split("\\.")[4]);
    assertEquals("m", tokens.sign(MODERATOR).split("\\.")[4]);
    assertEquals("s", tokens.sign(STAGE).split("\\.")[4]);
  }

  @Test
  void keyIdIsTheFirstEightBase64urlCharactersOfTheSecretsSha256() {
    assertEquals(kid(SECRET), Tokens.kidOf(SECRET));
    assertEquals(8, Tokens.kidOf(SECRET).length());
    assertNotEquals(Tokens.kidOf(SECRET), Tokens.kidOf(OTHER_SECRET));
    assertEquals(List.of(kid(SECRET)), tokens.keyIds());
  }

  @Test
  void tokenVerifiesWithAnotherInstanceHoldingTheSameSecret() {
    assertTrue(tokensAt(NOW.plusSeconds(60), SECRET).verify(tokens.sign(RESIDENT), SESSION).isPresent());
  }

  @Test
  void expiryIsCountedFromTheClockInWholeSeconds() {
    Tokens later = tokensAt(NOW.plusMillis(1_500), SECRET);

    assertEquals(NOW.plus(TTL).plusSeconds(1), later.verify(later.sign(RESIDENT), SESSION).orElseThrow().expiresAt());
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void tokenIsRefusedInAnotherSession() {
    for (Participant participant : List.of(RESIDENT, MODERATOR, STAGE)) {
      assertEquals(Refusal.OTHER_SESSION, tokens.check(tokens.sign(participant), OTHER_SESSION));
    }
  }

  @Test
  void tokenWithItsSessionIdRewrittenIsRefusedAsForged() {
    String forged = tokens.sign(MODERATOR).replace("." + SESSION + ".", "." + OTHER_SESSION + ".");

    assertEquals(Refusal.FORGED, tokens.check(forged, OTHER_SESSION));
  }

  @Test
  void tokenIsRefusedFromItsExpiryOn() {
    String token = tokens.sign(RESIDENT);
    Instant expiry = NOW.plus(TTL);

    assertTrue(tokensAt(expiry.minusSeconds(1), SECRET).verify(token, SESSION).isPresent(), "a second before");
    assertEquals(Refusal.EXPIRED, tokensAt(expiry, SECRET).check(token, SESSION));
    assertEquals(Refusal.EXPIRED, tokensAt(expiry.plus(Duration.ofDays(400)), SECRET).check(token, SESSION));
  }

  @Test
  void tokenWithItsExpiryPushedBackIsRefusedAsForged() {
    String token = tokens.sign(RESIDENT);
    String[] parts = token.split("\\.");
    parts[5] = Long.toString(Long.parseLong(parts[5]) + 365L * 24 * 3600);

    assertEquals(Refusal.FORGED, tokens.check(String.join(".", parts), SESSION));
  }

  @Test
  void tokenSignedWithAnUnknownSecretIsRefusedByItsKeyId() {
    Tokens foreign = tokensAt(NOW, OTHER_SECRET);

    assertEquals(Refusal.UNKNOWN_KEY, tokens.check(foreign.sign(RESIDENT), SESSION));
    assertEquals(Refusal.UNKNOWN_KEY, tokens.check(foreign.sign(MODERATOR), SESSION));
    assertEquals(Refusal.UNKNOWN_KEY, foreign.check(tokens.sign(RESIDENT), SESSION));
  }

  @Test
  void tokenOfAnotherSecretWithOurKeyIdIsRefusedAsForged() {
    String[] parts = tokensAt(NOW, OTHER_SECRET).sign(MODERATOR).split("\\.");
    parts[1] = kid(SECRET);
    String body = String.join(".", List.of(parts).subList(0, 6));

    assertEquals(Refusal.FORGED, tokens.check(body + "." + hmac(OTHER_SECRET, body), SESSION));
  }

  @Test
  void promotedOrDemotedRoleIsRefusedAsForged() {
    List<String[]> changes = List.of(new String[] {"r", "m"}, new String[] {"r", "s"}, new String[] {"s", "m"},
        new String[] {"m", "r"});
    for (String[] change : changes) {
      Participant from = change[0].equals("r") ? RESIDENT : change[0].equals("s") ? STAGE : MODERATOR;
      String[] parts = tokens.sign(from).split("\\.");
      parts[4] = change[1];

      assertEquals(Refusal.FORGED, tokens.check(String.join(".", parts), SESSION), change[0] + " -> " + change[1]);
    }
  }

  @Test
  void tokenWithAnotherParticipantIdIsRefusedAsForged() {
    String token = tokens.sign(RESIDENT);
    String impostor = token.replace("." + RESIDENT.id() + ".", ".U29tZW9uZUVsc2Uw.");
    assertNotEquals(token, impostor, "precondition: the participant id was changed");

    assertEquals(Refusal.FORGED, tokens.check(impostor, SESSION));
  }

  @Test
  void changingAnyCharacterOfTheMacIsRefused() {
    String token = tokens.sign(MODERATOR);
    int macStart = token.lastIndexOf('.') + 1;
    assertEquals(43, token.length() - macStart, "precondition: a 256-bit MAC in unpadded base64url");

    List<String> accepted = new ArrayList<>();
    for (int i = macStart; i < token.length(); i++) {
      char original = token.charAt(i);
      char replacement = BASE64URL.charAt((BASE64URL.indexOf(original) + 1) % BASE64URL.length());
      String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
      if (tokens.check(tampered, SESSION) != Refusal.FORGED) {
        accepted.add(tampered);
      }
    }

    assertEquals(List.of(), accepted, "tampered tokens not refused as forged");
  }

  @Test
  void everyTruncationIsRefused() {
    String token = tokens.sign(MODERATOR);

    List<String> accepted = new ArrayList<>();
    for (int length = 0; length < token.length(); length++) {
      if (tokens.verify(token.substring(0, length), SESSION).isPresent()) {
        accepted.add(token.substring(0, length));
      }
    }

    assertEquals(List.of(), accepted);
    assertEquals(Refusal.FORGED, tokens.check(token.substring(0, token.length() - 1), SESSION));
    assertEquals(Refusal.FORGED, tokens.check(token + "A", SESSION));
    assertEquals(Refusal.MALFORMED, tokens.check(token.substring(0, token.lastIndexOf('.')), SESSION));
  }

  @Test
  void versionOneTokenIsRefusedEvenWithAMatchingMac() {
    String body = "v1." + SESSION + "." + RESIDENT.id() + ".r";

    assertEquals(Refusal.UNSUPPORTED_VERSION, tokens.check(body + "." + hmac(SECRET, body), SESSION));
  }

  @ParameterizedTest
  @ValueSource(strings = {"v1", "v3", "V2", "v02"})
  void tokenOfAnotherVersionIsRefusedEvenWithAMatchingMac(String version) {
    String body = String.join(".", version, kid(SECRET), SESSION, RESIDENT.id(), "r",
        Long.toString(NOW.plus(TTL).getEpochSecond()));

    assertTrue(tokens.verify(body + "." + hmac(SECRET, body), SESSION).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "M", "rr"})
  void unknownRoleMarkIsRefusedEvenWithAMatchingMac(String mark) {
    String body = String.join(".", "v2", kid(SECRET), SESSION, RESIDENT.id(), mark,
        Long.toString(NOW.plus(TTL).getEpochSecond()));

    assertEquals(Refusal.MALFORMED, tokens.check(body + "." + hmac(SECRET, body), SESSION));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "-5", "+1900000000", "01900000000", "1.9e9", "99999999999999999999"})
  void nonCanonicalExpiryIsRefusedEvenWithAMatchingMac(String expiry) {
    String body = String.join(".", "v2", kid(SECRET), SESSION, RESIDENT.id(), "r", expiry);

    assertTrue(tokens.verify(body + "." + hmac(SECRET, body), SESSION).isEmpty(), expiry);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Hương", "a b", "a/b",
      "sixty-five-characters-are-one-more-than-a-participant-id-may-have"})
  void participantIdOutsideBase64urlIsRefusedEvenWithAMatchingMac(String participantId) {
    String body = String.join(".", "v2", kid(SECRET), SESSION, participantId, "r",
        Long.toString(NOW.plus(TTL).getEpochSecond()));

    assertEquals(Refusal.MALFORMED, tokens.check(body + "." + hmac(SECRET, body), SESSION));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"v2", "v2.", "v2......", "v2.......", "....", "not a token at all",
      "eyJhbGciOiJub25lIn0.eyJzaWQiOiJrM0o5eFEybVZ0MGFSMWJDIn0."})
  void malformedTokenIsRefused(String token) {
    assertTrue(tokens.verify(token, SESSION).isEmpty());
  }

  @Test
  void tokenWithTooManyOrTooFewPartsIsRefused() {
    String token = tokens.sign(RESIDENT);

    assertEquals(Refusal.MALFORMED, tokens.check(token + ".extra", SESSION));
    assertEquals(Refusal.MALFORMED, tokens.check(token + ".", SESSION));
    assertEquals(Refusal.MALFORMED, tokens.check("x." + token, SESSION));
  }

  @Test
  void requireFailsUnauthorizedSayingWhy() {
    DomainException e = assertThrows(DomainException.class,
        () -> tokensAt(NOW.plus(TTL), SECRET).require(tokens.sign(RESIDENT), SESSION));

    assertEquals(ErrorCode.UNAUTHORIZED, e.code());
    assertEquals(Refusal.EXPIRED.message(), e.getMessage());
    assertEquals(RESIDENT, tokens.require(tokens.sign(RESIDENT), SESSION).participant());
  }

  // ---------------------------------------------------------------- rotation

  @Test
  void afterRotationTokensOfThePreviousSecretAreAcceptedAndNewOnesAreSignedWithTheNewSecret() {
    String old = tokens.sign(MODERATOR);
    Tokens rotated = tokensAt(NOW.plusSeconds(3600), NEW_SECRET, SECRET);

    assertEquals(Optional.of(new Verified(MODERATOR, NOW.plus(TTL), 0)), rotated.verify(old, SESSION));
    String fresh = rotated.sign(MODERATOR);
    assertEquals(kid(NEW_SECRET), fresh.split("\\.")[1]);
    assertEquals(Refusal.UNKNOWN_KEY, tokens.check(fresh, SESSION), "the old node does not know the new secret");
    assertEquals(List.of(kid(NEW_SECRET), kid(SECRET)), rotated.keyIds());
  }

  @Test
  void previousSecretsStillRefuseWhatTheyWouldRefuse() {
    Tokens rotated = tokensAt(NOW, NEW_SECRET, SECRET);

    assertEquals(Refusal.OTHER_SESSION, rotated.check(tokens.sign(RESIDENT), OTHER_SESSION));
    assertEquals(Refusal.EXPIRED, tokensAt(NOW.plus(TTL), NEW_SECRET, SECRET).check(tokens.sign(RESIDENT), SESSION));
    String[] promoted = tokens.sign(RESIDENT).split("\\.");
    promoted[4] = "m";
    assertEquals(Refusal.FORGED, rotated.check(String.join(".", promoted), SESSION));
  }

  @Test
  void onceTheSecretIsDroppedFromThePreviousListItsTokensAreRefused() {
    assertEquals(Refusal.UNKNOWN_KEY, tokensAt(NOW, NEW_SECRET).check(tokens.sign(RESIDENT), SESSION));
  }

  @Test
  void theCurrentSecretListedAgainAsPreviousChangesNothing() {
    Tokens twice = tokensAt(NOW, SECRET, SECRET);

    assertEquals(List.of(kid(SECRET)), twice.keyIds());
    assertEquals(tokens.sign(STAGE), twice.sign(STAGE));
  }

  // ---------------------------------------------------------------- helpers

  static String kid(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 8);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
