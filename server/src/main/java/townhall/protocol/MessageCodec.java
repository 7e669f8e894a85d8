package townhall.protocol;

import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The one place where wire JSON becomes typed messages and back. Client messages are decoded strictly: an unknown
 * type, an unknown, missing or repeated field, or a field of the wrong JSON type is a {@link ProtocolException}. Both
 * directions are here so tests and the load generator speak exactly what the server speaks.
 */
public final class MessageCodec {
  private static final int MAX_REF_LENGTH = 64;
  private static final int MAX_ID_LENGTH = 64;
  private static final int MAX_TOKEN_LENGTH = 512;
  /** The most options a poll may have (a longer list is refused before any rule looks at it). */
  public static final int MAX_POLL_OPTIONS = 10;
  private static final int MAX_POLL_TEXT = 2_000;
  /** The most questions one page may ask for. */
  public static final int MAX_PAGE_LIMIT = 100;

  // ---------------------------------------------------------------- server -> client

  /** Encodes a server message once; the buffer may be written to any number of sockets. */
  public Buffer encode(ServerMessage message) {
    return toJson(message).toBuffer();
  }

  JsonObject toJson(ServerMessage message) {
    JsonObject json = new JsonObject().put("type", message.type().wireName());
    if (message instanceof ServerMessage.Welcome m) {
      welcomeHead(json, m);
      json.put("questions", questionViews(m.questions()));
    } else if (message instanceof ServerMessage.Page m) {
      json.put("ref", m.ref()).put("order", m.order());
      putIfPresent(json, "status", m.status());
      json.put("questions", questionViews(m.questions())).put("cursor", m.cursor());
    } else if (message instanceof ServerMessage.Resumed m) {
      json.put("participant", identity(m.participant())).put("role", m.role().wireName()).put("since", m.since())
          .put("seq", m.seq()).put("epoch", m.epoch()).put("presence", m.presence());
    } else if (message instanceof ServerMessage.Ack m) {
      json.put("ref", m.ref());
      putIfPresent(json, "questionId", m.questionId());
      putIfPresent(json, "votes", m.votes());
      putIfPresent(json, "voted", m.voted());
      putIfPresent(json, "version", m.version());
      putIfPresent(json, "status", m.status());
      putIfPresent(json, "poll", m.poll());
      if (m.duplicate()) {
        json.put("duplicate", true);
      }
    } else if (message instanceof ServerMessage.Error m) {
      putIfPresent(json, "ref", m.ref());
      json.put("code", m.code().wireName()).put("message", m.message());
      if (m.retryAfterMs() > 0) {
        json.put("retryAfterMs", m.retryAfterMs());
      }
    } else if (message instanceof ServerMessage.QuestionEvent m) {
      json.put("seq", m.seq()).put("question", question(m.question(), m.audience()));
    } else if (message instanceof ServerMessage.Votes m) {
      JsonObject counts = new JsonObject();
      JsonObject versions = new JsonObject();
      m.counts().forEach((id, count) -> {
        counts.put(id, count.votes());
        versions.put(id, count.version());
      });
      json.put("counts", counts).put("versions", versions);
    } else if (message instanceof ServerMessage.Stage m) {
      json.put("seq", m.seq()).put("questionId", m.questionId());
      putIfPresent(json, "carriedOver", m.carriedOver());
    } else if (message instanceof ServerMessage.SessionUpdate m) {
      json.put("seq", m.seq()).put("session", session(m.session()));
    } else if (message instanceof ServerMessage.Presence m) {
      json.put("count", m.count());
    } else if (message instanceof ServerMessage.Signals m) {
      signals(json.put("ref", m.ref()), m.report());
    } else if (message instanceof ServerMessage.PollEvent m) {
      json.put("seq", m.seq()).put("poll", poll(m.view()));
    } else if (message instanceof ServerMessage.PollState m) {
      json.put("poll", poll(m.view()));
    }
    return json;
  }

  private void welcomeHead(JsonObject json, ServerMessage.Welcome m) {
    json.put("participant", identity(m.participant())).put("role", m.role().wireName())
        .put("session", session(m.session())).put("seq", m.seq()).put("epoch", m.epoch())
        .put("stage", m.stage()).put("presence", m.presence()).put("more", m.more());
    if (!m.polls().isEmpty()) {
      JsonArray polls = new JsonArray();
      m.polls().forEach(view -> polls.add(poll(view)));
      json.put("polls", polls);
    }
  }

