package townhall.service;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.store.RecordStore;

/** A moderator or the organizer makes a session's record public: from then on anyone may read it. */
public final class PublishRecord {
  private final RecordStore store;

  public PublishRecord(RecordStore store) {
    this.store = store;
  }

  /** Answers when the record was published (the first time, for a record published before). */
  public Future<Long> publish(Participant moderator) {
    if (moderator.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only moderators and the organizer publish records"));
    }
    return store.publish(moderator);
  }
}
