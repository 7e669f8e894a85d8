package townhall.domain.org;

/** A role held in one organization. */
public record RoleGrant(long organizationId, String organizationSlug, OrgRole role) {
}
