package townhall.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.List;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.FollowCodes;
import townhall.domain.Intake;
import townhall.domain.NewQuestion;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.SessionEvent;
import townhall.record.Seals;
import townhall.store.ActionResult;
import townhall.store.DialogueStore;

/**
 * Asks, votes and withdrawals, each one script that also remembers the ref. An ask first reserves a follow-up code
 * for the question ({@code SET NX} of its installation-wide key, as join codes are reserved), which the ask script
 * then gives the question; a repeated ref gives its reservation back.
 */
public final class RedisDialogueStore implements DialogueStore {
  private static final int CODE_ATTEMPTS = 8;
  private static final int CLERK_ASK_FACTOR = 10;

  private final RedisClusterAsyncCommands<String, String> redis;
  private final RedisCalls calls;
  private final LuaScripts scripts;
  private final RedisKeys keys;
  private final long refTtlMs;
  private final int logLength;

  private final RateLimit asks;
  private final RateLimit votes;
  private final SecureRandom random = new SecureRandom();

  public RedisDialogueStore(RedisClusterAsyncCommands<String, String> redis, RedisCalls calls, LuaScripts scripts,
      RedisKeys keys, TownhallConfig.Limits limits, TownhallConfig.RateLimits rates) {
    this.redis = redis;
    this.calls = calls;
    this.scripts = scripts;
    this.keys = keys;
    this.refTtlMs = limits.refTtl().toMillis();
    this.logLength = limits.eventLogLength();
    this.asks = rates.asks();
    this.votes = rates.votes();
  }

  @Override
  public Future<ActionResult> ask(Participant author, String ref, NewQuestion question) {
    String sid = author.sessionId();
    Intake intake = question.intake();
    Seals.Sealing sealing = Seals.sealing().add("text", question.text()).add("author", question.authorName())
        .add("speaker", intake == null ? null : intake.name());
    return reserveFollowCode(sid, CODE_ATTEMPTS).compose(code -> scripts.run(LuaScripts.Script.ASK,
            List.of(keys.session(sid), keys.questions(sid), keys.events(sid), keys.ref(sid, author.id(), ref),
                keys.banned(sid), keys.participantRate(sid, "ask", author.id()), keys.chain(sid),
                keys.follows(sid)),
            keys.base(sid), author.id(), question.text(),
            question.authorName() == null ? "" : question.authorName(), refTtlMs, logLength,
            keys.channel(sid), asks.burst() * askFactor(intake), asks.perMinute() * askFactor(intake),
            StoredFlags.flags(question.screening()),
            StoredFlags.marks(question.screening()), question.fingerprint(), question.holdIfFlagged() ? "1" : "0",
            sealing.hashesJson(), sealing.privateJson(), code,
            intake == null ? "" : intake.channel().wireName(), intake == null || intake.area() == null ? ""
                : intake.area(), intake == null || intake.name() == null ? "" : intake.name(),
            intake != null && intake.askingNow() ? "1" : "0")
        .map(ActionResults::of)
        .compose(result -> code.equals(result.followCode()) ? Future.succeededFuture(result)
            : release(sid, code).map(result),
          failure -> release(sid, code).compose(released -> Future.failedFuture(failure))));
  }

  /**
   * How many times a participant's ask bucket a clerk's has: one clerk enters the questions of a whole hall (everyone
   * at the microphone, a pile of paper slips), so the resident's limit would stop it; the bucket still stops a script.
   */
  private static int askFactor(Intake intake) {
    return intake == null ? 1 : CLERK_ASK_FACTOR;
  }

  /** A follow-up code no other question of the installation has, reserved for one of the session's. */
  private Future<String> reserveFollowCode(String sessionId, int attemptsLeft) {
    if (attemptsLeft == 0) {
      return Future.failedFuture(new DomainException(ErrorCode.CONFLICT, "No free follow-up code was found"));
    }
    String code = FollowCodes.random(random);
    return calls.call(() -> redis.set(keys.follow(code), sessionId, SetArgs.Builder.nx()))
        .compose(reply -> "OK".equals(reply) ? Future.succeededFuture(code)
            : reserveFollowCode(sessionId, attemptsLeft - 1));
  }

  /** Gives back a reservation that no question took (a refused ask, a repeated ref). */
  private Future<Void> release(String sessionId, String code) {
    return scripts.run(LuaScripts.Script.DEL_IF, List.of(keys.follow(code)), sessionId)
        .<Void>mapEmpty().recover(e -> Future.succeededFuture());
  }

  @Override
  public Future<ActionResult> vote(Participant voter, String ref, String questionId, boolean up) {
    String sid = voter.sessionId();
    return scripts.run(LuaScripts.Script.VOTE,
            List.of(keys.session(sid), keys.ref(sid, voter.id(), ref), keys.banned(sid),
                keys.participantRate(sid, "vote", voter.id())),
            keys.base(sid), voter.id(), questionId, up ? 1 : 0, refTtlMs, votes.burst(), votes.perMinute())
        .map(ActionResults::of);
  }

  @Override
  public Future<SessionEvent.VoteCount> voteCount(String sessionId, String questionId) {
    return calls.call(() -> redis.hmget(keys.base(sessionId) + "q:" + questionId, "votes", "vv"))
        .map(values -> new SessionEvent.VoteCount(Integer.parseInt(values.get(0).getValueOrElse("0")),
            Long.parseLong(values.get(1).getValueOrElse("0"))));
  }

  @Override
  public Future<ActionResult> withdraw(Participant author, String ref, String questionId) {
    String sid = author.sessionId();
    return scripts.run(LuaScripts.Script.WITHDRAW,
            List.of(keys.session(sid), keys.events(sid), keys.ref(sid, author.id(), ref), keys.chain(sid)),
            keys.base(sid), author.id(), questionId, refTtlMs, logLength, keys.channel(sid))
        .map(ActionResults::of);
  }
}
