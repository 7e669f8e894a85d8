package townhall.followup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import townhall.config.ConfigLoader;
import townhall.domain.Language;
import townhall.domain.record.TrackerFigures;
import townhall.export.TrackedRecords;
import townhall.record.TrackerCsv;
import townhall.service.Access;
import townhall.service.FollowUpTracker;
import townhall.store.pg.PgBackend;
import townhall.testing.Api;
import townhall.testing.Await;
import townhall.testing.Csv;
import townhall.testing.FollowUpSeed;
import townhall.testing.HomeTestBase;
import townhall.testing.Moderation;
import townhall.testing.Msg;
import townhall.testing.TestNodes;
import townhall.testing.WsClient;

/**
 * The public tracker's figures equal a recomputation from the chains: for a district with three wards, agencies
 * and follow-up items taken during the session, after it and after Redis let a session go, every figure the tracker
 * gives (per agency and in total, the open items with their agency, due date and days overdue) is computed again
 * here from the published records' chain entries alone, today and on days the test chooses (a tracker on a clock the
 * test controls), for the district, a ward and every filter.
 */
class FollowUpTrackerTest extends HomeTestBase {
  private static final ZoneId ZONE = FollowUpSeed.ZONE;
  private static final List<String> PUBLISHED = List.of("A1", "A2", "B1", "C1");
  private static final Map<String, String> WARD_OF = Map.of("A1", "phuong-a", "A2", "phuong-a", "B1", "phuong-b",
      "C1", "phuong-c", "C2", "phuong-c");

  /**
   * What the tracker shows, in a form both sides are brought to: per agency (and "*" for the totals) the counts
   * answered on time, late, open, overdue, closed, satisfied, not satisfied; the open items as
   * {@code session|question|agency|due|daysOverdue}.
   */
  private record Shown(Map<String, List<Integer>> counts, List<String> open) {
  }

  /** A followed question as its chain entries give it. */
  private record Chained(String session, String question, String ward, List<JsonObject> entries,
      JsonObject satisfaction, String series) {
  }

  // ------------------------------------------------------------------ the recomputation, from the chain alone

  private List<Chained> chained(FollowUpSeed.Seeded seeded, List<String> sessionKeys) {
    List<Chained> all = new ArrayList<>();
    for (String key : sessionKeys) {
      Api.Reply reply = api.get("/api/sessions/" + seeded.session(key) + "/record");
      assertEquals(200, reply.status(), reply.body());
      JsonObject record = reply.json();
      Map<String, List<JsonObject>> byQuestion = new LinkedHashMap<>();
      for (Object link : record.getJsonObject("chain").getJsonArray("links")) {
        JsonObject entry = new JsonObject(((JsonObject) link).getString("entry"));
        if ("followUp".equals(entry.getString("k"))) {
          byQuestion.computeIfAbsent(entry.getString("q"), q -> new ArrayList<>()).add(entry);
        }
      }
      Map<String, JsonObject> satisfaction = new HashMap<>();
      record.getJsonArray("questions").forEach(q -> satisfaction.put(((JsonObject) q).getString("id"),
          ((JsonObject) q).getJsonObject("satisfaction")));
      String series = key.startsWith("A") ? "phuong-a/tiep-xuc" : null;
      byQuestion.forEach((q, entries) -> all.add(new Chained(record.getJsonObject("session").getString("id"), q,
          WARD_OF.get(key), entries, satisfaction.get(q), series)));
    }
    return all;
  }

  /** The tracker's rules (docs/record.md, "The public tracker") applied to the chain entries. */
  private static Shown recompute(List<Chained> items, LocalDate today, Predicate<Chained> filter,
      String agencyFilter) {
    Map<String, int[]> counts = new TreeMap<>();
    List<String> open = new ArrayList<>();
    for (Chained item : items) {
      if (!filter.test(item)) {
        continue;
      }
      String agency = item.ward();
      String due = null;
      for (JsonObject e : item.entries()) {
        if (List.of("referred", "referredUp").contains(e.getString("step"))) {
          agency = e.getString("agency");
        }
        if (e.getString("due") != null) {
          due = e.getString("due");
        }
      }
      if (agencyFilter != null && !agencyFilter.equals(agency)) {
        continue;
      }
      JsonObject last = item.entries().get(item.entries().size() - 1);
      int[] c = counts.computeIfAbsent(agency, a -> new int[7]);
      int[] total = counts.computeIfAbsent("*", a -> new int[7]);
      int slot;
      long days = 0;
      switch (last.getString("step")) {
        case "answered" -> {
          LocalDate answered = LocalDate.ofInstant(Instant.ofEpochMilli(last.getLong("at")), ZONE);
          slot = due == null || !answered.isAfter(LocalDate.parse(due)) ? 0 : 1;
        }
        case "promised", "referred", "referredUp" -> {
          slot = 2;
          days = due == null ? 0 : Math.max(0, ChronoUnit.DAYS.between(LocalDate.parse(due), today));
        }
        default -> slot = 4;
      }
      for (int[] each : List.of(c, total)) {
        each[slot]++;
        if (days > 0) {
          each[3]++;
        }
        each[5] += item.satisfaction().getInteger("satisfied");
        each[6] += item.satisfaction().getInteger("notSatisfied");
      }
      if (slot == 2) {
        open.add(item.session() + "|" + item.question() + "|" + agency + "|" + due + "|" + days);
      }
    }
    Map<String, List<Integer>> shown = new TreeMap<>();
    counts.forEach((agency, c) -> shown.put(agency, java.util.Arrays.stream(c).boxed().toList()));
    return new Shown(shown, open.stream().sorted().toList());
  }

