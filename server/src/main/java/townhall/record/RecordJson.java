package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import townhall.domain.Answer;
import townhall.domain.Channel;
import townhall.domain.QuestionStatus;
import townhall.domain.TextCategory;
import townhall.domain.record.ChainLink;
import townhall.domain.record.Fate;
import townhall.domain.record.QuestionRecord;
import townhall.domain.record.RecordSignature;
import townhall.domain.record.RecordActivity;
import townhall.domain.record.RecordTotals;
import townhall.domain.record.SealedValue;
import townhall.domain.record.SessionRecord;

/**
 * The record's JSON form (format {@value #FORMAT}, described field by field in {@code docs/record.md}). Times are
 * milliseconds since the epoch; moderators appear only as pseudonym numbers ({@code by}: 0 the organizer, 1, 2, ...
 * the moderators in the order they first acted).
 */
public final class RecordJson {
  public static final String FORMAT = "townhall-record/1";
  /** The name of the chain's algorithm in the record. */
  public static final String ALGORITHM = "sha256-chain/1";

  private RecordJson() {
  }

  public static JsonObject encode(SessionRecord record) {
    JsonObject json = new JsonObject()
        .put("format", FORMAT)
        .put("view", view(record))
        .put("session", session(record))
        .put("generatedAt", record.generatedAt())
        .put("votesFinal", record.votesFinal())
        .put("totals", totals(record.totals()))
        .put("questions", questions(record.questions()))
        .put("summary", ClassifiedSummary.of(questions(record.questions())))
        .put("activity", activity(record.activity()))
        .put("chain", chain(record.chain(), record.finalHash(), record.chainSignature()))
        .put("exportSignature", signature(record.exportSignature()));
    if (record.polls() != null && !record.polls().isEmpty()) {
      json.put("polls", polls(record.polls()));
    }
    return json;
  }

  /** The session's polls (absent from a record without any), in the order they were opened. */
  static JsonArray polls(List<townhall.domain.record.PollRecord> polls) {
    JsonArray array = new JsonArray();
    for (townhall.domain.record.PollRecord p : polls) {
      JsonObject poll = new JsonObject().put("id", p.id()).put("kind", p.kind()).put("question", p.question())
          .put("options", new JsonArray(new java.util.ArrayList<Object>(p.options()))).put("max", p.max())
          .put("hidden", p.hidden()).put("openedAt", p.openedAt()).put("closedAt", p.closedAt())
          .put("counts", p.counts() == null ? null : new JsonArray(new java.util.ArrayList<Object>(p.counts())))
          .put("answers", p.answers()).put("hiddenAnswers", p.hiddenAnswers());
      if (p.texts() != null) {
        JsonArray texts = new JsonArray();
        p.texts().forEach(t -> texts.add(new JsonObject().put("n", t.n()).put("text", t.text())));
        poll.put("texts", texts);
      }
      if (p.words() != null) {
        JsonArray words = new JsonArray();
        p.words().forEach(w -> words.add(new JsonObject().put("word", w.word()).put("count", w.count())));
        poll.put("words", words);
      }
      array.add(poll);
    }
    return array;
  }

  /**
   * An exported record's {@code polls[]} read back, as {@link #polls} wrote it (an archived copy's CSV is written
   * again from its JSON); empty for {@code null}.
   */
  public static List<townhall.domain.record.PollRecord> pollRecords(JsonArray polls) {
    List<townhall.domain.record.PollRecord> records = new ArrayList<>();
    objects(polls).forEach(p -> {
      List<townhall.domain.record.PollRecord.Text> texts = null;
      if (p.getJsonArray("texts") != null) {
        texts = new ArrayList<>();
        for (JsonObject t : objects(p.getJsonArray("texts"))) {
          texts.add(new townhall.domain.record.PollRecord.Text(t.getInteger("n"), t.getString("text")));
        }
      }
      List<townhall.domain.record.PollRecord.Word> words = null;
      if (p.getJsonArray("words") != null) {
        words = new ArrayList<>();
        for (JsonObject w : objects(p.getJsonArray("words"))) {
          words.add(new townhall.domain.record.PollRecord.Word(w.getString("word"), w.getInteger("count")));
        }
      }
      List<Integer> counts = p.getJsonArray("counts") == null ? null : p.getJsonArray("counts").stream()
          .map(c -> ((Number) c).intValue()).toList();
      records.add(new townhall.domain.record.PollRecord(p.getString("id"), p.getString("kind"),
          p.getString("question"), p.getJsonArray("options", new JsonArray()).stream().map(String::valueOf).toList(),
          p.getInteger("max", 0), p.getBoolean("hidden", false), p.getLong("openedAt"), p.getLong("closedAt"), counts,
          p.getInteger("answers"), texts, p.getInteger("hiddenAnswers", 0), words));
    });
    return records;
  }

