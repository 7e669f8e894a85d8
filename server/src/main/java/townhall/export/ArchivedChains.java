package townhall.export;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.FollowUp;
import townhall.domain.FollowUpStep;
import townhall.domain.record.QuestionRecord;
import townhall.domain.Language;
import townhall.record.ChainHash;
import townhall.record.ClassifiedSummary;
import townhall.record.PollCsv;
import townhall.record.RecordCsv;
import townhall.record.SummaryCsv;
import townhall.record.RecordJson;
import townhall.record.RecordSignatures;
import townhall.domain.Answer;
import townhall.domain.FollowedQuestion;
import townhall.service.ArchivedClassifications;
import townhall.service.ArchivedFollowUps;
import townhall.service.ArchivedQuestions;
import townhall.service.ArchivedRatings;
import townhall.store.FollowCodeStore;
import townhall.store.FollowUpStore;
import townhall.store.ActionResult;
import townhall.store.ArchiveStore;

/**
 * Follow-up steps on the archived chain of a session Redis no longer holds (docs/record.md, "after the session"):
 * the entry is numbered and hashed on the head the archive's row lock gives ({@link ArchiveStore#append}), and both
 * archived copies get it as a record built from the chain would have it: a link of {@code chain.links}, the new
 * {@code chain.length} and {@code finalHash}, the step in its question's {@code followUp[]}, and new signatures; each
 * copy's CSV is written again from its new JSON (its follow-up columns show the step). The same state rule as
 * {@code follow_up.lua}: a question pending, rejected, withdrawn or merged is not followed up.
 */
