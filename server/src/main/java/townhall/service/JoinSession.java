package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.RateLimit;
import townhall.domain.Role;
import townhall.store.RateLimiter;

/**
 * A client says hello: it is identified by its token (or made a new resident when it has none) and gets a fresh
 * token. A token that is refused (forged, expired, of another session, signed with an unknown key, of an older
 * version) is never replaced by a new identity: the hello fails with {@code unauthorized}, so a client cannot
 * silently lose the identity its questions belong to, nor be handed someone else's. What the client is then sent
 * (a welcome or the events it missed) is delivery's part.
 */
public final class JoinSession {
  private final Tokens tokens;
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
  public JoinSession(Tokens tokens, RandomIds ids, RateLimiter limiter, RateLimit newIdentities, RateLimit hellos,
      RecordIdentity identities) {
    this.tokens = tokens;
    this.ids = ids;
    this.limiter = limiter;
    this.newIdentities = newIdentities;
    this.hellos = hellos;
    this.identities = identities;
  }

  /**
   * Who said hello, with their fresh token.
   *
   * @param fresh whether the identity was made by this hello (it has no votes nor questions yet)
   */
  public record Identified(Participant participant, String token, boolean fresh) {
  }

  /**
   * Who says hello in {@code sessionId} from {@code address}: with a token, the participant it stands for (failed
   * with {@code unauthorized} when the token is refused, {@code rate_limited} when it said hello too often lately);
   * without one, a new resident (failed with {@code rate_limited} when the address made too many new identities
   * lately).
   */
  public Future<Identified> identify(String sessionId, String token, String address) {
    if (token != null) {
      Participant known;
      try {
        known = tokens.require(token, sessionId).participant();
      } catch (DomainException refused) {
        return Future.failedFuture(refused);
      }
      return limiter.take(RateLimiter.Bucket.HELLOS, known.id(), hellos)
          .map(ok -> new Identified(known, tokens.sign(known), false));
    }
    Participant resident = new Participant(sessionId, ids.participantId(), Role.RESIDENT);
    return limiter.take(RateLimiter.Bucket.IDENTITIES, address, newIdentities)
        // the record feeds the vote-stuffing signals only: a Redis too full to keep it must not stop a resident
        .compose(ok -> identities.record(resident, address).otherwiseEmpty())
        .map(recorded -> new Identified(resident, tokens.sign(resident), true));
  }
}
