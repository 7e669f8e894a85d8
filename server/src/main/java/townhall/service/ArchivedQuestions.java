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
}
