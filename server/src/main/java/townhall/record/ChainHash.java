package townhall.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import townhall.domain.record.ChainLink;

/**
 * The record chain's hash, as {@code lib.lua} computes it when an entry is appended: h(n) = SHA-256(h(n-1) || the
 * UTF-8 bytes of entry n), with h(0) = 32 zero bytes, each hash written as 64 lowercase hex digits.
 */
public final class ChainHash {
  /** h(0), in hex. */
  public static final String START = "0".repeat(64);

  private ChainHash() {
  }

  /** h(n) from h(n-1) (hex) and entry n. */
  public static String next(String previousHex, String entry) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(HexFormat.of().parseHex(previousHex));
      sha256.update(entry.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java has SHA-256", e);
    }
  }

  /**
   * Recomputes the chain: answers the first problem found (a link out of order, a hash that does not match its
   * entry and the link before), or empty when every link holds.
   */
  public static Optional<String> firstBreak(List<ChainLink> links) {
    String previous = START;
    for (int i = 0; i < links.size(); i++) {
      ChainLink link = links.get(i);
      if (link.n() != i + 1) {
        return Optional.of("link " + (i + 1) + " is numbered " + link.n());
      }
      String expected = next(previous, link.entry());
      if (!expected.equals(link.hash())) {
        return Optional.of("link " + link.n() + ": the hash of its entry is " + expected + ", the record says "
            + link.hash());
      }
      previous = expected;
    }
    return Optional.empty();
  }
}
