package townhall.store.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;

/**
 * Runs the scripts in {@code lua/} by EVALSHA, falling back to EVAL when Redis does not know the script yet (after
 * a restart, say). Every script answers one JSON string; an {@code err} answer becomes a {@link DomainException}.
 */
public final class LuaScripts {
  /**
   * The first line of every script that writes. A script that declares flags (here none: neither
   * {@code allow-oom} nor {@code no-writes}) is refused whole by Redis 7 with {@code OOM} while {@code used_memory}
   * is over {@code maxmemory}, before it runs, so a full Redis can never leave half a change. A script without the
   * line runs in compatibility mode, where only its first memory-growing write fails and one that starts with SREM
   * or HDEL (taking a vote back, say) runs to the end. Needs Redis 7.0 or later.
   */
  private static final String WRITES = "#!lua\n";

  /**
   * The parts a script is made of, in this order before the script itself. Every call of a script runs all of its
   * parts (Lua defines their functions and tables anew each time), so a script carries only what it uses: the
   * SHA-256 code only the scripts that append to the record's chain.
   */
  enum Part {
    /** {@code lua/sha256.lua}: SHA-256 in Lua, for the record's chain. */
    SHA256("sha256"),
    /** {@code lua/lib.lua}: time, answers, ref idempotency, hashes as tables. */
    LIB("lib"),
    /** {@code lua/lib_bucket.lua}: token buckets. */
    BUCKET("lib_bucket"),
    /** {@code lua/lib_session.lua}: questions and sessions as events, the event log, presence. */
    SESSION("lib_session"),
    /** {@code lua/lib_record.lua}: appending to the record's chain (needs {@link #SHA256}). */
    RECORD("lib_record"),
    /** {@code lua/lib_poll_close.lua}: closing a poll (needs {@link #SESSION} and {@link #RECORD}). */
    POLL_CLOSE("lib_poll_close");

    private final String file;

    Part(String file) {
      this.file = file;
    }
  }

  /**
   * The scripts, each its parts followed by {@code lua/<name>.lua}. The reads stay in compatibility mode, so
   * welcomes, resumes and records go on while Redis is full: their only writes are HDELs of expired presence
   * entries, which Redis allows then (and which free memory).
   */
  public enum Script {
    CREATE_SESSION("create_session", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    ASK("ask", true, Part.SHA256, Part.LIB, Part.BUCKET, Part.SESSION, Part.RECORD),
    VOTE("vote", true),
    WITHDRAW("withdraw", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    VIEW("view", false, Part.LIB, Part.SESSION),
    VIEW_SLICE("view_slice", false, Part.LIB),
    VOTED("voted", false),
    HISTORY("history", false, Part.LIB, Part.SESSION),
    PRESENCE("presence", true, Part.LIB, Part.SESSION),
    MODERATE("moderate", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    SESSION_STATUS("session_status", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD, Part.POLL_CLOSE),
    BUCKET("bucket", true, Part.LIB, Part.BUCKET),
    ROTATE_EPOCH("rotate_epoch", true, Part.LIB),
    IDENTITY("identity", true, Part.LIB),
    SIGNALS("signals", false, Part.LIB),
    PUBLISH("publish", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    UNPUBLISH("unpublish", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    DELETE_SESSION("delete_session", true, Part.LIB),
    DEL_IF("del_if", true), REVOKE_TOKENS("revoke_tokens", true, Part.LIB),
    FOLLOW_UP("follow_up", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    CARRY_OVER("carry_over", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    RATE("rate", true, Part.SHA256, Part.LIB, Part.RECORD),
    POLL("poll", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD, Part.POLL_CLOSE),
    ANSWER_POLL("answer_poll", true, Part.LIB, Part.BUCKET, Part.SESSION),
    STREAM_SETTINGS("stream_settings", true),
    CLASSIFY("classify", true, Part.SHA256, Part.LIB, Part.SESSION, Part.RECORD),
    SLIP("slip", true, Part.LIB, Part.SESSION);

    private final String file;
    private final boolean writes;
    private final Part[] parts;

    Script(String file, boolean writes, Part... parts) {
      this.file = file;
      this.writes = writes;
      this.parts = parts;
    }
  }

  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final String[] sources = new String[Script.values().length];
  private final String[] shas = new String[Script.values().length];

  public LuaScripts(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls) {
    this.redis = redis;
    this.calls = calls;
    for (Script script : Script.values()) {
      sources[script.ordinal()] = source(script);
      shas[script.ordinal()] = sha1(sources[script.ordinal()]);
    }
  }

  /** The SHA-1 Redis knows a script by ({@code SCRIPT EXISTS}), for operators and tests. */
  public static String sha(Script script) {
    return sha1(source(script));
  }

  /** The text Redis runs for a script: its parts, then the script itself. */
  static String source(Script script) {
    StringBuilder source = new StringBuilder(script.writes ? WRITES : "");
    for (Part part : script.parts) {
      source.append(read("lua/" + part.file + ".lua")).append('\n');
    }
    return source.append(read("lua/" + script.file + ".lua")).toString();
  }

  /** Runs a script and answers its JSON answer when it succeeded. */
  public Future<JsonObject> run(Script script, List<String> keys, Object... args) {
    String[] keyArray = keys.toArray(String[]::new);
    String[] argArray = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      argArray[i] = String.valueOf(args[i]);
    }
    int index = script.ordinal();
    return calls.<String>call(script.file,
            () -> redis.evalsha(shas[index], ScriptOutputType.VALUE, keyArray, argArray))
        .recover(failure -> isNoScript(failure)
            ? calls.<String>call(script.file,
                () -> redis.eval(sources[index], ScriptOutputType.VALUE, keyArray, argArray))
            : Future.failedFuture(failure))
        .map(LuaScripts::answer);
  }

  private static boolean isNoScript(Throwable failure) {
    return failure instanceof RedisNoScriptException
        || (failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT"));
  }

  private static JsonObject answer(String reply) {
    JsonObject json = new JsonObject(reply);
    String err = json.getString("err");
    if (err != null) {
      throw new DomainException(ErrorCode.fromWireName(err), json.getString("msg"), json.getLong("retryAfterMs", 0L),
          null);
    }
    return json;
  }

  private static String read(String resource) {
    try (InputStream in = LuaScripts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing script " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot read " + resource, e);
    }
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
