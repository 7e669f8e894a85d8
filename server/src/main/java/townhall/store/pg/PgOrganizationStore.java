package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.domain.DomainException;
import townhall.domain.org.NewOrganization;
import townhall.domain.org.OrgKind;
import townhall.domain.org.Organization;
import townhall.store.OrganizationStore;

/** {@link OrganizationStore} on the {@code organizations} table. */
final class PgOrganizationStore implements OrganizationStore {
  // every statement is one fixed text with $n parameters; each reads the same columns for organization(row)
  private static final String ROOT = "SELECT id, slug, name, kind, parent_id, language, time_zone,"
      + " (SELECT p.slug FROM organizations p WHERE p.id = organizations.parent_id) AS parent_slug"
      + " FROM organizations WHERE parent_id IS NULL";
  private static final String CREATE = "INSERT INTO organizations (slug, name, kind, parent_id, language,"
      + " time_zone) SELECT $1, $2, $3, id, $5, $6 FROM organizations WHERE slug = $4 RETURNING id, slug, name,"
      + " kind, parent_id, language, time_zone,"
      + " (SELECT p.slug FROM organizations p WHERE p.id = organizations.parent_id) AS parent_slug";
  private static final String BY_SLUG = "SELECT id, slug, name, kind, parent_id, language, time_zone,"
      + " (SELECT p.slug FROM organizations p WHERE p.id = organizations.parent_id) AS parent_slug"
      + " FROM organizations WHERE slug = $1";
  private static final String BY_ID = "SELECT id, slug, name, kind, parent_id, language, time_zone,"
      + " (SELECT p.slug FROM organizations p WHERE p.id = organizations.parent_id) AS parent_slug"
      + " FROM organizations WHERE id = $1";
  private static final String CHILDREN = "SELECT id, slug, name, kind, parent_id, language, time_zone,"
      + " (SELECT p.slug FROM organizations p WHERE p.id = organizations.parent_id) AS parent_slug"
      + " FROM organizations WHERE parent_id = $1 ORDER BY name";

  private final Pool pool;

  PgOrganizationStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Organization> ensureRoot(String slug, String name) {
    // the partial unique index on the root makes a second node's insert a no-op
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO organizations (slug, name, kind) VALUES ($1, $2, 'city')"
            + " ON CONFLICT DO NOTHING").execute(Tuple.of(slug, name))
        .compose(inserted -> pool.preparedQuery(ROOT)
            .execute())
        .map(rows -> organization(rows.iterator().next())));
  }

  @Override
  public Future<Organization> create(NewOrganization r) {
    return PgCalls.mapped(pool.preparedQuery(CREATE)
        .execute(Tuple.of(r.slug(), r.name(), r.kind().wireName(), r.parentSlug(), r.language(), r.timeZone()))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw DomainException.notFound("No organization '" + r.parentSlug() + "' to put it under");
          }
          return organization(rows.iterator().next());
        }));
  }

  @Override
  public Future<Optional<Organization>> findBySlug(String slug) {
    return PgCalls.mapped(pool.preparedQuery(BY_SLUG)
        .execute(Tuple.of(slug))
        .map(rows -> rows.rowCount() == 0 ? Optional.<Organization>empty()
            : Optional.of(organization(rows.iterator().next()))));
  }

  @Override
  public Future<Optional<Organization>> byId(long id) {
    return PgCalls.mapped(pool.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(rows -> rows.rowCount() == 0 ? Optional.<Organization>empty()
            : Optional.of(organization(rows.iterator().next()))));
  }

  @Override
  public Future<List<Long>> lineage(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery("WITH RECURSIVE up(id, parent_id, depth) AS ("
            + " SELECT id, parent_id, 0 FROM organizations WHERE id = $1"
            + " UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id)"
            + " SELECT id FROM up ORDER BY depth").execute(Tuple.of(organizationId))
        .map(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getLong("id")));
          return ids;
        }));
  }

  @Override
  public Future<List<Organization>> children(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery(CHILDREN).execute(Tuple.of(organizationId))
        .map(rows -> {
          List<Organization> list = new ArrayList<>();
          rows.forEach(row -> list.add(organization(row)));
          return list;
        }));
  }

  static Organization organization(Row row) {
    return new Organization(row.getLong("id"), row.getString("slug"), row.getString("name"),
        OrgKind.fromWireName(row.getString("kind")).orElseThrow(), row.getLong("parent_id"),
        row.getString("parent_slug"), row.getString("language"), row.getString("time_zone"));
  }
}
