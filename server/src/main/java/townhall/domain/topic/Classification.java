package townhall.domain.topic;

import java.util.List;

/**
 * The topics and areas questions of a session (or of an organization's sessions) are classified by.
 *
 * @param topics the fields, in the organization's order
 * @param areas  the residential groups, in the organization's order (may be empty)
 */
public record Classification(List<Topic> topics, List<Area> areas) {
  public Classification {
    topics = List.copyOf(topics);
    areas = List.copyOf(areas);
  }

  /** The lists of a session without an organization: the default topics and no areas. */
  public static final Classification DEFAULT = new Classification(DefaultTopics.LIST, List.of());

  public boolean hasTopic(String key) {
    return topics.stream().anyMatch(t -> t.key().equals(key));
  }

  public boolean hasArea(String key) {
    return areas.stream().anyMatch(a -> a.key().equals(key));
  }
}
