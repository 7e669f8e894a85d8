package townhall.domain.org;

/** What checks a sign-in: the account, its (private) email and its Argon2id hash in PHC form. */
public record Credentials(long accountId, String email, String passwordHash) {
}
