package townhall.domain.org;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A role a person holds in an organization; it holds in every organization below it too. */
public enum OrgRole {
  ADMINISTRATOR(EnumSet.allOf(OrgAction.class)),
  ORGANIZER(EnumSet.of(OrgAction.MANAGE_SESSIONS, OrgAction.MODERATE, OrgAction.ENTER_QUESTIONS,
      OrgAction.READ_AUDIT)),
  MODERATOR(EnumSet.of(OrgAction.MODERATE)),
  CLERK(EnumSet.of(OrgAction.ENTER_QUESTIONS)),
  RESPONDER(EnumSet.of(OrgAction.RESPOND));

  private final Set<OrgAction> allowed;

  OrgRole(Set<OrgAction> allowed) {
    this.allowed = allowed;
  }

  public boolean allows(OrgAction action) {
    return allowed.contains(action);
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OrgRole> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}
