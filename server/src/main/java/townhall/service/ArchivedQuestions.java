package townhall.service;

import io.vertx.core.Future;
import java.util.Optional;
import townhall.store.FollowCodeStore;

/**
 * Questions of archived records found by their follow-up code, as the public copy shows them (a record withdrawn
 * from the public shows none). Implemented where records are built ({@code export}).
 */
public interface ArchivedQuestions {

  /** The question of the code, empty when no published archived record has it. */
  Future<Optional<FollowCodeStore.Found>> find(String code);

  /**
   * The questions of the session's published archived record on which a follow-up step was taken, as its public
   * copy shows them; an empty list when there is none or it was withdrawn from the public.
   */
  Future<java.util.List<FollowCodeStore.Coded>> followedIn(String sessionId);
}
