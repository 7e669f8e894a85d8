package townhall.record;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.ModerationAction;
import townhall.domain.QuestionStatus;
import townhall.domain.SessionStatus;
import townhall.domain.record.ChainEntry;

/**
 * Reads the JSON entries of the record chain (written by the Lua scripts; the vocabulary is in
 * {@code docs/record.md}):
 *
 * <pre>
 * {"k":"created","n":1,"at":…,"id":"…","title":"…","moderation":"pre","anonymous":true,"locale":"vi"}
 * {"k":"asked","n":2,"at":…,"q":"1","text":"…","author":"Chị Lan","status":"pending"}   author absent: anonymous
 * {"k":"withdrawn","n":3,"at":…,"q":"1"}
 * {"k":"moderated","n":4,"at":…,"q":"1","action":"reject","by":1,"reason":"…"}         also text, into, votes
 * {"k":"stage","n":5,"at":…,"q":"2"}                                                     q absent: stage empty
 * {"k":"status","n":6,"at":…,"from":"open","to":"closed","by":0,"votes":{"1":3},"participants":40}
 * {"k":"published","n":7,"at":…,"by":0}
 * </pre>
 */
public final class ChainEntries {
  private ChainEntries() {
  }

  /** The entry; fails with {@link IllegalArgumentException} for anything that is not one. */
  public static ChainEntry parse(String entry) {
    JsonObject json;
    try {
      json = new JsonObject(entry);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    try {
      return read(json);
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("a field is missing or of the wrong type in " + entry, e);
    }
  }

  private static ChainEntry read(JsonObject json) {
    String kind = json.getString("k");
    long n = json.getLong("n");
    long at = json.getLong("at");
    if (kind == null) {
      throw new IllegalArgumentException("entry " + n + " has no kind");
    }
    return switch (kind) {
      case "created" -> new ChainEntry.Created(n, at, json.getString("id"), json.getString("title"),
          Moderation.fromWireName(json.getString("moderation")), json.getBoolean("anonymous"),
          Language.fromWireName(json.getString("locale")));
      case "asked" -> new ChainEntry.Asked(n, at, required(json, "q"), json.getString("text"),
          json.getString("author"), QuestionStatus.fromWireName(json.getString("status")));
      case "withdrawn" -> new ChainEntry.Withdrawn(n, at, required(json, "q"));
      case "moderated" -> moderated(json, n, at);
      case "stage" -> new ChainEntry.Staged(n, at, json.getString("q"));
      case "status" -> new ChainEntry.StatusChanged(n, at, json.getInteger("by"),
          SessionStatus.fromWireName(json.getString("from")), SessionStatus.fromWireName(json.getString("to")),
          votes(json.getJsonObject("votes")), json.getInteger("participants"));
      case "published" -> new ChainEntry.Published(n, at, json.getInteger("by"));
      default -> throw new IllegalArgumentException("entry " + n + " is of an unknown kind: " + kind);
    };
  }

  private static ChainEntry.Moderated moderated(JsonObject json, long n, long at) {
    ModerationAction action = ModerationAction.fromWireName(json.getString("action"));
    if (action == null) {
      throw new IllegalArgumentException("entry " + n + " has an unknown action: " + json.getString("action"));
    }
    return new ChainEntry.Moderated(n, at, required(json, "q"), action, json.getInteger("by"),
        json.getString("text"), json.getString("reason"), json.getString("into"), json.getInteger("votes"));
  }

  private static String required(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("entry " + json.getLong("n") + " lacks '" + field + "'");
    }
    return value;
  }

  private static Map<String, Integer> votes(JsonObject json) {
    if (json == null) {
      return null;
    }
    Map<String, Integer> votes = new LinkedHashMap<>();
    json.forEach(e -> votes.put(e.getKey(), ((Number) e.getValue()).intValue()));
    return votes;
  }
}
