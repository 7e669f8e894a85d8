package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.InboxItem;

/**
 * The open referred questions of a session as its record (the fold of its chain) gives them: for each question,
 * the latest {@code referred} or {@code referredUp} of its {@code followUp[]} with no {@code answered} after it.
 * Implemented where records are built ({@code export}); what a rebuild of the agencies' inbox starts from.
 */
public interface ReferredItems {

  /** Fails {@code not_found} when neither Redis nor the archive holds the session's record. */
  Future<List<InboxItem>> of(String sessionId);
}
