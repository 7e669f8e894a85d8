package townhall.domain.record;

import java.util.Locale;
import townhall.domain.QuestionStatus;

/** What became of a question, as the record sorts and filters questions. */
public enum Fate {
  /** Answered, on stage or in writing. */
  ANSWERED,
  /** Merged into another question (archived, pointing to it). */
  MERGED,
  /** Rejected by a moderator, with a reason. */
  REJECTED,
  /** Still waiting for a moderator while the session is open, or live and not answered. */
  OPEN,
  /** Still waiting for a moderator when the session was closed: never reviewed. */
  NOT_REVIEWED,
  /** Taken back by its author. */
  WITHDRAWN,
  /** Archived without an answer or a merge. */
  ARCHIVED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The fate of a question in {@code status}, merged or not, in a session that is closed or not. */
  public static Fate of(QuestionStatus status, boolean merged, boolean closed) {
    return switch (status) {
      case PENDING -> closed ? NOT_REVIEWED : OPEN;
      case LIVE -> OPEN;
      case ANSWERED -> ANSWERED;
      case ARCHIVED -> merged ? MERGED : ARCHIVED;
      case REJECTED -> REJECTED;
      case WITHDRAWN -> WITHDRAWN;
    };
  }
}
