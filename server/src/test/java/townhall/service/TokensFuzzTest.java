package townhall.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Optional;
import townhall.domain.Participant;
import townhall.testing.FuzzText;

/**
 * Any string offered as a token is refused (an empty answer) or is exactly the token that the secret signs for the
 * participant it names, in the session it names; no string verifies under two secrets, and verification never
 * throws.
 *
 * <p>A normal {@code mvn test} runs this in regression mode: it replays every committed input in
 * {@code src/test/resources/townhall/service/TokensFuzzTestInputs/<method>/} (one token per file, read as UTF-8;
 * the bytes {@code ED A0 80} stand for a lone surrogate, see {@link FuzzText}) plus the empty input. The inputs
 * that verify were signed with {@link #SECRET} (the secret of {@code TokensTest}) or {@link #OTHER_SECRET}.
 *
 * <p>To fuzz for real (one fuzz test per run; inputs that fail are written next to the committed ones, the corpus
 * the fuzzer grows goes to {@code server/.cifuzz-corpus/}, which git ignores):
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=120s mvn -B -ntp -pl server -am test \
 *     -Dtest='TokensFuzzTest#anyStringIsRefusedOrIsTheTokenTheSecretSigns' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class TokensFuzzTest {
  private static final String SECRET = "0123456789abcdefghijklmnopqrstuvwxyz-secret";
  private static final String OTHER_SECRET = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210-other";
  private static final List<String> SESSIONS = List.of("k3J9xQ2mVt0aR1bC", "Zz9yXx8wVv7uTt6s", "");

  private final Tokens tokens = new Tokens(SECRET);
  private final Tokens otherTokens = new Tokens(OTHER_SECRET);

  @FuzzTest(maxDuration = "2m")
  void anyStringIsRefusedOrIsTheTokenTheSecretSigns(byte[] input) {
    String token = FuzzText.decode(input);

    for (String session : SESSIONS) {
      Optional<Participant> mine = tokens.verify(token, session);
      Optional<Participant> foreign = otherTokens.verify(token, session);

      mine.ifPresent(p -> assertIsTheSignedToken(tokens, token, session, p));
      foreign.ifPresent(p -> assertIsTheSignedToken(otherTokens, token, session, p));
      assertFalse(mine.isPresent() && foreign.isPresent(), "verified under two secrets: " + token);
    }
  }

  private static void assertIsTheSignedToken(Tokens secret, String token, String session, Participant verified) {
    assertEquals(session, verified.sessionId(), "verified for another session");
    assertEquals(token, secret.sign(verified), "verified, but is not the token the secret signs for " + verified);
  }
}
