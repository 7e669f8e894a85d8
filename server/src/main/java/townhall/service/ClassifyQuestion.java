package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.topic.Classification;
import townhall.store.ActionResult;
import townhall.store.ClassifyStore;

/**
 * A question's topic and area: a moderator confirms or changes them ({@code moderate} {@code classify}), and a
 * resident may pick a topic when asking ({@code ask} {@code topic}). Keys are checked against the session's lists
 * ({@link Classifications#ofSession}) before anything changes: an unknown one is {@code bad_request}.
 */
public final class ClassifyQuestion {
  /** What the asker's pick's ref is made of: its ask's ref, so a retried ask picks once. */
  private static final String PICK_REF = "topic:";

  private final ClassifyStore store;
  private final Classifications lists;

  public ClassifyQuestion(ClassifyStore store, Classifications lists) {
    this.store = store;
    this.lists = lists;
  }

  /** A moderator's classification ({@code null} topic or area: none). */
  public Future<ActionResult> classify(Participant moderator, String ref, String questionId, String topic,
      String area) {
    if (moderator.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only moderators classify questions"));
    }
    return lists.ofSession(moderator.sessionId())
        .compose(found -> check(found, topic, area))
        .compose(ok -> store.classify(moderator.sessionId(), moderator.id(), ref, questionId, topic, area, false));
  }

  /** Checks a resident's topic before their question is asked ({@code null}: none picked, always fine). */
  public Future<Void> checkPick(String sessionId, String topic) {
    if (topic == null) {
      return Future.succeededFuture();
    }
    return lists.ofSession(sessionId).compose(found -> check(found, topic, null));
  }

  /** Gives the question just asked ({@code asked}) the asker's topic; nothing when none was picked. */
  public Future<ActionResult> pick(Participant asker, String askRef, ActionResult asked, String topic) {
    if (topic == null) {
      return Future.succeededFuture(asked);
    }
    return store.classify(asker.sessionId(), asker.id(), PICK_REF + askRef, asked.questionId(), topic, null, true)
        .map(asked);
  }

  /** Fails {@code bad_request} for a topic or area key that is not in {@code lists} ({@code null}: none, fine). */
  static Future<Void> check(Classification lists, String topic, String area) {
    if (topic != null && !lists.hasTopic(topic)) {
      return Future.failedFuture(DomainException.badRequest("'" + topic + "' is not a topic of this session"));
    }
    if (area != null && !lists.hasArea(area)) {
      return Future.failedFuture(DomainException.badRequest("'" + area + "' is not an area of this session"));
    }
    return Future.succeededFuture();
  }
}
