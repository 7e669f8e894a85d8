package townhall.store.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.util.Arrays;
import java.util.List;
import townhall.domain.StreamSettings;
import townhall.store.StreamSettingsStore;

/** Livestream settings in the session's {@code stream} hash (one read; the write checks the session exists). */
public final class RedisStreamSettingsStore implements StreamSettingsStore {
  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;

  public RedisStreamSettingsStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls,
      LuaScripts scripts, RedisKeys keys) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
  }

  @Override
  public Future<StreamSettings> find(String sessionId) {
    return calls.call(() -> redis.hmget(keys.stream(sessionId), "url", "origins")).map(fields -> {
      String url = value(fields, 0);
      String origins = value(fields, 1);
      return new StreamSettings(url == null || url.isEmpty() ? null : url,
          origins == null || origins.isBlank() ? List.of() : Arrays.asList(origins.split(" ")));
    });
  }

  @Override
  public Future<Void> save(String sessionId, StreamSettings settings) {
    return scripts.run(LuaScripts.Script.STREAM_SETTINGS, List.of(keys.session(sessionId), keys.stream(sessionId)),
        settings.streamUrl() == null ? "" : settings.streamUrl(), String.join(" ", settings.embedOrigins()))
        .mapEmpty();
  }

  private static String value(List<KeyValue<String, String>> fields, int index) {
    KeyValue<String, String> field = fields.get(index);
    return field.hasValue() ? field.getValue() : null;
  }
}
