package townhall.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An answer's file is told by its bytes, its name cleaned and made to agree with them. */
class AttachmentTest {
  private static final byte[] PDF = "%PDF-1.7\n%%EOF".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0};
  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB, 0};
  private static final byte[] WEBP = "RIFF\0\0\0\0WEBPVP8L".getBytes(StandardCharsets.ISO_8859_1);

  private static ErrorCode refusal(byte[] bytes, String name, int max) {
    return assertThrows(DomainException.class, () -> Attachment.check(bytes, name, max)).code();
  }

  @Test
  void eachTakenTypeIsToldByItsBytes() {
    assertEquals("application/pdf", Attachment.check(PDF, "a.pdf", 100).type());
    assertEquals("image/png", Attachment.check(PNG, "a.png", 100).type());
    assertEquals("image/jpeg", Attachment.check(JPEG, "a.JPG", 100).type());
    assertEquals("image/jpeg", Attachment.check(JPEG, "a.jpeg", 100).type());
    assertEquals("image/webp", Attachment.check(WEBP, "a.webp", 100).type());
    assertEquals(true, Attachment.check(PDF, "a.pdf", 100).sha256().matches("[0-9a-f]{64}"));
    assertEquals(PDF.length, Attachment.check(PDF, "a.pdf", 100).size());
  }

  @Test
  void aNameThatSaysAnotherTypeOrContentOfNoTakenTypeIsRefused() {
    assertEquals(ErrorCode.BAD_REQUEST, refusal(PDF, "photo.png", 100), "a PDF named .png");
    assertEquals(ErrorCode.BAD_REQUEST, refusal(PNG, "scan.pdf", 100), "a PNG named .pdf");
    assertEquals(ErrorCode.BAD_REQUEST, refusal("<svg/>".getBytes(StandardCharsets.UTF_8), "a.svg", 100));
    assertEquals(ErrorCode.BAD_REQUEST, refusal("GIF89a".getBytes(StandardCharsets.UTF_8), "a.gif", 100));
    assertEquals(ErrorCode.BAD_REQUEST, refusal("RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.ISO_8859_1),
        "a.webp", 100), "RIFF that is not WebP");
    assertEquals(ErrorCode.BAD_REQUEST, refusal(new byte[0], "a.pdf", 100), "empty");
    assertEquals(ErrorCode.TOO_LONG, refusal(PDF, "a.pdf", PDF.length - 1), "over the limit");
    assertEquals(ErrorCode.BAD_REQUEST, refusal(PDF, "noextension", 100));
    assertEquals(ErrorCode.BAD_REQUEST, refusal(PDF, "  ", 100));
    assertEquals(ErrorCode.BAD_REQUEST, refusal(PDF, null, 100));
    assertEquals(ErrorCode.TOO_LONG, refusal(PDF, "a".repeat(130) + ".pdf", 100));
  }

  @Test
  void namesKeepLettersDigitsAndSafePunctuationOnly() {
    assertEquals("Công văn _số 12_.pdf", Attachment.check(PDF, "Công văn \"số 12\".pdf", 100).name());
    assertEquals("_.._etc_passwd.pdf", Attachment.check(PDF, "/../etc/passwd.pdf", 100).name());
    assertEquals("a__b_.pdf", Attachment.check(PDF, "a\r\nb;.pdf", 100).name(), "no header can be split");
    assertEquals("x.pdf", Attachment.check(PDF, "...x.pdf", 100).name(), "no hidden file");
  }
}
