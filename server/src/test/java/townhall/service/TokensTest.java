package townhall.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import townhall.domain.Participant;
import townhall.domain.Role;

/** A participant token is bound to its session, its participant and its role by an HMAC. */
class TokensTest {
  private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz-secret";
  private static final String OTHER_SECRET = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210-other";
  private static final String SESSION = "k3J9xQ2mVt0aR1bC";
  private static final String OTHER_SESSION = "Zz9yXx8wVv7uTt6s";
  private static final Participant RESIDENT = new Participant(SESSION, "Qm9kZXJhdG9yUmVz", Role.RESIDENT);
  private static final Participant MODERATOR = new Participant(SESSION, "TW9kZXJhdG9yMDAx", Role.MODERATOR);
  private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final Tokens tokens = new Tokens(SECRET);

  @Test
  void residentTokenVerifiesAsThatResident() {
    String token = tokens.sign(RESIDENT);

    assertTrue(token.startsWith("v1." + SESSION + "." + RESIDENT.id() + ".r."), token);
    assertEquals(Optional.of(RESIDENT), tokens.verify(token, SESSION));
  }

  @Test
  void moderatorTokenVerifiesAsThatModerator() {
    String token = tokens.sign(MODERATOR);

    assertTrue(token.startsWith("v1." + SESSION + "." + MODERATOR.id() + ".m."), token);
    assertEquals(Optional.of(MODERATOR), tokens.verify(token, SESSION));
  }

  @Test
  void tokenVerifiesWithAnotherInstanceHoldingTheSameSecret() {
    assertEquals(Optional.of(RESIDENT), new Tokens(SECRET).verify(tokens.sign(RESIDENT), SESSION));
  }

  @Test
  void tokenIsRefusedInAnotherSession() {
    assertEquals(Optional.empty(), tokens.verify(tokens.sign(RESIDENT), OTHER_SESSION));
    assertEquals(Optional.empty(), tokens.verify(tokens.sign(MODERATOR), OTHER_SESSION));
  }

  @Test
  void tokenWithItsSessionIdRewrittenIsRefusedInThatSession() {
    String forged = tokens.sign(MODERATOR).replace("v1." + SESSION + ".", "v1." + OTHER_SESSION + ".");

    assertEquals(Optional.empty(), tokens.verify(forged, OTHER_SESSION));
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    Tokens foreign = new Tokens(OTHER_SECRET);

    assertEquals(Optional.empty(), tokens.verify(foreign.sign(RESIDENT), SESSION));
    assertEquals(Optional.empty(), tokens.verify(foreign.sign(MODERATOR), SESSION));
    assertEquals(Optional.empty(), foreign.verify(tokens.sign(RESIDENT), SESSION));
  }

  @Test
  void residentTokenPromotedToModeratorIsRefused() {
    String token = tokens.sign(RESIDENT);
    String promoted = token.replace("." + RESIDENT.id() + ".r.", "." + RESIDENT.id() + ".m.");
    assertNotEquals(token, promoted, "precondition: the role mark was changed");

    assertEquals(Optional.empty(), tokens.verify(promoted, SESSION));
  }

  @Test
  void moderatorTokenDemotedToResidentIsRefused() {
    String token = tokens.sign(MODERATOR);
    String demoted = token.replace("." + MODERATOR.id() + ".m.", "." + MODERATOR.id() + ".r.");
    assertNotEquals(token, demoted, "precondition: the role mark was changed");

    assertEquals(Optional.empty(), tokens.verify(demoted, SESSION));
  }

  @Test
  void tokenWithAnotherParticipantIdIsRefused() {
    String token = tokens.sign(RESIDENT);
    String impostor = token.replace("." + RESIDENT.id() + ".", ".U29tZW9uZUVsc2Uw.");
    assertNotEquals(token, impostor, "precondition: the participant id was changed");

    assertEquals(Optional.empty(), tokens.verify(impostor, SESSION));
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
      if (tokens.verify(tampered, SESSION).isPresent()) {
        accepted.add(tampered);
      }
    }

    assertEquals(List.of(), accepted, "tampered tokens that were accepted");
  }

  @Test
  void truncatedOrExtendedMacIsRefused() {
    String token = tokens.sign(RESIDENT);

    assertEquals(Optional.empty(), tokens.verify(token.substring(0, token.length() - 1), SESSION));
    assertEquals(Optional.empty(), tokens.verify(token + "A", SESSION));
    assertEquals(Optional.empty(), tokens.verify(token.substring(0, token.lastIndexOf('.') + 1), SESSION));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"v1", "v1.", "v1.k3J9xQ2mVt0aR1bC", "v1.k3J9xQ2mVt0aR1bC.Qm9kZXJhdG9yUmVz.r", "....",
      "not a token at all"})
  void malformedTokenIsRefused(String token) {
    assertEquals(Optional.empty(), tokens.verify(token, SESSION));
  }

  @Test
  void tokenWithTooManyPartsIsRefused() {
    String token = tokens.sign(RESIDENT);

    assertEquals(Optional.empty(), tokens.verify(token + ".extra", SESSION));
    assertEquals(Optional.empty(), tokens.verify(token + ".", SESSION));
    assertEquals(Optional.empty(), tokens.verify("x." + token, SESSION));
  }

  @Test
  void tokenOfAnotherVersionIsRefusedEvenWithAMatchingMac() {
    String body = "v2." + SESSION + "." + RESIDENT.id() + ".r";

    assertEquals(Optional.empty(), tokens.verify(body + "." + hmac(SECRET, body), SESSION));
  }

  @Test
  void tokenWithAnUnknownRoleMarkIsRefusedEvenWithAMatchingMac() {
    String body = "v1." + SESSION + "." + RESIDENT.id() + ".a";

    assertEquals(Optional.empty(), tokens.verify(body + "." + hmac(SECRET, body), SESSION));
  }

  @Test
  void tokenWithAnEmptyParticipantIdIsRefusedEvenWithAMatchingMac() {
    String body = "v1." + SESSION + "..m";

    assertEquals(Optional.empty(), tokens.verify(body + "." + hmac(SECRET, body), SESSION));
  }

  @Test
  void signedTokenIsTheDocumentedBodyFollowedByItsHmac() {
    String body = "v1." + SESSION + "." + MODERATOR.id() + ".m";

    assertEquals(body + "." + hmac(SECRET, body), tokens.sign(MODERATOR));
  }

  private static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
