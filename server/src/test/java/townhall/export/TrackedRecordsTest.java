package townhall.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import townhall.config.ConfigLoader;
import townhall.domain.record.TrackedSession;
import townhall.store.ArchiveStore;
import townhall.store.pg.PgBackend;
import townhall.testing.Await;
import townhall.testing.HomeTestBase;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The tracker's reading is bounded: a record's content is read once per chain head, whatever the number of requests
 * (one after the other or all at once), and read again only once its head moved.
 */
class TrackedRecordsTest extends HomeTestBase {

  /** The archive, counting the reads of a record's content. */
  private static ArchiveStore counting(ArchiveStore archive, AtomicInteger reads) {
    return (ArchiveStore) Proxy.newProxyInstance(ArchiveStore.class.getClassLoader(),
        new Class<?>[] {ArchiveStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("content")) {
            reads.incrementAndGet();
          }
          try {
            return method.invoke(archive, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aRecordIsReadOncePerChainHead(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = created.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello())) {
      resident.next("welcome");
      resident.act(Msg.ask("Khi nào nạo vét kênh?"));
      resident.act(Msg.ask("Đèn đường hẻm 12 bị hỏng"));
    }
    assertEquals(200, api.post("/api/sessions/" + id + "/questions/1/follow-up", new JsonObject()
        .put("step", "referred").put("agency", "tnmt-a").put("due", "2027-02-01").encode(), TestNodes.ADMIN_TOKEN)
        .status());
    assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());

    PgBackend pg = Await.result(PgBackend.connect(vertx, databaseUrl, ConfigLoader.load(Map.of(), Map.of())
        .database()));
    try {
      AtomicInteger reads = new AtomicInteger();
      TrackedRecords records = new TrackedRecords(vertx, pg.tracker(), counting(pg.archive(), reads));
      long ward = Await.result(pg.organizations().findBySlug("ward-a")).orElseThrow().id();

      List<Future<List<TrackedSession>>> together = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        together.add(records.below(ward));
      }
      Await.result(Future.all(together));
      assertEquals(1, reads.get(), "ten requests at once read the record once");
      List<TrackedSession> first = together.get(0).result();
      assertEquals(1, first.size());
      assertEquals(List.of("1"), first.get(0).items().stream().map(TrackedSession.Item::questionId).toList(),
          "only the followed questions are kept");
      for (Future<List<TrackedSession>> each : together) {
        assertEquals(first, each.result());
      }
      Await.result(records.below(ward));
      assertEquals(1, reads.get(), "the head did not move: nothing read");

      assertEquals(200, api.post("/api/sessions/" + id + "/questions/2/follow-up", new JsonObject()
          .put("step", "noted").encode(), TestNodes.ADMIN_TOKEN).status());
      List<TrackedSession> after = Await.result(records.below(ward));
      assertEquals(2, reads.get(), "the head moved: read again, once");
      assertEquals(List.of("1", "2"), after.get(0).items().stream().map(TrackedSession.Item::questionId).toList());
      Await.result(records.below(ward));
      assertEquals(2, reads.get());
    } finally {
      Await.result(pg.close());
    }
  }
}