  // ------------------------------------------------------------------ what the tracker says

  private static Shown shown(JsonObject tracker) {
    Map<String, List<Integer>> counts = new TreeMap<>();
    for (Object item : tracker.getJsonArray("agencies")) {
      JsonObject a = (JsonObject) item;
      counts.put(a.getJsonObject("agency").getString("slug"), counts(a));
    }
    if (!counts.isEmpty()) {
      counts.put("*", counts(tracker.getJsonObject("totals")));
    }
    List<String> open = new ArrayList<>();
    for (Object item : tracker.getJsonArray("open")) {
      JsonObject o = (JsonObject) item;
      open.add(o.getJsonObject("session").getString("id") + "|" + o.getString("questionId") + "|"
          + o.getJsonObject("agency").getString("slug") + "|" + o.getString("due") + "|" + o.getLong("daysOverdue"));
    }
    return new Shown(counts, open.stream().sorted().toList());
  }

  private static List<Integer> counts(JsonObject c) {
    return List.of(c.getInteger("answeredOnTime"), c.getInteger("answeredLate"), c.getInteger("open"),
        c.getInteger("overdue"), c.getInteger("closed"), c.getInteger("satisfied"), c.getInteger("notSatisfied"));
  }

  private static Shown shown(TrackerFigures.Figures figures) {
    Map<String, List<Integer>> counts = new TreeMap<>();
    figures.agencies().forEach(c -> counts.put(c.agency(), counts(c)));
    if (!counts.isEmpty()) {
      counts.put("*", counts(figures.totals()));
    }
    List<String> open = figures.open().stream().map(o -> o.session().sessionId() + "|" + o.item().questionId() + "|"
        + o.agency() + "|" + o.due() + "|" + o.daysOverdue()).sorted().toList();
    return new Shown(counts, open);
  }

  private static List<Integer> counts(TrackerFigures.Counts c) {
    return List.of(c.answeredOnTime(), c.answeredLate(), c.open(), c.overdue(), c.closed(), c.satisfied(),
        c.notSatisfied());
  }

