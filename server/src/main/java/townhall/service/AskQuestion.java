package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.config.TownhallConfig;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.TextRules;
import townhall.store.DialogueStore;

/** A participant posts a question: the text is checked and normalised here, stored and announced by the store. */
public final class AskQuestion {
  private final DialogueStore store;
  private final TownhallConfig.Limits limits;

  public AskQuestion(DialogueStore store, TownhallConfig.Limits limits) {
    this.store = store;
    this.limits = limits;
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
    return store.ask(author, ref, cleanText, cleanName);
  }
}
