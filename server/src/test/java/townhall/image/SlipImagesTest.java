package townhall.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.testing.SlipFixtures;

/** The re-encoding of a slip's photo, without a server: every EXIF orientation, the limits, the formats. */
class SlipImagesTest {
  private static final int W = 80;
  private static final int H = 40;
  private final SlipImages images = new SlipImages(1024 * 1024, 1_000_000, 2000);

  /** Stored quadrants: red top-left, green top-right, blue bottom-left, white bottom-right. */
  private static BufferedImage quadrants() {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    Map.of(Color.RED, new int[] {0, 0}, Color.GREEN, new int[] {W / 2, 0}, Color.BLUE, new int[] {0, H / 2},
        Color.WHITE, new int[] {W / 2, H / 2}).forEach((color, at) -> {
          g.setColor(color);
          g.fillRect(at[0], at[1], W / 2, H / 2);
        });
    g.dispose();
    return image;
  }

  private static String colorAt(BufferedImage image, int x, int y) {
    Color c = new Color(image.getRGB(x, y));
    if (c.getRed() > 180 && c.getGreen() > 180 && c.getBlue() > 180) {
      return "white";
    }
    if (c.getRed() > 180) {
      return "red";
    }
    return c.getGreen() > 180 ? "green" : "blue";
  }

  @Test
  void everyExifOrientationIsTurnedUpright() throws IOException {
    // what stands at the top-left once upright, per the EXIF specification's meaning of each orientation
    Map<Integer, String> topLeft = Map.of(1, "red", 2, "green", 3, "white", 4, "blue", 5, "red", 6, "blue",
        7, "white", 8, "green");
    byte[] jpeg = SlipFixtures.jpeg(quadrants());
    for (int o = 1; o <= 8; o++) {
      SlipImages.Kept kept = images.reencode(SlipFixtures.withExif(jpeg, o));
      BufferedImage upright = ImageIO.read(new ByteArrayInputStream(kept.jpeg()));
      boolean turned = o >= 5;
      assertEquals(turned ? H : W, upright.getWidth(), "orientation " + o);
      assertEquals(turned ? W : H, upright.getHeight(), "orientation " + o);
      assertEquals(topLeft.get(o), colorAt(upright, 5, 5), "orientation " + o);
      assertEquals(6, SlipImages.orientation(SlipFixtures.withExif(jpeg, 6)));
    }
  }

  @Test
  void largePhotosAreScaledToTheLongestSide() throws IOException {
    SlipImages small = new SlipImages(1024 * 1024, 10_000_000, 500);
    SlipImages.Kept kept = small.reencode(SlipFixtures.plainJpeg(2400, 1200));
    assertEquals(500, kept.width());
    assertEquals(250, kept.height());
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(kept.jpeg()));
    assertEquals(500, read.getWidth());
    assertTrue(colorAt(read, 10, 125).equals("red") && colorAt(read, 490, 125).equals("blue"));
  }

  @Test
  void limitsAndFormatsAreCheckedBeforeDecoding() {
    DomainException bomb = assertThrows(DomainException.class,
        () -> images.reencode(SlipFixtures.pngBomb(100_000, 100_000)));
    assertEquals(ErrorCode.TOO_LONG, bomb.code());
    DomainException large = assertThrows(DomainException.class,
        () -> new SlipImages(100, 1_000_000, 2000).reencode(SlipFixtures.plainJpeg(40, 40)));
    assertEquals(ErrorCode.TOO_LONG, large.code());
    for (byte[] bad : new byte[][] {new byte[0], "GIF89a....".getBytes(), "%PDF-1.4".getBytes(),
        new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00, 0x01}}) {
      assertEquals(ErrorCode.BAD_REQUEST, assertThrows(DomainException.class, () -> images.reencode(bad)).code());
    }
    assertEquals("webp", SlipImages.format(SlipFixtures.WEBP));
  }
}
