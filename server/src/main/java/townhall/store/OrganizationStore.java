package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import townhall.domain.org.NewOrganization;
import townhall.domain.org.Organization;

/**
 * The tree of organizations (PostgreSQL). Futures complete on the caller's context; a store that cannot be reached
 * fails them with {@code unavailable}, a slug already taken with {@code conflict}.
 */
public interface OrganizationStore {

  /** The root, created with {@code slug} and {@code name} if there is none yet (safe when nodes start at once). */
  Future<Organization> ensureRoot(String slug, String name);

  /** Adds an organization below its parent; {@code not_found} for an unknown parent. */
  Future<Organization> create(NewOrganization request);

  Future<Optional<Organization>> findBySlug(String slug);

  Future<Optional<Organization>> byId(long id);

  /** The ids of the organization and of every one above it, itself first. */
  Future<List<Long>> lineage(long organizationId);

  /** The organizations directly below. */
  Future<List<Organization>> children(long organizationId);
}
