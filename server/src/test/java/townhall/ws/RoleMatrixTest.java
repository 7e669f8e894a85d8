package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static townhall.testing.Moderation.act;
import static townhall.testing.Moderation.answer;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.archive;
import static townhall.testing.Moderation.ask;
import static townhall.testing.Moderation.asked;
import static townhall.testing.Moderation.assertAck;
import static townhall.testing.Moderation.assertError;
import static townhall.testing.Moderation.ban;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.freeze;
import static townhall.testing.Moderation.highlight;
import static townhall.testing.Moderation.merge;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.participantId;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.restore;
import static townhall.testing.Moderation.session;
import static townhall.testing.Moderation.signals;
import static townhall.testing.Moderation.unfreeze;
import static townhall.testing.Moderation.unhighlight;
import static townhall.testing.Moderation.view;
import static townhall.testing.Moderation.vote;
import static townhall.testing.Moderation.withdraw;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import townhall.testing.NodeTestBase;
import townhall.testing.Moderation;
import townhall.testing.WsClient;

/**
 * Every kind of client × every client message → the answer it must get. A refused message changes nothing that a
 * moderator's fresh welcome shows.
 */
class RoleMatrixTest extends NodeTestBase {

  // ---------------------------------------------------------------- the table

  /**
   * Who says hello, and with which token. Tokens that are forged, expired or of another session never get this
   * far: they are refused at hello ({@link TokenRefusalTest}).
   */
  enum Actor {
    /** No token: a new resident. */
    RESIDENT("resident", false, true),
    /** The session's moderator token. */
    MODERATOR("moderator", true, true),
    /** The session's stage token (the stage link's): watches only. */
    STAGE("stage", false, false),
    /** A clerk token (the clerk link's): enters questions on behalf of others only, withdraws its own. */
    CLERK("clerk", false, false);

    final String role;
    final boolean moderates;
    final boolean takesPart;

    Actor(String role, boolean moderates, boolean takesPart) {
      this.role = role;
      this.moderates = moderates;
      this.takesPart = takesPart;
    }

    boolean asksOnBehalf() {
      return this == CLERK;
    }
  }

  /** What the state looks like after the message. */
  enum Effect {
    /** A moderator's fresh welcome shows a change. */
    CHANGES,
    /** A moderator's fresh welcome is the same as before. */
    NOTHING,
    /** The fixture's author can no longer ask (nothing a welcome shows). */
    BANS_THE_AUTHOR
  }

