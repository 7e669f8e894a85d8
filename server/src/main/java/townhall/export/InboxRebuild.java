package townhall.export;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.InboxItem;
import townhall.service.ReadRecord;
import townhall.service.ReferredItems;

/**
 * The open referred questions of a session from its full record (built from Redis, or the archived copy once
 * Redis let it go): the record's {@code followUp[]} of each question is the fold of the chain's follow-up entries,
 * so the inbox rebuilt from it is what the chain says.
 */
public final class InboxRebuild implements ReferredItems {
  private final Vertx vertx;
  private final RecordExports exports;

  public InboxRebuild(Vertx vertx, RecordExports exports) {
    this.vertx = vertx;
    this.exports = exports;
  }

  @Override
  public Future<List<InboxItem>> of(String sessionId) {
    return exports.files(sessionId, ReadRecord.Reader.MODERATOR).compose(files -> vertx.executeBlocking(() -> {
      String text = Files.readString(files.json(false), StandardCharsets.UTF_8);
      return items(sessionId, new JsonObject(text.startsWith("\uFEFF") ? text.substring(1) : text));
    }, false));
  }

  /** The latest referral of each question with no answer after it. */
  static List<InboxItem> items(String sessionId, JsonObject record) {
    List<InboxItem> items = new ArrayList<>();
    for (Object entry : record.getJsonArray("questions", new JsonArray())) {
      JsonObject question = (JsonObject) entry;
      InboxItem open = null;
      for (Object s : question.getJsonArray("followUp", new JsonArray())) {
        JsonObject step = (JsonObject) s;
        String name = step.getString("step");
        if ("referred".equals(name) || "referredUp".equals(name)) {
          open = new InboxItem(sessionId, question.getString("id"), step.getString("agency"),
              LocalDate.parse(step.getString("due")), step.getLong("at"), question.getString("text", ""),
              question.getString("followCode"));
        } else if ("answered".equals(name)) {
          open = null;
        }
      }
      if (open != null) {
        items.add(open);
      }
    }
    return items;
  }
}
