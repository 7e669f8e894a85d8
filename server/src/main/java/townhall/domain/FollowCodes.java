package townhall.domain;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A question's public follow-up code, such as {@code BN-4K7Q}: six characters read aloud without confusion (no
 * {@code 0}/{@code O}, {@code 1}/{@code I}/{@code L}), shown as two, a hyphen and four. 31^6 (about 887 million)
 * codes; the store keeps each one unique in the installation by reserving it before the question is created.
 */
public final class FollowCodes {
  /** The characters of a code: letters and digits that cannot be taken for one another when read or heard. */
  public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
  private static final int LENGTH = 6;
  private static final int HEAD = 2;

  private FollowCodes() {
  }

  /** A new random code in its written form ({@code BN-4K7Q}). */
  public static String random(RandomGenerator random) {
    StringBuilder code = new StringBuilder(LENGTH + 1);
    for (int i = 0; i < LENGTH; i++) {
      if (i == HEAD) {
        code.append('-');
      }
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return code.toString();
  }

  /**
   * The written form of what someone typed or read out ({@code bn4k7q}, {@code BN 4K7Q}, {@code bn-4k7q}), or
   * {@code null} when it cannot be a code. Case, spaces and hyphens do not matter.
   */
  public static String normalize(String typed) {
    if (typed == null || typed.length() > 20) {
      return null;
    }
    StringBuilder chars = new StringBuilder(LENGTH);
    for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
      if (c == '-' || c == ' ') {
        continue;
      }
      if (ALPHABET.indexOf(c) < 0 || chars.length() == LENGTH) {
        return null;
      }
      chars.append(c);
    }
    if (chars.length() != LENGTH) {
      return null;
    }
    return chars.substring(0, HEAD) + "-" + chars.substring(HEAD);
  }
}
