package townhall.domain.record;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import townhall.domain.Channel;

/**
 * The session's totals.
 *
 * @param participants          resident identities that joined
 * @param questions             questions asked
 * @param medianTimeToAnswerMs  the median, over the answered questions, of the time from asking to the first answer;
 *                              {@code null} when none was answered
 * @param notReviewed           questions still pending when the session was closed
 * @param withheld              questions whose text is withheld from the public record
 * @param bans                  moderators' bans of a question's author (whose question, the public record does not
 *                              say)
 * @param byChannel             questions by how they came in, every channel in {@link Channel}'s order (0 where
 *                              none came)
 */
public record RecordTotals(int participants, int questions, int answered, int merged, int rejected, int open,
    int withdrawn, int archived, Long medianTimeToAnswerMs, int notReviewed, int withheld, int bans,
    Map<Channel, Integer> byChannel) {

  public RecordTotals {
    Map<Channel, Integer> all = new EnumMap<>(Channel.class);
    for (Channel channel : Channel.values()) {
      all.put(channel, byChannel == null ? 0 : byChannel.getOrDefault(channel, 0));
    }
    byChannel = Collections.unmodifiableMap(all);
  }
}
