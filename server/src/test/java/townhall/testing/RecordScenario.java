package townhall.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static townhall.testing.Moderation.approve;
import static townhall.testing.Moderation.archive;
import static townhall.testing.Moderation.ban;
import static townhall.testing.Moderation.edit;
import static townhall.testing.Moderation.freeze;
import static townhall.testing.Moderation.highlight;
import static townhall.testing.Moderation.merge;
import static townhall.testing.Moderation.ok;
import static townhall.testing.Moderation.reject;
import static townhall.testing.Moderation.restore;
import static townhall.testing.Moderation.unfreeze;
import static townhall.testing.Moderation.unhighlight;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A whole session for record tests, through the real protocol: four residents ask eight questions and vote, two
 * moderators (and the organizer, over HTTP) take every moderation action there is (approve, reject with a reason,
 * edit, answer with and without a text, highlight and unhighlight, archive and restore, merge, ban, freeze and
 * unfreeze), a resident withdraws a question, the session is paused, opened and closed. The texts hold what CSV
 * and spreadsheets trip over: Vietnamese, commas, double quotes, line breaks, a leading '='.
 *
 * <p>Fates: q1 answered (edited, with a written answer, on stage once), q2 open (live, q3 merged into it), q3
 * merged, q4 rejected with a reason (its author banned), q5 archived (archived, restored, archived), q6 withdrawn,
 * q7 answered on stage without a text (frozen and unfrozen, rejected and restored, still on stage at the close),
 * q8 open (pending). Moderator pseudonyms: the session's moderator token 1, the second moderator 2, the organizer 0.
 */
public final class RecordScenario {
  public static final String TITLE = "Đối thoại với nhân dân phường Bến Nghé, quý IV";
  public static final String ALICE = "Chị Lan, tổ 5";
  public static final String CAROL = "Ông \"Ba\" Nguyễn";
  public static final String DAVE = "Dũng";
  public static final String Q1 = "Khi nào sửa xong đường Lê Lợi?\nĐoạn gần chợ rất xấu, xe máy hay ngã.";
  public static final String Q1_EDITED = "Khi nào sửa xong đường Lê Lợi, đoạn \"gần chợ\"?";
  public static final String Q1_ANSWER = "Tháng 12 sẽ xong, thưa bà con.\nXin cảm ơn \"chị Lan\".";
  public static final String Q2 = "Chợ phường có mở cửa ngày lễ không?";
  public static final String Q3 = "Chợ có mở ngày lễ không ạ?";
  public static final String Q4 = "=1+1 Bán đất nền giá rẻ, liên hệ ngay";
  public static final String Q4_REASON = "Quảng cáo, không liên quan";
  public static final String Q5 = "Trường học có thêm lớp bán trú không?";
  public static final String Q6 = "Câu hỏi tôi sẽ rút lại";
  public static final String Q7 = "Đèn đường hẻm 12 bị hư";
  public static final String Q7_REASON = "Trùng lặp";
  public static final String Q8 = "Câu hỏi cuối, chưa ai trả lời";

  /** The session and its question ids ({@code q1} ... {@code q8}). */
  public record Result(String sessionId, String code, String moderatorToken, String stageToken,
      Map<String, String> questions) {
    public String q(int n) {
      return questions.get("q" + n);
    }
  }

  private RecordScenario() {
  }

  /** Runs the session to its close on the node at {@code port}. */
  public static Result run(Vertx vertx, Api api, int port) {
    JsonObject created = api.createSession(TITLE, "pre", true);
    String id = created.getString("id");
    String mod1Token = created.getString("moderatorToken");
    Api.Reply second = api.post("/api/sessions/" + id + "/moderator-token", "", TestNodes.ADMIN_TOKEN);
    assertEquals(200, second.status(), second.body());
    String mod2Token = second.json().getString("moderatorToken");
    Map<String, String> q = new LinkedHashMap<>();
    try (WsClient mod1 = Moderation.join(vertx, port, id, mod1Token);
         WsClient mod2 = Moderation.join(vertx, port, id, mod2Token);
         WsClient alice = Moderation.join(vertx, port, id, null);
         WsClient bob = Moderation.join(vertx, port, id, null);
         WsClient carol = Moderation.join(vertx, port, id, null);
         WsClient dave = Moderation.join(vertx, port, id, null)) {
      for (WsClient ws : new WsClient[] {mod1, mod2, alice, bob, carol, dave}) {
        ws.next("welcome");
      }
      q.put("q1", ask(alice, Q1, ALICE));
      ok(mod1, approve(q.get("q1")));
      status(api, id, "paused");
      status(api, id, "open");
      ok(mod1, edit(q.get("q1"), Q1_EDITED));
      ok(bob, Moderation.vote(q.get("q1"), 1));
      ok(carol, Moderation.vote(q.get("q1"), 1));

      q.put("q2", ask(bob, Q2, null));
      ok(mod2, approve(q.get("q2")));
      ok(alice, Moderation.vote(q.get("q2"), 1));
      q.put("q3", ask(carol, Q3, CAROL));
      ok(mod1, approve(q.get("q3")));
      ok(dave, Moderation.vote(q.get("q3"), 1));
      ok(mod1, merge(q.get("q3"), q.get("q2")));

      q.put("q4", ask(dave, Q4, DAVE));
      ok(mod2, reject(q.get("q4"), Q4_REASON));
      ok(mod1, ban(q.get("q4")));

      q.put("q5", ask(alice, Q5, ALICE));
      ok(mod1, approve(q.get("q5")));
      ok(mod1, archive(q.get("q5")));
      ok(mod1, restore(q.get("q5")));
      ok(mod2, archive(q.get("q5")));

      q.put("q6", ask(bob, Q6, null));
      ok(bob, Moderation.withdraw(q.get("q6")));

      q.put("q7", ask(carol, Q7, CAROL));
      ok(mod2, approve(q.get("q7")));
      ok(alice, Moderation.vote(q.get("q7"), 1));
      ok(mod1, freeze(q.get("q7")));
      ok(mod1, unfreeze(q.get("q7")));
      ok(mod2, reject(q.get("q7"), Q7_REASON));
      ok(mod1, restore(q.get("q7")));

      ok(mod1, highlight(q.get("q1")));
      ok(mod2, Moderation.answer(q.get("q1"), Q1_ANSWER));
      ok(mod1, unhighlight(q.get("q1")));
      ok(mod2, highlight(q.get("q7")));
      ok(mod2, Moderation.answer(q.get("q7"), null));

      q.put("q8", ask(alice, Q8, ALICE));
      ok(mod2, Moderation.session("close"));
    }
    return new Result(id, created.getString("code"), mod1Token, created.getString("stageToken"), Map.copyOf(q));
  }

  private static String ask(WsClient ws, String text, String author) {
    JsonObject ask = Moderation.ask(text);
    if (author != null) {
      ask.put("author", author);
    }
    return ok(ws, ask).getString("questionId");
  }

  private static void status(Api api, String id, String status) {
    Api.Reply reply = api.post("/api/sessions/" + id + "/status", new JsonObject().put("status", status).encode(),
        TestNodes.ADMIN_TOKEN);
    assertEquals(200, reply.status(), reply.body());
  }
}
