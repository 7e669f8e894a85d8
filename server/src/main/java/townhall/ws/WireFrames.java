package townhall.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.http.WebSocketInternal;

/**
 * Writes broadcast frames to one WebSocket as bytes already on the wire's shape. A server's text frame (final,
 * unmasked, no extension: compression is off) is the same bytes for every socket, so a broadcast is framed once per
 * event loop ({@link #textFrame}) and each socket writes a duplicate of it straight to its channel. Through
 * {@code writeFrame} each socket would allocate a Vert.x frame, a Netty frame, two promises and a header buffer, pass
 * a message queue and copy the payload: the largest share of the server's own CPU per delivered frame after the
 * kernel's. Only the socket's own event loop writes. These writes pass Vert.x's write queue, so its
 * {@code writeQueueFull()} does not count them: {@link #full()} asks the channel itself, whose high-water mark is the
 * socket's write-queue size ({@code setWriteQueueMaxSize}), and a socket over it is a slow consumer as before.
 */
final class WireFrames {
  private final ChannelHandlerContext channel;

  private WireFrames(ChannelHandlerContext channel) {
    this.channel = channel;
  }

  /**
   * The writer of an accepted socket; null when the socket is not Vert.x's own (then frames go through
   * {@code writeFrame}). Also takes Vert.x's chunked writer out of the socket's pipeline: it is there for files
   * sent over HTTP with compression on, and a WebSocket never sends one, but every frame and flush would pass it.
   */
  static WireFrames of(ServerWebSocket socket) {
    if (!(socket instanceof WebSocketInternal internal)) {
      return null;
    }
    ChannelHandlerContext channel = internal.channelHandlerContext();
    ChannelPipeline pipeline = channel.pipeline();
    ChunkedWriteHandler chunked = pipeline.get(ChunkedWriteHandler.class);
    if (chunked != null) {
      pipeline.remove(chunked);
    }
    return new WireFrames(channel);
  }

  /** Whether the channel holds more unsent bytes than the socket's write-queue size; call on its event loop. */
  boolean full() {
    return !channel.channel().isWritable();
  }

  /** Writes a frame made by {@link #textFrame} (the caller keeps its reference); call on the socket's event loop. */
  void write(ByteBuf frame) {
    channel.writeAndFlush(frame.retainedDuplicate(), channel.voidPromise());
  }

  /** A final, unmasked text frame holding {@code payload} (RFC 6455 section 5.2), in a buffer of its own. */
  static ByteBuf textFrame(Buffer payload) {
    ByteBuf data = ((BufferInternal) payload).getByteBuf();
    int length = data.readableBytes();
    int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
    ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(header + length);
    frame.writeByte(0x81); // FIN, opcode 1 (text)
    if (length < 126) {
      frame.writeByte(length);
    } else if (length <= 0xFFFF) {
      frame.writeByte(126).writeShort(length);
    } else {
      frame.writeByte(127).writeLong(length);
    }
    return frame.writeBytes(data);
  }
}
