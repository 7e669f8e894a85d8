package townhall.store;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * Named leases shared by every node: held by one owner at a time until released or expired, so a periodic job
 * (the retention sweeper) runs on one node at a time, and a node that dies holding one does not stop it for good.
 */
public interface Leases {

  /** Takes the lease for {@code ttl} if no one holds it; answers whether {@code owner} holds it now. */
  Future<Boolean> acquire(String name, String owner, Duration ttl);

  /** Gives the lease back if {@code owner} still holds it. */
  Future<Void> release(String name, String owner);
}
