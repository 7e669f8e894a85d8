package townhall.store;

import io.vertx.core.Future;

/** Whether the store answers. */
public interface StoreHealth {

  /** Succeeds when the store answered a trivial command within its timeout. */
  Future<Void> ping();
}
