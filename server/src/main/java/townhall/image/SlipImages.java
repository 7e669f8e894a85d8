package townhall.image;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;

/**
 * Turns an uploaded photo of a paper slip into the JPEG that is kept: JPEG, PNG or WebP (told by the first bytes,
 * never by a name or a header), at most {@code maxBytes}, at most {@code maxPixels} as its header says (read before
 * anything is decoded, so a small file that would decode to gigabytes is refused), turned upright by its EXIF
 * orientation, scaled so its longest side is at most {@code maxSide}, and written anew as a JPEG: the new file holds
 * pixels only, so EXIF (GPS included), XMP, ICC and comments are gone. Blocking and CPU-bound: run it on a worker
 * thread, never on an event loop. Refusals are {@link DomainException}s ({@code too_long}, {@code bad_request}).
 */
public final class SlipImages {
  /** The kept photo: JPEG bytes, their size in pixels and the SHA-256 of the bytes (64 lowercase hex digits). */
  public record Kept(byte[] jpeg, int width, int height, String sha256) {
  }

  private static final float QUALITY = 0.85f;

  private final int maxBytes;
  private final long maxPixels;
  private final int maxSide;

  public SlipImages(int maxBytes, long maxPixels, int maxSide) {
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
    this.maxSide = maxSide;
  }

  /** The upload re-encoded, or a refusal; changes nothing anywhere. */
  public Kept reencode(byte[] upload) {
    if (upload == null || upload.length == 0) {
      throw DomainException.badRequest("The photo is empty");
    }
    if (upload.length > maxBytes) {
      throw new DomainException(ErrorCode.TOO_LONG, "A photo holds at most " + maxBytes + " bytes");
    }
    String format = format(upload);
    if (format == null) {
      throw DomainException.badRequest("Only JPEG, PNG and WebP photos are taken (told by their content)");
    }
    BufferedImage decoded;
    try {
      decoded = decode(upload, format);
    } catch (IOException | RuntimeException e) {
      if (e instanceof DomainException refused) {
        throw refused;
      }
      throw DomainException.badRequest("The photo could not be read as " + format.toUpperCase(java.util.Locale.ROOT));
    }
    int orientation = "jpeg".equals(format) ? orientation(upload) : 1;
    BufferedImage upright = uprightAndScaled(decoded, orientation);
    byte[] jpeg = jpeg(upright);
    return new Kept(jpeg, upright.getWidth(), upright.getHeight(), sha256(jpeg));
  }

  /** The ImageIO format told by the first bytes: {@code jpeg}, {@code png} or {@code webp}; else {@code null}. */
  static String format(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return "jpeg";
    }
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D
        && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return "png";
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E'
        && b[10] == 'B' && b[11] == 'P') {
      return "webp";
    }
    return null;
  }

  /**
   * Reads the size from the header first and refuses more than {@code maxPixels}; then decodes, every n-th pixel
   * when the image is far larger than what is kept (the decoded copy stays within about twice {@code maxSide}).
   */
  private BufferedImage decode(byte[] upload, String format) throws IOException {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw DomainException.badRequest("This server cannot read " + format + " photos");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
      reader.setInput(in, true, true);
      long width = reader.getWidth(0);
      long height = reader.getHeight(0);
      if (width <= 0 || height <= 0) {
        throw DomainException.badRequest("The photo has no pixels");
      }
      if (width * height > maxPixels) {
        throw new DomainException(ErrorCode.TOO_LONG, "The photo is " + width + " x " + height
            + " pixels; at most " + maxPixels + " pixels are taken");
      }
      int step = (int) Math.max(1, Math.max(width, height) / maxSide);
      ImageReadParam param = reader.getDefaultReadParam();
      param.setSourceSubsampling(step, step, 0, 0);
      return reader.read(0, param);
    } finally {
      reader.dispose();
    }
  }

  /** The EXIF orientation (1 to 8) of a JPEG's APP1 segment; 1 (as stored) when it has none or it cannot be read. */
  static int orientation(byte[] jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      if (exif.isEmpty()) {
        return 1;
      }
      InputStream data = exif.get(0).data();
      if (data.read() < 0) { // the pad byte after "Exif\0"
        return 1;
      }
      try (ImageInputStream tiff = ImageIO.createImageInputStream(data)) {
        Directory directory = new TIFFReader().read(tiff);
        Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
        if (entry != null && entry.getValue() instanceof Number n && n.intValue() >= 1 && n.intValue() <= 8) {
          return n.intValue();
        }
      }
    } catch (IOException | RuntimeException e) {
      // a broken or odd EXIF block leaves the photo as stored: it is still a photo of the slip
    }
    return 1;
  }

  /** An RGB copy (transparency on white), scaled to at most {@code maxSide} and turned by {@code orientation}. */
  private BufferedImage uprightAndScaled(BufferedImage image, int orientation) {
    double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
    int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
    boolean turned = orientation >= 5;
    BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      AffineTransform transform = orient(orientation, w, h);
      transform.concatenate(AffineTransform.getScaleInstance((double) w / image.getWidth(),
          (double) h / image.getHeight()));
      g.drawImage(image, transform, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** What turns a {@code w} x {@code h} image stored with EXIF orientation {@code o} upright. */
  static AffineTransform orient(int o, int w, int h) {
    return switch (o) {
      case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);   // mirrored
      case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);  // upside down
      case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);   // mirrored upside down
      case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);    // transposed
      case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);   // turned a quarter clockwise
      case 7 -> new AffineTransform(0, -1, -1, 0, h, w);  // transversed
      case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);   // turned a quarter counter-clockwise
      default -> new AffineTransform();
    };
  }

  /** A baseline JPEG of the pixels alone: the JDK's writer adds a JFIF header and nothing else. */
  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("Writing a JPEG to memory failed", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