  private static JsonObject signature(RecordSignature signature) {
    return signature == null ? null : new JsonObject().put("kid", signature.kid()).put("sig", signature.sig());
  }

  /** Which copy of the record a file is: every sealed value revealed, or only what may be public. */
  public static String view(SessionRecord record) {
    return record.full() ? "full" : "public";
  }

  static JsonObject session(SessionRecord record) {
    return new JsonObject().put("id", record.sessionId()).put("title", record.title())
        .put("locale", record.locale().wireName()).put("moderation", record.moderation().wireName())
        .put("anonymous", record.anonymous()).put("status", record.status().wireName())
        .put("createdAt", record.createdAt()).put("closedAt", record.closedAt())
        .put("publishedAt", record.publishedAt()).put("withdrawals", withdrawals(record.withdrawals()));
  }

  private static JsonArray withdrawals(List<SessionRecord.Withdrawal> withdrawals) {
    JsonArray array = new JsonArray();
    withdrawals.forEach(w -> array.add(new JsonObject().put("at", w.at()).put("by", w.by())
        .put("reason", w.reason())));
    return array;
  }

  static JsonObject totals(RecordTotals totals) {
    return new JsonObject().put("participants", totals.participants()).put("questions", totals.questions())
        .put("answered", totals.answered()).put("merged", totals.merged()).put("rejected", totals.rejected())
        .put("open", totals.open()).put("withdrawn", totals.withdrawn()).put("archived", totals.archived())
        .put("medianTimeToAnswerMs", totals.medianTimeToAnswerMs()).put("notReviewed", totals.notReviewed())
        .put("withheld", totals.withheld()).put("bans", totals.bans()).put("byChannel", byChannel(totals));
  }

  /** Questions by channel: every channel, in a fixed order ({@code app} first). */
  private static JsonObject byChannel(RecordTotals totals) {
    JsonObject counts = new JsonObject();
    totals.byChannel().forEach((channel, count) -> counts.put(channel.wireName(), count));
    return counts;
  }

  static JsonArray questions(List<QuestionRecord> questions) {
    JsonArray array = new JsonArray();
    questions.forEach(q -> array.add(question(q)));
    return array;
  }

  /** One question of {@code questions[]}. */
  public static JsonObject question(QuestionRecord q) {
    JsonArray edits = new JsonArray();
    q.edits().forEach(e -> edits.add(new JsonObject().put("at", e.at()).put("by", e.by()).put("text", e.text())));
    JsonArray stage = new JsonArray();
    q.stage().forEach(s -> stage.add(new JsonObject().put("from", s.from()).put("to", s.to())));
    JsonArray steps = new JsonArray();
    q.steps().forEach(s -> steps.add(step(s)));
    JsonObject answer = q.answer() == null ? null
        : new JsonObject().put("text", q.answer().text()).put("at", q.answer().at());
    return new JsonObject().put("id", q.id()).put("text", q.text()).put("originalText", q.originalText())
        .put("edits", edits).put("author", q.author()).put("askedAt", q.askedAt()).put("votes", q.votes())
        .put("status", q.status().wireName()).put("fate", q.fate().wireName())
        .put("rejectionReason", q.rejectionReason()).put("mergedInto", q.mergedInto())
        .put("mergedFrom", new JsonArray(new ArrayList<>(q.mergedFrom()))).put("answer", answer)
        .put("answeredAt", q.answeredAt()).put("stage", stage).put("steps", steps)
        .put("rejectionCategory", q.rejectionCategory() == null ? null : q.rejectionCategory().wireName())
        .put("withheld", q.withheld() == null ? null
            : new JsonObject().put("category", q.withheld().wireName()))
        .put("followCode", q.followCode()).put("followUp", followUp(q.followUp()))
        .put("satisfaction", new JsonObject().put("satisfied", q.satisfaction().satisfied())
            .put("notSatisfied", q.satisfaction().notSatisfied()))
        .put("channel", q.channel().wireName()).put("clerkEntry", clerkEntry(q.clerkEntry()))
        .put("topic", q.topic()).put("area", q.area());
  }

  /**
   * Who entered a question on someone's behalf: {@code {"clerk":1,"area":…,"name":…}}, with
   * {@code "slip":{"sha256","url"}} once a moderator published the photo of its paper slip (absent otherwise, so
   * records written before photos read as they were), or {@code null}.
   */
  private static JsonObject clerkEntry(QuestionRecord.ClerkEntry entry) {
    if (entry == null) {
      return null;
    }
    JsonObject json = new JsonObject().put("clerk", entry.clerk()).put("area", entry.area())
        .put("name", entry.name());
    if (entry.slip() != null) {
      json.put("slip", new JsonObject().put("sha256", entry.slip()).put("url", slipUrl(entry.slip())));
    }
    return json;
  }

