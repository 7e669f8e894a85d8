package townhall.store.pg;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.topic.Area;
import townhall.domain.topic.Classification;
import townhall.domain.topic.DefaultTopics;
import townhall.domain.topic.Topic;
import townhall.store.ClassificationStore;

/** {@link ClassificationStore} on the {@code org_classifications} table (one row per organization that changed). */
final class PgClassificationStore implements ClassificationStore {
  private static final String OF = "SELECT topics, areas FROM org_classifications WHERE organization_id = $1";
  private static final String TOPICS = "INSERT INTO org_classifications (organization_id, topics) VALUES ($1, $2)"
      + " ON CONFLICT (organization_id) DO UPDATE SET topics = EXCLUDED.topics, updated_at = now()";
  private static final String AREAS = "INSERT INTO org_classifications (organization_id, areas) VALUES ($1, $2)"
      + " ON CONFLICT (organization_id) DO UPDATE SET areas = EXCLUDED.areas, updated_at = now()";

  private final Pool pool;

  PgClassificationStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Classification> of(long organizationId) {
    return PgCalls.mapped(pool.preparedQuery(OF).execute(Tuple.of(organizationId)).map(rows -> {
      if (rows.rowCount() == 0) {
        return Classification.DEFAULT;
      }
      Row row = rows.iterator().next();
      List<Topic> topics = row.getValue("topics") instanceof JsonArray array ? topics(array) : DefaultTopics.LIST;
      List<Area> areas = row.getValue("areas") instanceof JsonArray array ? areas(array) : List.of();
      return new Classification(topics, areas);
    }));
  }

  @Override
  public Future<Void> replaceTopics(long organizationId, List<Topic> topics) {
    JsonArray array = new JsonArray();
    topics.forEach(t -> array.add(new JsonObject().put("key", t.key()).put("nameVi", t.nameVi())
        .put("nameEn", t.nameEn()).put("keywords", new JsonArray(new ArrayList<>(t.keywords())))));
    return PgCalls.mapped(pool.preparedQuery(TOPICS).execute(Tuple.of(organizationId, array)).mapEmpty());
  }

  @Override
  public Future<Void> replaceAreas(long organizationId, List<Area> areas) {
    JsonArray array = new JsonArray();
    areas.forEach(a -> array.add(new JsonObject().put("key", a.key()).put("name", a.name())));
    return PgCalls.mapped(pool.preparedQuery(AREAS).execute(Tuple.of(organizationId, array)).mapEmpty());
  }

  private static List<Topic> topics(JsonArray array) {
    List<Topic> topics = new ArrayList<>();
    for (Object item : array) {
      JsonObject t = (JsonObject) item;
      List<String> keywords = new ArrayList<>();
      t.getJsonArray("keywords", new JsonArray()).forEach(k -> keywords.add((String) k));
      topics.add(new Topic(t.getString("key"), t.getString("nameVi"), t.getString("nameEn"), keywords));
    }
    return topics;
  }

  private static List<Area> areas(JsonArray array) {
    List<Area> areas = new ArrayList<>();
    for (Object item : array) {
      JsonObject a = (JsonObject) item;
      areas.add(new Area(a.getString("key"), a.getString("name")));
    }
    return areas;
  }
}
