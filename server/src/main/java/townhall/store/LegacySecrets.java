package townhall.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * Secret material that older versions kept in the store, where anyone who can read the store could read it. Secrets
 * are kept in the nodes' key folders now; a node removes what is left at start.
 */
public interface LegacySecrets {

  /**
   * Removes the token-signing secret an older version stored, atomically (of several nodes starting at once, one
   * gets it), and answers it; empty when there was none.
   */
  Future<Optional<String>> removeTokenSecret();
}
