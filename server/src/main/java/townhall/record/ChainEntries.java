package townhall.record;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import townhall.domain.Channel;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.ModerationAction;
import townhall.domain.QuestionStatus;
import townhall.domain.SessionStatus;
import townhall.domain.TextCategory;
import townhall.domain.record.ChainEntry;
import townhall.domain.record.SealedValue;

/**
 * Reads the JSON entries of the record chain (written by the Lua scripts; the vocabulary is in
 * {@code docs/record.md}):
 *
 * <pre>
 * {"k":"created","n":1,"at":…,"id":"…","title":"…","moderation":"pre","anonymous":true,"locale":"vi"}
 * {"k":"asked","n":2,"at":…,"q":"1","text":"…","author":"Chị Lan","status":"pending","code":"BN-4K7Q"}
 *                                                             author absent: anonymous; code: the follow-up code
 * {"k":"asked",…,"channel":"spoken","clerk":1,"area":"Tổ 5","speaker":"Bác Hùng"}   a clerk's entry; speaker sealed
 * {"k":"withdrawn","n":3,"at":…,"q":"1"}
 * {"k":"moderated","n":4,"at":…,"q":"1","action":"reject","by":1,"reason":"…"}         also text, into, votes
 * {"k":"stage","n":5,"at":…,"q":"2"}                                                     q absent: stage empty
 * {"k":"classified","n":11,"at":…,"q":"1","topic":"dat-dai","area":"khu-pho-3","by":1}   topic/area absent: none
 * {"k":"classified","n":12,"at":…,"q":"2","topic":"y-te","asker":true}         the asker's pick as they asked
 * {"k":"followUp","n":9,"at":…,"q":"1","step":"referred","agency":"p-tnmt","due":"2027-01-15","role":"moderator"}
 * {"k":"followUp","n":10,"at":…,"q":"1","step":"answered","agency":"p-tnmt","text":"…","role":"responder"}
 * {"k":"status","n":6,"at":…,"from":"open","to":"closed","by":0,"votes":{"1":3},"participants":40}
 * {"k":"published","n":7,"at":…,"by":0}
 * {"k":"unpublished","n":8,"at":…,"by":0,"reason":"…"}
 * </pre>
 *
 * <p>Entries written since sealed fields exist keep a question's text and author, an edit's text, a rejection's or
 * withholding's reason and a ban's question sealed: {@code "sealed":{"text":"<hash>",…}} in place of the field
 * (see {@link Seals}). A sealed field reads as its revealed value when the record reveals it with a matching
 * salted hash, else as {@code null}.
 */
public final class ChainEntries {
  private ChainEntries() {
  }

  /** The entry, revealing nothing; fails with {@link IllegalArgumentException} for anything that is not one. */
  public static ChainEntry parse(String entry) {
    return parse(entry, Map.of());
  }

  /**
   * The entry with the sealed values in {@code secrets} put in place; fails with {@link IllegalArgumentException}
   * for anything that is not an entry, and for a secret that the entry does not seal or whose salted hash is not the
   * one sealed.
   */
  public static ChainEntry parse(String entry, Map<String, SealedValue> secrets) {
    JsonObject json;
    try {
      json = new JsonObject(entry);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
    }
    try {
      return read(unseal(json, secrets));
    } catch (ClassCastException | NullPointerException e) {
      throw new IllegalArgumentException("a field is missing or of the wrong type in " + entry, e);
    }
  }

  /** The entry's JSON with each revealed sealed field set to its value (checked against its hash). */
  private static JsonObject unseal(JsonObject json, Map<String, SealedValue> secrets) {
    JsonObject sealed = json.getJsonObject("sealed");
    if (sealed == null) {
      if (!secrets.isEmpty()) {
        throw new IllegalArgumentException("entry " + json.getValue("n") + " seals nothing, yet values are given");
      }
      return json;
    }
    JsonObject open = json.copy();
    open.remove("sealed");
    for (String field : sealed.fieldNames()) {
      if (json.containsKey(field)) {
        throw new IllegalArgumentException("entry " + json.getValue("n") + " has '" + field + "' both open and sealed");
      }
    }
    secrets.forEach((field, secret) -> {
      String hash = sealed.getString(field);
      if (hash == null) {
        throw new IllegalArgumentException("entry " + json.getValue("n") + " does not seal '" + field + "'");
      }
      if (secret.salt() == null || secret.value() == null || !secret.salt().matches("[0-9a-f]{32}")
          || !Seals.hash(secret.salt(), secret.value()).equals(hash)) {
        throw new IllegalArgumentException("entry " + json.getValue("n") + ": the value given for '" + field
            + "' is not the sealed one");
      }
      open.put(field, secret.value());
    });
    return open.put(SEALED_NAMES, new JsonArray(new java.util.ArrayList<>(sealed.fieldNames())));
  }

