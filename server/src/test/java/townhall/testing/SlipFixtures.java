package townhall.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Photos of paper slips for tests, made here: a JPEG with EXIF (orientation, GPS) and a comment, a PNG bomb, ... */
public final class SlipFixtures {
  /** What the comment segment of {@link #jpegWithExif} says: it must not survive. */
  public static final String COMMENT = "Shot at 10.7769N 106.7009E by Bac Hung's phone";
  /** A 1 x 1 lossless WebP (the smallest there is). */
  public static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

  private SlipFixtures() {
  }

  /** A {@code width} x {@code height} JPEG, its left half red and its right half blue, with no metadata. */
  public static byte[] plainJpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 2, height);
    g.setColor(Color.BLUE);
    g.fillRect(width / 2, 0, width - width / 2, height);
    g.dispose();
    return jpeg(image);
  }

  /**
   * {@link #plainJpeg} with, right after its start: an APP1 Exif segment (orientation {@code orientation}, a GPS
   * block with a latitude reference) and a comment segment ({@link #COMMENT}), as a phone's camera writes them.
   */
  public static byte[] jpegWithExif(int width, int height, int orientation) {
    return withExif(plainJpeg(width, height), orientation);
  }

  /** The image as a JPEG without metadata. */
  public static byte[] jpeg(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "jpeg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The JPEG with an APP1 Exif segment (orientation, GPS) and a comment inserted right after its start. */
  public static byte[] withExif(byte[] jpeg, int orientation) {
    ByteBuffer tiff = ByteBuffer.allocate(56); // big-endian: "MM"
    tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
    tiff.putShort((short) 2);                                              // IFD0: 2 entries
    tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
    tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38); // GPS IFD at 38
    tiff.putInt(0);
    tiff.putShort((short) 1);                                              // GPS IFD: 1 entry
    tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
    tiff.putInt(0);
    byte[] exif = concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff.array());
    byte[] comment = COMMENT.getBytes(StandardCharsets.US_ASCII);
    return concat(new byte[] {(byte) 0xFF, (byte) 0xD8}, segment(0xE1, exif), segment(0xFE, comment),
        java.util.Arrays.copyOfRange(jpeg, 2, jpeg.length));
  }

  /** A PNG whose header says {@code width} x {@code height} (a few hundred bytes that would decode to gigabytes). */
  public static byte[] pngBomb(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
    return concat(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, chunk("IHDR", ihdr.array()),
        chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}), chunk("IEND", new byte[0]));
  }

  /** The markers of a JPEG's segments before its image data (0xE0 APP0, 0xE1 APP1, 0xFE a comment, ...). */
  public static List<Integer> markers(byte[] jpeg) {
    List<Integer> markers = new ArrayList<>();
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xFF) == 0xFF) {
      int marker = jpeg[i + 1] & 0xFF;
      markers.add(marker);
      if (marker == 0xDA) {
        break;
      }
      i += 2 + (((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF));
    }
    return markers;
  }

  private static byte[] segment(int marker, byte[] payload) {
    int length = payload.length + 2;
    return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
  }

  private static byte[] chunk(String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    return concat(ByteBuffer.allocate(4).putInt(data.length).array(), typeBytes, data,
        ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
