package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.ask;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.highlight;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.session;
import static townhall.testing.Moderation.view;
import static townhall.testing.Moderation.vote;
import static townhall.testing.Moderation.withPart;
import static townhall.testing.Moderation.withRoleMark;
import static townhall.testing.Moderation.withdraw;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import townhall.TownhallNode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.service.Tokens;
import townhall.testing.Api;
import townhall.testing.Moderation;
import townhall.testing.TestNodes;
import townhall.testing.TestRedis;
import townhall.testing.WsClient;

/**
 * Reliability row B7: replayed or forged tokens. Every token that is not good for this session right now is refused
 * at hello (an {@code error} {@code unauthorized}, then close 4403), changes nothing and gives no identity; the
 * stage token watches what residents see and may do nothing else.
 *
 * <p>The node runs with a known secret and a known previous secret, so the test can sign tokens the node itself
 * would have signed at another time (expired ones) or with a secret it no longer signs with.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TokenRefusalTest {
  private static final String SECRET = "the-node-secret-of-token-refusal-test-0123456789";
  private static final String PREVIOUS_SECRET = "the-secret-before-the-last-rotation-0123456789";
  private static final String UNKNOWN_SECRET = "a-secret-this-node-has-never-been-told-0123456789";
  private static final Duration TTL = Duration.ofHours(720);

  private static TestRedis redis;
  private static TownhallNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    redis = TestRedis.start();
    node = TestNodes.start(redis, TestNodes.freshPrefix(), Map.of("security.tokenSecret", SECRET,
        "security.previousTokenSecrets", PREVIOUS_SECRET, "security.tokenTtlHours", TTL.toHours()));
    api = new Api(node.port());
  }

  @AfterAll
  static void stop() {
    TestNodes.stop(node);
    if (redis != null) {
      redis.close();
    }
  }

  /** Tokens as a node with {@code secret} would sign them at {@code now}. */
  private static Tokens signer(String secret, Instant now) {
    return new Tokens(secret, List.of(), TTL, Clock.fixed(now, ZoneOffset.UTC));
  }

  /** The session under test, its moderator, a resident's and a stage token, and another session's tokens. */
  record Fixture(String sessionId, String moderatorToken, String residentToken, String residentId,
      String stageToken, String otherSessionId, String otherModeratorToken, String otherResidentToken) {
  }

  /** One bad token, built against the fixture. */
  record BadToken(String name, Function<Fixture, String> build) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final Instant LONG_AGO = Instant.now().minus(TTL).minus(Duration.ofDays(1));

  static Stream<BadToken> badTokens() {
    return Stream.of(
        new BadToken("not a token", f -> "not-a-token"),
        new BadToken("empty string", f -> ""),
        new BadToken("JWT with alg none", f -> "eyJhbGciOiJub25lIn0.eyJyb2xlIjoibW9kZXJhdG9yIn0."),
        new BadToken("version 1 token with a good v1 MAC", f -> {
          String body = "v1." + f.sessionId() + "." + f.residentId() + ".m";
          return body + "." + hmac(SECRET, body);
        }),
        new BadToken("version 3", f -> withPart(f.residentToken(), 0, "v3")),
        new BadToken("resident token of another session", TokenRefusalTest.Fixture::otherResidentToken),
        new BadToken("moderator token of another session", TokenRefusalTest.Fixture::otherModeratorToken),
        new BadToken("another session's token with this session's id", f -> withPart(f.otherModeratorToken(), 2,
            f.sessionId())),
        new BadToken("expired resident token",
            f -> signer(SECRET, LONG_AGO).sign(new Participant(f.sessionId(), f.residentId(), Role.RESIDENT))),
        new BadToken("expired moderator token",
            f -> signer(SECRET, LONG_AGO).sign(new Participant(f.sessionId(), "m-expired", Role.MODERATOR))),
        new BadToken("expired previous-secret token",
            f -> signer(PREVIOUS_SECRET, LONG_AGO).sign(new Participant(f.sessionId(), "r1", Role.RESIDENT))),
        new BadToken("expired token with its expiry pushed back", f -> {
          String expired = signer(SECRET, LONG_AGO).sign(new Participant(f.sessionId(), "r2", Role.RESIDENT));
          return withPart(expired, 5, Long.toString(Instant.now().plus(TTL).getEpochSecond()));
        }),
        new BadToken("moderator token with a changed MAC", f -> withPart(f.moderatorToken(), 6,
            flipFirst(f.moderatorToken().substring(f.moderatorToken().lastIndexOf('.') + 1)))),
        new BadToken("moderator token without its MAC", f -> withPart(f.moderatorToken(), 6, "")),
        new BadToken("moderator token cut short", f -> f.moderatorToken().substring(0,
            f.moderatorToken().length() - 1)),
        new BadToken("resident promoted to moderator", f -> withRoleMark(f.residentToken(), "m")),
        new BadToken("resident promoted to stage", f -> withRoleMark(f.residentToken(), "s")),
        new BadToken("stage promoted to moderator", f -> withRoleMark(f.stageToken(), "m")),
        new BadToken("resident token naming another participant", f -> withPart(f.residentToken(), 3,
            "U29tZW9uZUVsc2Uw")),
        new BadToken("signed with an unknown secret", f -> signer(UNKNOWN_SECRET, Instant.now())
            .sign(new Participant(f.sessionId(), "m-unknown", Role.MODERATOR))),
        new BadToken("this node's key id on another secret's MAC", f -> {
          String foreign = signer(UNKNOWN_SECRET, Instant.now())
              .sign(new Participant(f.sessionId(), "m-unknown", Role.MODERATOR));
          String body = withPart(foreign, 1, f.moderatorToken().split("\\.")[1]);
          body = body.substring(0, body.lastIndexOf('.'));
          return body + "." + hmac(UNKNOWN_SECRET, body);
        }));
  }

  // ---------------------------------------------------------------- refusal at hello

  @ParameterizedTest(name = "{0}")
  @MethodSource("badTokens")
  void badTokenIsRefusedAtHelloAndChangesNothing(BadToken bad, Vertx vertx) {
    Fixture f = fixture(vertx);
    String token = bad.build().apply(f);
    JsonObject before = moderatorView(vertx, f);

    try (WsClient client = WsClient.connect(vertx, node.port(), f.sessionId())) {
      client.send(new JsonObject().put("type", "hello").put("token", token));
      assertEquals((short) 4403, client.awaitClose(), () -> bad + ": closed with another code");
      List<JsonObject> frames = client.drain();
      assertEquals(1, frames.size(), () -> bad + ": exactly one error frame, got " + frames);
      JsonObject error = frames.get(0);
      assertError("unauthorized", error);
      assertNull(error.getString("ref"));
      assertFalse(error.getString("message", "").isBlank(), () -> bad + ": a refusal says why");
      assertFalse(error.containsKey("participant"));
    }

    assertEquals(before, moderatorView(vertx, f), () -> bad + " changed the session");
    // the real tokens still work, as who they were
    JsonObject again = Moderation.freshWelcome(vertx, node.port(), f.sessionId(), f.residentToken());
    assertEquals(f.residentId(), Moderation.participantId(again));
    assertEquals("moderator", Moderation.freshWelcome(vertx, node.port(), f.sessionId(), f.moderatorToken())
        .getString("role"));
  }

  @Test
  void refusedHelloLeavesTheSocketNothingToSendOnWith(Vertx vertx) {
    Fixture f = fixture(vertx);
    try (WsClient client = WsClient.connect(vertx, node.port(), f.sessionId())) {
      // an ask sent right behind the refused hello must not be taken under any identity
      client.sendBackToBack(new JsonObject().put("type", "hello").put("token", withRoleMark(f.residentToken(), "m")),
          ask("Câu hỏi gửi ngay sau lời chào bị từ chối").put("ref", "after-refusal"));
      assertEquals((short) 4403, client.awaitClose());
      List<JsonObject> frames = client.drain();
      assertTrue(frames.stream().noneMatch(frame -> "ack".equals(frame.getString("type"))), () -> "" + frames);
    }
    JsonObject view = moderatorView(vertx, f);
    assertEquals(1, view.getJsonArray("questions").size(), () -> "only the fixture's question: " + view);
  }

  @Test
  void helloWithoutATokenStillMakesANewResident(Vertx vertx) {
    Fixture f = fixture(vertx);
    JsonObject welcome = Moderation.freshWelcome(vertx, node.port(), f.sessionId(), null);

    assertEquals("resident", welcome.getString("role"));
    assertNotEquals(f.residentId(), Moderation.participantId(welcome));
  }

  // ---------------------------------------------------------------- accepted tokens are refreshed

  @Test
  void everyWelcomeAndResumedHandsBackAFreshTokenWithALaterExpiry(Vertx vertx) {
    Fixture f = fixture(vertx);
    Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
    String older = signer(SECRET, tenDaysAgo).sign(new Participant(f.sessionId(), f.residentId(), Role.RESIDENT));
    Tokens node = signer(SECRET, Instant.now());

    JsonObject welcome;
    try (WsClient client = Moderation.join(vertx, TokenRefusalTest.node.port(), f.sessionId(), older)) {
      welcome = client.next("welcome");
    }
    assertEquals(f.residentId(), Moderation.participantId(welcome));
    String fresh = Moderation.token(welcome);
    Tokens.Verified oldClaims = node.verify(older, f.sessionId()).orElseThrow();
    Tokens.Verified freshClaims = node.verify(fresh, f.sessionId()).orElseThrow();
    assertEquals(oldClaims.participant(), freshClaims.participant());
    assertTrue(freshClaims.expiresAt().isAfter(oldClaims.expiresAt().plus(Duration.ofDays(9))),
        () -> "expiry not moved on: " + oldClaims.expiresAt() + " -> " + freshClaims.expiresAt());

    JsonObject hello = new JsonObject().put("token", fresh).put("since", welcome.getLong("seq"))
        .put("epoch", welcome.getString("epoch"));
    try (WsClient client = WsClient.join(vertx, TokenRefusalTest.node.port(), f.sessionId(), hello)) {
      JsonObject resumed = client.next("resumed");
      assertEquals(f.residentId(), Moderation.participantId(resumed));
      assertEquals(f.residentId(), node.verify(Moderation.token(resumed), f.sessionId()).orElseThrow()
          .participant().id());
    }
  }

  @Test
  void residentTokenOfThePreviousSecretIsAcceptedAndReplacedByOneOfTheCurrentSecret(Vertx vertx) {
    Fixture f = fixture(vertx);
    String previous = signer(PREVIOUS_SECRET, Instant.now().minus(Duration.ofDays(3)))
        .sign(new Participant(f.sessionId(), "before-rotation", Role.RESIDENT));

    JsonObject welcome = Moderation.freshWelcome(vertx, node.port(), f.sessionId(), previous);

    assertEquals("resident", welcome.getString("role"));
    assertEquals("before-rotation", Moderation.participantId(welcome));
    String fresh = Moderation.token(welcome);
    assertEquals(previous.split("\\.")[1].length(), fresh.split("\\.")[1].length());
    assertNotEquals(previous.split("\\.")[1], fresh.split("\\.")[1], "re-signed with the current secret");
    assertTrue(signer(SECRET, Instant.now()).verify(fresh, f.sessionId()).isPresent());
  }

  // ---------------------------------------------------------------- the stage token

  @Test
  void stageTokenMayOnlyPingAndEveryWriteIsForbiddenAndChangesNothing(Vertx vertx) {
    Fixture f = fixture(vertx);
    String live;
    try (WsClient moderator = Moderation.join(vertx, node.port(), f.sessionId(), f.moderatorToken());
         WsClient author = Moderation.join(vertx, node.port(), f.sessionId(), f.residentToken())) {
      moderator.next("welcome");
      author.next("welcome");
      live = asked(author, "Câu hỏi đã duyệt cho màn hình sân khấu");
      ok(moderator, approve(live));
    }
    String pending = viewQuestionIds(moderatorView(vertx, f)).get(0);
    JsonObject before = moderatorView(vertx, f);

    try (WsClient stage = Moderation.join(vertx, node.port(), f.sessionId(), f.stageToken())) {
      JsonObject welcome = stage.next("welcome");
      assertEquals("stage", welcome.getString("role"));
      for (JsonObject message : List.of(ask("Màn hình sân khấu không được hỏi"), vote(live, 1), vote(live, 0),
          withdraw(live), approve(pending), reject(pending, "Không phù hợp"), highlight(live), session("pause"),
          session("close"))) {
        assertError("forbidden", Moderation.act(stage, message));
      }
      stage.assertAnswering();
    }
    assertEquals(before, moderatorView(vertx, f));
  }

  @Test
  void stageSeesWhatResidentsSeeAndNothingPrivate(Vertx vertx) {
    Fixture f = fixture(vertx);
    try (WsClient stage = Moderation.join(vertx, node.port(), f.sessionId(), f.stageToken());
         WsClient moderator = Moderation.join(vertx, node.port(), f.sessionId(), f.moderatorToken());
         WsClient author = Moderation.join(vertx, node.port(), f.sessionId(), f.residentToken())) {
      JsonObject welcome = stage.next("welcome");
      assertEquals("stage", welcome.getString("role"));
      assertEquals(List.of(), welcome.getJsonArray("questions").getList(), "the fixture's question is pending");
      moderator.next("welcome");
      author.next("welcome");

      String kept = asked(author, "Câu hỏi sẽ được duyệt và đưa lên sân khấu");
      String refused = asked(author, "Câu hỏi sẽ bị từ chối");
      ok(moderator, approve(kept));
      ok(moderator, reject(refused, "Lý do riêng cho người hỏi"));
      ok(moderator, highlight(kept));
      ok(author, vote(kept, 1));

      JsonObject shown = Moderation.next(stage, Moderation.questionEvent(kept, "live"));
      assertFalse(shown.getJsonObject("question").containsKey("authorTag"), () -> "private detail: " + shown);
      Moderation.next(stage, Moderation.stageEvent(kept));
      stage.awaitVotes(kept, 1);
      List<JsonObject> rest = stage.framesBeforePong();
      List<JsonObject> all = new java.util.ArrayList<>(rest);
      all.add(shown);
      assertTrue(all.stream().noneMatch(frame -> frame.encode().contains("Lý do riêng cho người hỏi")),
          () -> "the stage received a rejection reason: " + all);
      assertTrue(all.stream().noneMatch(frame -> Moderation.isQuestion(frame, refused, "pending")),
          () -> "the stage received a pending question: " + all);
    }
  }

  @Test
  void stageScreensAreNotCountedAsPresent(Vertx vertx) {
    Fixture f = fixture(vertx);
    try (WsClient moderator = Moderation.join(vertx, node.port(), f.sessionId(), f.moderatorToken())) {
      moderator.next("welcome");
      WsClient resident = Moderation.join(vertx, node.port(), f.sessionId(), null);
      try (WsClient stage = Moderation.join(vertx, node.port(), f.sessionId(), f.stageToken())) {
        resident.next("welcome");
        awaitPresence(moderator, 2);
        assertEquals("stage", stage.next("welcome").getString("role"));
        stage.assertAnswering();
        // counted, the stage would keep the count at 2 once the resident leaves; left out, it drops to 1
        resident.close();
        awaitPresence(moderator, 1);
      } finally {
        resident.close();
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void awaitPresence(WsClient ws, int count) {
    ws.next(frame -> "presence".equals(frame.getString("type")) && frame.getInteger("count") == count,
        "presence " + count);
  }

  /** A fresh session with one pending question, and another session. */
  private Fixture fixture(Vertx vertx) {
    JsonObject created = api.createSession("Phiên thử mã thông hành", "pre", true);
    JsonObject other = api.createSession("Phiên khác", "pre", true);
    String sessionId = created.getString("id");
    String residentToken;
    String residentId;
    try (WsClient resident = Moderation.join(vertx, node.port(), sessionId, null)) {
      JsonObject welcome = resident.next("welcome");
      residentToken = Moderation.token(welcome);
      residentId = Moderation.participantId(welcome);
      asked(resident, "Câu hỏi chờ duyệt của cư dân");
    }
    String otherResidentToken = Moderation.token(
        Moderation.freshWelcome(vertx, node.port(), other.getString("id"), null));
    return new Fixture(sessionId, created.getString("moderatorToken"), residentToken, residentId,
        created.getString("stageToken"), other.getString("id"), other.getString("moderatorToken"),
        otherResidentToken);
  }

  private static JsonObject moderatorView(Vertx vertx, Fixture f) {
    return view(Moderation.freshWelcome(vertx, node.port(), f.sessionId(), f.moderatorToken()));
  }

  private static List<String> viewQuestionIds(JsonObject view) {
    return view.getJsonArray("questions").stream().map(q -> ((JsonObject) q).getString("id")).toList();
  }

  private static String flipFirst(String text) {
    return (text.charAt(0) == 'A' ? "B" : "A") + text.substring(1);
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
