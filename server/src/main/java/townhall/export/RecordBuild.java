package townhall.export;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.record.ChainLink;
import townhall.domain.record.PreviewCounts;
import townhall.domain.record.QuestionRecord;
import townhall.domain.record.RecordActivity;
import townhall.domain.record.RecordFold;
import townhall.domain.record.SessionRecord;
import townhall.record.ChainEntries;
import townhall.record.PollCsv;
import townhall.record.RecordCsv;
import townhall.record.RecordJson;
import townhall.record.RecordSignatures;
import townhall.record.SummaryCsv;
import townhall.store.RecordStore;

/**
 * Builds the record of one chain head into files, holding neither the chain nor all the questions in memory:
 * <ol>
 *   <li>the chain is read from the store in slices of {@code sliceLinks} links up to the head (each a bounded
 *       command; the chain is append-only, so what the slices return is the chain that ended in that head), and
 *       spooled to disk as it comes (one JSON line per link, its sealed values included), while the first window
 *       of questions is folded;</li>
 *   <li>for the public copy, every window is folded with every sealed value revealed to learn which of them may
 *       be public ({@link RecordFold.Pass#publicFields}: it depends on what became of each question), kept as one
 *       bit per entry and field;</li>
 *   <li>the questions are folded a window of {@code foldWindow} at a time (one pass over the spooled chain per
 *       window, as this copy shows it), each window written out as JSON and CSV rows, with its vote counts read
 *       then (or taken from the tally of a closed session) and its upvotes' times counted into the activity;</li>
 *   <li>the identities' join times are scanned in slices;</li>
 *   <li>the JSON record is assembled from its head (everything but the questions and the links) and the spooled
 *       parts, written at once plain and gzip-compressed, and so is the CSV.</li>
 * </ol>
 * Every file is written on one worker thread ({@code worker}), every store read from the caller's context; the
 * steps follow one another through futures, so the state below is never touched by two threads at once.
 */
final class RecordBuild {
  /** Questions whose vote counts and vote times are read in one pipelined batch. */
  private static final int BATCH = 200;
  /** Vote times of one question per read, and identities per scan step. */
  private static final int TIMES_SLICE = 1000;

  private final WorkerExecutor worker;
  private final RecordStore store;
  private final TownhallConfig.Record settings;
  private final Clock clock;
  private final RecordStore.Head head;
  private final String sessionId;
  private final Path dir;

  private final boolean full;
  private BufferedWriter links;
  private BufferedWriter questions;
  private BufferedWriter csvRows;
  private RecordFold.Pass firstPass;
  private RecordFold.Outline outline;
  private RecordActivity.Counter activity;
  private RecordCsv csv;
  private final RecordFold.Totals totals = new RecordFold.Totals();
  private final PreviewCounts preview = new PreviewCounts();
  private final townhall.record.ClassifiedSummary summary = new townhall.record.ClassifiedSummary();
  /** The classified summary's part of the CSV (issue 17), and its questions grouped by topic, spooled. */
  private SummaryCsv summaryCsv;
  private TopicSpool byTopic;
  /** For the public copy: by sealed field name, the numbers of the entries whose value of it may be public. */
  private final Map<String, BitSet> publicFields = new HashMap<>();
  private boolean firstQuestion = true;
  /** Each question's id and vote count, as the export signature covers them (RecordSignatures.exportMessage). */
  private final JsonArray signedVotes = new JsonArray();
  private final RecordSignatures signer;

  /** @param full whether to build the full copy (every sealed value revealed) or the public one */
  RecordBuild(WorkerExecutor worker, RecordStore store, TownhallConfig.Record settings, Clock clock,
      RecordStore.Head head, boolean full, Path dir, RecordSignatures signer) {
    this.signer = signer;
    this.full = full;
    this.worker = worker;
    this.store = store;
    this.settings = settings;
    this.clock = clock;
    this.head = head;
    this.sessionId = head.session().id();
    this.dir = dir;
  }

