package townhall.domain.org;

import java.util.List;
import java.util.Set;

/**
 * Who makes a request: the automation bearer ({@code TOWNHALL_ADMIN_TOKEN}, allowed everything) or a signed-in
 * account with its role grants.
 */
public record Actor(Long accountId, boolean adminToken, List<RoleGrant> grants) {
  public static final Actor ADMIN_TOKEN = new Actor(null, true, List.of());

  public Actor {
    grants = List.copyOf(grants);
  }

  public static Actor of(Account account) {
    return new Actor(account.id(), false, account.grants());
  }

  /**
   * Whether this actor may do {@code action} in the organization whose chain up to the root is {@code lineage}
   * (its own id first): a role held in any of them counts.
   */
  public boolean may(OrgAction action, Set<Long> lineage) {
    return adminToken || grants.stream()
        .anyMatch(g -> lineage.contains(g.organizationId()) && g.role().allows(action));
  }

  /** The name the audit log keeps: an account id, never an email. */
  public String auditName() {
    return adminToken ? "admin-token" : "account:" + accountId;
  }
}
