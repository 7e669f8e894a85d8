package townhall.domain.org;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an organization is in the tree: a city or province, a district, a ward, or an agency of one of them. */
public enum OrgKind {
  CITY, DISTRICT, WARD, AGENCY;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OrgKind> fromWireName(String name) {
    return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst();
  }
}
