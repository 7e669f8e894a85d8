package townhall.store;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import townhall.domain.AnswerDraft;
import townhall.domain.Attachment;
import townhall.domain.InboxItem;

/**
 * The agency's desk (PostgreSQL): the projection of open referred questions, the responders' drafts, the
 * organizations' publishing setting and the claims of reminders. The chain stays the truth: the projection is
 * written after a referral or answer is chained and can be rebuilt from the record.
 */
public interface InboxStore {

  /** Opens (or moves) the question's line: a referral was chained. */
  Future<Void> referred(InboxItem item);

  /**
   * Closes the question's line: a written answer was published. Its draft goes too; the attachments the answer
   * carried ({@code sha256s}) become public, any other attachment of the draft is deleted.
   */
  Future<Void> answered(String sessionId, String questionId, List<String> sha256s);

  /** An attachment kept for a question: its id, what the chain will commit to, and whether it is public. */
  record StoredAttachment(long id, Attachment file, boolean published) {
  }

  /** An attachment's bytes. */
  record AttachmentFile(Attachment file, byte[] bytes) {
  }

  /**
   * Keeps an attachment of a question's draft; answers its id, or {@code conflict} when the question holds
   * {@code max} unpublished ones already.
   */
  Future<Long> addAttachment(String sessionId, String questionId, Attachment file, byte[] bytes, int max);

  /** Every attachment of the question, oldest first. */
  Future<List<StoredAttachment>> attachments(String sessionId, String questionId);

  /** One attachment's bytes, published or not (the caller decides who may read it). */
  Future<Optional<AttachmentFile>> attachmentFile(String sessionId, String questionId, long id);

  /** Deletes an attachment not yet published; false when there is no such one. */
  Future<Boolean> removeAttachment(String sessionId, String questionId, long id);

  /** A published attachment with this SHA-256 (what the public URL names). */
  Future<Optional<AttachmentFile>> publishedFile(String sha256);

  /** Replaces every line of the session by {@code items} in one transaction (a rebuild from the record). */
  Future<Void> replaceSession(String sessionId, List<InboxItem> items);

  /** The open lines of these agencies, earliest due first. */
  Future<List<InboxItem>> open(List<String> agencies);

  /** The open line of one question. */
  Future<Optional<InboxItem>> item(String sessionId, String questionId);

  /** The open lines due on or before {@code until}, for the reminder sweep. */
  Future<List<InboxItem>> dueBy(LocalDate until);

  Future<Void> saveDraft(AnswerDraft draft);

  Future<Optional<AnswerDraft>> draft(String sessionId, String questionId);

  /** The drafts of these questions (the inbox shows which have one). */
  Future<List<AnswerDraft>> drafts(List<String> agencies);

  /** Whether the responders of the organization's agencies publish their answers themselves (default false). */
  Future<Boolean> respondersPublish(long organizationId);

  Future<Void> setRespondersPublish(long organizationId, boolean allowed);

  /**
   * Claims the reminder of {@code kind} for the item on {@code day}: true for the one caller, on any node, whose
   * claim is first; false for every other.
   */
  Future<Boolean> claimReminder(String sessionId, String questionId, LocalDate day, String kind);

  /** The email addresses of the responders of the agency (granted there), never shown to anyone. */
  Future<List<String>> responderEmails(String agencySlug);
}
