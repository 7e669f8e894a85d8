package townhall.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import townhall.testing.FuzzText;

/**
 * Any string offered as a token is refused or is exactly the token that a secret signs for the participant and
 * expiry it names, in the session it names, not yet expired; no string verifies under two secrets; a node that
 * rotated from one secret to the other accepts exactly what either accepts, as either accepts it; and checking never
 * throws.
 *
 * <p>A normal {@code mvn test} runs this in regression mode: it replays every committed input in
 * {@code src/test/resources/townhall/service/TokensFuzzTestInputs/<method>/} (one token per file, read as UTF-8;
 * the bytes {@code ED A0 80} stand for a lone surrogate, see {@link FuzzText}) plus the empty input. The inputs
 * that verify were signed with {@link TokensTest#SECRET} or {@link TokensTest#OTHER_SECRET} at {@link #NOW} with
 * a time to live of {@link #TTL}.
 *
 * <p>To fuzz for real (one fuzz test per run; inputs that fail are written next to the committed ones, the corpus
 * the fuzzer grows goes to {@code server/.cifuzz-corpus/}, which git ignores):
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=120s mvn -B -ntp -pl server -am test \
 *     -Dtest='TokensFuzzTest#anyStringIsRefusedOrIsTheTokenTheSecretSigns' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class TokensFuzzTest {
  /** When the committed tokens were signed; they expire 720 hours later, and the corpus holds expired ones too. */
  static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  static final Duration TTL = Duration.ofHours(720);
  private static final List<String> SESSIONS = List.of("k3J9xQ2mVt0aR1bC", "Zz9yXx8wVv7uTt6s", "");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Path CORPUS = Path.of("src/test/resources/townhall/service/TokensFuzzTestInputs",
      "anyStringIsRefusedOrIsTheTokenTheSecretSigns");

  private final Tokens tokens = new Tokens(TokensTest.SECRET, List.of(), TTL, CLOCK);
  private final Tokens otherTokens = new Tokens(TokensTest.OTHER_SECRET, List.of(), TTL, CLOCK);
  /** A node that rotated from {@code SECRET} to {@code OTHER_SECRET}. */
  private final Tokens rotated = new Tokens(TokensTest.OTHER_SECRET, List.of(TokensTest.SECRET), TTL, CLOCK);

  @FuzzTest(maxDuration = "2m")
  void anyStringIsRefusedOrIsTheTokenTheSecretSigns(byte[] input) {
    String token = FuzzText.decode(input);

    for (String session : SESSIONS) {
      Optional<Tokens.Verified> mine = tokens.verify(token, session);
      Optional<Tokens.Verified> foreign = otherTokens.verify(token, session);

      mine.ifPresent(v -> assertIsTheSignedToken(tokens, token, session, v));
      foreign.ifPresent(v -> assertIsTheSignedToken(otherTokens, token, session, v));
      assertFalse(mine.isPresent() && foreign.isPresent(), "verified under two secrets: " + token);
      assertEquals(mine.or(() -> foreign), rotated.verify(token, session),
          "after rotation, accepted exactly when the old or the new secret accepts: " + token);
    }
  }

  /** The corpus holds tokens that verify, so the property above is exercised on accepted tokens too. */
  @ParameterizedTest
  @CsvSource({"valid-resident, resident", "valid-moderator, moderator", "role-stage, stage",
      "expires-in-one-second, resident"})
  void committedValidTokensVerify(String file, String role) throws IOException {
    String token = Files.readString(CORPUS.resolve(file), StandardCharsets.UTF_8);

    assertEquals(role, tokens.verify(token, SESSIONS.get(0)).orElseThrow().participant().role().wireName());
  }

  @Test
  void committedTokenOfTheOtherSecretVerifiesOnlyUnderIt() throws IOException {
    String token = Files.readString(CORPUS.resolve("another-secrets-token"), StandardCharsets.UTF_8);

    assertTrue(otherTokens.verify(token, SESSIONS.get(0)).isPresent());
    assertTrue(tokens.verify(token, SESSIONS.get(0)).isEmpty());
  }

  private static void assertIsTheSignedToken(Tokens secret, String token, String session, Tokens.Verified verified) {
    assertEquals(session, verified.participant().sessionId(), "verified for another session");
    assertTrue(verified.expiresAt().isAfter(NOW), "verified after its expiry: " + verified);
    assertEquals(token, secret.sign(verified.participant(), verified.expiresAt()),
        "verified, but is not the token the secret signs for " + verified);
  }
}
