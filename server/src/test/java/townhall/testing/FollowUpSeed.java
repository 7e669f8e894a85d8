package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A district with three wards, their agencies and follow-up items, seeded through the public API as people would
 * (the admin bearer stands for the organizers): the public tracker's fixture and what its closing note describes.
 * Due dates are set around today (in Asia/Ho_Chi_Minh, the organizations' zone), so some items are answered on time,
 * some late, some open and some overdue whatever the day the tests run.
 *
 * <pre>
 * quan-1 (district) ── qldt-q1 (agency: referred up to)
 *   ├ phuong-a (ward) ── tnmt-a (agency)    sessions A1, A2 (series tiep-xuc), published
 *   ├ phuong-b (ward) ── dothi-b (agency)   session B1, published, then let go by Redis (steps go to the archive)
 *   └ phuong-c (ward) ── congan-c (agency)  session C1 published; C2 never published (not public)
 * </pre>
 */
public final class FollowUpSeed {
  public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
  public static final String DISTRICT = "quan-1";

  /** Session key (A1, A2, B1, C1, C2) -> session id; question key (A1.1 ...) -> question id. */
  public record Seeded(Map<String, String> sessions, Map<String, String> questions, LocalDate today) {
    public String session(String key) {
      return sessions.get(key);
    }
  }

  private final Api api;
  private final Vertx vertx;
  private final int port;
  private final LocalDate today = LocalDate.now(ZONE);
  private final Map<String, String> sessions = new LinkedHashMap<>();
  private final Map<String, String> questions = new LinkedHashMap<>();

  private FollowUpSeed(Api api, Vertx vertx, int port) {
    this.api = api;
    this.vertx = vertx;
    this.port = port;
  }

  /** Seeds the district on the node at {@code port}. */
  public static Seeded seed(Api api, Vertx vertx, int port) {
    return new FollowUpSeed(api, vertx, port).run();
  }

  private Seeded run() {
    org(DISTRICT, "Quận 1", "district", "main");
    org("phuong-a", "Phường Bến Nghé", "ward", DISTRICT);
    org("phuong-b", "Phường Đa Kao", "ward", DISTRICT);
    org("phuong-c", "Phường Tân Định", "ward", DISTRICT);
    org("qldt-q1", "Phòng Quản lý đô thị Quận 1", "agency", DISTRICT);
    org("tnmt-a", "Tổ Tài nguyên – Môi trường phường Bến Nghé", "agency", "phuong-a");
    org("dothi-b", "Tổ Quản lý đô thị phường Đa Kao", "agency", "phuong-b");
    org("congan-c", "Công an phường Tân Định", "agency", "phuong-c");

    session("A1", "phuong-a", "tiep-xuc", "Tiếp xúc cử tri phường Bến Nghé, tháng 10", List.of(
        "Khi nào nạo vét kênh Thị Nghè?", "Rác tồn đọng ở hẻm 12 Nguyễn Huệ", "Vỉa hè đường Lê Thánh Tôn bị lấn chiếm",
        "Đèn đường hẻm 5 bị hỏng"), true);
    step("A1.1", referred("tnmt-a", 10));
    step("A1.3", referredUp("qldt-q1", -3));
    step("A1.4", new JsonObject().put("step", "promised").put("due", due(20)));
    session("A2", "phuong-a", "tiep-xuc", "Tiếp xúc cử tri phường Bến Nghé, tháng 11", List.of(
        "Cây xanh nghiêng trên đường Lê Lợi", "Ngập nước khi mưa lớn ở đường Hàm Nghi"), false);
    step("A2.1", referred("tnmt-a", -10));
    step("A2.1", referredUp("qldt-q1", 5));
    step("A2.2", new JsonObject().put("step", "noted"));
    session("B1", "phuong-b", null, "Đối thoại với Chủ tịch UBND phường Đa Kao", List.of(
        "Công trình xây dựng không phép ở hẻm 40", "Xe tải chạy vào giờ cấm", "Tiếng ồn karaoke sau 22 giờ"), false);
    step("B1.1", referred("dothi-b", 15));
    step("B1.2", referred("dothi-b", -2));
    step("B1.3", new JsonObject().put("step", "outOfRemit").put("note", "Thuộc thẩm quyền Công an phường"));
    session("C1", "phuong-c", null, "Đối thoại phường Tân Định", List.of(
        "An ninh trật tự quanh chợ Tân Định", "Trộm cắp xe máy ở hẻm 18"), false);
    step("C1.1", referred("congan-c", -20));
    step("C1.2", referred("congan-c", 7));
    session("C2", "phuong-c", null, "Đối thoại phường Tân Định (chưa công bố biên bản)", List.of(
        "Câu hỏi của một phiên chưa công bố"), false);
    step("C2.1", referred("congan-c", -1));

    for (String key : List.of("A1", "A2", "B1", "C1", "C2")) {
      ok(api.post("/api/sessions/" + sessions.get(key) + "/status", "{\"status\":\"closed\"}", TestNodes.ADMIN_TOKEN));
    }
    for (String key : List.of("A1", "A2", "B1", "C1")) {
      ok(api.post("/api/sessions/" + sessions.get(key) + "/publish", "", TestNodes.ADMIN_TOKEN));
    }
    // written answers after the session: on time (due ahead), late (due passed)
    answer("A1.1", "Đã lên kế hoạch nạo vét trong quý I.");
    answer("A1.3", "Đã ra quân giải tỏa lấn chiếm vỉa hè.");
    answer("C1.1", "Đã tăng cường tuần tra quanh chợ.");
    // B1 leaves Redis: its next steps go to the archived chain
    assertEquals(204, api.delete("/api/sessions/" + sessions.get("B1"), TestNodes.ADMIN_TOKEN).status());
    answer("B1.1", "Đã lập biên bản và đình chỉ thi công.");
    return new Seeded(Map.copyOf(sessions), Map.copyOf(questions), today);
  }

  private String due(int days) {
    return today.plusDays(days).toString();
  }

  private JsonObject referred(String agency, int dueInDays) {
    return new JsonObject().put("step", "referred").put("agency", agency).put("due", due(dueInDays));
  }

  private JsonObject referredUp(String agency, int dueInDays) {
    return new JsonObject().put("step", "referredUp").put("agency", agency).put("due", due(dueInDays));
  }

  private void org(String slug, String name, String kind, String parent) {
    Api.Reply reply = api.post("/api/orgs", new JsonObject().put("slug", slug).put("name", name).put("kind", kind)
        .put("parent", parent).encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, reply.status(), reply.body());
  }

  /** A session of {@code org} with {@code asked} asked by residents; {@code stepLive}: its second question's
   * referral is taken in the console during the session (the rest by HTTP). */
  private void session(String key, String org, String series, String title, List<String> asked, boolean stepLive) {
    JsonObject body = new JsonObject().put("title", title).put("organization", org).put("moderation", "post");
    if (series != null) {
      body.put("series", series);
    }
    Api.Reply created = api.post("/api/sessions", body.encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    sessions.put(key, id);
    try (WsClient resident = WsClient.join(vertx, port, id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, port, id, Msg.hello(created.json().getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      for (int i = 0; i < asked.size(); i++) {
        questions.put(key + "." + (i + 1), resident.act(Msg.ask(asked.get(i))).getString("questionId"));
      }
      if (stepLive) {
        Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", questions.get(key + ".2"))
            .put("action", "followUp").put("step", "referred").put("agency", "tnmt-a").put("due", due(-5)));
      }
    }
  }

  private void step(String question, JsonObject body) {
    String session = sessions.get(question.substring(0, question.indexOf('.')));
    ok(api.post("/api/sessions/" + session + "/questions/" + questions.get(question) + "/follow-up", body.encode(),
        TestNodes.ADMIN_TOKEN));
  }

  private void answer(String question, String text) {
    String session = sessions.get(question.substring(0, question.indexOf('.')));
    ok(api.post("/api/sessions/" + session + "/questions/" + questions.get(question) + "/answer",
        new JsonObject().put("text", text).encode(), TestNodes.ADMIN_TOKEN));
  }

  private static void ok(Api.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
  }
}