  Future<RecordFiles> run() {
    return blocking(this::open)
        .compose(ignored -> readChain(1))
        .compose(ignored -> blocking(this::outline))
        .compose(ignored -> full ? Future.succeededFuture() : findPublicFields(0, firstPass))
        .compose(ignored -> full ? Future.succeededFuture(firstPass) : blocking(() -> fold(0)))
        .compose(pass -> foldWindow(0, pass))
        .compose(ignored -> countJoins("0", 0))
        .compose(participants -> blocking(() -> assemble(participants)))
        .recover(e -> blocking(this::deleteAll).transform(deleted -> Future.<RecordFiles>failedFuture(e)));
  }

  private Void open() throws IOException {
    Files.createDirectories(dir);
    links = writer(part("links"));
    questions = writer(part("questions"));
    csvRows = writer(part("csv"));
    byTopic = new TopicSpool(dir);
    firstPass = new RecordFold.Pass(0, settings.foldWindow());
    return null;
  }

  /** Reads links {@code from} .. the head's length, a slice at a time, spooling and folding each slice. */
  private Future<Void> readChain(long from) {
    if (from > head.length()) {
      return Future.succeededFuture();
    }
    int count = (int) Math.min(settings.sliceLinks(), head.length() - from + 1);
    return store.links(sessionId, from, count).compose(slice -> {
      if (slice.isEmpty() || slice.get(0).n() != from) {
        return Future.failedFuture(DomainException.notFound("The session was deleted while its record was read"));
      }
      ChainLink last = slice.get(slice.size() - 1);
      if (last.n() == head.length() && !last.hash().equals(head.finalHash())) {
        return Future.failedFuture(new DomainException(ErrorCode.CONFLICT,
            "The record chain does not end in the hash its session names"));
      }
      return blocking(() -> spool(slice)).compose(ignored -> readChain(last.n() + 1));
    });
  }

  private Void spool(List<ChainLink> slice) throws IOException {
    for (ChainLink link : slice) {
      links.write(RecordJson.link(link).encode());
      links.write('\n');
      firstPass.apply(ChainEntries.parse(link.entry(), link.secrets()));
    }
    return null;
  }

  private Void outline() throws IOException {
    outline = firstPass.outline(head.session(), clock.millis());
    activity = new RecordActivity.Counter(outline.createdAt(), outline.activityEnd());
    csv = new RecordCsv(outline.locale(), settings.timeZone());
    summaryCsv = new SummaryCsv(outline.locale());
    links.close();
    return null;
  }

  /**
   * For the public copy: which sealed values may be public depends on what became of each question, so every
   * window is first folded with every value revealed (window 0 was, while the chain was read).
   */
  private Future<Void> findPublicFields(long window, RecordFold.Pass fullPass) {
    fullPass.publicFields().forEach((n, fields) -> fields.forEach(field ->
        publicFields.computeIfAbsent(field, f -> new BitSet()).set(Math.toIntExact(n))));
    long next = window + 1;
    if (next * settings.foldWindow() >= firstPass.asked()) {
      return Future.succeededFuture();
    }
    return blocking(() -> foldFull(next)).compose(pass -> findPublicFields(next, pass));
  }

  /** The sealed fields of entry {@code n} that the public copy reveals. */
  private Set<String> publicFieldsOf(long n) {
    Set<String> fields = new HashSet<>();
    publicFields.forEach((field, entries) -> {
      if (entries.get(Math.toIntExact(n))) {
        fields.add(field);
      }
    });
    return fields;
  }

  /** The link as this copy shows it: every sealed value (full), or only those that may be public. */
  private ChainLink shown(ChainLink link) {
    return full ? link : link.revealing(publicFieldsOf(link.n()));
  }

  /** Writes window {@code window} (folded by {@code pass}), then folds and writes the next one, if any. */
  private Future<Void> foldWindow(long window, RecordFold.Pass pass) {
    List<String> ids = pass.questionIds();
    return votes(ids)
        .compose(votes -> blocking(() -> write(pass, votes)))
        .compose(merged -> countVoteTimes(ids, merged, 0))
        .compose(ignored -> {
          long next = window + 1;
          if (next * settings.foldWindow() >= firstPass.asked()) {
            return Future.succeededFuture();
          }
          return blocking(() -> fold(next)).compose(nextPass -> foldWindow(next, nextPass));
        });
  }

  /** A pass over the spooled chain as this copy shows it, keeping the questions of window {@code window}. */
  private RecordFold.Pass fold(long window) throws IOException {
    return fold(window, true);
  }

