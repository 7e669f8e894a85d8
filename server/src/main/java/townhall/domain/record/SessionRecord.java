package townhall.domain.record;

import java.util.List;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.SessionStatus;

/**
 * The public record of a session: what was asked and what became of each question, the totals, participation over
 * time, and the record chain it was all derived from, ending in {@code finalHash}.
 *
 * @param closedAt    when the session was closed (its latest close) while it is closed, else {@code null}
 * @param publishedAt when the record was made public, else {@code null}
 * @param generatedAt when this record was put together
 * @param votesFinal  whether the vote counts and participants are the tally taken at the close (in the chain), or
 *                    counts read now from a session that is not closed
 * @param finalHash   the hash of the last link of the chain (64 hex digits), or {@code null} for an empty chain
 * @param withdrawals each time the organizer withdrew the record from the public, with the reason
 * @param full        whether this copy reveals every sealed value (the moderators' and organizer's), or only
 *                    what may be public
 * @param chainSignature  the record key's signature of {@code finalHash}, or {@code null} (not signed)
 * @param exportSignature the record key's signature of what this copy says that the chain does not hold, or
 *                        {@code null}
 */
public record SessionRecord(String sessionId, String title, Language locale, Moderation moderation,
    boolean anonymous, SessionStatus status, long createdAt, Long closedAt, Long publishedAt, long generatedAt,
    boolean votesFinal, RecordTotals totals, List<QuestionRecord> questions, RecordActivity activity,
    List<ChainLink> chain, String finalHash, List<Withdrawal> withdrawals, boolean full,
    RecordSignature chainSignature, RecordSignature exportSignature, List<PollRecord> polls) {

  /** This record with these signatures. */
  public SessionRecord signed(RecordSignature chain, RecordSignature export) {
    return new SessionRecord(sessionId, title, locale, moderation, anonymous, status, createdAt, closedAt,
        publishedAt, generatedAt, votesFinal, totals, questions, activity, this.chain, finalHash, withdrawals, full,
        chain, export, polls);
  }

  /** A withdrawal of the record from the public: when, by whom (pseudonym number), why. */
  public record Withdrawal(long at, int by, String reason) {
  }
}
