package townhall.service;

import io.vertx.core.Future;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.Role;
import townhall.store.RateLimiter;

/**
 * A client says hello: it is identified by its token (or made a new resident when it has none) and gets a token (a
 * resident a fresh one, valid for the whole time to live again; a moderator or stage screen the one it presented:
 * those links are never extended by use, so a leaked one stops working when it expires). A token that is refused
 * (forged, expired, of another session, signed with an unknown key, of an older version) is never replaced by a new
 * identity: the hello fails with {@code unauthorized}, so a client cannot silently lose the identity its questions
 * belong to, nor be handed someone else's. What the client is then sent (a welcome or the events it missed) is
 * delivery's part.
 */
public final class JoinSession {
  private final Tokens tokens;
  private final CheckToken checkToken;
  private final RandomIds ids;
  private final RateLimiter limiter;
  private final RateLimit newIdentities;
  private final RateLimit hellos;
  private final RecordIdentity identities;

  /**
   * @param newIdentities how many new resident identities one client address may get
   * @param hellos        how many hellos one identity may say (a client reconnecting in a loop is slowed down)
   * @param identities    where a new resident identity is recorded for the vote signals
   */
  public JoinSession(Tokens tokens, CheckToken checkToken, RandomIds ids, RateLimiter limiter,
      RateLimit newIdentities, RateLimit hellos, RecordIdentity identities) {
    this.tokens = tokens;
    this.checkToken = checkToken;
    this.ids = ids;
    this.limiter = limiter;
    this.newIdentities = newIdentities;
    this.hellos = hellos;
    this.identities = identities;
  }

  /**
   * Who said hello.
   *
   * @param token      the participant's token to be sent in later hellos: a resident's signed afresh (a new expiry),
   *                   a moderator's or stage token the one presented
   * @param generation the generation of a moderator's or stage token (0 otherwise)
   * @param fresh      whether the identity was made by this hello (it has no votes nor questions yet)
   */
  public record Identified(Participant participant, String token, long generation, boolean fresh) {
  }

  /**
   * Who says hello in {@code sessionId} from {@code address}: with a token, the participant it stands for (failed
   * with {@code unauthorized} when the token is refused, {@code rate_limited} when it said hello too often lately);
   * without one, a new resident (failed with {@code rate_limited} when the address made too many new identities
   * lately).
   */
  public Future<Identified> identify(String sessionId, String token, String address) {
    if (token != null) {
      return checkToken.check(token, sessionId).compose(verified -> {
        Participant known = verified.participant();
        // per session and participant: an organizer's link and an account's moderator are the same participant id
        // in every session, and one session's screens must not spend another's hellos
        return limiter.take(RateLimiter.Bucket.HELLOS, sessionId + ":" + known.id(), hellos).map(ok ->
            new Identified(known, known.role().privileged() ? token : tokens.sign(known), verified.generation(), false));
      });
    }
    Participant resident = new Participant(sessionId, ids.participantId(), Role.RESIDENT);
    return limiter.take(RateLimiter.Bucket.IDENTITIES, address, newIdentities)
        // the record feeds the vote-stuffing signals only: a Redis too full to keep it must not stop a resident
        .compose(ok -> identities.record(resident, address).otherwiseEmpty())
        .map(recorded -> new Identified(resident, tokens.sign(resident), 0, true));
  }

  /**
   * Checks a moderator's or stage token once more after its socket joined the session's delivery: a revocation
   * between the hello's check and the join would otherwise miss the socket (the nodes' notice of it closes only the
   * sockets already there). Fails {@code unauthorized} when the token was revoked meanwhile.
   */
  public Future<Void> confirm(Identified identified) {
    if (!identified.participant().role().privileged()) {
      return Future.succeededFuture();
    }
    return checkToken.check(identified.token(), identified.participant().sessionId()).mapEmpty();
  }
}
