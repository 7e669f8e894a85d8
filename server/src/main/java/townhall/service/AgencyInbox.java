package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import townhall.domain.AnswerDraft;
import townhall.domain.Attachment;
import townhall.domain.DomainException;
import townhall.domain.InboxItem;
import townhall.domain.TextRules;
import townhall.domain.org.Actor;
import townhall.domain.org.OrgAction;
import townhall.domain.org.Organization;
import townhall.store.ActionResult;
import townhall.store.InboxStore;

/**
 * An agency's desk: the questions referred (or referred up) to it that wait for a written answer, earliest due first
 * (so the overdue ones lead), their drafts, and the publishing of a draft. Who may work there is decided once, by
 * {@link Access#requireDesk}: the agency's responders and the organizers of its organization or above. A draft is
 * published through {@link FollowUps#answerInWriting}, which chains it and decides whether a responder may publish
 * (the organization's setting) — the same rule as {@code POST …/answer}.
 */
public final class AgencyInbox {
  private final InboxStore store;
  private final Access access;
  private final FollowUps followUps;
  private final ReferredItems records;
  private final Clock clock;
  private final ZoneId zone;
  private final int attachmentMaxBytes;

  /** How many attachments a draft carries at most. */
  public static final int ATTACHMENTS = 5;

  /**
   * @param zone               the deployment's time zone: the day on which a due date falls ({@code record.timeZone})
   * @param attachmentMaxBytes the largest attachment ({@code inbox.attachmentMaxBytes})
   */
  public AgencyInbox(InboxStore store, Access access, FollowUps followUps, ReferredItems records, Clock clock,
      ZoneId zone, int attachmentMaxBytes) {
    this.attachmentMaxBytes = attachmentMaxBytes;
    this.store = store;
    this.access = access;
    this.followUps = followUps;
    this.records = records;
    this.clock = clock;
    this.zone = zone;
  }

  /** A line of the inbox: the item, its days overdue today, its draft (or null). */
  public record Line(InboxItem item, long daysOverdue, AnswerDraft draft) {
  }

  /**
   * What the desk shows.
   *
   * @param organizer    whether the reader publishes as an organizer
   * @param mayPublish   whether the reader may publish a draft (an organizer, or a responder where the organization
   *                     lets responders publish)
   */
  public record View(Organization agency, boolean organizer, boolean mayPublish, LocalDate today, List<Line> lines) {
    public View {
      lines = List.copyOf(lines);
    }
  }