public final class ArchivedChains implements ArchivedFollowUps, ArchivedQuestions, ArchivedRatings,
    ArchivedClassifications {
  private static final Set<String> NOT_FOLLOWED = Set.of("pending", "rejected", "withdrawn");

  private final Vertx vertx;
  private final ArchiveStore store;
  private final RecordSignatures signatures;
  private final Clock clock;
  /** The zone of the CSV's times ({@code record.timeZone}), as a record built from the chain has them. */
  private final ZoneId zone;

  public ArchivedChains(Vertx vertx, ArchiveStore store, RecordSignatures signatures, Clock clock, ZoneId zone) {
    this.vertx = vertx;
    this.zone = zone;
    this.store = store;
    this.signatures = signatures;
    this.clock = clock;
  }

  /** One step to append: a follow-up step, or a written answer ({@code text}, step {@code answered}). */
  private record Step(String questionId, String step, String agency, String due, String note, String text,
      String role, String requiredAgency, List<townhall.domain.Attachment> files) {
  }

  @Override
  public Future<ActionResult> append(String sessionId, String ref, String questionId, FollowUp step, String role) {
    return append(sessionId, ref, new Step(questionId, step.step().wireName(), step.agency(), step.dueText(),
        step.note(), null, role, null, List.of()));
  }

  @Override
  public Future<ActionResult> answer(String sessionId, String ref, String questionId, String text, String role,
      String requiredAgency, List<townhall.domain.Attachment> files) {
    return append(sessionId, ref, new Step(questionId, FollowUpStep.ANSWERED, null, null, null, text, role,
        requiredAgency, files));
  }

  @Override
  public Future<Optional<String>> referredAgency(String sessionId, String questionId) {
    return store.content(sessionId, true).compose(content -> content.isEmpty()
        ? Future.failedFuture(DomainException.notFound("No such session"))
        : vertx.executeBlocking(() -> {
          JsonObject question = question(unpack(content.get().jsonGz()), questionId);
          if (question == null) {
            throw DomainException.notFound("No such question");
          }
          return Optional.ofNullable(latestReferral(question));
        }, false));
  }

  @Override
  public Future<FollowUpStore.Brief> brief(String sessionId, String questionId) {
    return store.content(sessionId, true).compose(content -> content.isEmpty()
        ? Future.failedFuture(DomainException.notFound("No such session"))
        : vertx.executeBlocking(() -> {
          JsonObject question = question(unpack(content.get().jsonGz()), questionId);
          if (question == null) {
            throw DomainException.notFound("No such question");
          }
          return new FollowUpStore.Brief(question.getString("text", ""), question.getString("followCode"));
        }, false));
  }

  private Future<ActionResult> append(String sessionId, String ref, Step step) {
    // unpacking, changing and packing both copies is CPU work in proportion to the record: on a worker thread
    return store.append(sessionId, ref, head -> vertx.executeBlocking(() -> rewrite(head, step), false))
        .map(appended -> new ActionResult(step.questionId(), null, null, 0, false, null, appended.duplicate()));
  }

  /** The agency of the question's latest referral ({@code referred} or {@code referredUp}), else null. */
  private static String latestReferral(JsonObject question) {
    String agency = null;
    for (Object item : question.getJsonArray("followUp", new JsonArray())) {
      JsonObject s = (JsonObject) item;
      if ("referred".equals(s.getString("step")) || "referredUp".equals(s.getString("step"))) {
        agency = s.getString("agency");
      }
    }
    return agency;
  }

  @Override
  public Future<ActionResult> rate(String sessionId, String ref, String questionId, String rating, String reason) {
    return store.append(sessionId, ref, head -> vertx.executeBlocking(() -> rewriteRating(head, questionId, rating,
            reason), false))
        .map(appended -> new ActionResult(questionId, null, null, 0, false, null, appended.duplicate()));
  }

  /** Both copies with a {@code rated} entry as their last link and the question's {@code satisfaction} counted. */
  private ArchiveStore.Rewrite rewriteRating(ArchiveStore.Head head, String questionId, String rating,
      String reason) throws IOException {
    JsonObject full = unpack(head.fullCopy().jsonGz());
    JsonObject question = question(full, questionId);
    if (question == null) {
      throw DomainException.notFound("No such question");
    }
    if (question.getValue("answer") == null && !"answered".equals(question.getString("status"))) {
      throw new DomainException(ErrorCode.CONFLICT, "The question has no answer to rate yet");
    }
    JsonObject counts = question.getJsonObject("satisfaction", new JsonObject());
    if (counts.getInteger("satisfied", 0) + counts.getInteger("notSatisfied", 0) > 0) {
      throw new DomainException(ErrorCode.CONFLICT, "The answer to this question was already rated");
    }
    long n = head.length() + 1;
    JsonObject entry = new JsonObject().put("k", "rated").put("n", n).put("at", clock.millis()).put("q", questionId)
        .put("rating", rating);
    if (reason != null) {
      entry.put("reason", reason);
    }
    String text = entry.encode();
    String hash = ChainHash.next(head.finalHash() == null ? ChainHash.START : head.finalHash(), text);
    JsonObject publicCopy = extendRated(unpack(head.publicCopy().jsonGz()), questionId, n, text, hash, rating);
    JsonObject fullCopy = extendRated(full, questionId, n, text, hash, rating);
    // the CSV's satisfaction columns show the rating
    return new ArchiveStore.Rewrite(n, text, hash,
        new ArchiveStore.Content(pack(publicCopy), csv(publicCopy)),
        new ArchiveStore.Content(pack(fullCopy), csv(fullCopy)));
  }

  private JsonObject extendRated(JsonObject record, String questionId, long n, String entry, String hash,
      String rating) {
    link(record, n, entry, hash);
    JsonObject question = question(record, questionId);
    JsonObject counts = question.getJsonObject("satisfaction");
    if (counts == null) {
      counts = new JsonObject().put("satisfied", 0).put("notSatisfied", 0);
      question.put("satisfaction", counts);
    }
    counts.put(rating, counts.getInteger(rating, 0) + 1);
    signatures.signJson(record);
    return record;
  }

  @Override
  public Future<ActionResult> classify(String sessionId, String ref, String questionId, String topic,
      String area) {
    return store.append(sessionId, ref, head -> vertx.executeBlocking(() -> rewriteClassified(head, questionId,
            topic, area), false))
        .map(appended -> new ActionResult(questionId, null, null, 0, false, null, appended.duplicate()));
  }

  /**
   * Both copies with a {@code classified} entry as their last link (the entry {@code classify.lua} writes, by the
   * organizer), the question's {@code topic} and {@code area} set, and the summary counted anew from the questions.
   */
  private ArchiveStore.Rewrite rewriteClassified(ArchiveStore.Head head, String questionId, String topic,
      String area) throws IOException {
    JsonObject full = unpack(head.fullCopy().jsonGz());
    if (question(full, questionId) == null) {
      throw DomainException.notFound("No such question");
    }
    long n = head.length() + 1;
    JsonObject entry = new JsonObject().put("k", "classified").put("n", n).put("at", clock.millis())
        .put("q", questionId);
    if (topic != null) {
      entry.put("topic", topic);
    }
    if (area != null) {
      entry.put("area", area);
    }
    entry.put("by", 0);
    String text = entry.encode();
    String hash = ChainHash.next(head.finalHash() == null ? ChainHash.START : head.finalHash(), text);
    JsonObject publicCopy = extendClassified(unpack(head.publicCopy().jsonGz()), questionId, n, text, hash, topic,
        area);
    JsonObject fullCopy = extendClassified(full, questionId, n, text, hash, topic, area);
    return new ArchiveStore.Rewrite(n, text, hash,
        new ArchiveStore.Content(pack(publicCopy), csv(publicCopy)),
        new ArchiveStore.Content(pack(fullCopy), csv(fullCopy)));
  }

  private JsonObject extendClassified(JsonObject record, String questionId, long n, String entry, String hash,
      String topic, String area) {
    link(record, n, entry, hash);
    JsonObject question = question(record, questionId);
    if (question != null) {
      question.put("topic", topic).put("area", area);
    }
    record.put("summary", ClassifiedSummary.of(record.getJsonArray("questions", new JsonArray())));
    signatures.signJson(record);
    return record;
  }

  private static void link(JsonObject record, long n, String entry, String hash) {
    JsonObject chain = record.getJsonObject("chain");
    chain.getJsonArray("links").add(new JsonObject().put("n", n).put("entry", entry).put("hash", hash));
    chain.put("length", n).put("finalHash", hash);
  }

  private ArchiveStore.Rewrite rewrite(ArchiveStore.Head head, Step step) throws IOException {
    String questionId = step.questionId();
    JsonObject full = unpack(head.fullCopy().jsonGz());
    JsonObject question = question(full, questionId);
    if (question == null) {
      throw DomainException.notFound("No such question");
    }
    if (NOT_FOLLOWED.contains(question.getString("status")) || question.getValue("mergedInto") != null) {
      throw new DomainException(ErrorCode.CONFLICT,
          "A pending, rejected, withdrawn or merged question is not followed up");
    }
    String referral = latestReferral(question);
    if (step.requiredAgency() != null && !step.requiredAgency().equals(referral)) {
      throw DomainException.forbidden("The question is not referred to your agency");
    }
    String agency = step.text() != null ? referral : step.agency();
    long n = head.length() + 1;
    long at = clock.millis();
    JsonObject entry = new JsonObject().put("k", "followUp").put("n", n).put("at", at).put("q", questionId)
        .put("step", step.step());
    if (agency != null) {
      entry.put("agency", agency);
    }
    if (step.due() != null) {
      entry.put("due", step.due());
    }
    if (step.note() != null) {
      entry.put("note", step.note());
    }
    if (step.text() != null) {
      entry.put("text", step.text());
    }
    entry.put("role", step.role());
    if (!step.files().isEmpty()) {
      entry.put("files", RecordJson.files(step.files()));
    }
    String text = entry.encode();
    String hash = ChainHash.next(head.finalHash() == null ? ChainHash.START : head.finalHash(), text);
    JsonObject followUp = RecordJson.followUpStep(new QuestionRecord.FollowUp(at, step.step(), agency, step.due(),
        step.note(), step.role(), step.files()));
    JsonObject answer = step.text() == null ? null : new JsonObject().put("text", step.text()).put("at", at);
    JsonObject publicCopy = extend(unpack(head.publicCopy().jsonGz()), questionId, n, text, hash, followUp, answer);
    JsonObject fullCopy = extend(full, questionId, n, text, hash, followUp, answer);
    return new ArchiveStore.Rewrite(n, text, hash,
        new ArchiveStore.Content(pack(publicCopy), csv(publicCopy)),
        new ArchiveStore.Content(pack(fullCopy), csv(fullCopy)));
  }

  /** The copy's CSV, gzip-compressed, written from its JSON as a record built from the chain writes it. */
  private byte[] csv(JsonObject record) throws IOException {
    Language language = Language.fromWireName(record.getJsonObject("session").getString("locale"));
    RecordCsv csv = new RecordCsv(language, zone);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
      out.write(csv.header());
      JsonArray questions = record.getJsonArray("questions", new JsonArray());
      for (Object q : questions) {
        out.write(csv.row(RecordJson.questionRecord((JsonObject) q)));
      }
      // the classified summary (issue 17), counted anew from the questions as a record built from the chain has it
      out.write(SummaryCsv.encode(ClassifiedSummary.of(questions), questions, language));
      // the polls (issue 18), last
      out.write(new PollCsv(language, zone).part(RecordJson.pollRecords(record.getJsonArray("polls"))));
    }
    return bytes.toByteArray();
  }

  @Override
  public Future<Optional<FollowCodeStore.Found>> find(String code) {
    return store.followCode(code).compose(owner -> owner.isEmpty() ? Future.succeededFuture(Optional.empty())
        : store.find(owner.get().sessionId()).compose(entry -> entry.isEmpty() || entry.get().withdrawnAt() != null
            ? Future.succeededFuture(Optional.<FollowCodeStore.Found>empty())
            : store.content(owner.get().sessionId(), false).compose(content -> content.isEmpty()
                ? Future.succeededFuture(Optional.<FollowCodeStore.Found>empty())
                : vertx.executeBlocking(() -> found(content.get(), owner.get().sessionId(),
                    owner.get().questionId()), false))));
  }

  @Override
  public Future<List<FollowCodeStore.Coded>> followedIn(String sessionId) {
    return store.find(sessionId).compose(entry -> entry.isEmpty() || entry.get().withdrawnAt() != null
        ? Future.succeededFuture(List.<FollowCodeStore.Coded>of())
        : store.content(sessionId, false).compose(content -> content.isEmpty()
            ? Future.succeededFuture(List.<FollowCodeStore.Coded>of())
            : vertx.executeBlocking(() -> {
              List<FollowCodeStore.Coded> coded = new ArrayList<>();
              JsonObject record = unpack(content.get().jsonGz());
              for (Object item : record.getJsonArray("questions", new JsonArray())) {
                JsonObject q = (JsonObject) item;
                JsonArray steps = q.getJsonArray("followUp");
                if (steps != null && !steps.isEmpty() && q.getString("followCode") != null) {
                  found(record, sessionId, q.getString("id")).ifPresent(f ->
                      coded.add(new FollowCodeStore.Coded(q.getString("followCode"), f)));
                }
              }
              return coded;
            }, false)));
  }

  /** The question of the public copy, as the follow-up page shows it. */
  private static Optional<FollowCodeStore.Found> found(ArchiveStore.Content copy, String sessionId,
      String questionId)
      throws IOException {
    return found(unpack(copy.jsonGz()), sessionId, questionId);
  }

  private static Optional<FollowCodeStore.Found> found(JsonObject record, String sessionId, String questionId) {
    JsonObject q = question(record, questionId);
    if (q == null) {
      return Optional.empty();
    }
    JsonObject answer = q.getJsonObject("answer");
    List<FollowedQuestion.Step> steps = new ArrayList<>();
    for (Object item : q.getJsonArray("followUp", new JsonArray())) {
      JsonObject s = (JsonObject) item;
      List<townhall.domain.Attachment> files = new ArrayList<>();
      for (Object f : s.getJsonArray("files", new JsonArray())) {
        JsonObject file = (JsonObject) f;
        files.add(new townhall.domain.Attachment(file.getString("name"), file.getString("type"),
            file.getLong("size"), file.getString("sha256")));
      }
      steps.add(new FollowedQuestion.Step(s.getString("step"), s.getString("agency"), s.getString("due"),
          s.getLong("at", 0L), s.getString("note"), files));
    }
    JsonObject counts = q.getJsonObject("satisfaction", new JsonObject());
    return Optional.of(new FollowCodeStore.Found(new FollowedQuestion(questionId, q.getString("text"),
        q.getString("status"), answer == null ? null : new Answer(answer.getString("text"), answer.getLong("at")),
        steps, new FollowedQuestion.Satisfaction(counts.getInteger("satisfied", 0),
            counts.getInteger("notSatisfied", 0))), q.getValue("withheld") != null,
        q.getValue("mergedInto") != null, sessionId));
  }

  /** The copy with the entry as its last link and the step in its question, signed anew. */
  private JsonObject extend(JsonObject record, String questionId, long n, String entry, String hash,
      JsonObject followUp, JsonObject answer) {
    link(record, n, entry, hash);
    JsonObject question = question(record, questionId);
    JsonArray steps = question.getJsonArray("followUp");
    if (steps == null) {
      steps = new JsonArray();
      question.put("followUp", steps);
    }
    steps.add(followUp.copy());
    if (answer != null) {
      question.put("answer", answer.copy());
    }
    signatures.signJson(record);
    return record;
  }

  private static JsonObject question(JsonObject record, String questionId) {
    for (Object q : record.getJsonArray("questions", new JsonArray())) {
      if (q instanceof JsonObject question && questionId.equals(question.getString("id"))) {
        return question;
      }
    }
    return null;
  }

  private static JsonObject unpack(byte[] gz) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      byte[] bytes = in.readAllBytes();
      String text = new String(bytes, StandardCharsets.UTF_8);
      return new JsonObject(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
  }

  private static byte[] pack(JsonObject record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(record.encode().getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
