package townhall.domain.record;

/**
 * The session's totals.
 *
 * @param participants          resident identities that joined
 * @param questions             questions asked
 * @param medianTimeToAnswerMs  the median, over the answered questions, of the time from asking to the first answer;
 *                              {@code null} when none was answered
 */
public record RecordTotals(int participants, int questions, int answered, int merged, int rejected, int open,
    int withdrawn, int archived, Long medianTimeToAnswerMs) {
}
