package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.logging.Logger;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.FollowUp;
import townhall.domain.InboxItem;
import townhall.logging.LogLine;
import townhall.store.FollowUpStore;
import townhall.store.InboxStore;

/**
 * Keeps the agencies' inbox ({@link InboxStore}) up to date after a referral or a written answer is chained, on
 * either path (Redis while it holds the session, the archive after). Called only once the chain took the step: the
 * chain is the truth, and should this write fail the line is wrong until the session's inbox is rebuilt from its
 * record ({@code POST /api/sessions/{id}/inbox/rebuild}); the failure is logged, never the chained step's.
 */
public final class InboxProjection {
  private static final Logger LOG = Logger.getLogger(InboxProjection.class.getName());

  private final InboxStore store;
  private final FollowUpStore live;
  private final ArchivedFollowUps archived;
  private final Clock clock;

  public InboxProjection(InboxStore store, FollowUpStore live, ArchivedFollowUps archived, Clock clock) {
    this.store = store;
    this.live = live;
    this.archived = archived;
    this.clock = clock;
  }

  /** The step was chained: a referral opens (or moves) the question's line; other steps leave it. */
  Future<Void> stepChained(String sessionId, String questionId, FollowUp step) {
    if (!step.step().needsAgency()) {
      return Future.succeededFuture();
    }
    long at = clock.millis();
    return brief(sessionId, questionId)
        .compose(brief -> store.referred(new InboxItem(sessionId, questionId, step.agency(), step.due(), at,
            brief.text(), brief.followCode())))
        .recover(e -> logged(e, sessionId, questionId));
  }

  /** A written answer was chained: the question's line closes, its draft goes, its attachments become public. */
  Future<Void> answerChained(String sessionId, String questionId, java.util.List<townhall.domain.Attachment> files) {
    return store.answered(sessionId, questionId, files.stream().map(townhall.domain.Attachment::sha256).toList())
        .recover(e -> logged(e, sessionId, questionId));
  }

  /** Whether the responders of this organization's agencies publish themselves. */
  Future<Boolean> respondersPublish(long organizationId) {
    return store.respondersPublish(organizationId);
  }

  private Future<FollowUpStore.Brief> brief(String sessionId, String questionId) {
    return live.brief(sessionId, questionId).recover(e -> e instanceof DomainException d
        && d.code() == ErrorCode.NOT_FOUND && archived != null ? archived.brief(sessionId, questionId)
        : Future.failedFuture(e));
  }

  private static Future<Void> logged(Throwable e, String sessionId, String questionId) {
    LogLine.of(LOG).with("sessionId", sessionId).with("questionId", questionId)
        .warning("The agencies' inbox was not brought up to date; rebuild the session's inbox from its record", e);
    return Future.succeededFuture();
  }
}
