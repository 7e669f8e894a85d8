package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.org.Actor;
import townhall.domain.org.OrgAction;
import townhall.store.ActionResult;
import townhall.store.AuditLog;
import townhall.store.ClassifyStore;

/**
 * A question's topic and area set or changed after the session (issue 17: officials classify when they compile the
 * opinions for the district), by the admin bearer or an account that may moderate in the session's organization
 * ({@link Access} decides). The keys are checked against the session's lists ({@link Classifications#ofSession})
 * before anything changes. The classification is chained wherever the session's chain lives: in Redis while Redis
 * holds the session ({@code classify.lua}, as the organizer: {@code "by":0}; a published record is then archived
 * again), else in the archive ({@link ArchivedClassifications}, the same entry). Either way the record says the
 * organizer classified it ({@code by} 0): after the session no moderator pseudonym is at hand, and who it was is in the
 * organization's audit log ({@code question.classify}).
 */
public final class ClassifyAfterSession {
  /** The live script's name for the organizer, whose pseudonym number in the record is 0. */
  private static final String ORGANIZER = "organizer";

  private final ClassifyStore live;
  private final Classifications lists;
  /** Null on a node without PostgreSQL: nothing is classified after the session there. */
  private final Access access;
  private final ArchivedClassifications archived;
  private final RecordArchive archive;
  private final AuditLog audit;
  private final RandomIds ids;

  public ClassifyAfterSession(ClassifyStore live, Classifications lists, Access access,
      ArchivedClassifications archived, RecordArchive archive, AuditLog audit, RandomIds ids) {
    this.live = live;
    this.lists = lists;
    this.access = access;
    this.archived = archived;
    this.archive = archive;
    this.audit = audit;
    this.ids = ids;
  }

  /**
   * Classifies the question ({@code null} topic or area: none); {@code ref} may be {@code null} (a retry is then
   * a new entry).
   */
  public Future<ActionResult> classify(Actor actor, String sessionId, String questionId, String ref, String topic,
      String area) {
    if (access == null) {
      return Future.failedFuture(DomainException.notFound("Classifying after the session needs PostgreSQL"));
    }
    String key = (actor.adminToken() ? ORGANIZER : "account:" + actor.accountId()) + ":"
        + (ref == null ? ids.secret(12) : ref);
    return access.requireSession(actor, OrgAction.MODERATE, sessionId).compose(entry -> lists.ofSession(sessionId)
        .compose(found -> ClassifyQuestion.check(found, topic, area))
        .compose(ok -> live.classify(sessionId, ORGANIZER, key, questionId, topic, area, false)
            .compose(applied -> archive == null ? Future.succeededFuture(applied)
                // applied; should archiving fail, the next publication, step or sweep archives it
                : archive.archive(sessionId).map(applied).recover(e -> Future.succeededFuture(applied)))
            .recover(e -> isSessionGone(e) && archived != null
                ? archived.classify(sessionId, key, questionId, topic, area)
                : Future.failedFuture(e)))
        .compose(applied -> applied.duplicate() || audit == null ? Future.succeededFuture(applied)
            : audit.append(actor.auditName(), entry.organizationId(), "question.classify",
                sessionId + "/" + questionId).map(applied)));
  }

  private static boolean isSessionGone(Throwable e) {
    return e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
        && "No such session".equals(d.getMessage());
  }
}
