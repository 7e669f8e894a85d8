package townhall.domain.org;

import java.time.DateTimeException;
import java.time.ZoneId;
import townhall.domain.DomainException;

/** A checked request for an organization below {@code parentSlug}. */
public record NewOrganization(String slug, String name, OrgKind kind, String parentSlug, String language,
    String timeZone) {
  public static final int NAME_LENGTH = 200;

  public NewOrganization {
    if (!Slugs.valid(slug)) {
      throw DomainException.badRequest(Slugs.RULE);
    }
    if (name == null || name.isBlank() || name.strip().length() > NAME_LENGTH) {
      throw DomainException.badRequest("'name' must hold 1 to " + NAME_LENGTH + " characters");
    }
    name = name.strip();
    if (!language.equals("vi") && !language.equals("en")) {
      throw DomainException.badRequest("'language' must be vi or en");
    }
    try {
      ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw DomainException.badRequest("'timeZone' must be an IANA time zone such as Asia/Ho_Chi_Minh");
    }
  }
}
