package townhall.store.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import townhall.domain.DomainException;

/**
 * The one crossing from Lettuce's threads back to the caller's Vert.x context. A command that fails because Redis
 * cannot be reached (disconnected, timed out, rejected) fails with {@code unavailable}: nothing was applied, or a
 * retry with the same ref is harmless. While a Sentinel fails the primary over, commands are refused the same way
 * (see {@link SentinelWatch}).
 */
public final class RedisCalls {
  private final Vertx vertx;
  private final BooleanSupplier failingOver;

  public RedisCalls(Vertx vertx) {
    this(vertx, () -> false);
  }

  RedisCalls(Vertx vertx, BooleanSupplier failingOver) {
    this.vertx = vertx;
    this.failingOver = failingOver;
  }

  public <T> Future<T> call(Supplier<CompletionStage<T>> command) {
    if (failingOver.getAsBoolean()) {
      return Future.failedFuture(DomainException.unavailable(new RedisException("A Sentinel failover is running")));
    }
    CompletionStage<T> stage;
    try {
      stage = command.get();
    } catch (RedisException | IllegalStateException e) {
      // rejected at once: disconnected (REJECT_COMMANDS), or the client is already shut down
      return Future.failedFuture(DomainException.unavailable(e));
    }
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(RedisCalls::translate);
  }

  private static <T> Future<T> translate(Throwable failure) {
    if (failure instanceof DomainException) {
      return Future.failedFuture(failure);
    }
    if (failure instanceof RedisCommandExecutionException && failure.getMessage() != null
        && failure.getMessage().startsWith("NOSCRIPT")) {
      return Future.failedFuture(failure);
    }
    return Future.failedFuture(DomainException.unavailable(failure));
  }
}
