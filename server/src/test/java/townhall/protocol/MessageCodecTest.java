package townhall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import townhall.domain.Answer;
import townhall.domain.Channel;
import townhall.domain.ContentFlag;
import townhall.domain.ErrorCode;
import townhall.domain.FlagMatch;
import townhall.domain.FollowUpTaken;
import townhall.domain.Intake;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Poll;
import townhall.domain.PollKind;
import townhall.domain.PollResults;
import townhall.domain.PollStatus;
import townhall.domain.Question;
import townhall.domain.QuestionStatus;
import townhall.domain.Role;
import townhall.domain.Screening;
import townhall.domain.Session;
import townhall.domain.SessionEvent;
import townhall.domain.SessionStatus;
import townhall.domain.TextCategory;
import townhall.domain.VoteSignals;

/**
 * The wire format is held by golden JSON files in {@code src/test/resources/golden/}: every message type encodes to
 * its file and its file decodes back to the same record. Anything that is not exactly one well-formed client
 * message is a {@link ProtocolException}.
 */
class MessageCodecTest {
  private static final String TOKEN =
      "v1.k3J9xQ2mVt0aR1bC.Qm9kZXJhdG9yUmVz.r.5XqzR8c2kFh0bWlNQq3uY7dV1eT9oA4sG6iJ8lK2mPw";
  private static final ServerMessage.Identity RESIDENT = new ServerMessage.Identity("Qm9kZXJhdG9yUmVz", TOKEN);
  private static final String TITLE = "Đối thoại với nhân dân phường Bến Nghé";
  /** "Đm" at 0-2 and "www.example.com" at 27-42 of the flagged question's text. */
  private static final Screening FLAGGED = new Screening(List.of(ContentFlag.PROFANITY, ContentFlag.LINK),
      List.of(new FlagMatch(ContentFlag.PROFANITY, 0, 2), new FlagMatch(ContentFlag.LINK, 27, 42)));

  private final MessageCodec codec = new MessageCodec();

  // ---------------------------------------------------------------- server -> client

