package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.NewPoll;
import townhall.domain.Participant;
import townhall.store.PollStore;

/**
 * A moderator prepares, opens and closes polls and hides text answers. The caller has checked the role; the inputs
 * of each action are checked here (a field the action does not take is refused, so a mistaken message changes
 * nothing).
 */
public final class RunPolls {
  private final PollStore store;

  public RunPolls(PollStore store) {
    this.store = store;
  }

  public Future<PollStore.Outcome> run(Participant moderator, String ref, String action, String pollId, String kind,
      String question, List<String> options, Integer max, Boolean hidden, Integer answer) {
    try {
      boolean definition = kind != null || question != null || options != null || max != null || hidden != null;
      return switch (action) {
        case "create" -> {
          if (pollId != null || answer != null) {
            throw DomainException.badRequest("'create' takes no 'poll' and no 'answer'");
          }
          yield store.create(moderator, ref, NewPoll.of(kind, question, options, max, hidden));
        }
        case "open", "close" -> {
          if (pollId == null || definition || answer != null) {
            throw DomainException.badRequest("'" + action + "' takes 'poll' only");
          }
          yield store.change(moderator, ref, pollId, action);
        }
        case "hide" -> {
          if (pollId == null || answer == null || definition) {
            throw DomainException.badRequest("'hide' takes 'poll' and 'answer' only");
          }
          yield store.hide(moderator, ref, pollId, answer);
        }
        default -> throw DomainException.badRequest("'action' must be create, open, close or hide");
      };
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
  }
}
