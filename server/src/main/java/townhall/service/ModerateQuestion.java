package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.ModerationAction;
import townhall.domain.Participant;
import townhall.domain.TextRules;
import townhall.store.ModerationStore;

/** A moderator acts on a question: the action's inputs are checked here, its state rules in the store. */
public final class ModerateQuestion {
  static final int REASON_LENGTH = 200;
  static final int ANSWER_LENGTH = 2000;

  private final ModerationStore store;
  private final TownhallConfig.Limits limits;

  public ModerateQuestion(ModerationStore store, TownhallConfig.Limits limits) {
    this.store = store;
    this.limits = limits;
  }

  /** Applies {@code actionName} (a wire name) to the question; only ever called for a moderator. */
  public Future<ActionResult> moderate(Participant moderator, String ref, String questionId,
      String actionName, String text, String reason, String into) {
    ModerationAction action = ModerationAction.fromWireName(actionName);
    if (action == null) {
      return Future.failedFuture(DomainException.badRequest("Unknown moderation action '" + actionName + "'"));
    }
    String cleanText = null;
    String cleanReason = null;
    try {
      switch (action) {
        case REJECT -> cleanReason = TextRules.reason(reason, REASON_LENGTH);
        case EDIT -> cleanText = TextRules.questionText(text == null ? "" : text, limits.questionLength());
        case ANSWER -> cleanText = TextRules.answer(text, ANSWER_LENGTH);
        case MERGE -> {
          if (into == null || into.isBlank()) {
            throw DomainException.badRequest("'into' names the question to merge into");
          }
        }
        default -> { }
      }
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.moderate(moderator, ref, questionId, action, cleanText, cleanReason, into);
  }
}
