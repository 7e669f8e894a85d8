package townhall.bus;

import townhall.domain.SessionEvent;

/** Announces a question's new vote count; announcements are coalesced, so a vote storm costs one publish per tick. */
public interface VoteAnnouncer {

  void announce(String sessionId, String questionId, SessionEvent.VoteCount count);
}
