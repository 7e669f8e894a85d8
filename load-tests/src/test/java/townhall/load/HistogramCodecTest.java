package townhall.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The per-vote arrays of a result survive the JSON, including a run without votes (a join storm alone). */
class HistogramCodecTest {

  @Test
  void intArraysRoundTripEmptyOrNot() {
    assertArrayEquals(new int[0], HistogramCodec.decodeInts(HistogramCodec.encodeInts(new int[0])));
    int[] values = {0, -1, 17, Integer.MAX_VALUE, 5, 5, 5};
    assertArrayEquals(values, HistogramCodec.decodeInts(HistogramCodec.encodeInts(values)));
  }

  @Test
  void aCutStreamIsRefused() {
    String whole = HistogramCodec.encodeInts(new int[] {1, 2, 3, 4, 5, 6, 7, 8});
    byte[] bytes = Base64.getDecoder().decode(whole);
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    assertThrows(IllegalArgumentException.class,
        () -> HistogramCodec.decodeInts(Base64.getEncoder().encodeToString(cut)));
  }
}
