package townhall.store.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.domain.Answer;
import townhall.domain.FollowedQuestion;
import townhall.store.FollowCodeStore;

/**
 * Follow-up codes in Redis: the code's key names the session, the session's {@code follows} hash the question, and
 * the question's hash and step list what the page shows (four small reads, each of one key).
 */
public final class RedisFollowCodeStore implements FollowCodeStore {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final RedisKeys keys;

  public RedisFollowCodeStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.keys = keys;
  }

  @Override
  public Future<Optional<Found>> find(String code) {
    return calls.call(() -> redis.get(keys.follow(code))).compose(sessionId -> {
      if (sessionId == null) {
        return Future.succeededFuture(Optional.empty());
      }
      return calls.call(() -> redis.hget(keys.follows(sessionId), code)).compose(questionId -> questionId == null
          ? Future.succeededFuture(Optional.<Found>empty()) : question(sessionId, questionId));
    });
  }

  @Override
  public Future<Optional<List<Coded>>> followedIn(String sessionId) {
    return calls.call(() -> redis.exists(keys.session(sessionId))).compose(exists -> exists == 0
        ? Future.succeededFuture(Optional.<List<Coded>>empty())
        : calls.call(() -> redis.smembers(keys.followed(sessionId))).compose(ids -> {
          List<Future<Optional<Coded>>> reads = new ArrayList<>();
          for (String id : ids) {
            reads.add(calls.call(() -> redis.hget(keys.base(sessionId) + "q:" + id, "fc"))
                .compose(code -> code == null ? Future.succeededFuture(Optional.<Coded>empty())
                    : question(sessionId, id).map(found -> found.map(f -> new Coded(code, f)))));
          }
          return Future.all(reads).map(done -> {
            List<Coded> coded = new ArrayList<>();
            for (int i = 0; i < reads.size(); i++) {
              done.<Optional<Coded>>resultAt(i).ifPresent(coded::add);
            }
            return Optional.of(coded);
          });
        }));
  }

  private Future<Optional<Found>> question(String sessionId, String questionId) {
    String base = keys.base(sessionId);
    return calls.call(() -> redis.hmget(base + "q:" + questionId, "text", "status", "withheld", "mergedInto",
            "answerText", "answerAt", "rt"))
        .compose(fields -> calls.call(() -> redis.lrange(base + "fu:" + questionId, 0, -1)).map(steps -> {
          String status = value(fields, 1);
          if (status == null) {
            return Optional.<Found>empty();
          }
          String answerText = value(fields, 4);
          Answer answer = answerText == null ? null
              : new Answer(answerText, Long.parseLong(value(fields, 5) == null ? "0" : value(fields, 5)));
          List<FollowedQuestion.Step> list = new ArrayList<>();
          for (String step : steps) {
            JsonObject s = new JsonObject(step);
            list.add(new FollowedQuestion.Step(s.getString("step"), s.getString("agency"), s.getString("due"),
                s.getLong("at", 0L), s.getString("note"), files(s)));
          }
          String rating = value(fields, 6);
          FollowedQuestion.Satisfaction satisfaction = rating == null ? FollowedQuestion.Satisfaction.NONE
              : "satisfied".equals(rating) ? new FollowedQuestion.Satisfaction(1, 0)
              : new FollowedQuestion.Satisfaction(0, 1);
          return Optional.of(new Found(new FollowedQuestion(questionId, value(fields, 0), status, answer, list,
              satisfaction), value(fields, 2) != null, value(fields, 3) != null, sessionId));
        }));
  }

  /** An answer step's files as follow_up.lua keeps them ({@code [{name,type,size,sha256}]}). */
  private static List<townhall.domain.Attachment> files(JsonObject step) {
    List<townhall.domain.Attachment> files = new ArrayList<>();
    if (step.getValue("files") instanceof io.vertx.core.json.JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        JsonObject f = array.getJsonObject(i);
        files.add(new townhall.domain.Attachment(f.getString("name"), f.getString("type"), f.getLong("size"),
            f.getString("sha256")));
      }
    }
    return files;
  }

  private static String value(List<KeyValue<String, String>> fields, int index) {
    return fields.get(index).getValueOrElse(null);
  }
}
