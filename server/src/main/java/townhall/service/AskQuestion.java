package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.config.TownhallConfig;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.NewQuestion;
import townhall.domain.Participant;
import townhall.domain.TextRules;
import townhall.store.DialogueStore;

/**
 * A participant posts a question: the text is checked, normalised and screened by the content rules here, stored
 * and announced by the store (which also tells a repeated question). A flagged question is never refused: it is
 * stored with its flags and, when {@code holdFlagged}, held for a moderator.
 */
public final class AskQuestion {
  private final DialogueStore store;
  private final TownhallConfig.Limits limits;
  private final ContentRules rules;
  private final boolean holdFlagged;

  public AskQuestion(DialogueStore store, TownhallConfig.Limits limits, ContentRules rules, boolean holdFlagged) {
    this.store = store;
    this.limits = limits;
    this.rules = rules;
    this.holdFlagged = holdFlagged;
  }

  public Future<ActionResult> ask(Participant author, String ref, String text, String authorName) {
    String cleanText;
    String cleanName;
    try {
      cleanText = TextRules.questionText(text, limits.questionLength());
      cleanName = TextRules.displayName(authorName, limits.authorLength());
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.ask(author, ref, new NewQuestion(cleanText, cleanName, rules.screen(cleanText),
        ContentRules.fingerprint(cleanText), holdFlagged));
  }
}
