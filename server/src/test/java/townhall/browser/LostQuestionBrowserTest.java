package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import townhall.TownhallNode;
import townhall.testing.Api;
import townhall.testing.FaultNodes;
import townhall.testing.HeadlessChromium;
import townhall.testing.HistoryChecker;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.RedisProcess;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * F11 from the resident's side: Redis acknowledged a question and then lost it (a failover to a replica that lagged
 * behind). The node sees the session's history rewritten and starts a new epoch; the page gets a full snapshot
 * without its question, finds its acknowledged ask missing, and sends it again: the question is back, once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LostQuestionBrowserTest {
  private static final double WAIT_MS = 15_000;

  private RedisProcess redis;
  private String prefix;
  private TownhallNode node;
  private HeadlessChromium chromium;
  private Vertx vertx;

  @BeforeEach
  void start() {
    redis = RedisProcess.start();
    prefix = TestNodes.freshPrefix();
    node = FaultNodes.start(redis.url(), prefix);
    chromium = HeadlessChromium.launch(WAIT_MS);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    TestNodes.stop(node);
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void anAcknowledgedQuestionLostByRedisIsSentAgainByThePage() {
    JsonObject session = new Api(node.port()).createSession("Câu hỏi bị mất", "post", true);
    String sid = session.getString("id");
    BrowserContext context = chromium.browser().newContext();
    context.setDefaultTimeout(WAIT_MS);
    Page page = context.newPage();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    page.onPageError(e -> problems.add("page error: " + e));
    List<String> frames = Collections.synchronizedList(new ArrayList<>());
    page.onWebSocket(ws -> {
      frames.add("open");
      ws.onFrameReceived(f -> frames.add("in " + f.text()));
      ws.onFrameSent(f -> frames.add("out " + f.text()));
      ws.onClose(w -> frames.add("closed"));
    });

    page.navigate("http://127.0.0.1:" + node.port() + "/j/" + session.getString("code"));
    assertThat(page.locator("#conn-state")).hasAttribute("data-state", "online");

    String mine = "Câu hỏi của tôi sẽ bị mất";
    page.locator("#ask-text").fill(mine);
    page.locator("#ask-submit").click();
    assertThat(page.locator("#questions .q-text")).hasText(mine);
    page.waitForFunction("id => JSON.parse(localStorage.getItem('townhall.outbox.' + id) || '[]')"
        + ".some(m => m.settled)", sid);
    String lostId = page.evaluate("id => JSON.parse(localStorage.getItem('townhall.outbox.' + id))[0].settled", sid)
        .toString();

    // the replica that becomes primary never got the question, its event, nor the record of its ref
    String base = prefix + ":{" + sid + "}:";
    long seq = Long.parseLong(redis.cli("HGET", base + "session", "seq").trim());
    redis.cli("DEL", base + "q:" + lostId);
    redis.cli("ZREM", base + "questions", lostId);
    redis.cli("HINCRBY", base + "session", "qn", "-1");
    redis.cli("HINCRBY", base + "session", "seq", "-1");
    redis.cli("XDEL", base + "events", seq + "-0");
    redis.cli("XSETID", base + "events", (seq - 1) + "-0");
    for (String key : redis.cli("KEYS", base + "ref:*").split("\n")) {
      if (!key.isBlank()) {
        redis.cli("DEL", key.trim());
      }
    }

    // another resident's question takes the lost one's seq and id
    String other = "Câu hỏi của người khác";
    try (WsClient resident = WsClient.join(vertx, node.port(), sid, Msg.hello())) {
      resident.next("welcome");
      JsonObject ack = resident.act(Msg.ask(other));
      Moderation.assertAck(ack);
      assertEquals(lostId, ack.getString("questionId"));
    }

    // the page resyncs, misses its question in the snapshot and asks again: both questions, each once
    try {
      assertThat(page.locator("#questions .q-text", new Page.LocatorOptions().setHasText(other))).hasCount(1);
      assertThat(page.locator("#questions .q-text", new Page.LocatorOptions().setHasText(mine))).hasCount(1);
    } catch (AssertionError e) {
      throw new AssertionError("the page's socket: " + String.join("\n", frames), e);
    }
    JsonObject now = Msg.freshWelcome(vertx, node.port(), sid, Msg.hello(session.getString("moderatorToken")));
    assertEquals(1, HistoryChecker.copiesOf(now, mine), "the lost question is back, once");
    assertEquals(1, HistoryChecker.copiesOf(now, other));
    assertEquals(List.of(), problems);
    context.close();
  }
}
