package townhall.domain.org;

import java.util.regex.Pattern;

/** Short URL names of organizations and series: {@code /o/{slug}}. */
public final class Slugs {
  public static final String RULE =
      "A slug is 1 to 63 lower-case ASCII letters, digits and hyphens, not starting or ending with a hyphen";
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  private Slugs() {
  }

  public static boolean valid(String slug) {
    return slug != null && SLUG.matcher(slug).matches();
  }
}
