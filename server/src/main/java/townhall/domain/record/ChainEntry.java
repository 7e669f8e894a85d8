package townhall.domain.record;

import java.util.Map;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.ModerationAction;
import townhall.domain.QuestionStatus;
import townhall.domain.SessionStatus;

/**
 * A fact of a session's record, as the record chain holds it: numbered {@code n} (1, 2, ... without gaps) and
 * timed {@code at} (milliseconds since the epoch, the store's clock). Entries name moderators by their pseudonym
 * number ({@code by}: 1, 2, ... in the order they first acted, 0 for the organizer) and never hold a participant id
 * or an address.
 */
public sealed interface ChainEntry {
  long n();

  long at();

  /** The session was created; the first entry of every chain. */
  record Created(long n, long at, String sessionId, String title, Moderation moderation, boolean anonymous,
      Language locale) implements ChainEntry {
  }

  /**
   * A question was asked.
   *
   * @param author the display name, or {@code null} when anonymous
   * @param status {@code pending} or {@code live}
   */
  record Asked(long n, long at, String questionId, String text, String author, QuestionStatus status)
      implements ChainEntry {
  }

  /** The author took the question back. */
  record Withdrawn(long n, long at, String questionId) implements ChainEntry {
  }

  /**
   * A moderator acted on a question.
   *
   * @param text   the new text (edit) or the written answer (answer), else {@code null}
   * @param reason why it was rejected (reject), else {@code null}
   * @param into   the question it was merged into (merge), else {@code null}
   * @param votes  the target's united count (merge), the question's count (freeze, unfreeze), else {@code null}
   */
  record Moderated(long n, long at, String questionId, ModerationAction action, int by, String text, String reason,
      String into, Integer votes) implements ChainEntry {
  }

  /** The question on stage changed: {@code questionId} is on stage now, or nothing is ({@code null}). */
  record Staged(long n, long at, String questionId) implements ChainEntry {
  }

  /**
   * The session's status changed. Closing carries the tally: every question's votes and how many resident
   * identities joined ({@code null} for other changes).
   */
  record StatusChanged(long n, long at, int by, SessionStatus from, SessionStatus to, Map<String, Integer> votes,
      Integer participants) implements ChainEntry {
  }

  /** The record was made public. */
  record Published(long n, long at, int by) implements ChainEntry {
  }
}
