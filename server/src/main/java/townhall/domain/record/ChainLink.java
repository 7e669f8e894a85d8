package townhall.domain.record;

/**
 * One link of a session's record chain as stored and exported: entry number {@code n}, the entry's exact text (the
 * UTF-8 bytes of which were hashed) and {@code hash} = SHA-256(previous hash || entry bytes), as 64 lowercase hex
 * digits. See {@code docs/record.md}.
 */
public record ChainLink(long n, String entry, String hash) {
}