  /** Today in the deployment's time zone. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(zone));
  }

  public Future<View> inbox(Actor actor, String agencySlug) {
    return access.requireDesk(actor, agencySlug).compose(desk -> {
      List<String> agencies = List.of(desk.agency().slug());
      LocalDate today = today();
      return mayPublish(desk).compose(mayPublish -> store.open(agencies).compose(items -> store.drafts(agencies)
          .map(drafts -> {
            Map<String, AnswerDraft> byQuestion = new HashMap<>();
            drafts.forEach(d -> byQuestion.put(d.sessionId() + "/" + d.questionId(), d));
            List<Line> lines = items.stream().map(item -> new Line(item, item.daysOverdue(today),
                byQuestion.get(item.sessionId() + "/" + item.questionId()))).toList();
            return new View(desk.agency(), desk.organizer(), mayPublish, today, lines);
          })));
    });
  }

  /** Saves (or replaces) the draft of a question in the reader's agency's inbox. */
  public Future<AnswerDraft> saveDraft(Actor actor, String sessionId, String questionId, String text) {
    String clean;
    try {
      clean = TextRules.answer(text, ModerateQuestion.ANSWER_LENGTH);
      if (clean.isEmpty()) {
        throw DomainException.badRequest("'text' holds the draft answer");
      }
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return desk(actor, sessionId, questionId).compose(item -> {
      AnswerDraft draft = new AnswerDraft(sessionId, questionId, item.agency(), clean, actor.accountId(),
          clock.millis());
      return store.saveDraft(draft).map(draft);
    });
  }

  /** The draft of a question in the reader's agency's inbox; not_found when there is none. */
  public Future<AnswerDraft> draft(Actor actor, String sessionId, String questionId) {
    return desk(actor, sessionId, questionId).compose(item -> store.draft(sessionId, questionId))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("No draft for this question")));
  }

  /**
   * Publishes the question's draft as its written answer with the draft's attachments (chained: the entry commits to
   * each file's name and SHA-256); its line and draft then close and the files become public.
   */
  public Future<ActionResult> publishDraft(Actor actor, String sessionId, String questionId, String ref) {
    return draft(actor, sessionId, questionId)
        .compose(draft -> store.attachments(sessionId, questionId).compose(files -> followUps.answerInWriting(actor,
            sessionId, questionId, ref, draft.text(), files.stream().filter(f -> !f.published())
                .map(InboxStore.StoredAttachment::file).toList())));
  }

  /**
   * Keeps a file for the question's draft: checked by its bytes ({@link Attachment#check}: PDF or PNG/JPEG/WebP,
   * the name's extension the same type, at most {@code inbox.attachmentMaxBytes}); nothing is kept when refused.
   */
  public Future<InboxStore.StoredAttachment> addAttachment(Actor actor, String sessionId, String questionId,
      String name, byte[] bytes) {
    Attachment file;
    try {
      file = Attachment.check(bytes, name, attachmentMaxBytes);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return desk(actor, sessionId, questionId)
        .compose(item -> store.addAttachment(sessionId, questionId, file, bytes, ATTACHMENTS))
        .map(id -> new InboxStore.StoredAttachment(id, file, false));
  }

  /** The question's attachments, for the agency's people. */
  public Future<java.util.List<InboxStore.StoredAttachment>> attachments(Actor actor, String sessionId,
      String questionId) {
    return desk(actor, sessionId, questionId).compose(item -> store.attachments(sessionId, questionId));
  }

  /** One of the question's files, for the agency's people while its answer is a draft. */
  public Future<InboxStore.AttachmentFile> attachmentFile(Actor actor, String sessionId, String questionId,
      long id) {
    return desk(actor, sessionId, questionId).compose(item -> store.attachmentFile(sessionId, questionId, id))
        .map(found -> found.orElseThrow(() -> DomainException.notFound("No such attachment")));
  }

  /** Removes a file from the draft (a published one stays: the chain commits to it). */
  public Future<Void> removeAttachment(Actor actor, String sessionId, String questionId, long id) {
    return desk(actor, sessionId, questionId).compose(item -> store.removeAttachment(sessionId, questionId, id))
        .compose(removed -> removed ? Future.<Void>succeededFuture()
            : Future.failedFuture(DomainException.notFound("No such attachment in the draft")));
  }

  /** A published attachment, by the SHA-256 the chain commits to (public: anyone reads it). */
  public Future<InboxStore.AttachmentFile> publishedFile(String sha256) {
    if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
      return Future.failedFuture(DomainException.notFound("No such attachment"));
    }
    return store.publishedFile(sha256)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("No such attachment")));
  }

  /** The open line of a question when the actor works at its agency's desk; not_found, forbidden otherwise. */
  public Future<InboxItem> desk(Actor actor, String sessionId, String questionId) {
    return store.item(sessionId, questionId).compose(found -> found.isEmpty()
        ? Future.failedFuture(DomainException.notFound("The question waits in no agency's inbox"))
        : access.requireDesk(actor, found.get().agency()).map(found.get()));
  }

  /** Sets whether the responders of the organization's agencies publish themselves (its organizers decide). */
  public Future<Boolean> setRespondersPublish(Actor actor, String orgSlug, boolean allowed) {
    return access.require(actor, OrgAction.MANAGE_SESSIONS, orgSlug)
        .compose(org -> store.setRespondersPublish(org.id(), allowed)).map(allowed);
  }

  /** Whether the responders of the organization's agencies publish themselves; for its organizers. */
  public Future<Boolean> respondersPublish(Actor actor, String orgSlug) {
    return access.require(actor, OrgAction.MANAGE_SESSIONS, orgSlug)
        .compose(org -> store.respondersPublish(org.id()));
  }

  /**
   * Rebuilds the session's lines from its record (the chain's fold), replacing whatever the projection held: after
   * a failed projection write, or to check it. For an organizer of the session's organization.
   */
  public Future<Integer> rebuild(Actor actor, String sessionId) {
    return access.requireSession(actor, OrgAction.MANAGE_SESSIONS, sessionId)
        .compose(entry -> records.of(sessionId))
        .compose(items -> store.replaceSession(sessionId, items).map(items.size()));
  }

  private Future<Boolean> mayPublish(Access.Desk desk) {
    if (desk.organizer()) {
      return Future.succeededFuture(true);
    }
    return desk.agency().parentId() == null ? Future.succeededFuture(false)
        : store.respondersPublish(desk.agency().parentId());
  }
}
