package townhall.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A file an answer carries, as the chain commits to it: its name, its type (told by its bytes), its size and the
 * SHA-256 of its bytes (64 lowercase hex digits). Only PDF, PNG, JPEG and WebP are taken.
 */
public record Attachment(String name, String type, long size, String sha256) {
  public static final int NAME_LENGTH = 120;
  public static final String PDF = "application/pdf";

  /**
   * Checks an uploaded file: not empty, at most {@code maxBytes}, a PDF or PNG/JPEG/WebP image by its first bytes
   * (never by its name or the client's content type), and a name whose extension says the same type. Answers the
   * attachment with its cleaned name; {@code bad_request} or {@code too_long} otherwise.
   */
  public static Attachment check(byte[] bytes, String name, int maxBytes) {
    if (bytes == null || bytes.length == 0) {
      throw DomainException.badRequest("The file is empty");
    }
    if (bytes.length > maxBytes) {
      throw new DomainException(ErrorCode.TOO_LONG, "A file holds at most " + maxBytes + " bytes");
    }
    String type = sniff(bytes);
    if (type == null) {
      throw DomainException.badRequest("Only PDF, PNG, JPEG and WebP files are taken (told by their content)");
    }
    String clean = cleanName(name);
    String extension = clean.substring(clean.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    if (!type.equals(typeOfExtension(extension))) {
      throw DomainException.badRequest("The file's name ends in ." + extension + " but its content is " + type);
    }
    return new Attachment(clean, type, bytes.length, sha256(bytes));
  }

  /** The type told by the first bytes: PDF, PNG, JPEG or WebP; else {@code null}. */
  static String sniff(byte[] b) {
    if (starts(b, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
      return PDF;
    }
    if (starts(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})) {
      return "image/png";
    }
    if (starts(b, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
      return "image/jpeg";
    }
    if (b.length >= 12 && starts(b, "RIFF".getBytes(StandardCharsets.US_ASCII))
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return "image/webp";
    }
    return null;
  }

  private static String typeOfExtension(String extension) {
    return switch (extension) {
      case "pdf" -> PDF;
      case "png" -> "image/png";
      case "jpg", "jpeg" -> "image/jpeg";
      case "webp" -> "image/webp";
      default -> null;
    };
  }

  /**
   * The name as it may be shown and sent in a header: NFC, letters, digits, spaces, dots, dashes and underscores only
   * (anything else becomes {@code _}), no leading dot, at most {@link #NAME_LENGTH} characters, with an extension.
   */
  public static String cleanName(String name) {
    if (name == null || name.isBlank()) {
      throw DomainException.badRequest("The file needs a name (?name=...)");
    }
    String nfc = Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder();
    nfc.codePoints().forEach(c -> out.appendCodePoint(Character.isLetterOrDigit(c) || c == '.' || c == '-'
        || c == '_' || c == ' ' ? c : '_'));
    String clean = out.toString().replaceAll("^[. ]+", "").replaceAll(" +", " ");
    if (clean.codePointCount(0, clean.length()) > NAME_LENGTH) {
      throw new DomainException(ErrorCode.TOO_LONG, "A file name holds at most " + NAME_LENGTH + " characters");
    }
    int dot = clean.lastIndexOf('.');
    if (dot <= 0 || dot == clean.length() - 1) {
      throw DomainException.badRequest("The file name needs an extension: .pdf, .png, .jpg, .jpeg or .webp");
    }
    return clean;
  }

  private static boolean starts(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
