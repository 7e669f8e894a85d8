package townhall.load;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/** One question of a {@link FloorSession}: its text, status, voters and count. Guarded by the session's lock. */
final class FloorQuestion {
  final String id;
  final String text;
  final String author;
  final String authorId;
  final long createdAt;
  final Set<String> voters = new HashSet<>();
  String status;
  long voteVersion;

  FloorQuestion(String id, String text, String author, String authorId, String status, long createdAt) {
    this.id = id;
    this.text = text;
    this.author = author;
    this.authorId = authorId;
    this.status = status;
    this.createdAt = createdAt;
  }

  /** Whether residents other than the author see it. */
  boolean isPublic() {
    return !status.equals("pending");
  }

  /** The question as Townhall writes it in {@code question} events and welcomes. */
  JsonObject json() {
    return new JsonObject().put("id", id).put("text", text).put("author", author).put("status", status)
        .put("votes", voters.size()).put("createdAt", createdAt).put("answer", null).put("mergedInto", null)
        .put("edited", false).put("voteVersion", voteVersion);
  }
}
