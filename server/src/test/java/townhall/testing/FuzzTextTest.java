package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fuzz inputs are read as UTF-8, except that a surrogate's three-byte form gives that lone surrogate. */
class FuzzTextTest {

  @Test
  void wellFormedUtf8DecodesAsUtf8() {
    String text = "Tiếng Việt \uD83D\uDC68\u200D\uD83D\uDC69 a\u0000b";

    assertEquals(text, FuzzText.decode(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void threeByteFormOfASurrogateIsThatLoneSurrogate() {
    assertEquals("a\uD800b", FuzzText.decode(bytes(0x61, 0xED, 0xA0, 0x80, 0x62)));
    assertEquals("\uDC00", FuzzText.decode(bytes(0xED, 0xB0, 0x80)));
  }

  @Test
  void malformedBytesBecomeReplacementCharacters() {
    assertEquals("\uFFFD\uFFFDa", FuzzText.decode(bytes(0xFF, 0xC0, 0x61)));
    assertEquals("\uFFFD", FuzzText.decode(bytes(0xE1, 0x80)).substring(0, 1));
    assertEquals("\uFFFD\uFFFD", FuzzText.decode(bytes(0xE0, 0x80, 0x80)).substring(0, 2), "overlong form");
  }

  private static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