  static Stream<Arguments> serverMessages() {
    Session open = session(SessionStatus.OPEN);
    // Question.authorId is not on the wire, so every record here has it null.
    List<FollowUpTaken> referred = List.of(new FollowUpTaken(1795000050000L, "referred", "moderator",
        "p-tnmt-ben-nghe", "2027-01-15", null));
    Question live = new Question("7", "Khi nào sửa xong đường Lê Lợi?", "Chị Lan", null, QuestionStatus.LIVE, 12,
        1795000012345L, null, null, false, null, 0, false, null, null, null, false, "BN-4K7Q", null, referred);
    Question followedUp = new Question("9", "Có thể mở thêm bãi giữ xe không?", null, null, QuestionStatus.ANSWERED,
        3, 1795000023456L, null, null, false, null, 0, false, null, null, null, false, "HT-9M2X", null,
        List.of(new FollowUpTaken(1795000060000L, "referredUp", "moderator", "so-xay-dung", "2027-02-01",
            "Vượt thẩm quyền của phường"), new FollowUpTaken(1795000070000L, "noted", "organizer", null, null, null)));
    Question answered = new Question("9", "Có thể mở thêm bãi giữ xe không?", null, null, QuestionStatus.ANSWERED, 3,
        1795000023456L, new Answer("Phường sẽ mở bãi mới vào tháng 6.", 1795000099999L), null, false, null, 0, false,
        null, null, null, false, "HT-9M2X");
    Question pending = new Question("8", "Có thể mở thêm bãi giữ xe không?", null, null, QuestionStatus.PENDING, 0,
        1795000020000L, null, null, false, null, 0, false, null, null, null, false, "QP-7WZ3");
    Question merged = new Question("11", "Bao giờ sửa đường Lê Lợi?", "Anh Tuấn", null, QuestionStatus.ARCHIVED, 4,
        1795000030000L, null, "7", true, null, 0, false, null);
    Question flagged = new Question("12", "Đm, khi nào sửa đường? Xem www.example.com", null, null,
        QuestionStatus.PENDING, 0, 1795000040000L, null, null, false, null, 0, true, FLAGGED);
    Question withheld = new Question("7", "Khi nào sửa xong đường Lê Lợi? Gọi anh Tâm 0903 123 456", "Chị Lan", null,
        QuestionStatus.LIVE, 12, 1795000012345L, null, null, false, null, 0, false, null, null,
        TextCategory.PERSONAL_DATA, false);
    Question rejected = new Question("12", "Vay tiền nhanh, xem www.example.com", null, null,
        QuestionStatus.REJECTED, 0, 1795000040000L, null, null, false, "Quảng cáo vay tiền", 0, false, null,
        TextCategory.SPAM, null, false);
    Question banned = new Question("12", "Vay tiền nhanh, xem www.example.com", null, null,
        QuestionStatus.REJECTED, 0, 1795000040000L, null, null, false, "Quảng cáo vay tiền", 0, false, null,
        TextCategory.SPAM, null, true);
    // a clerk's entries: as the clerk (and moderators) see one, with the person's name; as residents see another
    Question entered = new Question("14", "Khi nào lắp đèn hẻm 12?", null, null, QuestionStatus.PENDING, 0,
        1795000050000L, null, null, false, null, 0, false, null, null, null, false, "LD-3K8P",
        new Intake(Channel.SPOKEN, "Bác Hùng", "Tổ dân phố 5", true));
    Question enteredPublic = new Question("15", "Rác tồn đọng ở kênh Nhiêu Lộc", null, null, QuestionStatus.LIVE, 2,
        1795000060000L, null, null, false, null, 0, false, null, null, null, false, "RT-5N4Q",
        new Intake(Channel.PAPER, null, "Khu phố 2", false));
    // a paper entry with a photo of its slip, as the clerk (and moderators) learn of it; residents never do
    Question withSlip = new Question("16", "Xin cấp lại sổ đỏ", null, null, QuestionStatus.PENDING, 0,
        1795000070000L, null, null, false, null, 0, false, null, null, null, false, "SD-7M2K",
        new Intake(Channel.PAPER, "Chị Mai", null, false, false,
            "9f2c4e1a0b7d3c5e8f6a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7f", false));
    Question classified = new Question("7", "Rác ở khu phố 3 bốc mùi cả tuần nay", null, null, QuestionStatus.LIVE, 5,
        1795000012345L, null, null, false, null, 0, false, null, null, null, false, "BN-4K7Q", null, null, "moi-truong",
        "khu-pho-3");
    Map<String, SessionEvent.VoteCount> counts = new LinkedHashMap<>();
    counts.put("7", new SessionEvent.VoteCount(13, 351));
    counts.put("8", new SessionEvent.VoteCount(2, 349));
    return Stream.of(
        arguments("welcome", new ServerMessage.Welcome(RESIDENT, Role.RESIDENT, open, 41, "f1c2a9e07b", null, 213,
            List.of(new ServerMessage.QuestionView(live, true, false, Audience.PUBLIC),
                new ServerMessage.QuestionView(answered, false, true, Audience.PUBLIC)), true)),
        arguments("page", new ServerMessage.Page("p-2", "popular", null,
            List.of(new ServerMessage.QuestionView(live, true, false, Audience.PUBLIC)), "p3.50")),
        arguments("resumed", new ServerMessage.Resumed(RESIDENT, Role.RESIDENT, 41, 44, "f1c2a9e07b", 214)),
        arguments("ack", new ServerMessage.Ack("v-7-1", "7", 12, true, 345L, null, false)),
        arguments("ack-duplicate", new ServerMessage.Ack("a-1732688000-1", "7", null, null, null, null, true)),
        arguments("error", new ServerMessage.Error("v-9", ErrorCode.UNAVAILABLE, "Storage is unavailable, retry later",
            1000)),
        arguments("error-without-ref", new ServerMessage.Error(null, ErrorCode.BAD_REQUEST, "Malformed JSON", 0)),
        arguments("question", new ServerMessage.QuestionEvent(42, pending, Audience.PUBLIC)),
        arguments("question-follow-up", new ServerMessage.QuestionEvent(53, followedUp, Audience.PUBLIC)),
        arguments("question-merged", new ServerMessage.QuestionEvent(47, merged, Audience.PUBLIC)),
        arguments("question-flagged", new ServerMessage.QuestionEvent(49, flagged, Audience.MODERATOR)),
        arguments("question-withheld", new ServerMessage.QuestionEvent(50, withheld, Audience.PUBLIC)),
        arguments("question-rejected", new ServerMessage.QuestionEvent(51, rejected, Audience.AUTHOR)),
        arguments("question-author-banned", new ServerMessage.QuestionEvent(52, banned, Audience.AUTHOR)),
        arguments("question-clerk-entry", new ServerMessage.QuestionEvent(53, entered, Audience.AUTHOR)),
        arguments("question-clerk-entry-public", new ServerMessage.QuestionEvent(54, enteredPublic,
            Audience.PUBLIC)),
        arguments("question-classified", new ServerMessage.QuestionEvent(55, classified, Audience.PUBLIC)),
        arguments("question-clerk-slip", new ServerMessage.QuestionEvent(56, withSlip, Audience.AUTHOR)),
        arguments("votes", new ServerMessage.Votes(counts)),
        arguments("stage", new ServerMessage.Stage(45, "7")),
        arguments("stage-empty", new ServerMessage.Stage(48, null)),
        arguments("stage-carried-over", new ServerMessage.Stage(54, null, "BN-4K7Q")),
        arguments("session", new ServerMessage.SessionUpdate(46, session(SessionStatus.PAUSED))),
        arguments("presence", new ServerMessage.Presence(214)),
        arguments("signals", new ServerMessage.Signals("g-1", new VoteSignals.Report(1795000600000L,
            new VoteSignals.Thresholds(10, 300_000, 600_000, 20),
            List.of(new VoteSignals.Burst("7", 12, 1, 1795000300000L, 1795000420000L, 15)),
            List.of(new VoteSignals.SharedAddress("Xk3b9QaZ", 24, 22, List.of(new VoteSignals.QuestionVotes("7", 12),
                new VoteSignals.QuestionVotes("9", 3))))))),
        arguments("pong", new ServerMessage.Pong()),
        arguments("poll", new ServerMessage.PollEvent(53, new ServerMessage.PollView(choicePoll(), true))),
        arguments("poll-hidden", new ServerMessage.PollEvent(54, new ServerMessage.PollView(hiddenPoll(), false))),
        arguments("poll-closed-text", new ServerMessage.PollEvent(60, new ServerMessage.PollView(new Poll("4",
            PollKind.TEXT, "Một từ về khu phố của bạn?", List.of(), 0, true, PollStatus.CLOSED, 1795000050000L,
            1795000060000L, 1795000120000L, new PollResults(List.of(), 3, List.of(new PollResults.Text(3,
            "giao thông"), new PollResults.Text(1, "cây xanh")), List.of(new PollResults.Word("giao thông", 1),
            new PollResults.Word("cây xanh", 1)), 5)), true))),
        arguments("poll-state", new ServerMessage.PollState(new ServerMessage.PollView(choicePoll().withResults(
            new PollResults(List.of(12, 31, 7), 50, List.of(), List.of(), 62)), true))),
        arguments("poll-state-text", new ServerMessage.PollState(new ServerMessage.PollView(textPoll(), true))),
        arguments("ack-poll", new ServerMessage.Ack("p-1", null, null, null, null, null, false, "2")),
        arguments("welcome-polls", new ServerMessage.Welcome(RESIDENT, Role.RESIDENT, open, 41, "f1c2a9e07b", null,
            213, List.of(new ServerMessage.QuestionView(live, true, false, Audience.PUBLIC)), true,
            List.of(new ServerMessage.PollView(choicePoll(), true), new ServerMessage.PollView(hiddenPoll(), false)))));
  }