  /** The public URL of a published photo of a paper slip: the SHA-256 the chain commits to names it. */
  public static String slipUrl(String sha256) {
    return "/api/slips/" + sha256;
  }

  /**
   * A question of an exported record's {@code questions[]} read back, as {@link #question(QuestionRecord)} wrote it
   * (an archived copy rewritten after a follow-up step gets its CSV from it); fails with
   * {@link IllegalArgumentException} for anything else.
   */
  public static QuestionRecord questionRecord(JsonObject q) {
    try {
      List<QuestionRecord.Edit> edits = new ArrayList<>();
      objects(q.getJsonArray("edits")).forEach(e -> edits.add(new QuestionRecord.Edit(e.getLong("at"),
          e.getInteger("by"), e.getString("text"))));
      List<QuestionRecord.StageSpell> stage = new ArrayList<>();
      objects(q.getJsonArray("stage")).forEach(s -> stage.add(new QuestionRecord.StageSpell(s.getLong("from"),
          s.getLong("to"))));
      List<QuestionRecord.Step> steps = new ArrayList<>();
      objects(q.getJsonArray("steps")).forEach(s -> steps.add(new QuestionRecord.Step(s.getLong("at"),
          s.getString("action"), s.getInteger("by"), s.getString("reason"), s.getString("text"),
          s.getString("into"), s.getInteger("votes"), category(s.getString("category")))));
      JsonObject answer = q.getJsonObject("answer");
      JsonObject withheld = q.getJsonObject("withheld");
      JsonObject satisfaction = q.getJsonObject("satisfaction");
      List<String> mergedFrom = new ArrayList<>();
      q.getJsonArray("mergedFrom", new JsonArray()).forEach(id -> mergedFrom.add((String) id));
      return new QuestionRecord(q.getString("id"), q.getString("text"), q.getString("originalText"), edits,
          q.getString("author"), q.getLong("askedAt"), q.getInteger("votes"),
          QuestionStatus.fromWireName(q.getString("status")),
          Fate.valueOf(q.getString("fate").toUpperCase(Locale.ROOT)),
          q.getString("rejectionReason"), q.getString("mergedInto"), mergedFrom,
          answer == null ? null : new Answer(answer.getString("text"), answer.getLong("at")),
          q.getLong("answeredAt"), stage, steps, category(q.getString("rejectionCategory")),
          withheld == null ? null : category(withheld.getString("category")), q.getString("followCode"),
          followUpSteps(q.getJsonArray("followUp")),
          satisfaction == null ? QuestionRecord.Satisfaction.NONE : new QuestionRecord.Satisfaction(
              satisfaction.getInteger("satisfied", 0), satisfaction.getInteger("notSatisfied", 0)),
          channel(q.getString("channel")), clerkEntryOf(q.getJsonObject("clerkEntry")), q.getString("topic"),
          q.getString("area"));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a question of the record: " + e.getMessage(), e);
    }
  }

  /** A record written before channels holds only residents' own questions. */
  private static Channel channel(String wireName) {
    Channel channel = wireName == null ? Channel.APP : Channel.fromWireName(wireName);
    if (channel == null) {
      throw new IllegalArgumentException("unknown channel " + wireName);
    }
    return channel;
  }

  private static QuestionRecord.ClerkEntry clerkEntryOf(JsonObject entry) {
    JsonObject slip = entry == null ? null : entry.getJsonObject("slip");
    return entry == null ? null : new QuestionRecord.ClerkEntry(entry.getInteger("clerk"), entry.getString("area"),
        entry.getString("name"), slip == null ? null : slip.getString("sha256"));
  }

  /** A question's {@code followUp[]} read back (empty when absent). */
  public static List<QuestionRecord.FollowUp> followUpSteps(JsonArray steps) {
    List<QuestionRecord.FollowUp> list = new ArrayList<>();
    objects(steps).forEach(f -> list.add(new QuestionRecord.FollowUp(f.getLong("at"), f.getString("step"),
        f.getString("agency"), f.getString("due"), f.getString("note"), f.getString("role"))));
    return list;
  }

  private static List<JsonObject> objects(JsonArray array) {
    List<JsonObject> list = new ArrayList<>();
    if (array != null) {
      array.forEach(item -> list.add((JsonObject) item));
    }
    return list;
  }

  private static TextCategory category(String wireName) {
    return wireName == null ? null : TextCategory.fromWireName(wireName);
  }

