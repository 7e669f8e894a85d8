package townhall.store;

import io.vertx.core.Future;
import townhall.domain.StreamSettings;

/**
 * A session's livestream settings ({@link StreamSettings}), kept with the session's live data and deleted with it.
 */
public interface StreamSettingsStore {

  /** The session's settings; {@link StreamSettings#NONE} when none were set or the session is unknown. */
  Future<StreamSettings> find(String sessionId);

  /** Replaces the session's settings; fails with {@code not_found} when no such session exists. */
  Future<Void> save(String sessionId, StreamSettings settings);
}
