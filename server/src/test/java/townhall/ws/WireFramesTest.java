package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.testing.Await;

/**
 * Broadcast frames written as wire bytes arrive as the same text messages, in order, whatever their length (each of
 * the three header sizes of RFC 6455), and the buffer they share is released once written.
 */
class WireFramesTest {
  private Vertx vertx;
  private Vertx clientVertx;
  /** Kept: Vert.x closes a client nothing refers to any more, even while it connects. */
  private WebSocketClient client;
  private HttpServer server;
  private final CompletableFuture<ServerWebSocket> accepted = new CompletableFuture<>();
  private final CompletableFuture<WireFrames> writer = new CompletableFuture<>();
  private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    clientVertx = Vertx.vertx();
    // the options that matter here are Townhall's: HTTP compression on (which adds the chunked writer), no
    // WebSocket compression
    server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
            .setCompressionSupported(true).setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false))
        .webSocketHandler(ws -> {
          ws.setWriteQueueMaxSize(256 * 1024); // as ClientSocket does: the channel's high-water mark
          accepted.complete(ws);
          writer.complete(WireFrames.of(ws));
        });
    Await.result(server.listen());
  }

  @AfterEach
  void stop() {
    Await.result(clientVertx.close(), 30);
    Await.result(vertx.close());
  }

  private WebSocket connect() {
    client = clientVertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    WebSocket socket = Await.result(client.connect(server.actualPort(), "127.0.0.1", "/"));
    socket.textMessageHandler(received::add);
    return socket;
  }

  @Test
  void framesOfEveryHeaderSizeArriveAsTheSameTextInOrder() throws Exception {
    connect();
    WireFrames wire = writer.get(10, TimeUnit.SECONDS);
    ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);
    assertNotNull(wire);
    List<String> texts = List.of("", "Chào", "a".repeat(125), "b".repeat(126), "Câu hỏi về đường sá ".repeat(20),
        "c".repeat(65_535), "d".repeat(65_536), "Ngân sách ".repeat(10_000));
    List<ByteBuf> frames = new ArrayList<>();
    CompletableFuture<Void> written = new CompletableFuture<>();
    ((WebSocketInternal) socket).channelHandlerContext().executor().execute(() -> {
      for (String text : texts) {
        ByteBuf frame = WireFrames.textFrame(Buffer.buffer(text));
        frames.add(frame);
        wire.write(frame); // two sockets' worth of one shared frame
        wire.write(frame);
      }
      written.complete(null);
    });
    written.get(10, TimeUnit.SECONDS);
    for (String text : texts) {
      for (int copy = 0; copy < 2; copy++) {
        String got = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(got, "a frame of " + text.length() + " characters arrived");
        assertEquals(text, got);
      }
    }
    Await.until(() -> frames.stream().allMatch(f -> f.refCnt() == 1), 10, "every write let go of its duplicate");
    frames.forEach(ByteBuf::release);
    assertEquals(0, frames.stream().mapToInt(ByteBuf::refCnt).sum());
  }

  @Test
  void aClientThatStopsReadingFillsTheChannelAndTheWriterSaysSo() throws Exception {
    WebSocket client = connect();
    client.pause(); // stops reading: what the server writes piles up in the kernel, then in the channel
    WireFrames wire = writer.get(10, TimeUnit.SECONDS);
    ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);
    CompletableFuture<Integer> writtenUntilFull = new CompletableFuture<>();
    ByteBuf frame = WireFrames.textFrame(Buffer.buffer("x".repeat(4_000)));
    io.netty.channel.EventLoop loop = ((WebSocketInternal) socket).channelHandlerContext().channel().eventLoop();
    loop.execute(new Runnable() {
      private int written;

      @Override
      public void run() { // in batches, so the loop may flush to the kernel in between, as it does in a room
        for (int i = 0; i < 100 && !wire.full() && written < 50_000; i++, written++) {
          wire.write(frame);
        }
        if (wire.full() || written >= 50_000) {
          writtenUntilFull.complete(written);
        } else {
          loop.execute(this);
        }
      }
    });
    int written = writtenUntilFull.get(30, TimeUnit.SECONDS);
    CompletableFuture<Boolean> full = new CompletableFuture<>();
    loop.execute(() -> full.complete(wire.full()));
    assertEquals(true, full.get(10, TimeUnit.SECONDS), "full after " + written + " frames of 4 000 bytes");
    ((WebSocketInternal) socket).channelHandlerContext().close(); // as the node cuts a slow consumer
    client.resume(); // so the client reads to the end and sees the connection gone
    frame.release();
  }

  @Test
  void theChunkedWriterIsTakenOutOfTheSocketsPipeline() throws Exception {
    connect();
    ServerWebSocket socket = accepted.get(10, TimeUnit.SECONDS);
    writer.get(10, TimeUnit.SECONDS);
    assertNull(((WebSocketInternal) socket).channelHandlerContext().pipeline().get(ChunkedWriteHandler.class));
  }
}
