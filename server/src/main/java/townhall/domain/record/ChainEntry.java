package townhall.domain.record;

import java.util.Map;
import java.util.Set;
import townhall.domain.Channel;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.ModerationAction;
import townhall.domain.QuestionStatus;
import townhall.domain.SessionStatus;
import townhall.domain.TextCategory;

/**
 * A fact of a session's record, as the record chain holds it: numbered {@code n} (1, 2, ... without gaps) and
 * timed {@code at} (milliseconds since the epoch, the store's clock). Entries name moderators by their pseudonym
 * number ({@code by}: 1, 2, ... in the order they first acted, 0 for the organizer) and never hold a participant id
 * or an address.
 *
 * <p>Some fields may be <em>sealed</em> (see {@code docs/record.md}): the entry holds their salted hashes, and their
 * values are known only where the record reveals them; a sealed field that is not revealed reads as {@code null}.
 */
public sealed interface ChainEntry {
  long n();

  long at();

  /**
   * The names of the entry's sealed fields ({@code text}, {@code author}, {@code reason}, {@code q},
   * {@code speaker}).
   */
  default Set<String> sealed() {
    return Set.of();
  }

  /** This entry with the sealed fields not named in {@code revealed} read as {@code null}. */
  default ChainEntry revealing(Set<String> revealed) {
    return this;
  }

  /** The session was created; the first entry of every chain. */
  record Created(long n, long at, String sessionId, String title, Moderation moderation, boolean anonymous,
      Language locale) implements ChainEntry {
  }