  private static Poll choicePoll() {
    return new Poll("2", PollKind.SINGLE, "Phường nên làm dự án nào trước?", List.of("Công viên", "Đường Lê Lợi", "Chợ"),
        1, false, PollStatus.OPEN, 1795000050000L, 1795000060000L, 0, new PollResults(List.of(12, 30, 7), 49,
        List.of(), List.of(), 61));
  }

  /** An open text poll's coalesced state: the newest answers and the word cloud of those not hidden. */
  private static Poll textPoll() {
    return new Poll("4", PollKind.TEXT, "Một từ về khu phố của bạn?", List.of(), 0, false, PollStatus.OPEN,
        1795000050000L, 1795000060000L, 0, new PollResults(List.of(), 3, List.of(new PollResults.Text(3,
        "giao thông, cây xanh"), new PollResults.Text(2, "Giao thông"), new PollResults.Text(1, "ngập nước")),
        List.of(new PollResults.Word("giao thông", 2), new PollResults.Word("cây xanh", 1),
            new PollResults.Word("ngập nước", 1)), 7));
  }

  /** Hidden results: the poll travels without them (the record's results are left out, not emptied). */
  private static Poll hiddenPoll() {
    return new Poll("3", PollKind.MULTIPLE, "Cần cải thiện gì?", List.of("Cây xanh", "Đèn đường", "Vỉa hè"), 2, true,
        PollStatus.OPEN, 1795000050000L, 1795000060000L, 0, null);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverMessages")
  void serverMessageEncodesToItsGoldenJson(String name, ServerMessage message) {
    JsonObject golden = golden("server", name);

    JsonObject encoded = new JsonObject(codec.encode(message));

    assertEquals(golden, encoded);
    assertEquals(golden.fieldNames(), encoded.fieldNames(), "the same fields, none added as null");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("serverMessages")
  void serverGoldenJsonDecodesToItsRecord(String name, ServerMessage message) {
    assertEquals(message, codec.decodeServer(goldenText("server", name)));
  }

  @Test
  void everyServerMessageTypeHasAGoldenFixture() {
    Set<ServerType> covered = serverMessages().map(a -> ((ServerMessage) a.get()[1]).type())
        .collect(Collectors.toSet());

    assertEquals(Set.of(ServerType.values()), covered);
    for (ServerType type : ServerType.values()) {
      assertNotNull(resource("server", type.wireName()), "golden/server/" + type.wireName() + ".json");
    }
  }

  @Test
  void welcomeFromEncodedQuestionsIsTheWelcomeEncodedWhole() {
    ServerMessage.Welcome welcome = (ServerMessage.Welcome) serverMessages()
        .filter(a -> a.get()[0].equals("welcome")).findFirst().orElseThrow().get()[1];

    var shared = codec.encodeWelcome(welcome,
        welcome.questions().stream().map(codec::encodeQuestionView).toList());

    assertEquals(new JsonObject(codec.encode(welcome)), new JsonObject(shared));
    assertEquals(welcome, codec.decodeServer(shared.toString()));
  }

  @Test
  void authorIdIsNeverWrittenToTheWire() {
    Question mine = new Question("7", "Khi nào?", null, "Qm9kZXJhdG9yUmVz", QuestionStatus.PENDING, 0, 1L, null, null,
        false, null, 0, false, null);

    JsonObject encoded = new JsonObject(codec.encode(new ServerMessage.QuestionEvent(1, mine, Audience.PUBLIC)));

    assertEquals(Set.of("id", "text", "author", "status", "votes", "createdAt", "answer", "mergedInto", "edited", "voteVersion"),
        encoded.getJsonObject("question").fieldNames());
    assertFalse(encoded.encode().contains("Qm9kZXJhdG9yUmVz"), encoded.encode());
  }

  @Test
  void contentFlagsAreWrittenForModeratorsOnlyAndFrozenForEveryone() {
    Question flagged = new Question("12", "Đm, khi nào sửa đường? Xem www.example.com", null, "Qm9kZXJhdG9yUmVz",
        QuestionStatus.REJECTED, 0, 1L, null, null, false, "Xúc phạm", 0, true, FLAGGED);

    JsonObject toEveryone = encodedQuestion(flagged, Audience.PUBLIC);
    JsonObject toAuthor = encodedQuestion(flagged, Audience.AUTHOR);
    JsonObject toModerators = encodedQuestion(flagged, Audience.MODERATOR);

    for (JsonObject form : List.of(toEveryone, toAuthor, toModerators)) {
      assertEquals(Boolean.TRUE, form.getBoolean("frozen"), form.encode());
    }
    assertFalse(toEveryone.containsKey("flags") || toEveryone.containsKey("reason"), toEveryone.encode());
    assertFalse(toAuthor.containsKey("flags") || toAuthor.containsKey("flagMatches"), toAuthor.encode());
    assertEquals("Xúc phạm", toAuthor.getString("reason"));
    assertEquals(List.of("profanity", "link"), toModerators.getJsonArray("flags").getList());
    assertEquals(2, toModerators.getJsonArray("flagMatches").size());
    assertEquals("Xúc phạm", toModerators.getString("reason"));
  }

  @Test
  void unfrozenUnflaggedQuestionHasNeitherField() {
    Question plain = new Question("1", "Khi nào?", null, "Qm9kZXJhdG9yUmVz", QuestionStatus.LIVE, 0, 1L, null, null,
        false, null, 0, false, Screening.NONE);

    JsonObject toModerators = encodedQuestion(plain, Audience.MODERATOR);

    assertFalse(toModerators.containsKey("frozen"), toModerators.encode());
    assertFalse(toModerators.containsKey("flags"), toModerators.encode());
  }

  private JsonObject encodedQuestion(Question question, Audience audience) {
    return new JsonObject(codec.encode(new ServerMessage.QuestionEvent(1, question, audience)))
        .getJsonObject("question");
  }

  @Test
  void encodedFrameIsUtf8Text() {
    String text = "Tiếng Việt có dấu: Nguyễn Thị Hương";
    Question question = new Question("1", text, null, null, QuestionStatus.LIVE, 0, 1L, null, null, false, null, 0,
        false, null);

    byte[] bytes = codec.encode(new ServerMessage.QuestionEvent(1, question, Audience.PUBLIC)).getBytes();

    assertTrue(new String(bytes, StandardCharsets.UTF_8).contains(text));
  }

  // ---------------------------------------------------------------- client -> server

  static Stream<Arguments> clientMessages() {
    return Stream.of(
        arguments("hello", new ClientMessage.Hello(TOKEN, 41L, "f1c2a9e07b")),
        arguments("hello-first", new ClientMessage.Hello(null, null, null)),
        arguments("ask", new ClientMessage.Ask("a-1732688000-1", "Khi nào sửa xong đường Lê Lợi?", "Chị Lan")),
        arguments("ask-anonymous", new ClientMessage.Ask("a-1732688000-2", "Có thể mở thêm bãi giữ xe không?", null)),
        arguments("ask-on-behalf", new ClientMessage.Ask("a-1732688000-3", "Khi nào lắp đèn hẻm 12?", null,
            new ClientMessage.OnBehalf("Bác Hùng", "Tổ dân phố 5", "spoken", true))),
        arguments("ask-on-behalf-paper", new ClientMessage.Ask("a-1732688000-4", "Rác tồn đọng ở kênh Nhiêu Lộc", null,
            new ClientMessage.OnBehalf(null, null, "paper", null))),
        arguments("vote", new ClientMessage.Vote("v-7-1", "7", true)),
        arguments("page", new ClientMessage.Page("p-2", "popular", "p3.50", 50, null)),
        arguments("page-first", new ClientMessage.Page("p-1", "recent", null, null, null)),
        arguments("page-moderator", new ClientMessage.Page("p-9", "recent", "r120", null, "pending")),
        arguments("vote-take-back", new ClientMessage.Vote("v-7-2", "7", false)),
        arguments("withdraw", new ClientMessage.Withdraw("w-7", "7")),
        arguments("moderate", new ClientMessage.Moderate("m-1", "7", "reject", null, "Trùng câu hỏi 3", null)),
        arguments("moderate-merge", new ClientMessage.Moderate("m-2", "11", "merge", null, null, "7")),
        arguments("session", new ClientMessage.SessionControl("s-1", "pause")),
        arguments("signals", new ClientMessage.Signals("g-1")),
        arguments("moderate-freeze", new ClientMessage.Moderate("m-3", "7", "freeze", null, null, null)),
        arguments("moderate-reject-category", new ClientMessage.Moderate("m-4", "12", "reject", null,
            "Quảng cáo vay tiền", null, "spam", null)),
        arguments("moderate-withhold", new ClientMessage.Moderate("m-5", "7", "withhold", null,
            "Có số điện thoại của người khác", null, "personal_data", null)),
        arguments("moderate-unwithhold", new ClientMessage.Moderate("m-6", "7", "unwithhold", null, null, null)),
        arguments("moderate-edit-publish-original", new ClientMessage.Moderate("m-7", "7", "edit",
            "Khi nào sửa xong đường Lê Lợi?", null, null, null, true)),
        arguments("ask-topic", new ClientMessage.Ask("a-2", "Trạm y tế có tiêm chủng thứ bảy không?", null, null,
            "y-te")),
        arguments("moderate-classify", new ClientMessage.Moderate("m-8", "7", "classify", null, null, null, null,
            null, null, null, null, null, "moi-truong", "khu-pho-3")),
        arguments("moderate-classify-topic-only", new ClientMessage.Moderate("m-9", "9", "classify", null, null,
            null, null, null, null, null, null, null, "y-te", null)),
        arguments("ping", new ClientMessage.Ping()),
        arguments("poll", new ClientMessage.PollAdmin("p-1", "create", null, "single", "Phường nên làm dự án nào trước?",
            List.of("Công viên", "Đường Lê Lợi", "Chợ"), null, false, null)),
        arguments("poll-multiple", new ClientMessage.PollAdmin("p-2", "create", null, "multiple", "Cần cải thiện gì?",
            List.of("Cây xanh", "Đèn đường", "Vỉa hè"), 2, true, null)),
        arguments("poll-open", new ClientMessage.PollAdmin("p-3", "open", "2", null, null, null, null, null, null)),
        arguments("poll-hide", new ClientMessage.PollAdmin("p-4", "hide", "4", null, null, null, null, null, 3)),
        arguments("answerPoll", new ClientMessage.AnswerPoll("a-1", "2", List.of(1), null, null)),
        arguments("answerPoll-rating", new ClientMessage.AnswerPoll("a-2", "5", null, 4, null)),
        arguments("answerPoll-text", new ClientMessage.AnswerPoll("a-3", "4", null, null, "cây xanh")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientMessages")
  void clientGoldenJsonDecodesToItsRecord(String name, ClientMessage message) {
    assertEquals(message, codec.decode(goldenText("client", name)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clientMessages")
  void clientMessageEncodesToItsGoldenJson(String name, ClientMessage message) {
    JsonObject golden = golden("client", name);

    JsonObject encoded = new JsonObject(codec.encodeClient(message));

    assertEquals(golden, encoded);
    assertEquals(golden.fieldNames(), encoded.fieldNames(), "the same fields, none added as null");
  }

  @Test
  void everyClientMessageTypeHasAGoldenFixture() {
    Set<ClientType> covered = clientMessages().map(a -> ((ClientMessage) a.get()[1]).type())
        .collect(Collectors.toSet());

    assertEquals(Set.of(ClientType.values()), covered);
    for (ClientType type : ClientType.values()) {
      assertNotNull(resource("client", type.wireName()), "golden/client/" + type.wireName() + ".json");
    }
  }

  @Test
  void explicitNullOptionalFieldsDecodeAsAbsent() {
    assertEquals(new ClientMessage.Ask("a-1", "Khi nào?", null),
        codec.decode("{\"type\":\"ask\",\"ref\":\"a-1\",\"text\":\"Khi nào?\",\"author\":null}"));
    assertEquals(new ClientMessage.Hello(null, null, null),
        codec.decode("{\"type\":\"hello\",\"token\":null,\"since\":null,\"epoch\":null}"));
  }

  @Test
  void refOfSixtyFourCharactersIsAccepted() {
    String ref = "r".repeat(64);

    assertEquals(new ClientMessage.Withdraw(ref, "7"),
        codec.decode("{\"type\":\"withdraw\",\"ref\":\"" + ref + "\",\"questionId\":\"7\"}"));
  }

  @Test
  void sinceBeyondIntegerRangeIsAccepted() {
    assertEquals(new ClientMessage.Hello(null, 5_000_000_000L, null),
        codec.decode("{\"type\":\"hello\",\"since\":5000000000}"));
  }

  // ---------------------------------------------------------------- refused frames

  static Stream<Arguments> refusedFrames() {
    String ref65 = "r".repeat(65);
    return Stream.of(
        // name, frame, the ref the exception must carry (null: none readable)
        arguments("malformed JSON", "{\"type\": \"ask\", \"ref\": \"a-1\"", null),
        arguments("not JSON at all", "hello", null),
        arguments("empty frame", "", null),
        arguments("JSON array", "[{\"type\":\"ping\"}]", null),
        arguments("JSON string", "\"ping\"", null),
        arguments("JSON null", "null", null),
        arguments("two objects", "{\"type\":\"ping\"}{\"type\":\"ping\"}", null),
        arguments("trailing garbage", "{\"type\":\"ping\"} x", null),
        arguments("a key given twice", "{\"type\":\"vote\",\"ref\":\"v-1\",\"questionId\":\"7\",\"value\":1,"
            + "\"value\":0}", null),
        arguments("type given twice", "{\"type\":\"ping\",\"type\":\"session\",\"ref\":\"s-1\",\"action\":\"close\"}",
            null),
        arguments("the same type given twice", "{\"type\":\"ping\",\"type\":\"ping\"}", null),
        arguments("a key given twice inside a field", "{\"type\":\"ask\",\"ref\":\"a-1\",\"text\":{\"a\":1,"
            + "\"a\":2}}", null),
        arguments("byte order mark", "\uFEFF{\"type\":\"ping\"}", null),
        arguments("unknown type", "{\"type\":\"shout\",\"ref\":\"x-1\"}", "x-1"),
        arguments("type in capitals", "{\"type\":\"PING\"}", null),
        arguments("missing type", "{\"ref\":\"x-2\",\"questionId\":\"7\"}", "x-2"),
        arguments("type not a string", "{\"type\":5,\"ref\":\"x-3\"}", "x-3"),
        arguments("unknown field", "{\"type\":\"vote\",\"ref\":\"v-1\",\"questionId\":\"7\",\"value\":1,\"weight\":9}",
            "v-1"),
        arguments("ref on ping", "{\"type\":\"ping\",\"ref\":\"p-1\"}", "p-1"),
        arguments("missing ref", "{\"type\":\"withdraw\",\"questionId\":\"7\"}", null),
        arguments("missing text", "{\"type\":\"ask\",\"ref\":\"a-2\"}", "a-2"),
        arguments("missing questionId", "{\"type\":\"vote\",\"ref\":\"v-2\",\"value\":1}", "v-2"),
        arguments("missing value", "{\"type\":\"vote\",\"ref\":\"v-3\",\"questionId\":\"7\"}", "v-3"),
        arguments("missing action", "{\"type\":\"session\",\"ref\":\"s-2\"}", "s-2"),
        arguments("page without order", "{\"type\":\"page\",\"ref\":\"p-1\"}", "p-1"),
        arguments("page in an unknown order", "{\"type\":\"page\",\"ref\":\"p-2\",\"order\":\"random\"}", "p-2"),
        arguments("page limit over 100", "{\"type\":\"page\",\"ref\":\"p-3\",\"order\":\"recent\",\"limit\":101}",
            "p-3"),
        arguments("page limit of 0", "{\"type\":\"page\",\"ref\":\"p-4\",\"order\":\"recent\",\"limit\":0}", "p-4"),
        arguments("ref a number", "{\"type\":\"withdraw\",\"ref\":12,\"questionId\":\"7\"}", null),
        arguments("empty ref", "{\"type\":\"withdraw\",\"ref\":\"\",\"questionId\":\"7\"}", null),
        arguments("ref of 65 characters", "{\"type\":\"withdraw\",\"ref\":\"" + ref65 + "\",\"questionId\":\"7\"}", null),
        arguments("ref with a control character", "{\"type\":\"withdraw\",\"ref\":\"w\\u0000\",\"questionId\":\"7\"}",
            null),
        arguments("questionId a number", "{\"type\":\"withdraw\",\"ref\":\"w-1\",\"questionId\":7}", "w-1"),
        arguments("text a number", "{\"type\":\"ask\",\"ref\":\"a-3\",\"text\":42}", "a-3"),
        arguments("onBehalf not an object", "{\"type\":\"ask\",\"ref\":\"a-5\",\"text\":\"x\",\"onBehalf\":\"spoken\"}",
            "a-5"),
        arguments("onBehalf without a channel", "{\"type\":\"ask\",\"ref\":\"a-6\",\"text\":\"x\","
            + "\"onBehalf\":{\"name\":\"Bác Hùng\"}}", "a-6"),
        arguments("onBehalf with an unknown field", "{\"type\":\"ask\",\"ref\":\"a-7\",\"text\":\"x\","
            + "\"onBehalf\":{\"channel\":\"paper\",\"phone\":\"0903\"}}", "a-7"),
        arguments("onBehalf askingNow not a boolean", "{\"type\":\"ask\",\"ref\":\"a-8\",\"text\":\"x\","
            + "\"onBehalf\":{\"channel\":\"spoken\",\"askingNow\":1}}", "a-8"),
        arguments("text an object", "{\"type\":\"ask\",\"ref\":\"a-4\",\"text\":{\"vi\":\"x\"}}", "a-4"),
        arguments("author an array", "{\"type\":\"ask\",\"ref\":\"a-5\",\"text\":\"x\",\"author\":[\"Lan\"]}", "a-5"),
        arguments("value a string", "{\"type\":\"vote\",\"ref\":\"v-4\",\"questionId\":\"7\",\"value\":\"1\"}", "v-4"),
        arguments("value a boolean", "{\"type\":\"vote\",\"ref\":\"v-5\",\"questionId\":\"7\",\"value\":true}", "v-5"),
        arguments("value 1.0", "{\"type\":\"vote\",\"ref\":\"v-6\",\"questionId\":\"7\",\"value\":1.0}", "v-6"),
        arguments("value 2", "{\"type\":\"vote\",\"ref\":\"v-7\",\"questionId\":\"7\",\"value\":2}", "v-7"),
        arguments("value -1", "{\"type\":\"vote\",\"ref\":\"v-8\",\"questionId\":\"7\",\"value\":-1}", "v-8"),
        arguments("value 1e400", "{\"type\":\"vote\",\"ref\":\"v-9\",\"questionId\":\"7\",\"value\":1e400}", "v-9"),
        arguments("since -1", "{\"type\":\"hello\",\"since\":-1}", null),
        arguments("since a string", "{\"type\":\"hello\",\"since\":\"41\"}", null),
        arguments("since a fraction", "{\"type\":\"hello\",\"since\":41.5}", null),
        arguments("since 1e400", "{\"type\":\"hello\",\"since\":1e400}", null),
        arguments("since beyond long", "{\"type\":\"hello\",\"since\":1" + "0".repeat(30) + "}", null),
        arguments("since NaN", "{\"type\":\"hello\",\"since\":NaN}", null),
        arguments("token a number", "{\"type\":\"hello\",\"token\":7}", null),
        arguments("category a number", "{\"type\":\"moderate\",\"ref\":\"m-1\",\"questionId\":\"7\","
            + "\"action\":\"reject\",\"reason\":\"x\",\"category\":3}", "m-1"),
        arguments("publishOriginal a string", "{\"type\":\"moderate\",\"ref\":\"m-2\",\"questionId\":\"7\","
            + "\"action\":\"edit\",\"text\":\"x\",\"publishOriginal\":\"yes\"}", "m-2"),
        arguments("10 000 nested arrays", "[".repeat(10_000), null),
        arguments("10 000 nested arrays, closed", "[".repeat(10_000) + "]".repeat(10_000), null),
        arguments("10 000 nested arrays in a field",
            "{\"type\":\"ask\",\"ref\":\"a-6\",\"text\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}", null),
        arguments("10 000 nested objects in a field",
            "{\"type\":\"ask\",\"ref\":\"a-7\",\"text\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}",
            null),
        arguments("huge questionId", "{\"type\":\"vote\",\"ref\":\"v-10\",\"questionId\":\"" + "7".repeat(100_000)
            + "\",\"value\":1}", "v-10"),
        arguments("huge token", "{\"type\":\"hello\",\"token\":\"" + "t".repeat(100_000) + "\"}", null),
        arguments("huge epoch", "{\"type\":\"hello\",\"epoch\":\"" + "e".repeat(100_000) + "\"}", null),
        arguments("huge action", "{\"type\":\"session\",\"ref\":\"s-3\",\"action\":\"" + "p".repeat(100_000) + "\"}",
            "s-3"),
        arguments("answerPoll without an answer", "{\"type\":\"answerPoll\",\"ref\":\"a-1\",\"poll\":\"2\"}", "a-1"),
        arguments("answerPoll with two answers",
            "{\"type\":\"answerPoll\",\"ref\":\"a-2\",\"poll\":\"2\",\"rating\":3,\"choices\":[1]}", "a-2"),
        arguments("answerPoll with a negative choice",
            "{\"type\":\"answerPoll\",\"ref\":\"a-3\",\"poll\":\"2\",\"choices\":[-1]}", "a-3"),
        arguments("answerPoll with a text choice",
            "{\"type\":\"answerPoll\",\"ref\":\"a-4\",\"poll\":\"2\",\"choices\":[\"1\"]}", "a-4"),
        arguments("answerPoll with 11 choices", "{\"type\":\"answerPoll\",\"ref\":\"a-5\",\"poll\":\"2\",\"choices\":"
            + "[0,1,2,3,4,5,6,7,8,9,10]}", "a-5"),
        arguments("poll with 11 options", "{\"type\":\"poll\",\"ref\":\"p-1\",\"action\":\"create\",\"options\":"
            + "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}", "p-1"),
        arguments("poll with a number option", "{\"type\":\"poll\",\"ref\":\"p-2\",\"action\":\"create\",\"options\":[1]}",
            "p-2"),
        arguments("poll with an unknown field", "{\"type\":\"poll\",\"ref\":\"p-3\",\"action\":\"open\",\"pol\":\"2\"}",
            "p-3"),
        arguments("poll with a string max", "{\"type\":\"poll\",\"ref\":\"p-4\",\"action\":\"create\",\"max\":\"2\"}",
            "p-4"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedFrames")
  void refusedFrameIsAProtocolExceptionCarryingItsReadableRef(String name, String frame, String ref) {
    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(frame));

    assertEquals(ref, e.ref());
  }

  /** Larger than the JSON parser's longest string (20 000 000 characters); the frame limit is 16 KiB anyway. */
  @Test
  void stringLongerThanTheParserAcceptsIsAProtocolException() {
    String frame = "{\"type\":\"ask\",\"ref\":\"a-8\",\"text\":\"" + "x".repeat(21_000_000) + "\"}";

    ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decode(frame));

    assertNull(e.ref());
  }

  // ---------------------------------------------------------------- fixtures

  private static JsonObject golden(String direction, String name) {
    return new JsonObject(goldenText(direction, name));
  }

  private static String goldenText(String direction, String name) {
    try (InputStream in = resource(direction, name)) {
      assertNotNull(in, "missing fixture golden/" + direction + "/" + name + ".json");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static InputStream resource(String direction, String name) {
    return MessageCodecTest.class.getResourceAsStream("/golden/" + direction + "/" + name + ".json");
  }

  private static Session session(SessionStatus status) {
    return new Session("k3J9xQ2mVt0aR1bC", "482913", TITLE, status, Moderation.PRE, true, Language.VI, 500,
        1795000000000L);
  }
}
