package townhall.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
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
import townhall.testing.BrowserTestBase;
import townhall.testing.FaultNodes;
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
class LostQuestionBrowserTest extends BrowserTestBase {
  private static final double WAIT_MS = 15_000;

  /** A Redis of this test's own, since the test rewrites its history; and the node on it. */
  private RedisProcess redisProcess;
  private String prefix;
  private TownhallNode faultNode;

  @Override
  protected boolean sharesANode() {
    return false;
  }

  @Override
  protected double assertionTimeoutMs() {
    return WAIT_MS;
  }

  @BeforeEach
  void start() {
    redisProcess = RedisProcess.start();
    prefix = TestNodes.freshPrefix();
    faultNode = FaultNodes.start(redisProcess.url(), prefix);
  }

  @AfterEach
  void stop() {
    TestNodes.stop(faultNode);
    if (redisProcess != null) {
      redisProcess.close();
    }
  }

  @Test
  void anAcknowledgedQuestionLostByRedisIsSentAgainByThePage() {
    JsonObject session = new Api(faultNode.port()).createSession("Câu hỏi bị mất", "post", true);
    String sid = session.getString("id");
    BrowserContext context = browser.newContext();
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

    page.navigate("http://127.0.0.1:" + faultNode.port() + "/j/" + session.getString("code"));
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
    long seq = Long.parseLong(redisProcess.cli("HGET", base + "session", "seq").trim());
    redisProcess.cli("DEL", base + "q:" + lostId);
    redisProcess.cli("ZREM", base + "questions", lostId);
    redisProcess.cli("HINCRBY", base + "session", "qn", "-1");
    redisProcess.cli("HINCRBY", base + "session", "seq", "-1");
    redisProcess.cli("XDEL", base + "events", seq + "-0");
    redisProcess.cli("XSETID", base + "events", (seq - 1) + "-0");
    for (String key : redisProcess.cli("KEYS", base + "ref:*").split("\n")) {
      if (!key.isBlank()) {
        redisProcess.cli("DEL", key.trim());
      }
    }

    // another resident's question takes the lost one's seq and id
    String other = "Câu hỏi của người khác";
    try (WsClient resident = WsClient.join(vertx, faultNode.port(), sid, Msg.hello())) {
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
    JsonObject now = Msg.freshWelcome(vertx, faultNode.port(), sid, Msg.hello(session.getString("moderatorToken")));
    assertEquals(1, HistoryChecker.copiesOf(now, mine), "the lost question is back, once");
    assertEquals(1, HistoryChecker.copiesOf(now, other));
    assertEquals(List.of(), problems);
    context.close();
  }
}
