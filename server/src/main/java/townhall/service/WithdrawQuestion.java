package townhall.service;

import io.vertx.core.Future;
import townhall.store.ActionResult;
import townhall.domain.Participant;
import townhall.store.DialogueStore;

/** The author takes back their own question. */
public final class WithdrawQuestion {
  private final DialogueStore store;

  public WithdrawQuestion(DialogueStore store) {
    this.store = store;
  }

  public Future<ActionResult> withdraw(Participant author, String ref, String questionId) {
    return store.withdraw(author, ref, questionId);
  }
}
