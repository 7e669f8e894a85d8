package townhall.load;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.HdrHistogram.Histogram;

/**
 * Keeps HdrHistograms and per-event arrays in the JSON result exactly, so the results of several processes add up:
 * a histogram as base64 of {@link Histogram#encodeIntoCompressedByteBuffer}, an {@code int[]} as base64 of its
 * deflated big-endian bytes.
 */
public final class HistogramCodec {
  private HistogramCodec() {
  }

  /** The histogram as base64 text. */
  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
    byte[] bytes = new byte[length];
    buffer.flip();
    buffer.get(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A histogram from {@link #encode}'s text. */
  public static Histogram decode(String base64) {
    try {
      Histogram histogram = Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
      histogram.setAutoResize(true);
      return histogram;
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
    }
  }

  /** The ints as base64 of their deflated bytes. */
  public static String encodeInts(int[] values) {
    ByteBuffer raw = ByteBuffer.allocate(values.length * 4);
    raw.asIntBuffer().put(values);
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    deflater.setInput(raw.array());
    deflater.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    while (!deflater.finished()) {
      out.write(chunk, 0, deflater.deflate(chunk));
    }
    deflater.end();
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  /** The ints from {@link #encodeInts}'s text. */
  public static int[] decodeInts(String base64) {
    Inflater inflater = new Inflater();
    inflater.setInput(Base64.getDecoder().decode(base64));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        // (an empty array's stream ends in the same call that inflates nothing)
        if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("truncated int array");
        }
        out.write(chunk, 0, n);
      }
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("not an encoded int array: " + e.getMessage(), e);
    } finally {
      inflater.end();
    }
    ByteBuffer bytes = ByteBuffer.wrap(out.toByteArray());
    int[] values = new int[bytes.remaining() / 4];
    bytes.asIntBuffer().get(values);
    return values;
  }
}