  private static JsonArray followUp(List<QuestionRecord.FollowUp> steps) {
    JsonArray array = new JsonArray();
    steps.forEach(f -> array.add(followUpStep(f)));
    return array;
  }

  /** An answer's attachments as the chain and the record write them. */
  public static JsonArray files(List<townhall.domain.Attachment> files) {
    JsonArray array = new JsonArray();
    files.forEach(a -> array.add(new JsonObject().put("name", a.name()).put("type", a.type()).put("size", a.size())
        .put("sha256", a.sha256())));
    return array;
  }

  /** One step of a question's {@code followUp[]}. */
  public static JsonObject followUpStep(QuestionRecord.FollowUp f) {
    JsonObject step = new JsonObject().put("at", f.at()).put("step", f.step()).put("role", f.role());
    if (f.agency() != null) {
      step.put("agency", f.agency());
    }
    if (f.due() != null) {
      step.put("due", f.due());
    }
    if (f.note() != null) {
      step.put("note", f.note());
    }
    if (!f.files().isEmpty()) {
      step.put("files", files(f.files()));
    }
    return step;
  }

  private static JsonObject step(QuestionRecord.Step s) {
    JsonObject step = new JsonObject().put("at", s.at()).put("action", s.action()).put("by", s.by());
    if (s.reason() != null) {
      step.put("reason", s.reason());
    }
    if (s.text() != null) {
      step.put("text", s.text());
    }
    if (s.into() != null) {
      step.put("into", s.into());
    }
    if (s.votes() != null) {
      step.put("votes", s.votes());
    }
    if (s.category() != null) {
      step.put("category", s.category().wireName());
    }
    return step;
  }

  static JsonObject activity(RecordActivity a) {
    return new JsonObject().put("from", a.from()).put("bucketMs", a.bucketMs())
        .put("joins", new JsonArray(new ArrayList<>(a.joins())))
        .put("questions", new JsonArray(new ArrayList<>(a.questions())))
        .put("votes", new JsonArray(new ArrayList<>(a.votes())));
  }

  private static JsonObject chain(List<ChainLink> links, String finalHash, RecordSignature signature) {
    JsonArray array = new JsonArray();
    links.forEach(l -> array.add(link(l)));
    return new JsonObject().put("algorithm", ALGORITHM).put("length", links.size()).put("finalHash", finalHash)
        .put("signature", signature(signature)).put("links", array);
  }

  /** A link as exported: {@code private} holds the sealed values this copy reveals (absent when none). */
  public static JsonObject link(ChainLink l) {
    JsonObject link = new JsonObject().put("n", l.n()).put("entry", l.entry()).put("hash", l.hash());
    if (!l.secrets().isEmpty()) {
      JsonObject secrets = new JsonObject();
      l.secrets().forEach((field, v) -> secrets.put(field, new JsonObject().put("salt", v.salt())
          .put("value", v.value())));
      link.put("private", secrets);
    }
    return link;
  }

  /** The chain's links of an exported record; fails with {@link IllegalArgumentException} when it has none. */
  public static List<ChainLink> links(JsonObject record) {
    JsonObject chain = record.getJsonObject("chain");
    if (chain == null || chain.getJsonArray("links") == null) {
      throw new IllegalArgumentException("the record has no chain.links");
    }
    List<ChainLink> links = new ArrayList<>();
    for (Object item : chain.getJsonArray("links")) {
      links.add(link(item));
    }
    return links;
  }

  /** A link as {@link #link(ChainLink)} writes it; fails with {@link IllegalArgumentException} for anything else. */
  public static ChainLink link(Object item) {
    if (!(item instanceof JsonObject link) || !(link.getValue("n") instanceof Number n)
        || !(link.getValue("entry") instanceof String entry) || !(link.getValue("hash") instanceof String hash)) {
      throw new IllegalArgumentException("a link is not {\"n\": number, \"entry\": text, \"hash\": text}: " + item);
    }
    return new ChainLink(n.longValue(), entry, hash, secrets(link.getValue("private")));
  }

  private static Map<String, SealedValue> secrets(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject json)) {
      throw new IllegalArgumentException("a link's 'private' is not an object: " + value);
    }
    Map<String, SealedValue> secrets = new TreeMap<>();
    json.forEach(e -> {
      if (!(e.getValue() instanceof JsonObject v) || !(v.getValue("salt") instanceof String salt)
          || !(v.getValue("value") instanceof String text)) {
        throw new IllegalArgumentException("a private value is not {\"salt\": text, \"value\": text}: " + e);
      }
      secrets.put(e.getKey(), new SealedValue(salt, text));
    });
    return secrets;
  }
}
