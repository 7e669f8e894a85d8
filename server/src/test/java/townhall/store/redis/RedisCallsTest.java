package townhall.store.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.store.StoreObserver;
import townhall.testing.Await;

/** How {@link RedisCalls} sorts Lettuce's failures and reports every call, without a Redis. */
@ExtendWith(VertxExtension.class)
class RedisCallsTest {
  private static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";

  /** What the observer was told, one line per call. */
  private final List<String> observed = new CopyOnWriteArrayList<>();
  private final StoreObserver observer = new StoreObserver() {
    @Override
    public void succeeded(String operation, long nanos) {
      observed.add(operation + " ok" + (nanos >= 0 ? "" : " negative time"));
    }

    @Override
    public void failed(String operation, long nanos, Failure failure) {
      observed.add(operation + " " + failure + (nanos >= 0 ? "" : " negative time"));
    }
  };

  @Test
  void failuresAreSortedByKind() {
    assertEquals(StoreObserver.Failure.TIMEOUT, RedisCalls.failureOf(new RedisCommandTimeoutException("2 s")));
    assertEquals(StoreObserver.Failure.OUT_OF_MEMORY, RedisCalls.failureOf(new RedisCommandExecutionException(OOM)));
    assertEquals(StoreObserver.Failure.OUT_OF_MEMORY, RedisCalls.failureOf(new RedisCommandExecutionException(
        OOM + " script: 8f0a6c13dadd188e878daa9a9b0c84393bb61333, on @user_script:1.")));
    assertEquals(StoreObserver.Failure.DISCONNECTED,
        RedisCalls.failureOf(new RedisException("Currently not connected. Commands are rejected.")));
    assertEquals(StoreObserver.Failure.DISCONNECTED, RedisCalls.failureOf(new RedisConnectionException("refused")));
    assertEquals(StoreObserver.Failure.DISCONNECTED, RedisCalls.failureOf(new IllegalStateException("shut down")));
    assertEquals(StoreObserver.Failure.OTHER,
        RedisCalls.failureOf(new RedisCommandExecutionException("WRONGTYPE Operation against a key")));
    assertEquals(StoreObserver.Failure.OTHER, RedisCalls.failureOf(new IllegalArgumentException("bad")));
  }

  @Test
  void everyCallIsReportedWithItsOperation(Vertx vertx) {
    RedisCalls calls = new RedisCalls(vertx, observer);
    assertEquals("v", Await.result(calls.call("ask", () -> CompletableFuture.completedFuture("v"))));
    Throwable timedOut = failure(calls.call("vote",
        () -> CompletableFuture.failedFuture(new RedisCommandTimeoutException("2 s"))));
    Throwable rejected = failure(calls.call("moderate", () -> {
      throw new RedisException("Currently not connected. Commands are rejected.");
    }));
    assertEquals(List.of("ask ok", "vote TIMEOUT", "moderate DISCONNECTED"), observed);
    assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(DomainException.class, timedOut).code());
    assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(DomainException.class, rejected).code());
  }

  @Test
  void outOfMemoryIsUnavailableSayingStorageIsFull(Vertx vertx) {
    RedisCalls calls = new RedisCalls(vertx, observer);
    Throwable full = failure(calls.call("ask",
        () -> CompletableFuture.failedFuture(new RedisCommandExecutionException(OOM))));
    DomainException refused = assertInstanceOf(DomainException.class, full);
    assertEquals(ErrorCode.UNAVAILABLE, refused.code());
    assertEquals("Storage is full, retry later", refused.getMessage());
    assertInstanceOf(RedisCommandExecutionException.class, refused.getCause(), "Redis's answer, for the log");
    assertEquals(List.of("ask OUT_OF_MEMORY"), observed);
  }

  @Test
  void noScriptIsAnAnswerPassedOnForTheScriptRunner(Vertx vertx) {
    RedisCalls calls = new RedisCalls(vertx, observer);
    Throwable noScript = failure(calls.call("ask",
        () -> CompletableFuture.failedFuture(new RedisCommandExecutionException("NOSCRIPT No matching script."))));
    assertInstanceOf(RedisCommandExecutionException.class, noScript, "LuaScripts sends the script on NOSCRIPT");
    assertEquals(List.of("ask ok"), observed);
  }

  static Throwable failure(Future<?> future) {
    Await.until(future::isComplete, 5, "the call completes");
    assertTrue(future.failed(), () -> "expected a failure, got " + future.result());
    return future.cause();
  }
}