  /** One client message, built against the fixture's questions; {@code paused}: the session is paused first. */
  record Message(String name, Function<Fixture, JsonObject> build, boolean paused, Effect effectWhenAllowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * The questions every case starts from, all asked by {@code author}: {@code pending}; {@code live};
   * {@code staged} (live, on stage); {@code archived}; {@code frozen} (live, its votes frozen); and {@code own},
   * asked by the actor itself.
   */
  record Fixture(String pending, String live, String staged, String archived, String frozen, String own) {
  }

  private static final String OK = "ack";
  private static final String SIGNALS = "signals";
  private static final String PONG = "pong";
  private static final String FORBIDDEN = "forbidden";

  private static Message resident(String name, Function<Fixture, JsonObject> build, Effect effect) {
    return new Message(name, build, false, effect);
  }

  private static final List<Message> MESSAGES = List.of(
      resident("hello again", f -> new JsonObject().put("type", "hello"), Effect.NOTHING),
      resident("ping", f -> new JsonObject().put("type", "ping"), Effect.NOTHING),
      resident("ask", f -> ask("Câu hỏi mới trong bảng vai trò"), Effect.CHANGES),
      resident("ask onBehalf", f -> onBehalf(ask("Câu hỏi phát biểu tại hội trường"), "spoken"), Effect.CHANGES),
      resident("ask onBehalf app", f -> onBehalf(ask("Câu hỏi kênh không hợp lệ"), "app"), Effect.CHANGES),
      resident("vote", f -> vote(f.live(), 1), Effect.CHANGES),
      resident("withdraw (own question)", f -> withdraw(f.own()), Effect.CHANGES),
      resident("moderate approve", f -> approve(f.pending()), Effect.CHANGES),
      resident("moderate reject", f -> reject(f.pending(), "Không phù hợp"), Effect.CHANGES),
      resident("moderate edit", f -> edit(f.live(), "Câu hỏi đã sửa"), Effect.CHANGES),
      resident("moderate answer", f -> answer(f.live(), "Câu trả lời"), Effect.CHANGES),
      resident("moderate highlight", f -> highlight(f.live()), Effect.CHANGES),
      resident("moderate unhighlight", f -> unhighlight(f.staged()), Effect.CHANGES),
      resident("moderate archive", f -> archive(f.live()), Effect.CHANGES),
      resident("moderate restore", f -> restore(f.archived()), Effect.CHANGES),
      resident("moderate merge", f -> merge(f.pending(), f.live()), Effect.CHANGES),
      resident("moderate ban", f -> ban(f.live()), Effect.BANS_THE_AUTHOR),
      resident("moderate freeze", f -> freeze(f.live()), Effect.CHANGES),
      resident("moderate unfreeze", f -> unfreeze(f.frozen()), Effect.CHANGES),
      resident("signals", f -> signals(), Effect.NOTHING),
      new Message("session open", f -> session("open"), true, Effect.CHANGES),
      resident("session pause", f -> session("pause"), Effect.CHANGES),
      resident("session close", f -> session("close"), Effect.CHANGES));

  /** The answer {@code actor} must get for {@code message}: "ack", "pong" or an error code. */
  private static String expected(Actor actor, Message message) {
    String name = message.name();
    if (name.startsWith("hello")) {
      return "bad_request";
    }
    if (name.equals("ping")) {
      return PONG;
    }
    if (name.startsWith("moderate") || name.startsWith("session")) {
      return actor.moderates ? OK : FORBIDDEN;
    }
    if (name.equals("signals")) {
      return actor.moderates ? SIGNALS : FORBIDDEN;
    }
    if (name.startsWith("ask onBehalf")) {
      // only a clerk enters on behalf of someone, and never as "app" (a resident's own channel)
      return !actor.asksOnBehalf() ? FORBIDDEN : name.endsWith("app") ? "bad_request" : OK;
    }
    if (actor.asksOnBehalf()) {
      // a clerk's plain ask says on whose behalf it is not; a clerk never votes; it withdraws its own entries
      return name.equals("ask") ? "bad_request" : name.startsWith("withdraw") ? OK : FORBIDDEN;
    }
    return actor.takesPart ? OK : FORBIDDEN;
  }

  static Stream<Arguments> matrix() {
    return Stream.of(Actor.values()).flatMap(actor -> MESSAGES.stream()
        .map(message -> Arguments.of(actor, message, expected(actor, message))));
  }

  // ---------------------------------------------------------------- the test

  @ParameterizedTest(name = "{0} sends {1} -> {2}")
  @MethodSource("matrix")
  void everyRoleGetsTheDocumentedAnswerToEveryMessage(Actor actor, Message message, String expected, Vertx vertx) {
    JsonObject created = api.createSession("Bảng vai trò", "pre", true);
    String sessionId = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    try (WsClient organizer = join(vertx, sessionId, moderatorToken);
         WsClient author = join(vertx, sessionId, null)) {
      assertEquals("moderator", organizer.next("welcome").getString("role"));
      JsonObject authorWelcome = author.next("welcome");
      String pending = asked(author, "Câu hỏi chờ duyệt");
      String live = asked(author, "Câu hỏi đang hiển thị");
      String staged = asked(author, "Câu hỏi trên sân khấu");
      String archived = asked(author, "Câu hỏi đã lưu trữ");
      String frozen = asked(author, "Câu hỏi bị khóa bình chọn");
      for (String id : List.of(live, staged, archived, frozen)) {
        ok(organizer, approve(id));
      }
      ok(organizer, highlight(staged));
      ok(organizer, archive(archived));
      ok(organizer, freeze(frozen));

      String token = switch (actor) {
        case RESIDENT -> null;
        case MODERATOR -> moderatorToken;
        case STAGE -> created.getString("stageToken");
        case CLERK -> api.post("/api/sessions/" + sessionId + "/clerk-token", "", moderatorToken).json()
            .getString("clerkToken");
      };
      try (WsClient client = join(vertx, sessionId, token)) {
        JsonObject welcome = client.next("welcome");
        assertEquals(actor.role, welcome.getString("role"), () -> actor + " must be greeted as such: " + welcome);
        assertNotEquals(participantId(authorWelcome), participantId(welcome));
        // a stage cannot ask, so "its own" question is one it did not ask; withdrawing it is refused all the same
        String own = actor.takesPart ? asked(client, "Câu hỏi của chính mình")
            : actor.asksOnBehalf() ? Moderation.ok(client, onBehalf(ask("Câu hỏi nhập thay"), "paper"))
                .getString("questionId") : live;
        Fixture fixture = new Fixture(pending, live, staged, archived, frozen, own);
        if (message.paused()) {
          ok(organizer, session("pause"));
        }
        JsonObject before = moderatorView(vertx, sessionId, moderatorToken);

        JsonObject answer = send(client, message.build().apply(fixture));
        switch (expected) {
          case OK -> assertAck(answer);
          case PONG -> assertEquals("pong", answer.getString("type"), () -> "expected a pong, got " + answer);
          case SIGNALS -> assertEquals("signals", answer.getString("type"), () -> "expected signals, got " + answer);
          default -> assertError(expected, answer);
        }

        JsonObject after = moderatorView(vertx, sessionId, moderatorToken);
        Effect effect = expected.equals(OK) ? message.effectWhenAllowed() : Effect.NOTHING;
        switch (effect) {
          case CHANGES -> assertNotEquals(before, after, () -> message + " was acknowledged but changed nothing");
          case NOTHING -> assertEquals(before, after, () -> message + " answered " + answer + " yet changed state");
          case BANS_THE_AUTHOR -> {
            assertEquals(before, after);
            assertError(FORBIDDEN, act(author, ask("Tác giả bị cấm hỏi lại")));
          }
        }
        if (effect == Effect.NOTHING && message.effectWhenAllowed() == Effect.BANS_THE_AUTHOR) {
          assertAck(act(author, ask("Tác giả vẫn được hỏi")));
        }
        client.assertAnswering();
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject onBehalf(JsonObject ask, String channel) {
    return ask.put("onBehalf", new JsonObject().put("name", "Bác Hùng").put("area", "Tổ dân phố 5")
        .put("channel", channel));
  }

  private WsClient join(Vertx vertx, String sessionId, String token) {
    return Moderation.join(vertx, node.port(), sessionId, token);
  }

  private JsonObject moderatorView(Vertx vertx, String sessionId, String moderatorToken) {
    return view(Moderation.freshWelcome(vertx, node.port(), sessionId, moderatorToken));
  }

  /** Sends the message (with a unique ref when it takes one) and answers what it got back. */
  private static JsonObject send(WsClient client, JsonObject message) {
    String type = message.getString("type");
    if ("ping".equals(type)) {
      client.send(message);
      return client.next("pong");
    }
    if ("hello".equals(type)) {
      client.send(message);
      JsonObject error = client.next("error");
      assertNotNull(error.getString("code"));
      return error;
    }
    return act(client, message);
  }
}
