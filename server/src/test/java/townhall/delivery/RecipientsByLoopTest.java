package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import townhall.domain.Participant;

/** Broadcasts to everyone share the room's per-loop lists until someone joins or leaves. */
class RecipientsByLoopTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void everyoneIsGroupedByLoopAndSharedUntilTheRoomChanges() {
    Context one = vertx.getOrCreateContext();
    Context two = vertx.getOrCreateContext();
    RecipientsByLoop sockets = new RecipientsByLoop();
    Fake a = new Fake(one);
    Fake b = new Fake(one);
    Fake c = new Fake(two);
    sockets.add(a);
    sockets.add(b);
    sockets.add(c);

    Map<Context, List<Recipient>> first = sockets.everyoneByLoop();
    assertEquals(Map.of(one, List.of(a, b), two, List.of(c)), first);
    assertSame(first, sockets.everyoneByLoop(), "no copy while no one joins or leaves");
    assertThrows(UnsupportedOperationException.class, () -> first.get(one).add(c));

    sockets.remove(b);
    Map<Context, List<Recipient>> afterLeave = sockets.everyoneByLoop();
    assertNotSame(first, afterLeave);
    assertEquals(Map.of(one, List.of(a), two, List.of(c)), afterLeave);
    assertEquals(List.of(a, b), first.get(one), "lists already handed out do not change");

    sockets.remove(c);
    sockets.add(b);
    assertEquals(Map.of(one, List.of(a, b)), sockets.everyoneByLoop());
    assertEquals(false, Fanout.everyone(sockets).isEmpty());
  }

  @Test
  void anEmptyRoomHasNoOneToWriteTo() {
    RecipientsByLoop sockets = new RecipientsByLoop();
    assertEquals(Map.of(), sockets.everyoneByLoop());
    assertEquals(true, Fanout.everyone(sockets).isEmpty());
  }

  /** Only what grouping needs: the loop; each one a connection of its own (identity, as sockets are). */
  private static final class Fake implements Recipient {
    private final Context context;

    Fake(Context context) {
      this.context = context;
    }

    @Override
    public Context context() {
      return context;
    }

    @Override
    public Participant participant() {
      return null;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public boolean write(Buffer encoded) {
      return true;
    }

    @Override
    public void evict(Eviction reason) {
    }

    @Override
    public long deliveredSeq() {
      return 0;
    }

    @Override
    public void deliveredSeq(long seq) {
    }

    @Override
    public long tokenGeneration() {
      return 0;
    }
  }
}
