package townhall.domain;

/**
 * A follow-up step as every screen receives it with its question (the {@code followUp} field of a question in
 * {@code question} events, {@code welcome} and {@code page}): the record's shape and only its public fields, so who
 * took it is named by role ({@code organizer}, {@code moderator}, {@code responder}), never by name.
 *
 * @param step   a {@link FollowUpStep} wire name, or {@code answered}
 * @param agency the agency's slug for a referral (for {@code answered}, the agency it stood referred to), else null
 * @param due    {@code YYYY-MM-DD} for {@code promised}, {@code referred}, {@code referredUp}, else null
 * @param note   the public note, else null
 */
public record FollowUpTaken(long at, String step, String role, String agency, String due, String note) {
}
