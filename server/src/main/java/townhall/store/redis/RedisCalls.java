package townhall.store.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.protocol.RedisCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import townhall.domain.DomainException;
import townhall.store.StoreObserver;

/**
 * The one crossing from Lettuce's threads back to the caller's Vert.x context, and so the one place that times
 * every Redis call and sorts its failures for the {@link StoreObserver}. A command that fails because Redis cannot
 * be reached (disconnected, timed out, rejected) or is out of memory fails with {@code unavailable}: nothing was
 * applied, or a retry with the same ref is harmless. While a Sentinel fails the primary over, commands are refused
 * the same way (see {@link SentinelWatch}).
 */
public final class RedisCalls {
  private final Vertx vertx;
  private final StoreObserver observer;
  private final BooleanSupplier failingOver;

  public RedisCalls(Vertx vertx, StoreObserver observer) {
    this(vertx, observer, () -> false);
  }

  RedisCalls(Vertx vertx, StoreObserver observer, BooleanSupplier failingOver) {
    this.vertx = vertx;
    this.observer = observer;
    this.failingOver = failingOver;
  }

  /** Runs a command, named for the observer by its Lettuce command type ({@code hmget}, {@code publish}). */
  public <T> Future<T> call(Supplier<CompletionStage<T>> command) {
    return call(null, command);
  }

  /**
   * Runs a command named {@code operation} for the observer (a Lua script's name, say); {@code null} names it by
   * its Lettuce command type.
   */
  public <T> Future<T> call(String operation, Supplier<CompletionStage<T>> command) {
    if (failingOver.getAsBoolean()) {
      return Future.failedFuture(DomainException.unavailable(new RedisException("A Sentinel failover is running")));
    }
    long start = System.nanoTime();
    CompletionStage<T> stage;
    try {
      stage = command.get();
    } catch (RedisException | IllegalStateException e) {
      // rejected at once: disconnected (REJECT_COMMANDS), or the client is already shut down
      observer.failed(operation == null ? "unknown" : operation, System.nanoTime() - start,
          StoreObserver.Failure.DISCONNECTED);
      return Future.failedFuture(DomainException.unavailable(e));
    }
    String name = operation != null ? operation : commandName(stage);
    stage.whenComplete((result, failure) -> observe(name, System.nanoTime() - start, failure));
    return Future.fromCompletionStage(stage, vertx.getOrCreateContext()).recover(RedisCalls::translate);
  }

  private void observe(String operation, long nanos, Throwable failure) {
    Throwable cause = unwrap(failure);
    // NOSCRIPT is an answer LuaScripts expects (it sends the script then), not a failure of Redis
    if (cause == null || isNoScript(cause)) {
      observer.succeeded(operation, nanos);
    } else {
      observer.failed(operation, nanos, failureOf(cause));
    }
  }

  private static String commandName(CompletionStage<?> stage) {
    return stage instanceof RedisCommand<?, ?, ?> command
        ? command.getType().toString().toLowerCase(Locale.ROOT) : "unknown";
  }

  static StoreObserver.Failure failureOf(Throwable failure) {
    if (failure instanceof RedisCommandTimeoutException) {
      return StoreObserver.Failure.TIMEOUT;
    }
    if (failure instanceof RedisCommandExecutionException) {
      return isOutOfMemory(failure) ? StoreObserver.Failure.OUT_OF_MEMORY : StoreObserver.Failure.OTHER;
    }
    if (failure instanceof RedisException || failure instanceof IllegalStateException) {
      // "Currently not connected. Commands are rejected.", "Connection closed", a client already shut down
      return StoreObserver.Failure.DISCONNECTED;
    }
    return StoreObserver.Failure.OTHER;
  }

  private static <T> Future<T> translate(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof DomainException) {
      return Future.failedFuture(cause);
    }
    if (isNoScript(cause)) {
      return Future.failedFuture(cause);
    }
    if (isOutOfMemory(cause)) {
      // refused before anything ran (scripts that write declare flags, see LuaScripts); retrying later is safe
      return Future.failedFuture(DomainException.storageFull(cause));
    }
    return Future.failedFuture(DomainException.unavailable(cause));
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  private static boolean isNoScript(Throwable failure) {
    return failure instanceof RedisCommandExecutionException && failure.getMessage() != null
        && failure.getMessage().startsWith("NOSCRIPT");
  }

  /** Redis's answer to a write when {@code used_memory} is over {@code maxmemory} (and nothing can be evicted). */
  private static boolean isOutOfMemory(Throwable failure) {
    return failure instanceof RedisCommandExecutionException && failure.getMessage() != null
        && failure.getMessage().startsWith("OOM");
  }
}
