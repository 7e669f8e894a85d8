package townhall.domain;

/**
 * Where in a question's text a flag was found: {@code start} inclusive, {@code end} exclusive, in UTF-16 code units
 * of the stored (NFC) text, the same indices a browser's {@code String} uses.
 */
public record FlagMatch(ContentFlag flag, int start, int end) {
  public FlagMatch {
    if (flag == null || start < 0 || end <= start) {
      throw new IllegalArgumentException("A match is a flag and a non-empty range: " + flag + " " + start + "-" + end);
    }
  }
}
