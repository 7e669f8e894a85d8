package townhall.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import townhall.domain.ErrorCode;
import townhall.testing.FuzzText;

/**
 * Any client frame decodes to a typed {@link ClientMessage} or is refused with a {@link ProtocolException} (which
 * the socket answers with {@code bad_request}); nothing else escapes the decoder.
 *
 * <p>A normal {@code mvn test} runs this in regression mode: it replays every committed input in
 * {@code src/test/resources/townhall/protocol/MessageCodecFuzzTestInputs/<method>/} (one frame per file, read as
 * UTF-8; the bytes {@code ED A0 80} stand for a lone surrogate, see {@link FuzzText}) plus the empty input.
 *
 * <p>To fuzz for real (one fuzz test per run; inputs that fail are written next to the committed ones, the corpus
 * the fuzzer grows goes to {@code server/.cifuzz-corpus/}, which git ignores):
 * <pre>
 * JAZZER_FUZZ=1 JAZZER_MAX_DURATION=120s mvn -B -ntp -pl server -am test \
 *     -Dtest='MessageCodecFuzzTest#anyFrameIsAMessageOrAProtocolException' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class MessageCodecFuzzTest {
  private static final int MAX_REF_LENGTH = 64;

  private final MessageCodec codec = new MessageCodec();

  /**
   * A decoded message holds exactly the fields of its frame and re-encodes and decodes to an equal message; a
   * refusal carries only a ref the server may echo and can itself be sent back to the client.
   */
  @FuzzTest(maxDuration = "2m")
  void anyFrameIsAMessageOrAProtocolException(byte[] input) {
    String frame = FuzzText.decode(input);

    ClientMessage message;
    try {
      message = codec.decode(frame);
    } catch (ProtocolException refused) {
      assertEchoableRef(refused.ref());
      assertTheRefusalCanBeSent(refused);
      return;
    }

    assertNotNull(message);
    assertEchoableRef(message.ref());
    String reEncoded = codec.encodeClient(message);
    assertEquals(message, codec.decode(reEncoded), "re-encoded: " + reEncoded);
    assertEquals(withoutNulls(new JsonObject(frame)), new JsonObject(reEncoded),
        "the message holds exactly the frame's fields, none ignored or changed");
  }

  /** A field sent as {@code null} is a field not sent. */
  private static JsonObject withoutNulls(JsonObject json) {
    JsonObject given = new JsonObject();
    json.forEach(field -> {
      if (field.getValue() != null) {
        given.put(field.getKey(), field.getValue());
      }
    });
    return given;
  }

  private void assertTheRefusalCanBeSent(ProtocolException refused) {
    ServerMessage.Error error = new ServerMessage.Error(refused.ref(), ErrorCode.BAD_REQUEST, refused.getMessage(), 0);

    String sent = codec.encode(error).toString(StandardCharsets.UTF_8);

    assertEquals(error, codec.decodeServer(sent), sent);
  }

  private static void assertEchoableRef(String ref) {
    if (ref == null) {
      return;
    }
    assertTrue(!ref.isEmpty() && ref.length() <= MAX_REF_LENGTH, "ref length " + ref.length());
    assertTrue(ref.chars().noneMatch(c -> Character.isISOControl(c) || Character.isSurrogate((char) c)),
        "ref holds a control character or a surrogate: " + ref);
  }
}
