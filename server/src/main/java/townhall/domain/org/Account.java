package townhall.domain.org;

import java.util.List;

/** A person who signs in; the email is private and travels only in {@link Credentials}. */
public record Account(long id, String displayName, List<RoleGrant> grants) {
  public Account {
    grants = List.copyOf(grants);
  }
}
