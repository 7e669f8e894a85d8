package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import townhall.domain.org.Account;
import townhall.domain.org.Credentials;
import townhall.domain.org.OrgRole;
import townhall.domain.org.RoleGrant;
import townhall.store.AccountStore;

/** {@link AccountStore} on {@code accounts}, {@code role_grants}, {@code sign_ins} and {@code link_grants}. */
final class PgAccountStore implements AccountStore {
  private final Pool pool;

  PgAccountStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Account> createOrGrant(String email, String passwordHash, String displayName, long organizationId,
      OrgRole role) {
    return PgCalls.mapped(pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO accounts (email, password_hash,"
            + " display_name) VALUES ($1, $2, $3) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email"
            + " RETURNING id").execute(Tuple.of(email, passwordHash, displayName))
        .compose(rows -> {
          long id = rows.iterator().next().getLong("id");
          return tx.preparedQuery("INSERT INTO role_grants (account_id, organization_id, role) VALUES ($1, $2, $3)"
                  + " ON CONFLICT DO NOTHING").execute(Tuple.of(id, organizationId, role.wireName()))
              .map(ignored -> id);
        }))
        .compose(id -> find(id).map(Optional::orElseThrow)));
  }

  @Override
  public Future<Optional<Credentials>> credentials(String email) {
    return PgCalls.mapped(pool.preparedQuery("SELECT id, email, password_hash FROM accounts WHERE email = $1")
        .execute(Tuple.of(email))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new Credentials(row.getLong("id"), row.getString("email"),
              row.getString("password_hash")));
        }));
  }

  @Override
  public Future<Optional<Account>> find(long accountId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT a.id, a.display_name, g.organization_id, o.slug, g.role"
            + " FROM accounts a LEFT JOIN role_grants g ON g.account_id = a.id"
            + " LEFT JOIN organizations o ON o.id = g.organization_id WHERE a.id = $1 ORDER BY o.slug, g.role")
        .execute(Tuple.of(accountId)).map(PgAccountStore::account));
  }

  private static Optional<Account> account(RowSet<Row> rows) {
    if (rows.rowCount() == 0) {
      return Optional.empty();
    }
    List<RoleGrant> grants = new ArrayList<>();
    long id = 0;
    String name = "";
    for (Row row : rows) {
      id = row.getLong("id");
      name = row.getString("display_name");
      if (row.getLong("organization_id") != null) {
        grants.add(new RoleGrant(row.getLong("organization_id"), row.getString("slug"),
            OrgRole.fromWireName(row.getString("role")).orElseThrow()));
      }
    }
    return Optional.of(new Account(id, name, grants));
  }

  @Override
  public Future<Boolean> hasAdministrator(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery("SELECT 1 FROM role_grants WHERE organization_id = $1"
            + " AND role = 'administrator' LIMIT 1").execute(Tuple.of(organizationId))
        .map(rows -> rows.rowCount() > 0));
  }

  @Override
  public Future<Void> signIn(byte[] tokenHash, long accountId, String csrfToken, Instant expiresAt) {
    return PgCalls.mapped(pool.preparedQuery("INSERT INTO sign_ins (token_hash, account_id, csrf_token, expires_at)"
            + " VALUES ($1, $2, $3, $4)").execute(Tuple.of(Buffer.buffer(tokenHash), accountId, csrfToken,
            utc(expiresAt))).mapEmpty());
  }

  @Override
  public Future<Optional<SignedIn>> signedIn(byte[] tokenHash) {
    return PgCalls.mapped(pool.preparedQuery("SELECT account_id, csrf_token FROM sign_ins WHERE token_hash = $1"
            + " AND expires_at > now()").execute(Tuple.of(Buffer.buffer(tokenHash)))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture(Optional.<SignedIn>empty());
          }
          Row row = rows.iterator().next();
          String csrf = row.getString("csrf_token");
          return find(row.getLong("account_id")).map(account -> account.map(a -> new SignedIn(a, csrf)));
        }));
  }

  @Override
  public Future<Void> signOut(byte[] tokenHash) {
    return PgCalls.mapped(pool.preparedQuery("DELETE FROM sign_ins WHERE token_hash = $1")
        .execute(Tuple.of(Buffer.buffer(tokenHash))).mapEmpty());
  }

  @Override
  public Future<Void> grantLink(byte[] tokenHash, String purpose, String email, Long organizationId, OrgRole role,
      Instant expiresAt) {
    return PgCalls.mapped(pool.withTransaction(tx -> {
      Future<?> withdrawn = purpose.equals("setup")
          ? tx.preparedQuery("UPDATE link_grants SET used_at = now() WHERE purpose = 'setup' AND used_at IS NULL")
              .execute()
          : Future.succeededFuture();
      return withdrawn.compose(ignored -> tx.preparedQuery("INSERT INTO link_grants (token_hash, purpose, email,"
              + " organization_id, role, expires_at) VALUES ($1, $2, $3, $4, $5, $6)")
          .execute(Tuple.of(Buffer.buffer(tokenHash), purpose, email, organizationId,
              role == null ? null : role.wireName(), utc(expiresAt))));
    }).mapEmpty());
  }

  @Override
  public Future<Optional<Long>> resetPassword(String email, String passwordHash) {
    return PgCalls.mapped(pool.withTransaction(tx -> tx.preparedQuery("UPDATE accounts SET password_hash = $2"
            + " WHERE email = $1 RETURNING id").execute(Tuple.of(email, passwordHash))
        .compose(rows -> {
          if (rows.rowCount() == 0) {
            return Future.succeededFuture(Optional.<Long>empty());
          }
          long id = rows.iterator().next().getLong("id");
          return tx.preparedQuery("DELETE FROM sign_ins WHERE account_id = $1").execute(Tuple.of(id))
              .compose(deleted -> tx.preparedQuery("UPDATE link_grants SET used_at = now() WHERE purpose = 'reset'"
                  + " AND email = $1 AND used_at IS NULL").execute(Tuple.of(email)))
              .map(withdrawn -> Optional.of(id));
        })));
  }

  @Override
  public Future<Optional<LinkGrant>> useLink(byte[] tokenHash, String purpose) {
    // one statement: of two uses at once, one gets the row
    return PgCalls.mapped(pool.preparedQuery("UPDATE link_grants SET used_at = now() WHERE token_hash = $1"
            + " AND purpose = $2 AND used_at IS NULL AND expires_at > now()"
            + " RETURNING email, organization_id, role").execute(Tuple.of(Buffer.buffer(tokenHash), purpose))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          String role = row.getString("role");
          return Optional.of(new LinkGrant(row.getString("email"), row.getLong("organization_id"),
              role == null ? null : OrgRole.fromWireName(role).orElseThrow()));
        }));
  }

  static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }
}
