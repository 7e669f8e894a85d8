package townhall.testing;

/**
 * Turns a fuzzer's bytes into a Java string, so that the committed fuzz inputs are readable text files.
 *
 * <p>The bytes are read as UTF-8, generalised as in WTF-8: the three-byte form of a surrogate ({@code ED A0 80} to
 * {@code ED BF BF}) gives that surrogate on its own, so a file can hold a lone surrogate, which real UTF-8 cannot.
 * Any other byte that does not start a well-formed sequence becomes U+FFFD, as a UTF-8 decoder would make it.
 */
public final class FuzzText {
  private FuzzText() {
  }

  public static String decode(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length);
    int i = 0;
    while (i < bytes.length) {
      int first = bytes[i] & 0xFF;
      int length;
      int smallest;
      int codePoint;
      if (first < 0x80) {
        text.append((char) first);
        i++;
        continue;
      } else if (first >= 0xC2 && first <= 0xDF) {
        length = 2;
        smallest = 0x80;
        codePoint = first & 0x1F;
      } else if (first >= 0xE0 && first <= 0xEF) {
        length = 3;
        smallest = 0x800;
        codePoint = first & 0x0F;
      } else if (first >= 0xF0 && first <= 0xF4) {
        length = 4;
        smallest = 0x10000;
        codePoint = first & 0x07;
      } else {
        text.append('\uFFFD');
        i++;
        continue;
      }
      int read = 1;
      while (read < length && i + read < bytes.length && (bytes[i + read] & 0xC0) == 0x80) {
        codePoint = codePoint << 6 | bytes[i + read] & 0x3F;
        read++;
      }
      if (read < length || codePoint < smallest || codePoint > Character.MAX_CODE_POINT) {
        text.append('\uFFFD');
        i++;
      } else {
        text.appendCodePoint(codePoint);
        i += length;
      }
    }
    return text.toString();
  }
}