  /** A pass over the spooled chain with every sealed value revealed, keeping the questions of {@code window}. */
  private RecordFold.Pass foldFull(long window) throws IOException {
    return fold(window, false);
  }

  private RecordFold.Pass fold(long window, boolean asShown) throws IOException {
    RecordFold.Pass pass = new RecordFold.Pass(window * settings.foldWindow(), settings.foldWindow());
    try (BufferedReader reader = Files.newBufferedReader(part("links"), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        ChainLink link = RecordJson.link(new JsonObject(line));
        ChainLink applied = asShown ? shown(link) : link;
        pass.apply(ChainEntries.parse(applied.entry(), applied.secrets()));
      }
    }
    return pass;
  }

  /** The vote counts of a window's questions: the close's tally when final, else read now in batches. */
  private Future<Map<String, Integer>> votes(List<String> ids) {
    if (outline.votesFinal()) {
      return Future.succeededFuture(outline.finalVotes());
    }
    return readVotes(ids, 0, new HashMap<>());
  }

  private Future<Map<String, Integer>> readVotes(List<String> ids, int from, Map<String, Integer> votes) {
    if (from >= ids.size()) {
      return Future.succeededFuture(votes);
    }
    List<String> batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
    return store.tallies(sessionId, batch).compose(tallies -> {
      tallies.forEach(t -> votes.put(t.id(), t.votes()));
      return readVotes(ids, from + BATCH, votes);
    });
  }

  /** Writes a window's questions as JSON and CSV rows; answers the ids of those merged into another. */
  private Set<String> write(RecordFold.Pass pass, Map<String, Integer> votes) throws IOException {
    Set<String> merged = new HashSet<>();
    for (QuestionRecord q : pass.questions(id -> votes.getOrDefault(id, 0))) {
      questions.write(firstQuestion ? "" : ",");
      JsonObject question = RecordJson.question(q);
      questions.write(question.encode());
      summary.add(question);
      byTopic.add(question.getString("topic"), summaryCsv.groupedRow(question));
      signedVotes.add(new JsonObject().put("id", question.getValue("id")).put("votes", question.getValue("votes")));
      firstQuestion = false;
      csvRows.write(csv.row(q));
      totals.add(q);
      preview.add(q);
      activity.question(q.askedAt());
      if (q.mergedInto() != null) {
        merged.add(q.id());
      }
    }
    return merged;
  }

