package townhall.store;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.topic.Area;
import townhall.domain.topic.Classification;
import townhall.domain.topic.Topic;

/**
 * Each organization's topics and areas (PostgreSQL). An organization that never changed its topics has the default
 * list ({@link townhall.domain.topic.DefaultTopics}) and no areas. Lists are replaced whole (checked by the caller,
 * {@link townhall.domain.topic.ClassificationRules}). Futures fail with {@code unavailable} when the store cannot be
 * reached.
 */
public interface ClassificationStore {

  /** The organization's topics and areas. */
  Future<Classification> of(long organizationId);

  /** Replaces the organization's topics. */
  Future<Void> replaceTopics(long organizationId, List<Topic> topics);

  /** Replaces the organization's areas. */
  Future<Void> replaceAreas(long organizationId, List<Area> areas);
}
