package townhall.store;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Supplier;
import townhall.domain.Session;

/** Sessions and their join codes. Failures to reach the store fail with {@code unavailable}. */
public interface SessionStore {

  /**
   * Stores a new session under a join code from {@code codes} that no other session holds.
   *
   * @param draft the session; its {@code code}, {@code status} and {@code createdAt} are set by the store
   */
  Future<Session> create(Session draft, String epoch, Supplier<String> codes);

  Future<Optional<Session>> find(String sessionId);

  Future<Optional<Session>> findByCode(String code);
}
