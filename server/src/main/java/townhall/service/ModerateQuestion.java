package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.ModerationAction;
import townhall.domain.Participant;
import townhall.domain.Screening;
import townhall.domain.TextRules;
import townhall.store.ModerationStore;

/**
 * A moderator acts on a question: the action's inputs are checked here, its state rules in the store. An edited
 * text is screened again, so its content flags are those of what it now says (it is not held again: a moderator
 * wrote it).
 */
public final class ModerateQuestion {
  static final int REASON_LENGTH = 200;
  static final int ANSWER_LENGTH = 2000;

  private final ModerationStore store;
  private final TownhallConfig.Limits limits;
  private final ContentRules rules;

  public ModerateQuestion(ModerationStore store, TownhallConfig.Limits limits, ContentRules rules) {
    this.store = store;
    this.limits = limits;
    this.rules = rules;
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
    Screening screening = null;
    try {
      switch (action) {
        case REJECT -> cleanReason = TextRules.reason(reason, REASON_LENGTH);
        case EDIT -> {
          cleanText = TextRules.questionText(text == null ? "" : text, limits.questionLength());
          screening = rules.screen(cleanText);
        }
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
    return store.moderate(moderator, ref, questionId, action, cleanText, cleanReason, into, screening);
  }
}
