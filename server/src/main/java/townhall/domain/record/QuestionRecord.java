package townhall.domain.record;

import java.util.List;
import townhall.domain.Answer;
import townhall.domain.Channel;
import townhall.domain.QuestionStatus;
import townhall.domain.TextCategory;

/**
 * Everything the record says of one question.
 *
 * @param text            the text as it stands (after any edits)
 * @param originalText    the text as asked when a moderator edited it, else {@code null}
 * @param edits           every edit, oldest first
 * @param author          the display name, or {@code null} when anonymous
 * @param votes           the count at the close of the session (final), or now
 * @param rejectionReason why it stands rejected, else {@code null}
 * @param mergedInto      the question it was merged into, else {@code null}
 * @param mergedFrom      the questions merged into this one
 * @param answer          the latest written answer, else {@code null}
 * @param answeredAt      when it was first marked answered, else {@code null}
 * @param stage           each time it was on stage
 * @param steps           every step taken on it after it was asked, oldest first
 * @param rejectionCategory why it stands rejected ({@code other} for a rejection written before categories), else
 *                        {@code null}
 * @param withheld        why its text is withheld from the public record (a moderator's {@code withhold}, or a
 *                        rejection as abusive, spam or personal data), else {@code null}
 * @param followCode      its public follow-up code, {@code null} for a question asked before codes existed
 * @param followUp        the steps of its follow-up (referred, promised, ...), oldest first
 * @param satisfaction    how the asker rated its answer (counts)
 * @param channel         how it came in ({@link Channel#APP}: a resident's own)
 * @param clerkEntry      who entered it and for whom, when a clerk entered it on someone's behalf, else {@code null}
 * @param topic           the key of its topic (the latest classification), {@code null} when it has none
 * @param area            the key of its area (the latest classification), {@code null} when it has none
 *
 * <p>Texts, the author's name and reasons are {@code null} where the record does not reveal them (see
 * {@code docs/record.md}: what is public and why).
 */
public record QuestionRecord(String id, String text, String originalText, List<Edit> edits, String author,
    long askedAt, int votes, QuestionStatus status, Fate fate, String rejectionReason, String mergedInto,
    List<String> mergedFrom, Answer answer, Long answeredAt, List<StageSpell> stage, List<Step> steps,
    TextCategory rejectionCategory, TextCategory withheld, String followCode, List<FollowUp> followUp,
    Satisfaction satisfaction, Channel channel, ClerkEntry clerkEntry, String topic, String area) {

  /**
   * A question a clerk entered on someone's behalf: the clerk's pseudonym number ("entered by clerk #1"), the area
   * the clerk gave ({@code null}: none) and the person's name ({@code null}: none given, or not revealed), and the
   * SHA-256 of the photo of the paper slip a moderator published ({@code null}: none published; an unpublished photo
   * is in no record).
   */
  public record ClerkEntry(int clerk, String area, String name, String slip) {
    /** An entry without a published photo of its slip. */
    public ClerkEntry(int clerk, String area, String name) {
      this(clerk, area, name, null);
    }
  }

  /**
   * A step of the follow-up: the step's wire name, the agency's slug (referred, referredUp), the due date
   * ({@code YYYY-MM-DD}), the note, and who took it by role ({@code organizer}, {@code moderator}, ...), never by
   * name.
   */
  public record FollowUp(long at, String step, String agency, String due, String note, String role,
      List<townhall.domain.Attachment> files) {
    public FollowUp {
      files = files == null ? List.of() : List.copyOf(files);
    }

    /** A step without attachments (every step but an answer that carries files). */
    public FollowUp(long at, String step, String agency, String due, String note, String role) {
      this(at, step, agency, due, note, role, List.of());
    }
  }

  /** How many askers said the answer satisfied them, and how many said it did not. */
  public record Satisfaction(int satisfied, int notSatisfied) {
    public static final Satisfaction NONE = new Satisfaction(0, 0);
  }

  /** A moderator's edit: the new text, who (pseudonym number) and when. */
  public record Edit(long at, int by, String text) {
  }

  /** A time on stage, {@code to} {@code null} while it is still there. */
  public record StageSpell(long from, Long to) {
  }

  /**
   * A step taken on the question: a moderation action (by its wire name, {@code by} the moderator's pseudonym
   * number) or {@code withdraw} by its author ({@code by} {@code null}). {@code reason}, {@code text}, {@code into}
   * and {@code votes} as in {@link ChainEntry.Moderated}.
   */
  public record Step(long at, String action, Integer by, String reason, String text, String into, Integer votes,
      TextCategory category) {
    public static final String WITHDRAW = "withdraw";
  }
}
