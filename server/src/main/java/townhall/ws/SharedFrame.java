package townhall.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A text frame over an already encoded buffer. Vert.x's public API only makes text frames from a {@code String}
 * (encoding it again per socket); this reuses one UTF-8 buffer for every socket of a broadcast. Each call makes
 * a cheap slice, so sockets do not share reader indexes.
 */
final class SharedFrame {
  private SharedFrame() {
  }

  static WebSocketFrame text(Buffer encoded) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) encoded).getByteBuf(), true);
  }
}
