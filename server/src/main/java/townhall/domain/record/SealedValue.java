package townhall.domain.record;

/**
 * The private part of one sealed field of a record entry: its value and the salt it was hashed with (see
 * {@code docs/record.md}: the public entry holds SHA-256(salt || UTF-8 value) in {@code sealed.<field>}).
 *
 * @param salt  hex digits
 */
public record SealedValue(String salt, String value) {
}
