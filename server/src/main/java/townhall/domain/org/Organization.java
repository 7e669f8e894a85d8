package townhall.domain.org;

/**
 * An organization of the tree; {@code parentId} and {@code parentSlug} are null for the root.
 *
 * @param language  {@code vi} or {@code en}: the language of its pages and sessions by default
 * @param timeZone  an IANA zone such as {@code Asia/Ho_Chi_Minh}: how its schedules are shown
 */
public record Organization(long id, String slug, String name, OrgKind kind, Long parentId, String parentSlug,
    String language, String timeZone) {
}