  private JsonObject tracker(String slug, String query) {
    Api.Reply reply = api.get("/api/orgs/" + slug + "/follow-up" + query);
    assertEquals(200, reply.status(), reply.body());
    return reply.json();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // ------------------------------------------------------------------ the tests

  @Test
  void everyFigureEqualsARecomputationFromThePublishedChains(Vertx vertx) {
    FollowUpSeed.Seeded seeded = FollowUpSeed.seed(api, vertx, node.port());
    LocalDate today = seeded.today();
    List<Chained> items = chained(seeded, PUBLISHED);

    JsonObject district = tracker(FollowUpSeed.DISTRICT, "");
    assertEquals(today.toString(), district.getString("today"));
    Shown expected = recompute(items, today, i -> true, null);
    assertEquals(expected, shown(district));
    // the scenario as written in FollowUpSeed, so the recomputation itself is held to something
    assertEquals(List.of(1, 0, 1, 1, 0, 0, 0), expected.counts().get("tnmt-a"));
    assertEquals(List.of(0, 1, 1, 0, 0, 0, 0), expected.counts().get("qldt-q1"));
    assertEquals(List.of(0, 0, 1, 0, 1, 0, 0), expected.counts().get("phuong-a"));
    assertEquals(List.of(1, 0, 1, 1, 0, 0, 0), expected.counts().get("dothi-b"));
    assertEquals(List.of(0, 0, 0, 0, 1, 0, 0), expected.counts().get("phuong-b"));
    assertEquals(List.of(0, 1, 1, 0, 0, 0, 0), expected.counts().get("congan-c"));
    assertEquals(List.of(2, 2, 5, 2, 2, 0, 0), expected.counts().get("*"));
    assertFalse(district.encode().contains(seeded.session("C2")), "a record never published is not public");
    assertTrue(district.getJsonObject("totals").getValue("satisfactionRate") == null, "nobody rated yet");

    // most overdue first, and each open item with its text as the public record shows it
    JsonArray open = district.getJsonArray("open");
    for (int i = 1; i < open.size(); i++) {
      assertTrue(open.getJsonObject(i - 1).getLong("daysOverdue") >= open.getJsonObject(i).getLong("daysOverdue"));
    }
    JsonObject first = open.getJsonObject(0);
    assertEquals("Rác tồn đọng ở hẻm 12 Nguyễn Huệ", first.getString("text"));
    assertEquals(5, first.getLong("daysOverdue"));
    assertEquals("Tổ Tài nguyên – Môi trường phường Bến Nghé", first.getJsonObject("agency").getString("name"));
    assertEquals(List.of(), district.getJsonObject("choices").getJsonArray("topics").getList(),
        "no question has a topic: the page hides that filter");

    // a ward sees its own sessions only; every filter narrows as the recomputation does
    assertEquals(recompute(items, today, i -> i.ward().equals("phuong-a"), null), shown(tracker("phuong-a", "")));
    assertEquals(recompute(items, today, i -> true, "tnmt-a"), shown(tracker(FollowUpSeed.DISTRICT,
        "?agency=tnmt-a")));
    assertEquals(recompute(items, today, i -> i.session().equals(seeded.session("B1")), null),
        shown(tracker(FollowUpSeed.DISTRICT, "?session=" + seeded.session("B1"))));
    assertEquals(recompute(items, today, i -> "phuong-a/tiep-xuc".equals(i.series()), null),
        shown(tracker(FollowUpSeed.DISTRICT, "?series=" + q("phuong-a/tiep-xuc"))));
    assertEquals(new Shown(Map.of(), List.of()), shown(tracker(FollowUpSeed.DISTRICT, "?topic=giao-thong")));

    // on days the test chooses: a tracker on a clock it controls, over the same archive
    PgBackend pg = Await.result(PgBackend.connect(vertx, databaseUrl, ConfigLoader.load(Map.of(), Map.of())
        .database()));
    try {
      for (int days : new int[] {0, 6, 16, 40}) {
        LocalDate on = today.plusDays(days);
        Clock clock = Clock.fixed(on.atTime(12, 0).atZone(ZONE).toInstant(), ZONE);
        FollowUpTracker later = new FollowUpTracker(new Access(pg.organizations(), pg.catalog()),
            new TrackedRecords(vertx, pg.tracker(), pg.archive()), pg.tracker(), clock);
        FollowUpTracker.Tracker t = Await.result(later.of(FollowUpSeed.DISTRICT, TrackerFigures.Filter.NONE));
        assertEquals(on, t.today());
        assertEquals(recompute(items, on, i -> true, null), shown(t.figures()), "on " + on);
      }
      FollowUpTracker.Tracker in40 = Await.result(new FollowUpTracker(new Access(pg.organizations(), pg.catalog()),
          new TrackedRecords(vertx, pg.tracker(), pg.archive()), pg.tracker(),
          Clock.fixed(today.plusDays(40).atStartOfDay(ZONE).toInstant(), ZONE))
          .of(FollowUpSeed.DISTRICT, TrackerFigures.Filter.NONE));
      assertEquals(5, in40.figures().totals().overdue(), "forty days on, every open item is overdue");
    } finally {
      Await.result(pg.close());
    }
  }

  @Test
  void aNewStepOrAWithdrawalIsSeenAtOnceAndTheCsvListsTheOpenItems(Vertx vertx) {
    FollowUpSeed.Seeded seeded = FollowUpSeed.seed(api, vertx, node.port());
    LocalDate today = seeded.today();
    Shown before = shown(tracker(FollowUpSeed.DISTRICT, ""));

    // a written answer to an overdue item of the archived session B1: the head moves, the tracker follows
    Api.Reply answered = api.post("/api/sessions/" + seeded.session("B1") + "/questions/"
            + seeded.questions().get("B1.2") + "/answer", new JsonObject().put("text", "Đã lắp biển cấm.").encode(),
        TestNodes.ADMIN_TOKEN);
    assertEquals(200, answered.status(), answered.body());
    // and A1's overdue item referred up, with a new due date
    assertEquals(200, api.post("/api/sessions/" + seeded.session("A1") + "/questions/"
        + seeded.questions().get("A1.2") + "/follow-up", new JsonObject().put("step", "referredUp")
        .put("agency", "qldt-q1").put("due", today.plusDays(3).toString()).encode(), TestNodes.ADMIN_TOKEN).status());
    Shown after = shown(tracker(FollowUpSeed.DISTRICT, ""));
    assertNotEquals(before, after);
    assertEquals(recompute(chained(seeded, PUBLISHED), today, i -> true, null), after);
    assertEquals(List.of(1, 1, 0, 0, 0, 0, 0), after.counts().get("dothi-b"), "answered late now");

    // the organizer withdraws A2's record: its items leave the tracker
    assertEquals(200, api.post("/api/sessions/" + seeded.session("A2") + "/unpublish",
        new JsonObject().put("reason", "Rà soát").encode(), TestNodes.ADMIN_TOKEN).status());
    JsonObject withoutA2 = tracker(FollowUpSeed.DISTRICT, "");
    assertFalse(withoutA2.encode().contains(seeded.session("A2")));
    assertEquals(recompute(chained(seeded, List.of("A1", "B1", "C1")), today, i -> true, null), shown(withoutA2));

    // the CSV: one row per open item, in the language asked, as the JSON lists them
    Api.Reply csv = api.get("/api/orgs/" + FollowUpSeed.DISTRICT + "/follow-up?format=csv&lang=en");
    assertEquals(200, csv.status());
    assertTrue(csv.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    List<List<String>> rows = Csv.parse(csv.body().substring(1));
    assertEquals(TrackerCsv.columns(Language.EN), rows.get(0));
    JsonArray open = withoutA2.getJsonArray("open");
    assertEquals(open.size() + 1, rows.size());
    for (int i = 0; i < open.size(); i++) {
      JsonObject o = open.getJsonObject(i);
      List<String> row = rows.get(i + 1);
      assertEquals(o.getString("followCode"), row.get(TrackerCsv.COLUMN_KEYS.indexOf("followCode")));
      assertEquals(o.getString("text"), row.get(TrackerCsv.COLUMN_KEYS.indexOf("text")));
      assertEquals(o.getJsonObject("agency").getString("name"), row.get(TrackerCsv.COLUMN_KEYS.indexOf("agencyName")));
      assertEquals(String.valueOf(o.getLong("daysOverdue")), row.get(TrackerCsv.COLUMN_KEYS.indexOf("daysOverdue")));
    }
    List<List<String>> vi = Csv.parse(api.get("/api/orgs/" + FollowUpSeed.DISTRICT + "/follow-up?format=csv&agency="
        + "congan-c").body().substring(1));
    assertEquals(TrackerCsv.columns(Language.VI), vi.get(0), "the organization's language by default");
    assertEquals(new TreeSet<>(List.of("chuyển cơ quan")),
        new TreeSet<>(vi.subList(1, vi.size()).stream().map(r -> r.get(TrackerCsv.COLUMN_KEYS.indexOf("step")))
            .toList()));

    assertEquals(404, api.get("/api/orgs/no-such-org/follow-up").status());
    assertEquals(400, api.get("/api/orgs/" + FollowUpSeed.DISTRICT + "/follow-up?format=xml").status());
    assertEquals(400, api.get("/api/orgs/" + FollowUpSeed.DISTRICT + "/follow-up?agency=" + "x".repeat(300))
        .status());
  }
  @Test
  void aStepTakenDuringASessionWhoseRecordIsPublishedShowsAtOnce(Vertx vertx) {
    organization("ward-a", "ward", "main");
    organization("tnmt-a", "agency", "ward-a");
    JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Đối thoại phường A")
        .put("organization", "ward-a").put("moderation", "post").encode(), TestNodes.ADMIN_TOKEN).json();
    String id = created.getString("id");
    try (WsClient resident = WsClient.join(vertx, node.port(), id, Msg.hello());
         WsClient moderator = WsClient.join(vertx, node.port(), id, Msg.hello(created.getString("moderatorToken")))) {
      resident.next("welcome");
      moderator.next("welcome");
      String question = resident.act(Msg.ask("Khi nào sửa cống hẻm 7?")).getString("questionId");
      assertEquals(200, api.post("/api/sessions/" + id + "/publish", "", TestNodes.ADMIN_TOKEN).status());
      assertEquals(0, tracker("ward-a", "").getJsonArray("open").size(), "published, nothing followed up yet");
      Moderation.ok(moderator, new JsonObject().put("type", "moderate").put("questionId", question)
          .put("action", "followUp").put("step", "referred").put("agency", "tnmt-a")
          .put("due", LocalDate.now(ZONE).plusDays(7).toString()));
      Await.until(() -> tracker("ward-a", "").getJsonArray("open").size() == 1, 15,
          "the live step reaches the tracker through the published record");
      JsonObject open = tracker("ward-a", "").getJsonArray("open").getJsonObject(0);
      assertEquals("Khi nào sửa cống hẻm 7?", open.getString("text"));
      assertEquals("tnmt-a", open.getJsonObject("agency").getString("slug"));
      assertEquals(0, open.getLong("daysOverdue"));
    }
  }
}
