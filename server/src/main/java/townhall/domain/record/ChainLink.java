package townhall.domain.record;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One link of a session's record chain as stored and exported: entry number {@code n}, the entry's exact text (the
 * UTF-8 bytes of which were hashed) and {@code hash} = SHA-256(previous hash || entry bytes), as 64 lowercase hex
 * digits. {@code secrets} are the values of the entry's sealed fields that this copy of the record reveals (all of
 * them in the full record, those that may be public in the public one), by field name; they are outside the hash.
 * See {@code docs/record.md}.
 */
public record ChainLink(long n, String entry, String hash, Map<String, SealedValue> secrets) {

  public ChainLink {
    secrets = secrets == null ? Map.of() : Map.copyOf(new TreeMap<>(secrets));
  }

  /** A link revealing nothing (an entry without sealed fields, or one whose sealed fields stay private). */
  public ChainLink(long n, String entry, String hash) {
    this(n, entry, hash, Map.of());
  }

  /** This link revealing only the sealed fields named in {@code fields}. */
  public ChainLink revealing(Set<String> fields) {
    Map<String, SealedValue> kept = new TreeMap<>();
    secrets.forEach((field, value) -> {
      if (fields.contains(field)) {
        kept.put(field, value);
      }
    });
    return new ChainLink(n, entry, hash, kept);
  }
}
