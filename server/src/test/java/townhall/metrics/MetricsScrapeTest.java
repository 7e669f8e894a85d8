package townhall.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.NodeTestBase;
import townhall.testing.WsClient;

/** {@code GET /metrics} after some traffic of the test's own, on a node of its own: every meter there and plausible. */
class MetricsScrapeTest extends NodeTestBase {
  private static final Pattern TYPE = Pattern.compile("^# TYPE (townhall_\\w+) (\\w+)$", Pattern.MULTILINE);

  @Test
  void trafficShowsInTheMetersWithPlausibleValues(Vertx vertx) {
    String sessionId = api.createSession("Số liệu vận hành", "post", true).getString("id");
    try (WsClient alice = WsClient.join(vertx, node.port(), sessionId, Msg.hello());
        WsClient bob = WsClient.join(vertx, node.port(), sessionId, Msg.hello())) {
      alice.next("welcome");
      bob.next("welcome");
      bob.sendRaw("{not json");
      bob.next("error");
      // from here on every frame passed over stays queued, so each socket's votes frame is still there to find
      String question = Moderation.asked(alice, "Bao giờ có số liệu?");
      Moderation.ok(bob, Msg.vote(question, 1));
      alice.awaitVotes(question, 1);
      bob.awaitVotes(question, 1);

      // bob may hold his count from his vote's ack before the room's votes frame reached his socket, and each
      // event loop counts its writes after making them: wait until both votes frames are counted
      String[] scraped = new String[1];
      Await.until(() -> metric(scraped[0] = api.scrape().body(), "townhall_messages_out_total",
          "type=\"votes\"") >= 2, 30, "a votes frame to each socket counted");
      String scrape = scraped[0];
      assertEquals(2, metric(scrape, "townhall_connections"), "open sockets");
      assertEquals(2, metric(scrape, "townhall_messages_in_total", "type=\"hello\""));
      assertEquals(1, metric(scrape, "townhall_messages_in_total", "type=\"ask\""));
      assertEquals(1, metric(scrape, "townhall_messages_in_total", "type=\"vote\""));
      assertEquals(1, metric(scrape, "townhall_messages_in_total", "type=\"invalid\""));
      assertEquals(0, metric(scrape, "townhall_messages_in_total", "type=\"moderate\""), "a type not sent");
      assertEquals(2, metric(scrape, "townhall_messages_out_total", "type=\"welcome\""));
      assertEquals(2, metric(scrape, "townhall_messages_out_total", "type=\"ack\""), "the ask's and the vote's");
      assertEquals(2, metric(scrape, "townhall_messages_out_total", "type=\"question\""), "one event, two sockets");
      assertEquals(1, metric(scrape, "townhall_messages_out_total", "type=\"error\""));
      assertEquals(1, metric(scrape, "townhall_errors_total", "code=\"bad_request\""));
      assertEquals(0, metric(scrape, "townhall_errors_total", "code=\"unavailable\""));
      assertEquals(1, metric(scrape, "townhall_broadcasts_total"), "the question event, encoded once");

      // coalescing: one vote in, at least one publish and one room frame out, never more publishes than votes
      double announced = metric(scrape, "townhall_votes_announced_total");
      double published = metric(scrape, "townhall_vote_publishes_total");
      assertEquals(1, announced, "votes handed to the announcer");
      assertTrue(published >= 1 && published <= announced, "vote publishes: " + published);
      assertTrue(metric(scrape, "townhall_vote_flushes_total") >= 1, "the room's votes frames");
      assertEquals(0, metric(scrape, "townhall_slow_client_closes_total"));

      // Redis latency: the ask's script was timed (twice when Redis first answered NOSCRIPT) and every sample falls
      // in a bucket; how long it took is a benchmark figure, not a build assertion
      double asks = metric(scrape, "townhall_redis_command_seconds_count", "operation=\"ask\"");
      double askSeconds = metric(scrape, "townhall_redis_command_seconds_sum", "operation=\"ask\"");
      assertTrue(asks >= 1 && asks <= 2, "timed ask calls: " + asks);
      assertTrue(askSeconds > 0, "the ask's round trip was timed: " + askSeconds + " s");
      assertEquals(asks, metric(scrape, "townhall_redis_command_seconds_bucket", "operation=\"ask\"", "le=\"+Inf\""));
      assertTrue(metric(scrape, "townhall_redis_command_seconds_count", "operation=\"vote\"") >= 1);
      // the session is read once into the node's view; each welcome asks Redis only for the joiner's own votes
      assertTrue(metric(scrape, "townhall_redis_command_seconds_count", "operation=\"view\"") >= 1,
          "the node's view of the session read from Redis");
      assertTrue(metric(scrape, "townhall_redis_command_seconds_count", "operation=\"voted\"") >= 1,
          "the joiners' own votes looked up");
      assertTrue(metric(scrape, "townhall_redis_command_seconds_count", "operation=\"subscribe\"") >= 1,
          "the node followed the session");
      for (String kind : List.of("timeout", "disconnected", "oom", "other")) {
        assertEquals(0, metric(scrape, "townhall_redis_errors_total", "kind=\"" + kind + "\""), kind);
      }
      // summed over the heap's pools: one of them (an eden just collected) may well hold nothing at this moment
      double heap = scrape.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{")
          && line.contains("area=\"heap\"")).mapToDouble(line -> Double.parseDouble(
              line.substring(line.lastIndexOf('}') + 1).trim())).sum();
      assertTrue(heap > 0, "JVM heap metrics");
    }
    Await.until(() -> api.metric("townhall_connections") == 0, 10, "the closed sockets leave the count");
  }

  @Test
  void everyTownhallMeterHasADescription() {
    String scrape = api.scrape().body();
    List<String> meters = new ArrayList<>();
    Matcher type = TYPE.matcher(scrape);
    while (type.find()) {
      meters.add(type.group(1));
    }
    assertFalse(meters.isEmpty(), "townhall meters in the scrape");
    for (String meter : meters) {
      Matcher help = Pattern.compile("^# HELP " + meter + " (.+)$", Pattern.MULTILINE).matcher(scrape);
      assertTrue(help.find() && !help.group(1).isBlank(), () -> meter + " has no description");
    }
  }

  private static double metric(String scrape, String name, String... labels) {
    if (labels.length == 0) {
      for (String line : scrape.split("\n")) {
        if (line.startsWith(name + " ")) {
          return Double.parseDouble(line.substring(name.length() + 1).trim());
        }
      }
      return Double.NaN;
    }
    return Api.metricIn(scrape, name, labels);
  }
}