  /** A poll as its audience sees it: its results only when {@code withResults}. */
  private static JsonObject poll(ServerMessage.PollView view) {
    Poll p = view.poll();
    JsonObject json = new JsonObject().put("id", p.id()).put("kind", p.kind().wireName())
        .put("question", p.question()).put("options", new JsonArray(new ArrayList<Object>(p.options())))
        .put("max", p.max()).put("hidden", p.hidden()).put("status", p.status().wireName())
        .put("createdAt", p.createdAt()).put("openedAt", p.openedAt() == 0 ? null : p.openedAt())
        .put("closedAt", p.closedAt() == 0 ? null : p.closedAt());
    if (view.withResults() && p.results() != null) {
      json.put("results", pollResults(p.results()));
    }
    return json;
  }

  private static JsonObject pollResults(PollResults r) {
    JsonArray texts = new JsonArray();
    r.texts().forEach(t -> texts.add(new JsonObject().put("n", t.n()).put("text", t.text())));
    JsonArray words = new JsonArray();
    r.words().forEach(w -> words.add(new JsonObject().put("word", w.word()).put("count", w.count())));
    return new JsonObject().put("counts", new JsonArray(new ArrayList<Object>(r.counts()))).put("answers", r.answers())
        .put("texts", texts).put("words", words).put("version", r.version());
  }

