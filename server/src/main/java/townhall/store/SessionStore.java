package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.TokenGenerations;

/** Sessions and their join codes. Failures to reach the store fail with {@code unavailable}. */
public interface SessionStore {

  /**
   * Stores a new session under a join code from {@code codes} that no other session holds.
   *
   * @param draft the session; its {@code code}, {@code status} and {@code createdAt} are set by the store. It is
   *              registered in the retention index first, and its record chain begins with its creation.
   */
  Future<Session> create(Session draft, String epoch, Supplier<String> codes);

  Future<Optional<Session>> find(String sessionId);

  Future<Optional<Session>> findByCode(String code);

  /**
   * Deletes the session and everything it holds: every key of its own, its join code and its index entry. From the
   * first step on, the session is not found and nothing of it is written again. Fails {@code not_found} when there
   * is no such session.
   */
  Future<Void> delete(String sessionId);

  /** The generations moderator and stage tokens of the session are issued in now; fails {@code not_found}. */
  Future<TokenGenerations> tokenGenerations(String sessionId);

  /**
   * Raises the token generation of each of {@code roles} (moderator, stage) by one, so every token of those roles
   * issued before is refused from now on, and tells every node (so it closes the sockets that hold one). Answers the
   * generations now; fails {@code not_found} when there is no such session.
   */
  Future<TokenGenerations> revokeTokens(String sessionId, Set<Role> roles);

  /** When the session was last closed (ms), while it is closed; empty when it is open, paused or unknown. */
  Future<Optional<Long>> closedAt(String sessionId);

  /** The ids of the sessions registered (in the retention index) before {@code registeredBeforeMs}. */
  Future<List<String>> registeredBefore(long registeredBeforeMs);

  /**
   * Deletes the session as {@link #delete} does if it is closed and was closed before {@code closedBeforeMs}, or
   * what is left of it when it no longer exists (a deletion cut short, a creation that failed); answers whether it
   * deleted. A session that is open, paused, or closed since then is kept; so is one whose record chain is no
   * longer {@code chainLength} long when that is given (a step was appended since it was archived).
   */
  Future<Boolean> deleteIfClosedBefore(String sessionId, long closedBeforeMs, Long chainLength);
}
