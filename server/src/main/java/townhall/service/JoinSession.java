package townhall.service;

import io.vertx.core.Future;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.Role;
import townhall.store.EventLog;
import townhall.store.RateLimiter;

/**
 * A client says hello: it is identified by its token (or made a new resident when it has none), gets a token (a
 * resident a fresh one, valid for the whole time to live again; a moderator or stage screen the one it presented:
 * those links are never extended by use, so a leaked one stops working when it expires) and either the events it
 * missed since {@code since} or a full snapshot. A token that is refused (forged, expired,
 * of another session, signed with an unknown key, of an older version) is never replaced by a new identity: the
 * hello fails with {@code unauthorized}, so a client cannot silently lose the identity its questions belong to, nor
 * be handed someone else's.
 */
public final class JoinSession {
  private final EventLog log;
  private final Tokens tokens;
  private final CheckToken checkToken;
  private final RandomIds ids;
  private final RateLimiter limiter;
  private final RateLimit newIdentities;
  private final RecordIdentity identities;

  /**
   * @param newIdentities how many new resident identities one client address may get
   * @param identities    where a new resident identity is recorded for the vote signals
   */
  public JoinSession(EventLog log, Tokens tokens, CheckToken checkToken, RandomIds ids, RateLimiter limiter,
      RateLimit newIdentities, RecordIdentity identities) {
    this.log = log;
    this.tokens = tokens;
    this.checkToken = checkToken;
    this.ids = ids;
    this.limiter = limiter;
    this.newIdentities = newIdentities;
    this.identities = identities;
  }

  /**
   * Who said hello.
   *
   * @param presented  the token the hello carried, or {@code null} for a new resident
   * @param generation the generation of a moderator's or stage token (0 otherwise)
   */
  public record Caller(Participant participant, String presented, long generation) {
  }

  /**
   * The result of a hello: exactly one of {@code snapshot} and {@code history} is set.
   *
   * @param token      the participant's token to be sent in later hellos: a resident's signed afresh (a new expiry),
   *                   a moderator's or stage token the one presented
   * @param generation the generation of a moderator's or stage token (0 otherwise)
   */
  public record Joined(Participant participant, String token, long generation, EventLog.Snapshot snapshot,
      EventLog.History history) {
    /** The seq the client holds once it has applied this result. */
    public long seq() {
      return snapshot != null ? snapshot.seq() : history.seq();
    }
  }

  /**
   * Who says hello in {@code sessionId} from {@code address}: with a token, the participant it stands for (failed
   * with {@code unauthorized} when the token is refused); without one, a new resident (failed with
   * {@code rate_limited} when the address made too many new identities lately).
   */
  public Future<Caller> identify(String sessionId, String token, String address) {
    if (token != null) {
      return checkToken.check(token, sessionId)
          .map(verified -> new Caller(verified.participant(), token, verified.generation()));
    }
    Participant resident = new Participant(sessionId, ids.participantId(), Role.RESIDENT);
    return limiter.take(RateLimiter.Bucket.IDENTITIES, address, newIdentities)
        // the record feeds the vote-stuffing signals only: a Redis too full to keep it must not stop a resident
        .compose(ok -> identities.record(resident, address).otherwiseEmpty())
        .map(recorded -> new Caller(resident, null, 0));
  }

  /** The caller's state: the events after {@code since} when the log still has them, else a snapshot. */
  public Future<Joined> join(Caller caller, Long since, String epoch) {
    Participant participant = caller.participant();
    String sessionId = participant.sessionId();
    String ownToken = participant.role().privileged() ? caller.presented() : tokens.sign(participant);
    if (since == null) {
      return snapshot(caller, ownToken);
    }
    return log.since(sessionId, since, epoch, true).compose(history -> history.gone()
        ? snapshot(caller, ownToken)
        : Future.succeededFuture(new Joined(participant, ownToken, caller.generation(), null, history)));
  }

  /**
   * Checks a moderator's or stage token once more after its socket joined the session's delivery: a revocation
   * between the hello's check and the join would otherwise miss the socket (the nodes' notice of it closes only the
   * sockets already there). Fails {@code unauthorized} when the token was revoked meanwhile.
   */
  public Future<Void> confirm(Joined joined) {
    if (!joined.participant().role().privileged()) {
      return Future.succeededFuture();
    }
    return checkToken.check(joined.token(), joined.participant().sessionId()).mapEmpty();
  }

  private Future<Joined> snapshot(Caller caller, String token) {
    return log.snapshot(caller.participant())
        .map(snapshot -> new Joined(caller.participant(), token, caller.generation(), snapshot, null));
  }
}
