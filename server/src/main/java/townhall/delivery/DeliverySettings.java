package townhall.delivery;

/**
 * How a node delivers sessions.
 *
 * @param tickMs           vote counts and presence go out at most once per tick
 * @param heartbeatMs      how often presence is refreshed and the log read for missed events
 * @param welcomeQuestions how many of the top questions by votes, and of the newest, a welcome carries
 * @param pageSize         questions per page when the client names no limit
 * @param replayLimit      the most events a resume replays; a client further behind gets a welcome
 * @param recentEvents     how many of the newest events a room keeps to serve resumes and late joiners
 * @param viewSlice        the most questions one Redis call reads when a node reads a session for its view
 * @param countSlice       the most vote counts a heartbeat reads (the heartbeats go round the questions)
 * @param pollFramesPerSecond the poll-results frames per second a session's room may send its screens on this
 *                         node before it sends them less often than once per tick
 * @param stormVoteFramesPerSecond the same for vote-count frames, during a join or reconnect storm on the node
 */
public record DeliverySettings(long tickMs, long heartbeatMs, int welcomeQuestions, int pageSize, int replayLimit,
    int recentEvents, int viewSlice, int countSlice, int pollFramesPerSecond, int stormVoteFramesPerSecond) {
}
