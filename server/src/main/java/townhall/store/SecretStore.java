package townhall.store;

import io.vertx.core.Future;

/** Secrets shared by every node of a deployment. */
public interface SecretStore {

  /** The deployment's token-signing secret: the stored one, or {@code candidate} if none was stored yet. */
  Future<String> tokenSecret(String candidate);
}