  /**
   * A question was asked.
   *
   * @param text   the text as asked, {@code null} when sealed and not revealed
   * @param author the display name, or {@code null} when anonymous (or sealed and not revealed)
   * @param status {@code pending} or {@code live}
   * @param followCode the question's public follow-up code, {@code null} in entries written before codes existed
   * @param channel how it came in: {@link Channel#APP} for a resident's own (and in entries written before channels)
   * @param clerk   the pseudonym number of the clerk who entered it on someone's behalf, else {@code null}
   * @param area    the area the clerk gave for the person, else {@code null}
   * @param speaker the name the clerk gave for the person (always sealed), {@code null} when none or not revealed
   */
  record Asked(long n, long at, String questionId, String text, String author, QuestionStatus status,
      Set<String> sealed, String followCode, Channel channel, Integer clerk, String area, String speaker)
      implements ChainEntry {
    public Asked {
      sealed = Set.copyOf(sealed);
      channel = channel == null ? Channel.APP : channel;
    }

    /** A resident's own question. */
    public Asked(long n, long at, String questionId, String text, String author, QuestionStatus status,
        Set<String> sealed, String followCode) {
      this(n, at, questionId, text, author, status, sealed, followCode, Channel.APP, null, null, null);
    }

    /** An entry without a follow-up code. */
    public Asked(long n, long at, String questionId, String text, String author, QuestionStatus status,
        Set<String> sealed) {
      this(n, at, questionId, text, author, status, sealed, null);
    }

    /** An entry without sealed fields (as written before the record had them). */
    public Asked(long n, long at, String questionId, String text, String author, QuestionStatus status) {
      this(n, at, questionId, text, author, status, Set.of(), null);
    }

    @Override
    public Asked revealing(Set<String> revealed) {
      return new Asked(n, at, questionId, shown("text", text, sealed, revealed),
          shown("author", author, sealed, revealed), status, sealed, followCode, channel, clerk, area,
          shown("speaker", speaker, sealed, revealed));
    }
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
   * @param category why it was rejected or withheld (reject, withhold; {@code null} in entries written before
   *                 rejections had one), else {@code null}
   * @param publishOriginal whether the wording an edit replaced may be public (edit)
   * @param questionId {@code null} for a ban whose question is sealed and not revealed
   * @param slip   the SHA-256 of the photo of the paper slip made public (publishSlip), else {@code null}
   */
  record Moderated(long n, long at, String questionId, ModerationAction action, int by, String text, String reason,
      String into, Integer votes, TextCategory category, boolean publishOriginal, Set<String> sealed, String slip)
      implements ChainEntry {
    public Moderated {
      sealed = Set.copyOf(sealed);
    }

    /** An entry of any action but publishSlip. */
    public Moderated(long n, long at, String questionId, ModerationAction action, int by, String text,
        String reason, String into, Integer votes, TextCategory category, boolean publishOriginal,
        Set<String> sealed) {
      this(n, at, questionId, action, by, text, reason, into, votes, category, publishOriginal, sealed, null);
    }

    /** An entry without a category or sealed fields (as written before the record had them). */
    public Moderated(long n, long at, String questionId, ModerationAction action, int by, String text,
        String reason, String into, Integer votes) {
      this(n, at, questionId, action, by, text, reason, into, votes, null, false, Set.of());
    }

    @Override
    public Moderated revealing(Set<String> revealed) {
      return new Moderated(n, at, shown("q", questionId, sealed, revealed), action, by,
          shown("text", text, sealed, revealed), shown("reason", reason, sealed, revealed), into, votes, category,
          publishOriginal, sealed, slip);
    }
  }

  /**
   * A step of a question's follow-up, taken during the session or after it (then appended where the chain lives
   * after the session, see {@code docs/record.md}).
   *
   * @param step   the step's wire name ({@link townhall.domain.FollowUpStep})
   * @param agency the slug of the agency it was referred to, else {@code null}
   * @param due    the due date {@code YYYY-MM-DD}, else {@code null}
   * @param note   the note (the reason of {@code outOfRemit}), else {@code null}
   * @param role   who took it, by role ({@code organizer}, {@code moderator}, {@code responder})
   * @param text   the written answer of step {@code answered} (published after the session), else {@code null}
   * @param files  the attachments of step {@code answered} (name, type, size, SHA-256), else empty
   */
  record FollowedUp(long n, long at, String questionId, String step, String agency, String due, String note,
      String role, String text, java.util.List<townhall.domain.Attachment> files) implements ChainEntry {
    public FollowedUp {
      files = files == null ? java.util.List.of() : java.util.List.copyOf(files);
    }

    public FollowedUp(long n, long at, String questionId, String step, String agency, String due, String note,
        String role, String text) {
      this(n, at, questionId, step, agency, due, note, role, text, java.util.List.of());
    }
  }

  /**
   * The asker rated the answer to their question (once): {@code satisfied} or {@code notSatisfied}, with an optional
   * public reason (checked by the content rules). Like a follow-up step, no part of the session's activity.
   *
   * @param rating {@code satisfied} or {@code notSatisfied}
   * @param reason the asker's reason, else {@code null}
   */
  record Rated(long n, long at, String questionId, String rating, String reason) implements ChainEntry {
  }

  /**
   * A question got its topic and area (issue 17): a moderator's classification ({@code by} their pseudonym
   * number), or the asker's pick of a topic as they asked ({@code by} {@code null}). The latest one stands.
   *
   * @param topic the topic's key, {@code null} for none
   * @param area  the area's key, {@code null} for none
   */
  record Classified(long n, long at, String questionId, Integer by, String topic, String area)
      implements ChainEntry {
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

  /**
   * Series carry-over: a moderator put an earlier session's question on stage ({@code stage}), took it off
   * ({@code unstage}) or marked it answered on stage ({@code answered}, whose answer is chained onto the earlier
   * question's own chain); the earlier question by its follow-up {@code code}, session and id.
   */
  record CarriedOver(long n, long at, String action, String code, String sessionId, String questionId, int by)
      implements ChainEntry {
  }

  /** The record was made public. */
  record Published(long n, long at, int by) implements ChainEntry {
  }

  /** The organizer withdrew the record from the public, saying why; it stays in the record. */
  record Unpublished(long n, long at, int by, String reason) implements ChainEntry {
  }

  private static String shown(String field, String value, Set<String> sealed, Set<String> revealed) {
    return sealed.contains(field) && !revealed.contains(field) ? null : value;
  }

  /** A poll was opened: its definition as residents saw it. */
  record PollOpened(long n, long at, int by, String poll, String kind, String question, java.util.List<String> options,
      int max, boolean hidden) implements ChainEntry {
  }

  /** A poll was closed, with its final results (the open-text answers that were not hidden). */
  record PollClosed(long n, long at, int by, String poll, java.util.List<Integer> counts, int answers,
      java.util.List<PollRecord.Text> texts, java.util.List<PollRecord.Word> words) implements ChainEntry {
  }

  /** A moderator hid text answer number {@code answer} of an open poll. */
  record PollAnswerHidden(long n, long at, int by, String poll, int answer) implements ChainEntry {
  }
}
