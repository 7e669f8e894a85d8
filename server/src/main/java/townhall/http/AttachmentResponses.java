package townhall.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import townhall.domain.Attachment;
import townhall.store.InboxStore;

/**
 * How an answer's file is served: its exact type (told by its bytes when it was kept), never sniffed, a PDF as a
 * download and an image inline, with a filename reduced to safe characters, in a sandbox with nothing allowed (a
 * PDF viewer or an image opened on its own runs no script of ours and reaches nothing).
 */
final class AttachmentResponses {
  /** What {@code Content-Security-Policy} every served file carries. */
  static final String POLICY = "sandbox; default-src 'none'";

  private AttachmentResponses() {
  }

  /** The public URL of a published file: the SHA-256 the chain commits to names it. */
  static String publicUrl(String sha256) {
    return "/api/attachments/" + sha256;
  }

  /**
   * @param published a public, content-addressed file (cached for a year) rather than a draft's (never cached)
   */
  static void send(RoutingContext rc, InboxStore.AttachmentFile file, boolean published) {
    Attachment a = file.file();
    String disposition = Attachment.PDF.equals(a.type()) ? "attachment" : "inline";
    rc.response().setStatusCode(200)
        .putHeader("Content-Type", a.type())
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Content-Security-Policy", POLICY)
        .putHeader("Content-Disposition", disposition + "; filename=\"" + asciiName(a.name()) + "\"; filename*=UTF-8''"
            + URLEncoder.encode(a.name(), StandardCharsets.UTF_8).replace("+", "%20"))
        .putHeader("Cache-Control", published ? "public, max-age=31536000, immutable" : "private, no-store")
        .end(Buffer.buffer(file.bytes()));
  }

  /** The name with every character outside printable ASCII (and quotes, backslashes) as {@code _}. */
  static String asciiName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? c : '_');
    }
    return out.toString();
  }
}