  private static ServerMessage.PollView pollOf(JsonObject json) {
    JsonObject results = json.getJsonObject("results");
    List<String> options = new ArrayList<>();
    json.getJsonArray("options").forEach(o -> options.add((String) o));
    Poll poll = new Poll(json.getString("id"), PollKind.fromWireName(json.getString("kind")),
        json.getString("question"), options, json.getInteger("max"), json.getBoolean("hidden"),
        PollStatus.fromWireName(json.getString("status")), json.getLong("createdAt"),
        orZero(json.getLong("openedAt")), orZero(json.getLong("closedAt")),
        results == null ? null : pollResultsOf(results));
    return new ServerMessage.PollView(poll, results != null);
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static PollResults pollResultsOf(JsonObject json) {
    List<Integer> counts = new ArrayList<>();
    json.getJsonArray("counts").forEach(c -> counts.add(((Number) c).intValue()));
    List<PollResults.Text> texts = new ArrayList<>();
    json.getJsonArray("texts").forEach(t -> texts.add(new PollResults.Text(((JsonObject) t).getInteger("n"),
        ((JsonObject) t).getString("text"))));
    List<PollResults.Word> words = new ArrayList<>();
    JsonArray wordArray = json.getJsonArray("words", new JsonArray());
    wordArray.forEach(w -> words.add(new PollResults.Word(((JsonObject) w).getString("word"),
        ((JsonObject) w).getInteger("count"))));
    return new PollResults(counts, json.getInteger("answers"), texts, words, json.getLong("version"));
  }

  private static List<ServerMessage.PollView> pollViewsOf(JsonArray array) {
    List<ServerMessage.PollView> views = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> views.add(pollOf((JsonObject) item)));
    }
    return views;
  }

  private static JsonArray questionViews(List<ServerMessage.QuestionView> views) {
    JsonArray questions = new JsonArray();
    views.forEach(v -> questions.add(questionView(v)));
    return questions;
  }

  private static JsonObject questionView(ServerMessage.QuestionView v) {
    return question(v.question(), v.audience()).put("voted", v.voted()).put("mine", v.mine());
  }

  /**
   * One question of a {@code welcome}, encoded on its own, so a node encodes a question once for every joiner
   * that is shown it in the same form ({@link #encodeWelcome}).
   */
  public Buffer encodeQuestionView(ServerMessage.QuestionView view) {
    return questionView(view).toBuffer();
  }

  /**
   * A {@code welcome} whose questions are already encoded ({@link #encodeQuestionView}); {@code head.questions()}
   * is ignored. The same bytes as {@link #encode} of the whole message.
   */
  public Buffer encodeWelcome(ServerMessage.Welcome head, List<Buffer> questions) {
    JsonObject json = new JsonObject().put("type", head.type().wireName());
    welcomeHead(json, head);
    Buffer start = json.toBuffer();
    int size = start.length() + 16;
    for (Buffer question : questions) {
      size += question.length() + 1;
    }
    Buffer out = Buffer.buffer(size);
    out.appendBuffer(start, 0, start.length() - 1).appendString(",\"questions\":[");
    for (int i = 0; i < questions.size(); i++) {
      if (i > 0) {
        out.appendByte((byte) ',');
      }
      out.appendBuffer(questions.get(i));
    }
    return out.appendString("]}");
  }

  private static void signals(JsonObject json, VoteSignals.Report report) {
    VoteSignals.Thresholds t = report.thresholds();
    JsonArray bursts = new JsonArray();
    report.bursts().forEach(b -> bursts.add(new JsonObject().put("questionId", b.questionId())
        .put("votes", b.votes()).put("addresses", b.addresses()).put("from", b.from()).put("to", b.to())
        .put("totalVotes", b.totalVotes())));
    JsonArray addresses = new JsonArray();
    report.addresses().forEach(a -> {
      JsonArray questions = new JsonArray();
      a.questions().forEach(q -> questions.add(new JsonObject().put("questionId", q.questionId())
          .put("votes", q.votes())));
      addresses.add(new JsonObject().put("address", a.address()).put("identities", a.identities())
          .put("voters", a.voters()).put("questions", questions));
    });
    json.put("at", report.at())
        .put("thresholds", new JsonObject().put("burstVotes", t.burstVotes()).put("burstWindowMs", t.burstWindowMs())
            .put("freshIdentityMs", t.freshIdentityMs()).put("identitiesPerAddress", t.identitiesPerAddress()))
        .put("bursts", bursts).put("addresses", addresses);
  }

  private static VoteSignals.Report signalsOf(JsonObject json) {
    JsonObject t = json.getJsonObject("thresholds");
    List<VoteSignals.Burst> bursts = new ArrayList<>();
    json.getJsonArray("bursts").forEach(item -> {
      JsonObject b = (JsonObject) item;
      bursts.add(new VoteSignals.Burst(b.getString("questionId"), b.getInteger("votes"), b.getInteger("addresses"),
          b.getLong("from"), b.getLong("to"), b.getInteger("totalVotes")));
    });
    List<VoteSignals.SharedAddress> addresses = new ArrayList<>();
    json.getJsonArray("addresses").forEach(item -> {
      JsonObject a = (JsonObject) item;
      List<VoteSignals.QuestionVotes> questions = new ArrayList<>();
      a.getJsonArray("questions").forEach(q -> questions.add(new VoteSignals.QuestionVotes(
          ((JsonObject) q).getString("questionId"), ((JsonObject) q).getInteger("votes"))));
      addresses.add(new VoteSignals.SharedAddress(a.getString("address"), a.getInteger("identities"),
          a.getInteger("voters"), questions));
    });
    return new VoteSignals.Report(json.getLong("at"), new VoteSignals.Thresholds(t.getInteger("burstVotes"),
        t.getLong("burstWindowMs"), t.getLong("freshIdentityMs"), t.getInteger("identitiesPerAddress")),
        bursts, addresses);
  }

  /** The public JSON form of a session, as in {@code welcome}, {@code session} and the HTTP API. */
  public JsonObject session(Session s) {
    return new JsonObject().put("id", s.id()).put("code", s.code()).put("title", s.title())
        .put("status", s.status().wireName()).put("moderation", s.moderation().wireName())
        .put("anonymous", s.anonymousAllowed()).put("locale", s.language().wireName())
        .put("maxLength", s.maxLength()).put("createdAt", s.createdAt());
  }

  private static JsonObject question(Question q, Audience audience) {
    JsonObject answer = q.answer() == null ? null
        : new JsonObject().put("text", q.answer().text()).put("at", q.answer().at());
    JsonObject json = new JsonObject().put("id", q.id()).put("text", q.text()).put("author", q.author())
        .put("status", q.status().wireName()).put("votes", q.votes()).put("createdAt", q.createdAt())
        .put("answer", answer).put("mergedInto", q.mergedInto()).put("edited", q.edited())
        .put("voteVersion", q.voteVersion());
    putIfPresent(json, "followCode", q.followCode());
    if (!q.followUp().isEmpty()) {
      json.put("followUp", followUp(q.followUp()));
    }
    Intake intake = q.intake();
    if (intake != null) {
      json.put("channel", intake.channel().wireName());
      putIfPresent(json, "area", intake.area());
      if (audience != Audience.PUBLIC || intake.namePublic()) {
        putIfPresent(json, "speaker", intake.name());
      }
      if (intake.namePublic()) {
        json.put("namePublic", true);
      }
      if (audience != Audience.PUBLIC && intake.askingNow()) {
        json.put("askingNow", true);
      }
      if (audience != Audience.PUBLIC && intake.slip() != null) {
        // the photo itself is fetched over HTTP with the moderator's or the clerk's token; this only says it is there
        json.put("slip", new JsonObject().put("sha256", intake.slip()).put("public", intake.slipPublic()));
      }
    }
    putIfPresent(json, "topic", q.topic());
    putIfPresent(json, "areaKey", q.area()); // issue 17: a clerk's entry's free-text "area" is the intake's
    if (q.frozen()) {
      json.put("frozen", true);
    }
    if (q.withheld() != null) {
      json.put("withheld", new JsonObject().put("category", q.withheld().wireName()));
    }
    if (audience != Audience.PUBLIC) {
      putIfPresent(json, "reason", q.rejectionReason());
      putIfPresent(json, "category", q.rejectionCategory() == null ? null : q.rejectionCategory().wireName());
      putIfPresent(json, "authorTag", q.authorTag());
      if (q.authorBanned()) {
        json.put("authorBanned", true);
      }
    }
    if (audience == Audience.MODERATOR && q.screening().isFlagged()) {
      JsonArray flags = new JsonArray();
      q.screening().flags().forEach(flag -> flags.add(flag.wireName()));
      JsonArray matches = new JsonArray();
      q.screening().matches().forEach(m -> matches.add(new JsonObject().put("flag", m.flag().wireName())
          .put("start", m.start()).put("end", m.end())));
      json.put("flags", flags).put("flagMatches", matches);
    }
    return json;
  }

  /** A question's follow-up steps, the record's shape: {@code {"at","step","role"}} plus what the step has. */
  private static JsonArray followUp(List<FollowUpTaken> steps) {
    JsonArray array = new JsonArray();
    for (FollowUpTaken step : steps) {
      JsonObject json = new JsonObject().put("at", step.at()).put("step", step.step()).put("role", step.role());
      putIfPresent(json, "agency", step.agency());
      putIfPresent(json, "due", step.due());
      putIfPresent(json, "note", step.note());
      array.add(json);
    }
    return array;
  }

  private static List<FollowUpTaken> followUpOf(JsonArray array) {
    List<FollowUpTaken> steps = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> {
        JsonObject s = (JsonObject) item;
        steps.add(new FollowUpTaken(s.getLong("at"), s.getString("step"), s.getString("role"),
            s.getString("agency"), s.getString("due"), s.getString("note")));
      });
    }
    return steps;
  }

  private static JsonObject identity(ServerMessage.Identity identity) {
    return new JsonObject().put("id", identity.id()).put("token", identity.token());
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /** Decodes a server message (for clients written in Java: tests, the load generator). */
  public ServerMessage decodeServer(String frame) {
    JsonObject json = new JsonObject(frame);
    ServerType type = ServerType.fromWireName(json.getString("type"));
    if (type == null) {
      throw new ProtocolException("Unknown server message type", null);
    }
    return switch (type) {
      case WELCOME -> new ServerMessage.Welcome(identityOf(json.getJsonObject("participant")),
          roleOf(json.getString("role")), sessionOf(json.getJsonObject("session")), json.getLong("seq"),
          json.getString("epoch"), json.getString("stage"), json.getInteger("presence"),
          questionViewsOf(json.getJsonArray("questions")), json.getBoolean("more", false),
          pollViewsOf(json.getJsonArray("polls")));
      case PAGE -> new ServerMessage.Page(json.getString("ref"), json.getString("order"), json.getString("status"),
          questionViewsOf(json.getJsonArray("questions")), json.getString("cursor"));
      case RESUMED -> new ServerMessage.Resumed(identityOf(json.getJsonObject("participant")),
          roleOf(json.getString("role")), json.getLong("since"), json.getLong("seq"), json.getString("epoch"),
          json.getInteger("presence"));
      case ACK -> new ServerMessage.Ack(json.getString("ref"), json.getString("questionId"),
          json.getInteger("votes"), json.getBoolean("voted"), json.getLong("version"), json.getString("status"),
          json.getBoolean("duplicate", false), json.getString("poll"));
      case ERROR -> new ServerMessage.Error(json.getString("ref"), ErrorCode.fromWireName(json.getString("code")),
          json.getString("message"), json.getLong("retryAfterMs", 0L));
      case QUESTION -> {
        JsonObject question = json.getJsonObject("question");
        yield new ServerMessage.QuestionEvent(json.getLong("seq"), questionOf(question), audienceOf(question));
      }
      case VOTES -> {
        Map<String, SessionEvent.VoteCount> counts = new LinkedHashMap<>();
        JsonObject versions = json.getJsonObject("versions", new JsonObject());
        json.getJsonObject("counts").forEach(e -> counts.put(e.getKey(), new SessionEvent.VoteCount(
            ((Number) e.getValue()).intValue(), versions.getLong(e.getKey(), 0L))));
        yield new ServerMessage.Votes(counts);
      }
      case STAGE -> new ServerMessage.Stage(json.getLong("seq"), json.getString("questionId"),
          json.getString("carriedOver"));
      case SESSION -> new ServerMessage.SessionUpdate(json.getLong("seq"), sessionOf(json.getJsonObject("session")));
      case PRESENCE -> new ServerMessage.Presence(json.getInteger("count"));
      case SIGNALS -> new ServerMessage.Signals(json.getString("ref"), signalsOf(json));
      case PONG -> new ServerMessage.Pong();
      // a poll with a seq is a logged event; without one, the poll's coalesced state
      case POLL -> json.getLong("seq") == null ? new ServerMessage.PollState(pollOf(json.getJsonObject("poll")))
          : new ServerMessage.PollEvent(json.getLong("seq"), pollOf(json.getJsonObject("poll")));
    };
  }

  private static Role roleOf(String name) {
    return Role.valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  private static ServerMessage.Identity identityOf(JsonObject json) {
    return new ServerMessage.Identity(json.getString("id"), json.getString("token"));
  }

  private static Session sessionOf(JsonObject json) {
    return new Session(json.getString("id"), json.getString("code"), json.getString("title"),
        SessionStatus.fromWireName(json.getString("status")), Moderation.fromWireName(json.getString("moderation")),
        json.getBoolean("anonymous"), Language.fromWireName(json.getString("locale")), json.getInteger("maxLength"),
        json.getLong("createdAt"));
  }

  private static List<ServerMessage.QuestionView> questionViewsOf(JsonArray array) {
    List<ServerMessage.QuestionView> views = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject json = array.getJsonObject(i);
      views.add(new ServerMessage.QuestionView(questionOf(json), json.getBoolean("voted"), json.getBoolean("mine"),
          audienceOf(json)));
    }
    return views;
  }

  /** The audience a decoded question's fields show (a form without any private field reads as public). */
  private static Audience audienceOf(JsonObject question) {
    if (question.containsKey("flags")) {
      return Audience.MODERATOR;
    }
    boolean privateName = question.containsKey("speaker") && !question.getBoolean("namePublic", false);
    return question.containsKey("authorTag") || question.containsKey("reason") || privateName
        || question.containsKey("askingNow") ? Audience.AUTHOR : Audience.PUBLIC;
  }

  private static Screening screeningOf(JsonObject question) {
    JsonArray flags = question.getJsonArray("flags");
    if (flags == null) {
      return Screening.NONE;
    }
    List<ContentFlag> kinds = new ArrayList<>();
    flags.forEach(name -> {
      ContentFlag flag = ContentFlag.fromWireName((String) name);
      if (flag != null) {
        kinds.add(flag);
      }
    });
    List<FlagMatch> matches = new ArrayList<>();
    question.getJsonArray("flagMatches", new JsonArray()).forEach(item -> {
      JsonObject m = (JsonObject) item;
      matches.add(new FlagMatch(ContentFlag.fromWireName(m.getString("flag")), m.getInteger("start"),
          m.getInteger("end")));
    });
    return new Screening(kinds, matches);
  }

  /** The author's id is not on the wire; a decoded question carries none. */
  private static Question questionOf(JsonObject json) {
    JsonObject answer = json.getJsonObject("answer");
    return new Question(json.getString("id"), json.getString("text"), json.getString("author"), null,
        QuestionStatus.fromWireName(json.getString("status")), json.getInteger("votes"), json.getLong("createdAt"),
        answer == null ? null : new Answer(answer.getString("text"), answer.getLong("at")),
        json.getString("mergedInto"), json.getBoolean("edited", false), json.getString("reason"),
        json.getLong("voteVersion", 0L), json.getBoolean("frozen", false), screeningOf(json),
        TextCategory.fromWireName(json.getString("category")),
        json.getJsonObject("withheld") == null ? null
            : TextCategory.fromWireName(json.getJsonObject("withheld").getString("category")),
        json.getBoolean("authorBanned", false), json.getString("followCode"), intakeOf(json),
        followUpOf(json.getJsonArray("followUp")),
        json.getString("topic"), json.getString("areaKey"));
  }

  private static Intake intakeOf(JsonObject json) {
    Channel channel = Channel.fromWireName(json.getString("channel"));
    JsonObject slip = json.getJsonObject("slip");
    return channel == null ? null : new Intake(channel, json.getString("speaker"), json.getString("area"),
        json.getBoolean("askingNow", false), json.getBoolean("namePublic", false),
        slip == null ? null : slip.getString("sha256"), slip != null && slip.getBoolean("public", false));
  }

  // ---------------------------------------------------------------- client -> server

  /**
   * Decodes a client frame.
   *
   * @throws ProtocolException for anything that is not exactly one well-formed client message
   */
  public ClientMessage decode(String frame) {
    JsonObject json;
    try {
      json = strictObject(frame);
    } catch (DecodeException | ClassCastException e) {
      throw new ProtocolException("Malformed JSON: a frame must be one JSON object", null);
    }
    Fields fields = new Fields(json);
    String ref = fields.optionalRef();
    Object typeValue = json.getValue("type");
    ClientType type = typeValue instanceof String name ? ClientType.fromWireName(name) : null;
    if (type == null) {
      throw new ProtocolException("Unknown or missing message type", ref);
    }
    return switch (type) {
      case HELLO -> {
        fields.allow("type", "token", "since", "epoch");
        yield new ClientMessage.Hello(fields.optionalString("token", MAX_TOKEN_LENGTH),
            fields.optionalCount("since"), fields.optionalString("epoch", MAX_ID_LENGTH));
      }
      case ASK -> {
        fields.allow("type", "ref", "text", "author", "onBehalf", "topic");
        yield new ClientMessage.Ask(fields.ref(), fields.string("text", Integer.MAX_VALUE),
            fields.optionalString("author", Integer.MAX_VALUE), fields.onBehalf(),
            fields.optionalString("topic", MAX_ID_LENGTH));
      }
      case VOTE -> {
        fields.allow("type", "ref", "questionId", "value");
        yield new ClientMessage.Vote(fields.ref(), fields.string("questionId", MAX_ID_LENGTH), fields.voteValue());
      }
      case WITHDRAW -> {
        fields.allow("type", "ref", "questionId");
        yield new ClientMessage.Withdraw(fields.ref(), fields.string("questionId", MAX_ID_LENGTH));
      }
      case MODERATE -> {
        fields.allow("type", "ref", "questionId", "action", "text", "reason", "into", "category", "publishOriginal",
            "step", "agency", "due", "note", "topic", "area");
        yield new ClientMessage.Moderate(fields.ref(), fields.string("questionId", MAX_ID_LENGTH),
            fields.string("action", MAX_ID_LENGTH), fields.optionalString("text", Integer.MAX_VALUE),
            fields.optionalString("reason", Integer.MAX_VALUE), fields.optionalString("into", MAX_ID_LENGTH),
            fields.optionalString("category", MAX_ID_LENGTH), fields.optionalBoolean("publishOriginal"),
            fields.optionalString("step", MAX_ID_LENGTH), fields.optionalString("agency", MAX_ID_LENGTH),
            fields.optionalString("due", MAX_ID_LENGTH), fields.optionalString("note", Integer.MAX_VALUE),
            fields.optionalString("topic", MAX_ID_LENGTH), fields.optionalString("area", MAX_ID_LENGTH));
      }
      case SESSION -> {
        fields.allow("type", "ref", "action");
        yield new ClientMessage.SessionControl(fields.ref(), fields.string("action", MAX_ID_LENGTH));
      }
      case SIGNALS -> {
        fields.allow("type", "ref");
        yield new ClientMessage.Signals(fields.ref());
      }
      case PAGE -> {
        fields.allow("type", "ref", "order", "cursor", "limit", "status");
        yield new ClientMessage.Page(fields.ref(), fields.order(), fields.optionalString("cursor", MAX_ID_LENGTH),
            fields.optionalLimit(), fields.optionalString("status", MAX_ID_LENGTH));
      }
      case PING -> {
        fields.allow("type");
        yield new ClientMessage.Ping();
      }
      case POLL -> {
        fields.allow("type", "ref", "action", "poll", "kind", "question", "options", "max", "hidden", "answer");
        yield new ClientMessage.PollAdmin(fields.ref(), fields.string("action", MAX_ID_LENGTH),
            fields.optionalString("poll", MAX_ID_LENGTH), fields.optionalString("kind", MAX_ID_LENGTH),
            fields.optionalString("question", MAX_POLL_TEXT), fields.optionalStrings("options", MAX_POLL_OPTIONS),
            fields.optionalWhole("max"), fields.optionalBoolean("hidden"), fields.optionalWhole("answer"));
      }
      case ANSWER_POLL -> {
        fields.allow("type", "ref", "poll", "choices", "rating", "text");
        ClientMessage.AnswerPoll answer = new ClientMessage.AnswerPoll(fields.ref(),
            fields.string("poll", MAX_ID_LENGTH), fields.optionalWholes("choices", MAX_POLL_OPTIONS),
            fields.optionalWhole("rating"), fields.optionalString("text", MAX_POLL_TEXT));
        int given = (answer.choices() == null ? 0 : 1) + (answer.rating() == null ? 0 : 1)
            + (answer.text() == null ? 0 : 1);
        if (given != 1) {
          throw new ProtocolException("Exactly one of 'choices', 'rating' and 'text' is required", answer.ref());
        }
        yield answer;
      }
    };
  }

  /**
   * {@code new JsonObject(frame)}, except that a key given twice is malformed: read as last-one-wins, a frame could
   * mean one thing to us and another to any other reader of it.
   */
  @SuppressWarnings("unchecked")
  private static JsonObject strictObject(String frame) {
    JsonParser parser = JacksonCodec.createParser(frame).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    Map<String, Object> map = JacksonCodec.fromParser(parser, Map.class);
    if (map == null) {
      throw new DecodeException("null is not an object");
    }
    return new JsonObject(map);
  }

  /** Encodes a client message (for clients written in Java). */
  public String encodeClient(ClientMessage message) {
    JsonObject json = new JsonObject().put("type", message.type().wireName());
    message.accept(new ClientMessage.Visitor<JsonObject>() {
      public JsonObject hello(ClientMessage.Hello m) {
        putIfPresent(json, "token", m.token());
        putIfPresent(json, "since", m.since());
        putIfPresent(json, "epoch", m.epoch());
        return json;
      }

      public JsonObject ask(ClientMessage.Ask m) {
        json.put("ref", m.ref()).put("text", m.text());
        putIfPresent(json, "author", m.author());
        if (m.onBehalf() != null) {
          JsonObject onBehalf = new JsonObject();
          putIfPresent(onBehalf, "name", m.onBehalf().name());
          putIfPresent(onBehalf, "area", m.onBehalf().area());
          onBehalf.put("channel", m.onBehalf().channel());
          putIfPresent(onBehalf, "askingNow", m.onBehalf().askingNow());
          json.put("onBehalf", onBehalf);
        }
        putIfPresent(json, "topic", m.topic());
        return json;
      }

      public JsonObject vote(ClientMessage.Vote m) {
        return json.put("ref", m.ref()).put("questionId", m.questionId()).put("value", m.up() ? 1 : 0);
      }

      public JsonObject withdraw(ClientMessage.Withdraw m) {
        return json.put("ref", m.ref()).put("questionId", m.questionId());
      }

      public JsonObject moderate(ClientMessage.Moderate m) {
        json.put("ref", m.ref()).put("questionId", m.questionId()).put("action", m.action());
        putIfPresent(json, "text", m.text());
        putIfPresent(json, "reason", m.reason());
        putIfPresent(json, "into", m.into());
        putIfPresent(json, "category", m.category());
        putIfPresent(json, "publishOriginal", m.publishOriginal());
        putIfPresent(json, "step", m.step());
        putIfPresent(json, "agency", m.agency());
        putIfPresent(json, "due", m.due());
        putIfPresent(json, "note", m.note());
        putIfPresent(json, "topic", m.topic());
        putIfPresent(json, "area", m.area());
        return json;
      }

      public JsonObject session(ClientMessage.SessionControl m) {
        return json.put("ref", m.ref()).put("action", m.action());
      }

      public JsonObject signals(ClientMessage.Signals m) {
        return json.put("ref", m.ref());
      }

      public JsonObject page(ClientMessage.Page m) {
        json.put("ref", m.ref()).put("order", m.order());
        putIfPresent(json, "cursor", m.cursor());
        putIfPresent(json, "limit", m.limit());
        putIfPresent(json, "status", m.status());
        return json;
      }

      public JsonObject ping(ClientMessage.Ping m) {
        return json;
      }

      public JsonObject poll(ClientMessage.PollAdmin m) {
        json.put("ref", m.ref()).put("action", m.action());
        putIfPresent(json, "poll", m.poll());
        putIfPresent(json, "kind", m.kind());
        putIfPresent(json, "question", m.question());
        putIfPresent(json, "options", m.options() == null ? null : new JsonArray(new ArrayList<Object>(m.options())));
        putIfPresent(json, "max", m.max());
        putIfPresent(json, "hidden", m.hidden());
        putIfPresent(json, "answer", m.answer());
        return json;
      }

      public JsonObject answerPoll(ClientMessage.AnswerPoll m) {
        json.put("ref", m.ref()).put("poll", m.poll());
        putIfPresent(json, "choices", m.choices() == null ? null : new JsonArray(new ArrayList<Object>(m.choices())));
        putIfPresent(json, "rating", m.rating());
        putIfPresent(json, "text", m.text());
        return json;
      }
    });
    return json.encode();
  }

  /** Strict, typed reads of one frame's fields. */
  private static final class Fields {
    private final JsonObject json;
    private String ref;

    Fields(JsonObject json) {
      this.json = json;
    }

    void allow(String... names) {
      Set<String> allowed = Set.of(names);
      for (String name : json.fieldNames()) {
        if (!allowed.contains(name)) {
          throw fail("Unknown field '" + name + "'");
        }
      }
    }

    String optionalRef() {
      Object value = json.getValue("ref");
      if (value instanceof String s && !s.isEmpty() && s.length() <= MAX_REF_LENGTH && printable(s)) {
        ref = s;
      }
      return ref;
    }

    String ref() {
      Object value = json.getValue("ref");
      if (!(value instanceof String s) || s.isEmpty() || s.length() > MAX_REF_LENGTH || !printable(s)) {
        throw fail("'ref' must be a string of 1 to " + MAX_REF_LENGTH + " printable characters");
      }
      return s;
    }

    String string(String name, int maxLength) {
      String value = optionalString(name, maxLength);
      if (value == null) {
        throw fail("'" + name + "' is required");
      }
      return value;
    }

    String optionalString(String name, int maxLength) {
      Object value = json.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String s)) {
        throw fail("'" + name + "' must be a string");
      }
      if (s.length() > maxLength) {
        throw fail("'" + name + "' is too long");
      }
      return s;
    }

    /** A clerk's {@code onBehalf} object (its own fields strictly read too), or {@code null}. */
    ClientMessage.OnBehalf onBehalf() {
      Object value = json.getValue("onBehalf");
      if (value == null) {
        return null;
      }
      if (!(value instanceof JsonObject object)) {
        throw fail("'onBehalf' must be an object {\"name\", \"area\", \"channel\"}");
      }
      Fields inner = new Fields(object);
      inner.ref = ref;
      inner.allow("name", "area", "channel", "askingNow");
      return new ClientMessage.OnBehalf(inner.optionalString("name", Integer.MAX_VALUE),
          inner.optionalString("area", Integer.MAX_VALUE), inner.string("channel", MAX_ID_LENGTH),
          inner.optionalBoolean("askingNow"));
    }

    Boolean optionalBoolean(String name) {
      Object value = json.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Boolean b)) {
        throw fail("'" + name + "' must be true or false");
      }
      return b;
    }

    Long optionalCount(String name) {
      Object value = json.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
        throw fail("'" + name + "' must be a whole number >= 0");
      }
      return ((Number) value).longValue();
    }

    /** A list of at most {@code maxItems} strings, or {@code null} when absent. */
    List<String> optionalStrings(String name, int maxItems) {
      Object value = json.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof JsonArray array) || array.size() > maxItems) {
        throw fail("'" + name + "' must be a list of at most " + maxItems + " strings");
      }
      List<String> list = new ArrayList<>(array.size());
      for (Object item : array) {
        if (!(item instanceof String s) || s.length() > MAX_POLL_TEXT) {
          throw fail("'" + name + "' must be a list of at most " + maxItems + " strings");
        }
        list.add(s);
      }
      return list;
    }

    /** A list of at most {@code maxItems} whole numbers >= 0, or {@code null} when absent. */
    List<Integer> optionalWholes(String name, int maxItems) {
      Object value = json.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof JsonArray array) || array.size() > maxItems) {
        throw fail("'" + name + "' must be a list of at most " + maxItems + " whole numbers");
      }
      List<Integer> list = new ArrayList<>(array.size());
      for (Object item : array) {
        if (!(item instanceof Integer i) || i < 0) {
          throw fail("'" + name + "' must be a list of at most " + maxItems + " whole numbers >= 0");
        }
        list.add(i);
      }
      return list;
    }

    /** A whole number >= 0 that fits an int, or {@code null} when absent. */
    Integer optionalWhole(String name) {
      Object value = json.getValue(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Integer i) || i < 0) {
        throw fail("'" + name + "' must be a whole number >= 0");
      }
      return i;
    }

    String order() {
      Object value = json.getValue("order");
      if ("popular".equals(value) || "recent".equals(value)) {
        return (String) value;
      }
      throw fail("'order' must be \"popular\" or \"recent\"");
    }

    Integer optionalLimit() {
      Object value = json.getValue("limit");
      if (value == null) {
        return null;
      }
      if (value instanceof Integer i && i >= 1 && i <= MAX_PAGE_LIMIT) {
        return i;
      }
      throw fail("'limit' must be a whole number from 1 to " + MAX_PAGE_LIMIT);
    }

    boolean voteValue() {
      Object value = json.getValue("value");
      if (value instanceof Integer i && (i == 0 || i == 1)) {
        return i == 1;
      }
      throw fail("'value' must be 1 (upvote) or 0 (take it back)");
    }

    private ProtocolException fail(String message) {
      return new ProtocolException(message, ref);
    }

    private static boolean printable(String s) {
      return s.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c));
    }
  }
}
