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
      OrgAction.READ_AUDIT, OrgAction.INVITE_SESSION_STAFF)),
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

  /**
   * What an inviter must be allowed in the organization to grant this role: an organizer brings in the moderators
   * and clerks of its sessions; only an administrator grants the roles that manage sessions, people or answers.
   */
  public OrgAction grantedWith() {
    return this == MODERATOR || this == CLERK ? OrgAction.INVITE_SESSION_STAFF : OrgAction.MANAGE_PEOPLE;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OrgRole> fromWireName(String name) {
    return Arrays.stream(values()).filter(r -> r.wireName().equals(name)).findFirst();
  }
}