  /** Where {@link #unseal} leaves the names of the sealed fields for {@link #read} (not a field of any entry). */
  private static final String SEALED_NAMES = "(sealed fields)";

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
      case "asked" -> asked(json, n, at);
      case "withdrawn" -> new ChainEntry.Withdrawn(n, at, required(json, "q"));
      case "moderated" -> moderated(json, n, at);
      case "stage" -> new ChainEntry.Staged(n, at, json.getString("q"));
      case "followUp" -> followedUp(json, n, at);
      case "classified" -> classified(json, n, at);
      case "rated" -> rated(json, n, at);
      case "status" -> new ChainEntry.StatusChanged(n, at, json.getInteger("by"),
          SessionStatus.fromWireName(json.getString("from")), SessionStatus.fromWireName(json.getString("to")),
          votes(json.getJsonObject("votes")), json.getInteger("participants"));
      case "published" -> new ChainEntry.Published(n, at, json.getInteger("by"));
      case "carried" -> new ChainEntry.CarriedOver(n, at, required(json, "action"), required(json, "code"),
          required(json, "session"), required(json, "q"), json.getInteger("by"));
      case "unpublished" -> new ChainEntry.Unpublished(n, at, json.getInteger("by"), json.getString("reason"));
      case "pollOpened" -> new ChainEntry.PollOpened(n, at, json.getInteger("by"), required(json, "poll"),
          required(json, "kind"), json.getString("question"), strings(json, "options"), json.getInteger("max", 0),
          json.getBoolean("hidden", false));
      case "pollClosed" -> new ChainEntry.PollClosed(n, at, json.getInteger("by"), required(json, "poll"),
          integers(json, "counts"), json.getInteger("answers", 0), texts(json), words(json));
      case "pollAnswerHidden" -> new ChainEntry.PollAnswerHidden(n, at, json.getInteger("by"),
          required(json, "poll"), json.getInteger("answer"));
      default -> throw new IllegalArgumentException("entry " + n + " is of an unknown kind: " + kind);
    };
  }

  private static ChainEntry.Asked asked(JsonObject json, long n, long at) {
    String channelName = json.getString("channel");
    Channel channel = channelName == null ? Channel.APP : Channel.ofClerkEntry(channelName);
    if (channel == null) {
      throw new IllegalArgumentException("entry " + n + " has an unknown channel: " + channelName);
    }
    Integer clerk = json.getInteger("clerk");
    if ((clerk == null) != (channel == Channel.APP)) {
      throw new IllegalArgumentException("entry " + n + " has a channel without its clerk, or a clerk without one");
    }
    return new ChainEntry.Asked(n, at, required(json, "q"), json.getString("text"), json.getString("author"),
        QuestionStatus.fromWireName(json.getString("status")), sealedNames(json), json.getString("code"), channel,
        clerk, json.getString("area"), json.getString("speaker"));
  }

  private static ChainEntry.Moderated moderated(JsonObject json, long n, long at) {
    ModerationAction action = ModerationAction.fromWireName(json.getString("action"));
    if (action == null) {
      throw new IllegalArgumentException("entry " + n + " has an unknown action: " + json.getString("action"));
    }
    Set<String> sealed = sealedNames(json);
    String category = json.getString("category");
    TextCategory textCategory = category == null ? null : TextCategory.fromWireName(category);
    if (category != null && textCategory == null) {
      throw new IllegalArgumentException("entry " + n + " has an unknown category: " + category);
    }
    String questionId = sealed.contains("q") ? json.getString("q") : required(json, "q");
    return new ChainEntry.Moderated(n, at, questionId, action, json.getInteger("by"),
        json.getString("text"), json.getString("reason"), json.getString("into"), json.getInteger("votes"),
        textCategory, json.getBoolean("publishOriginal", false), sealed,
        action == ModerationAction.PUBLISH_SLIP ? sha256(json, n) : null);
  }

  /** The SHA-256 a publishSlip entry names the photo by: 64 lowercase hex digits. */
  private static String sha256(JsonObject json, long n) {
    String sha256 = json.getString("sha256");
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("entry " + n + " publishes a photo without its sha256");
    }
    return sha256;
  }

  private static ChainEntry.FollowedUp followedUp(JsonObject json, long n, long at) {
    String step = required(json, "step");
    boolean answered = townhall.domain.FollowUpStep.ANSWERED.equals(step);
    if (townhall.domain.FollowUpStep.fromWireName(step) == null && !answered) {
      throw new IllegalArgumentException("entry " + n + " has an unknown follow-up step: " + step);
    }
    return new ChainEntry.FollowedUp(n, at, required(json, "q"), step, json.getString("agency"),
        json.getString("due"), json.getString("note"), required(json, "role"),
        answered ? required(json, "text") : null, files(json, n));
  }

  /** The attachments an answer commits to: each a name, a type, a size and a SHA-256 (64 hex digits). */
  private static java.util.List<townhall.domain.Attachment> files(JsonObject json, long n) {
    JsonArray files = json.getJsonArray("files");
    if (files == null) {
      return java.util.List.of();
    }
    java.util.List<townhall.domain.Attachment> list = new java.util.ArrayList<>();
    for (Object item : files) {
      if (!(item instanceof JsonObject f) || f.getString("name") == null || f.getString("type") == null
          || f.getValue("size") == null || f.getString("sha256") == null
          || !f.getString("sha256").matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("entry " + n + " has an attachment without name, type, size or sha256");
      }
      list.add(new townhall.domain.Attachment(f.getString("name"), f.getString("type"), f.getLong("size"),
          f.getString("sha256")));
    }
    return list;
  }

  private static ChainEntry.Rated rated(JsonObject json, long n, long at) {
    String rating = required(json, "rating");
    if (!"satisfied".equals(rating) && !"notSatisfied".equals(rating)) {
      throw new IllegalArgumentException("entry " + n + " has an unknown rating: " + rating);
    }
    return new ChainEntry.Rated(n, at, required(json, "q"), rating, json.getString("reason"));
  }

  /** A list the Lua scripts wrote (an empty one may come as {}). */
  private static JsonArray list(JsonObject json, String field) {
    Object value = json.getValue(field);
    return value instanceof JsonArray array ? array : new JsonArray();
  }

  private static java.util.List<String> strings(JsonObject json, String field) {
    java.util.List<String> values = new java.util.ArrayList<>();
    list(json, field).forEach(v -> values.add((String) v));
    return values;
  }

  private static java.util.List<Integer> integers(JsonObject json, String field) {
    java.util.List<Integer> values = new java.util.ArrayList<>();
    list(json, field).forEach(v -> values.add(((Number) v).intValue()));
    return values;
  }

  private static java.util.List<townhall.domain.record.PollRecord.Text> texts(JsonObject json) {
    java.util.List<townhall.domain.record.PollRecord.Text> texts = new java.util.ArrayList<>();
    list(json, "texts").forEach(v -> texts.add(new townhall.domain.record.PollRecord.Text(
        ((JsonObject) v).getInteger("n"), ((JsonObject) v).getString("text"))));
    return texts;
  }

  /** A text poll's word cloud at its close; null in entries written before the chain kept it. */
  private static java.util.List<townhall.domain.record.PollRecord.Word> words(JsonObject json) {
    if (!json.containsKey("words")) {
      return null;
    }
    java.util.List<townhall.domain.record.PollRecord.Word> words = new java.util.ArrayList<>();
    list(json, "words").forEach(v -> words.add(new townhall.domain.record.PollRecord.Word(
        ((JsonObject) v).getString("word"), ((JsonObject) v).getInteger("count"))));
    return words;
  }

  private static ChainEntry.Classified classified(JsonObject json, long n, long at) {
    Integer by = json.getInteger("by");
    boolean asker = json.getBoolean("asker", false);
    if ((by == null) != asker) {
      throw new IllegalArgumentException("entry " + n + " names neither a moderator nor the asker, or both");
    }
    return new ChainEntry.Classified(n, at, required(json, "q"), by, json.getString("topic"),
        json.getString("area"));
  }

  private static Set<String> sealedNames(JsonObject json) {
    JsonArray names = json.getJsonArray(SEALED_NAMES);
    if (names == null) {
      return Set.of();
    }
    Set<String> sealed = new java.util.HashSet<>();
    names.forEach(name -> sealed.add((String) name));
    return sealed;
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
