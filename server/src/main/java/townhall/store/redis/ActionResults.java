package townhall.store.redis;

import io.vertx.core.json.JsonObject;
import townhall.store.ActionResult;

/** Reads a write script's answer (or the stored first answer of a repeated ref). */
final class ActionResults {
  private ActionResults() {
  }

  static ActionResult of(JsonObject answer) {
    return new ActionResult(answer.getString("questionId"), answer.getInteger("votes"), answer.getBoolean("voted"),
        answer.getLong("version", 0L), answer.getBoolean("changed", false), answer.getString("status"),
        answer.getBoolean("duplicate", false), answer.getString("followCode"));
  }
}
