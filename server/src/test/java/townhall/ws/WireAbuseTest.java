package townhall.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import townhall.testing.Await;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.RawWebSocket;
import townhall.testing.WsClient;

/**
 * B1 and B2 at the level of frames, with a client written on a plain socket: invalid UTF-8, a message in thousands
 * of tiny frames, a compressed frame although compression was never agreed. None of them changes anything or
 * disturbs another socket.
 */
class WireAbuseTest extends NodeTestBase {

  private String path() {
    return "/ws/sessions/" + api.createSession("Khung hỏng", "post", true).getString("id");
  }

  private void assertOthersUnaffected(Vertx vertx, String path) {
    String sessionId = path.substring(path.lastIndexOf('/') + 1);
    try (WsClient other = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      JsonObject welcome = other.next("welcome");
      assertEquals(0, welcome.getJsonArray("questions").size(), "nothing was asked");
    }
  }

  @Test
  void invalidUtf8InATextFrameClosesTheSocket(Vertx vertx) {
    String path = path();
    try (RawWebSocket raw = RawWebSocket.open(node.port(), path, Map.of())) {
      assertEquals(101, raw.status());
      raw.sendText("{\"type\":\"hello\"}");
      assertTrue(raw.nextText().contains("\"welcome\""));
      byte[] broken = "{\"type\":\"ask\",\"ref\":\"a\",\"text\":\"Xin chào ?\"}".getBytes(StandardCharsets.UTF_8);
      int mark = indexOf(broken, (byte) '?');
      byte[] invalid = Arrays.copyOf(broken, broken.length);
      invalid[mark] = (byte) 0xC3; // a two-byte lead followed by a quote: not UTF-8
      raw.sendFrame(RawWebSocket.TEXT, true, invalid);
      assertEquals(1007, raw.awaitCloseCode(), "invalid UTF-8 in a text frame");
    }
    assertOthersUnaffected(vertx, path);
  }

  @Test
  void aMessageInTenThousandOneByteFramesIsReadOnce(Vertx vertx) {
    String path = path();
    try (RawWebSocket raw = RawWebSocket.open(node.port(), path, Map.of())) {
      raw.sendText("{\"type\":\"hello\"}");
      assertTrue(raw.nextText().contains("\"welcome\""));
      String ping = "{\"type\":\"ping\"" + " ".repeat(10_000 - 16) + "}";
      byte[] bytes = ping.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < bytes.length; i++) {
        raw.sendFrame(i == 0 ? RawWebSocket.TEXT : RawWebSocket.CONTINUATION, i == bytes.length - 1,
            new byte[] {bytes[i]});
      }
      String answer = raw.nextText();
      while (answer.contains("\"presence\"")) {
        answer = raw.nextText();
      }
      assertEquals("pong", new JsonObject(answer).getString("type"), answer);
    }
    assertOthersUnaffected(vertx, path);
  }

  @Test
  void aCompressionOfferIsNotTakenAndACompressedFrameIsRefused(Vertx vertx) {
    String path = path();
    try (RawWebSocket raw = RawWebSocket.open(node.port(), path,
        Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"))) {
      assertEquals(101, raw.status());
      assertNull(raw.header("sec-websocket-extensions"), "no extension agreed");
      // a "compressed" frame (RSV1 set): a few bytes that would inflate to megabytes if the server inflated them
      raw.sendFrame(0x40 | RawWebSocket.TEXT, true, new byte[] {(byte) 0xed, (byte) 0xc1, 0x01, 0x0d, 0x00, 0x00});
      int code = raw.awaitCloseCode();
      assertTrue(code == 1002 || code == -1, "a frame with RSV1 set ends the connection, got " + code);
    }
    assertOthersUnaffected(vertx, path);
  }

  /** B8 in a real browser: a page on another origin cannot open a socket to the node (no sticky cookies help). */
  @Test
  void aPageOnAnotherOriginCannotOpenASocket(Vertx vertx) throws Exception {
    String path = path();
    String target = "ws://127.0.0.1:" + node.port() + path;
    String html = "<!doctype html><title>evil</title><script>window.result = 'pending';"
        + "const ws = new WebSocket('" + target + "');"
        + "ws.onopen = () => { window.result = 'open'; };"
        + "ws.onclose = () => { if (window.result === 'pending') window.result = 'refused'; };</script>";
    HttpServer evil = Await.result(vertx.createHttpServer().requestHandler(request -> request.response()
        .putHeader("Content-Type", "text/html").end(html)).listen(0, "127.0.0.1"));
    try (var chromium = townhall.testing.HeadlessChromium.launch(10_000)) {
      var page = chromium.browser().newPage();
      page.navigate("http://127.0.0.1:" + evil.actualPort() + "/");
      page.waitForFunction("window.result !== 'pending'");
      assertEquals("refused", page.evaluate("window.result"), "the cross-origin socket never opened");
    } finally {
      Await.result(evil.close());
    }
    assertOthersUnaffected(vertx, path);
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    throw new IllegalArgumentException("not found");
  }
}
