package townhall.delivery;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One encoded message on its way to every recipient of a broadcast that one event loop owns. The transport may keep
 * here the form it writes (a WebSocket frame's bytes as they go on the wire, say): the first recipient makes it, the
 * others reuse it, and it is released once the loop's share is written. So a broadcast is encoded once per audience
 * and framed once per event loop, not once per socket.
 *
 * <p>Threading: confined to that event loop, for the time of one task ({@link Fanout}).
 */
public final class SharedMessage implements AutoCloseable {
  private final Buffer encoded;
  private Object form;
  private Consumer<Object> release;

  SharedMessage(Buffer encoded) {
    this.encoded = encoded;
  }

  /** The encoded message (a JSON text). */
  public Buffer encoded() {
    return encoded;
  }

  /**
   * The transport's form of the message, made by {@code make} for the first recipient that asks and kept until
   * {@link #close}, which hands it to {@code release}. One transport form per message: every caller passes the same
   * functions.
   */
  @SuppressWarnings("unchecked")
  public <T> T form(Function<Buffer, T> make, Consumer<? super T> release) {
    if (form == null) {
      T made = make.apply(encoded);
      this.release = made == null ? null : f -> release.accept((T) f);
      form = made;
    }
    return (T) form;
  }

  /** Releases the transport's form, if one was made. */
  @Override
  public void close() {
    if (form != null) {
      Object made = form;
      form = null;
      release.accept(made);
    }
  }
}
