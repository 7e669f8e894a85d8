package townhall.export;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import townhall.domain.record.QuestionRecord;
import townhall.domain.record.TrackedSession;
import townhall.record.RecordJson;
import townhall.service.PublishedFollowUps;
import townhall.store.ArchiveStore;
import townhall.store.TrackerStore;

/**
 * {@link PublishedFollowUps} from the archive, with what was read of each record kept per chain head: a request
 * asks PostgreSQL for the heads of the organization's published records (one query, no content) and reads, unpacks
 * and parses only the records whose head moved since (a follow-up step, a satisfaction count, a new publication).
 * A cache, not a twin: the archive stays the only place written, and a moved head is read again. It holds at most
 * {@link #CACHE_SESSIONS} records beyond those of the request being answered, and only their followed questions.
 */
public final class TrackedRecords implements PublishedFollowUps {
  /** Records kept beyond one request's: past it, those the request did not name are dropped. */
  static final int CACHE_SESSIONS = 5_000;

  private final Vertx vertx;
  private final TrackerStore heads;
  private final ArchiveStore archive;
  private final Map<String, Read> cache = new ConcurrentHashMap<>();
  /** Reads under way, by session and head. */
  private final Map<String, Future<Read>> reading = new ConcurrentHashMap<>();

  /** What was read of one record, for the head it was read at. */
  private record Read(long length, String finalHash, String title, List<TrackedSession.Item> items) {
  }

  public TrackedRecords(Vertx vertx, TrackerStore heads, ArchiveStore archive) {
    this.vertx = vertx;
    this.heads = heads;
    this.archive = archive;
  }

  @Override
  public Future<List<TrackedSession>> below(long organizationId) {
    return heads.publishedBelow(organizationId).compose(published -> {
      List<Future<TrackedSession>> sessions = new ArrayList<>();
      published.forEach(head -> sessions.add(session(head)));
      return Future.all(sessions).map(all -> {
        trim(published);
        List<TrackedSession> list = new ArrayList<>();
        sessions.forEach(s -> {
          if (s.result() != null) {
            list.add(s.result());
          }
        });
        return list;
      });
    });
  }

  private Future<TrackedSession> session(TrackerStore.PublishedHead head) {
    Read read = cache.get(head.sessionId());
    if (read != null && read.length() == head.length() && Objects.equals(read.finalHash(), head.finalHash())) {
      return Future.succeededFuture(tracked(head, read));
    }
    // requests arriving together after a head moved read the record once, not once each
    String key = head.sessionId() + ':' + head.length() + ':' + head.finalHash();
    Promise<Read> reader = Promise.promise();
    Future<Read> pending = reading.putIfAbsent(key, reader.future());
    if (pending != null) {
      return pending.map(parsed -> parsed == null ? null : tracked(head, parsed));
    }
    archive.content(head.sessionId(), false).compose(content -> content.isEmpty()
        ? Future.<Read>succeededFuture(null)
        : vertx.executeBlocking(() -> parse(content.get().jsonGz()), false).map(parsed -> {
          // keyed by the head of what was read (it may be newer than the head listed a moment before)
          cache.put(head.sessionId(), parsed);
          return parsed;
        }))
        .onComplete(done -> {
          reading.remove(key);
          reader.handle(done);
        });
    return reader.future().map(parsed -> parsed == null ? null : tracked(head, parsed));
  }

  private static TrackedSession tracked(TrackerStore.PublishedHead head, Read read) {
    return new TrackedSession(head.sessionId(), read.title(), head.organizationSlug(), head.seriesSlug(),
        head.seriesTitle(), read.items());
  }

  private void trim(List<TrackerStore.PublishedHead> published) {
    if (cache.size() <= CACHE_SESSIONS) {
      return;
    }
    Set<String> named = new HashSet<>();
    published.forEach(h -> named.add(h.sessionId()));
    cache.keySet().removeIf(id -> !named.contains(id));
  }

  /** The public copy's followed questions. Blocking: on a worker thread. */
  private static Read parse(byte[] jsonGz) throws IOException {
    JsonObject record;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(jsonGz), 1 << 16)) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      record = new JsonObject(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }
    List<TrackedSession.Item> items = new ArrayList<>();
    for (Object item : record.getJsonArray("questions", new JsonArray())) {
      JsonObject q = (JsonObject) item;
      JsonArray steps = q.getJsonArray("followUp");
      if (steps == null || steps.isEmpty()) {
        continue;
      }
      JsonObject satisfaction = q.getJsonObject("satisfaction");
      items.add(new TrackedSession.Item(q.getString("id"), q.getString("followCode"), q.getString("text"),
          q.getValue("topic") instanceof String topic ? topic : null, RecordJson.followUpSteps(steps),
          satisfaction == null ? QuestionRecord.Satisfaction.NONE : new QuestionRecord.Satisfaction(
              satisfaction.getInteger("satisfied", 0), satisfaction.getInteger("notSatisfied", 0))));
    }
    JsonObject chain = record.getJsonObject("chain");
    return new Read(chain.getLong("length"), chain.getString("finalHash"),
        record.getJsonObject("session").getString("title"), items);
  }
}
