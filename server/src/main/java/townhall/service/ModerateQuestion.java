package townhall.service;

import io.vertx.core.Future;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.ModerationAction;
import townhall.domain.Participant;
import townhall.domain.Screening;
import townhall.domain.TextCategory;
import townhall.domain.TextRules;
import townhall.store.ActionResult;
import townhall.store.ModerationStore;

/**
 * A moderator acts on a question: the action's inputs are checked here, its state rules in the store. An edited
 * text is screened again, so its content flags are those of what it now says (it is not held again: a moderator
 * wrote it). A {@code category} is taken by {@code reject} (default {@code other}) and {@code withhold} (required);
 * {@code publishOriginal} by {@code edit} only. Anything else is refused with {@code bad_request} before the store
 * is asked.
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
      String actionName, String text, String reason, String into, String categoryName, Boolean publishOriginal) {
    ModerationAction action = ModerationAction.fromWireName(actionName);
    if (action == null) {
      return Future.failedFuture(DomainException.badRequest("Unknown moderation action '" + actionName + "'"));
    }
    ModerationStore.Change change;
    try {
      change = change(action, text, reason, into, categoryName, publishOriginal);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.moderate(moderator, ref, questionId, change);
  }

  private ModerationStore.Change change(ModerationAction action, String text, String reason, String into,
      String categoryName, Boolean publishOriginal) {
    if (action == ModerationAction.PUBLISH_SLIP) {
      // publishing also makes the kept photo public, which the HTTP route's service does (SlipPhotos)
      throw DomainException.badRequest("A photo of a slip is published over HTTP: POST"
          + " /api/sessions/{id}/questions/{questionId}/slip/publish");
    }
    boolean takesCategory = action == ModerationAction.REJECT || action == ModerationAction.WITHHOLD;
    if (categoryName != null && !takesCategory) {
      throw DomainException.badRequest("'category' goes with reject and withhold only");
    }
    if (publishOriginal != null && action != ModerationAction.EDIT) {
      throw DomainException.badRequest("'publishOriginal' goes with edit only");
    }
    TextCategory category = null;
    if (takesCategory) {
      if (categoryName == null && action == ModerationAction.WITHHOLD) {
        throw DomainException.badRequest("withhold needs a 'category'");
      }
      category = categoryName == null ? TextCategory.OTHER : TextCategory.fromWireName(categoryName);
      if (category == null) {
        throw DomainException.badRequest("'category' is one of off_topic, duplicate, abusive, spam, personal_data,"
            + " other");
      }
    }
    String cleanText = null;
    String cleanReason = null;
    Screening screening = null;
    switch (action) {
      case REJECT -> cleanReason = TextRules.reason(reason, REASON_LENGTH);
      case WITHHOLD -> cleanReason = reason == null ? null : TextRules.reason(reason, REASON_LENGTH);
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
    return new ModerationStore.Change(action, cleanText, cleanReason, into, category,
        Boolean.TRUE.equals(publishOriginal), screening);
  }
}