  /**
   * Counts when the standing upvotes were cast, a batch of questions at a time; a merged question's upvotes were
   * united into its target's, and are counted there, once.
   */
  private Future<Void> countVoteTimes(List<String> ids, Set<String> merged, int from) {
    if (from >= ids.size()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> batch = new ArrayList<>();
    for (String id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
      if (!merged.contains(id)) {
        batch.add(countVoteTimes(id, 0));
      }
    }
    return Future.all(batch).compose(ignored -> countVoteTimes(ids, merged, from + BATCH));
  }

  private Future<Void> countVoteTimes(String questionId, long from) {
    return store.voteTimes(sessionId, questionId, from, TIMES_SLICE).compose(times -> {
      times.forEach(activity::vote);
      return times.size() < TIMES_SLICE ? Future.succeededFuture() : countVoteTimes(questionId, from + TIMES_SLICE);
    });
  }

  /** Scans the identities' join times; answers how many were seen. */
  private Future<Integer> countJoins(String cursor, int seen) {
    return store.joins(sessionId, cursor, TIMES_SLICE).compose(slice -> {
      slice.times().forEach(activity::join);
      int total = seen + slice.times().size();
      return "0".equals(slice.cursor()) ? Future.succeededFuture(total) : countJoins(slice.cursor(), total);
    });
  }

  private RecordFiles assemble(int participants) throws IOException {
    closeParts();
    long builtAt = clock.millis();
    SessionRecord outer = outline.record(totals.totals(outline.participants(participants), outline.bans()),
        List.of(), activity.activity(), List.of(), head.finalHash(), full);
    JsonObject summaryJson = summary.toJson();
    JsonObject json = RecordJson.encode(outer).put("summary", summaryJson);
    json.getJsonObject("chain").put("length", head.length());
    // signed as the whole record would be: the signature covers every question's votes, gathered while writing
    JsonObject signing = json.copy().put("questions", signedVotes);
    signer.signJson(signing);
    json.getJsonObject("chain").put("signature", signing.getJsonObject("chain").getValue("signature"));
    json.put("exportSignature", signing.getValue("exportSignature"));
    RecordFiles files = new RecordFiles(sessionId, full, head.length(), head.finalHash(), outline.votesFinal(),
        outline.publishedAt() != null, builtAt, full ? null : preview, dir);
    try (Writer out = both(files.json(false), files.json(true))) {
      writeJson(out, json);
    }
    try (OutputStream out = new BothOutputs(Files.newOutputStream(files.csv(false)),
        new GZIPOutputStream(Files.newOutputStream(files.csv(true)), 1 << 16))) {
      out.write(csv.header().getBytes(StandardCharsets.UTF_8));
      Files.copy(part("csv"), out);
      writeSummaryCsv(out, summaryJson);
      out.write(new PollCsv(outline.locale(), settings.timeZone()).part(outline.polls())
          .getBytes(StandardCharsets.UTF_8));
    }
    byTopic.delete();
    for (String name : List.of("links", "questions", "csv")) {
      Files.deleteIfExists(part(name));
    }
    return files;
  }

  /** The CSV's classified summary after its question rows: the tables, then the questions grouped by topic. */
  private void writeSummaryCsv(OutputStream out, JsonObject summaryJson) throws IOException {
    out.write((summaryCsv.tables(summaryJson) + summaryCsv.groupedHeader()).getBytes(StandardCharsets.UTF_8));
    for (Object row : summaryJson.getJsonArray("topics")) {
      byTopic.copy(((JsonObject) row).getString("topic"), out);
    }
  }

  /**
   * The record's JSON: the fields of {@code outer} (the record without its questions and links) in their order,
   * with {@code questions} and {@code chain.links} copied from their spooled parts.
   */
  private void writeJson(Writer out, JsonObject outer) throws IOException {
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : outer) {
      out.write(first ? "" : ",");
      first = false;
      out.write(Json.encode(field.getKey()));
      out.write(':');
      if (field.getKey().equals("questions")) {
        copyArray(out, part("questions"));
      } else if (field.getKey().equals("chain") && field.getValue() instanceof JsonObject chain) {
        writeChain(out, chain);
      } else {
        out.write(Json.encode(field.getValue()));
      }
    }
    out.write('}');
  }

  private void writeChain(Writer out, JsonObject chain) throws IOException {
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : chain) {
      out.write(first ? "" : ",");
      first = false;
      out.write(Json.encode(field.getKey()));
      out.write(':');
      if (field.getKey().equals("links")) {
        writeLinks(out);
      } else {
        out.write(Json.encode(field.getValue()));
      }
    }
    out.write('}');
  }

  /** The spooled links, each as this copy shows it. */
  private void writeLinks(Writer out) throws IOException {
    out.write('[');
    boolean first = true;
    try (BufferedReader in = Files.newBufferedReader(part("links"), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.write(first ? "" : ",");
        first = false;
        out.write(full ? line : RecordJson.link(shown(RecordJson.link(new JsonObject(line)))).encode());
      }
    }
    out.write(']');
  }

  private static void copyArray(Writer out, Path part) throws IOException {
    out.write('[');
    try (BufferedReader in = Files.newBufferedReader(part, StandardCharsets.UTF_8)) {
      in.transferTo(out);
    }
    out.write(']');
  }

  private Void closeParts() throws IOException {
    for (Writer part : new Writer[] {links, questions, csvRows}) {
      if (part != null) {
        part.close();
      }
    }
    if (byTopic != null) {
      byTopic.close();
    }
    return null;
  }

  private Void deleteAll() {
    try {
      closeParts();
    } catch (IOException ignored) {
      // deleting them anyway
    }
    RecordExports.deleteTree(dir);
    return null;
  }

  private Path part(String name) {
    return dir.resolve(name + ".part");
  }

  private static BufferedWriter writer(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  private static Writer both(Path plain, Path gzip) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(new BothOutputs(Files.newOutputStream(plain),
        new GZIPOutputStream(Files.newOutputStream(gzip), 1 << 16)), StandardCharsets.UTF_8), 1 << 16);
  }

  private <T> Future<T> blocking(Callable<T> step) {
    return worker.executeBlocking(step);
  }
}
