package townhall.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The transport's form of a broadcast is made once for all recipients of a loop and released once. */
class SharedMessageTest {

  @Test
  void theFormIsMadeOnceAndReleasedOnceOnClose() {
    Buffer encoded = Buffer.buffer("{\"type\":\"presence\",\"count\":3}");
    AtomicInteger made = new AtomicInteger();
    List<String> released = new ArrayList<>();
    SharedMessage message = new SharedMessage(encoded);
    String first = message.form(b -> "framed:" + b.length() + ":" + made.incrementAndGet(), released::add);
    String second = message.form(b -> "framed:" + b.length() + ":" + made.incrementAndGet(), released::add);
    assertSame(first, second);
    assertEquals(1, made.get());
    assertSame(encoded, message.encoded());
    message.close();
    message.close();
    assertEquals(List.of(first), released);
  }

  @Test
  void closingWithoutAFormReleasesNothing() {
    List<Object> released = new ArrayList<>();
    try (SharedMessage message = new SharedMessage(Buffer.buffer("{}"))) {
      assertEquals(2, message.encoded().length());
    }
    assertEquals(List.of(), released);
  }
}
