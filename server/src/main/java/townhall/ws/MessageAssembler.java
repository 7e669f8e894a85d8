package townhall.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Puts a socket's data frames together into messages, as Vert.x would, but strictly: a message over the size limit
 * is refused as it grows (not after it was buffered whole), and a text message must be valid UTF-8 (Vert.x would
 * silently put U+FFFD in place of broken bytes, so a broken client's text would be stored). Runs on the socket's
 * loop.
 */
final class MessageAssembler {
  /** What becomes of a message. */
  interface Sink {
    void text(String message);

    void binary();

    void tooBig();

    void invalidText();
  }

  private final int maxBytes;
  private final Sink sink;
  private Buffer partial;
  private boolean partialIsText;

  MessageAssembler(int maxBytes, Sink sink) {
    this.maxBytes = maxBytes;
    this.sink = sink;
  }

  void onFrame(WebSocketFrame frame) {
    if (frame.isText() || frame.isBinary()) {
      partialIsText = frame.isText();
      partial = null;
      if (frame.isFinal()) {
        deliver(frame.binaryData());
      } else {
        partial = Buffer.buffer().appendBuffer(frame.binaryData());
        checkSize();
      }
    } else if (frame.isContinuation() && partial != null) {
      partial.appendBuffer(frame.binaryData());
      if (checkSize() && frame.isFinal()) {
        Buffer whole = partial;
        partial = null;
        deliver(whole);
      }
    }
  }

  private boolean checkSize() {
    if (partial.length() > maxBytes) {
      partial = null;
      sink.tooBig();
      return false;
    }
    return true;
  }

  private void deliver(Buffer message) {
    if (message.length() > maxBytes) {
      sink.tooBig();
    } else if (!partialIsText) {
      sink.binary();
    } else {
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(message.getBytes())).toString();
      } catch (CharacterCodingException e) {
        sink.invalidText();
        return;
      }
      sink.text(text);
    }
  }
}
