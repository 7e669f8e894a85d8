package townhall.bus;

import townhall.domain.PollResults;

/**
 * Announces a poll's new results; announcements are coalesced, so an answer storm costs one publish per tick per
 * session and node, whatever the answer rate.
 */
public interface PollAnnouncer {

  void announce(String sessionId, String pollId, PollResults results);
}
