package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.TestNodes;

class CatalogApiTest extends HomeTestBase {
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(3)
      .truncatedTo(ChronoUnit.HOURS);

  @BeforeEach
  void ward() {
    assertEquals(201, api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé")
        .put("kind", "ward").encode(), TestNodes.ADMIN_TOKEN).status());
  }

  private JsonObject scheduled(String title) {
    return new JsonObject().put("title", title).put("moderation", "pre").put("organization", "ben-nghe")
        .put("scheduledStart", start.toString()).put("scheduledEnd", start.plusHours(2).toString())
        .put("questionsOpenFrom", start.minusDays(2).toString()).put("place", "Hội trường UBND phường")
        .put("agenda", "1. Chỉnh trang vỉa hè\n2. Thu gom rác").put("series", "doi-thoai-quy");
  }

  @Test
  void aScheduledSessionIsListedPublicly() {
    Api.Reply created = api.post("/api/sessions", scheduled("Đối thoại quý I").encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    String id = created.json().getString("id");
    assertTrue(created.json().getString("moderatorToken").length() > 10, "the live session API answers as before");

    JsonArray sessions = api.get("/api/orgs/ben-nghe/sessions").json().getJsonArray("sessions");
    assertEquals(1, sessions.size());
    JsonObject s = sessions.getJsonObject(0);
    assertEquals(id, s.getString("id"));
    assertEquals("Đối thoại quý I", s.getString("title"));
    assertEquals("scheduled", s.getString("status"));
    assertEquals(start.toInstant().toString(), s.getString("scheduledStart"));
    assertEquals(start.plusHours(2).toInstant().toString(), s.getString("scheduledEnd"));
    assertEquals("Hội trường UBND phường", s.getString("place"));
    assertEquals("doi-thoai-quy", s.getString("series"));
    assertNull(s.getValue("record"));
    assertEquals(0, api.get("/api/orgs/main/sessions").json().getJsonArray("sessions").size(),
        "the root's list holds its own sessions");
  }

  @Test
  void withoutAnOrganizationTheSessionGoesToTheRoot() {
    JsonObject created = api.createSession("Không lịch", "post", true);
    JsonObject listed = api.get("/api/orgs/main/sessions").json().getJsonArray("sessions").getJsonObject(0);
    assertEquals(created.getString("id"), listed.getString("id"));
    assertEquals("open", listed.getString("status"));
    assertNull(listed.getValue("scheduledStart"));
  }

  @Test
  void badScheduleInputIsRefusedAndCreatesNothing() {
    JsonObject[] bodies = {
        scheduled("x").put("scheduledStart", "tomorrow"),
        scheduled("x").put("scheduledStart", "2026-03-01T19:30:00"),
        scheduled("x").put("scheduledEnd", start.minusHours(1).toString()),
        scheduled("x").put("questionsOpenFrom", start.plusDays(1).toString()),
        scheduled("x").put("organization", "nowhere"),
        scheduled("x").put("organization", "x' OR '1'='1"),
        scheduled("x").put("series", "Not A Slug"),
        scheduled("x").put("place", 12),
        scheduled("x").put("place", "a".repeat(301)),
        scheduled("x").put("agenda", "bell\u0007"),
        scheduled("x").put("room", "B"),
    };
    for (JsonObject body : bodies) {
      Api.Reply reply = api.post("/api/sessions", body.encode(), TestNodes.ADMIN_TOKEN);
      assertTrue(reply.status() == 400 || reply.status() == 404, body + " -> " + reply.status() + reply.body());
      assertTrue(reply.json().containsKey("error"), reply.body());
    }
    assertEquals(0, api.get("/api/orgs/ben-nghe/sessions").json().getJsonArray("sessions").size());
  }

  @Test
  void textIsStoredAsGivenNeverAsSql() {
    String hostile = "'); DELETE FROM catalog_sessions; --";
    Api.Reply created = api.post("/api/sessions", scheduled(hostile).put("place", hostile).put("agenda", hostile)
        .encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, created.status(), created.body());
    JsonObject listed = api.get("/api/orgs/ben-nghe/sessions").json().getJsonArray("sessions").getJsonObject(0);
    assertEquals(hostile, listed.getString("title"));
    assertEquals(hostile, listed.getString("place"));
  }

  @Test
  void theCalendarIsValidICalendar() throws Exception {
    api.post("/api/sessions", scheduled("Đối thoại quý I").encode(), TestNodes.ADMIN_TOKEN);
    api.post("/api/sessions", new JsonObject().put("title", "Unscheduled").put("organization", "ben-nghe").encode(),
        TestNodes.ADMIN_TOKEN);
    Api.Reply ics = api.get("/o/ben-nghe/calendar.ics");
    assertEquals(200, ics.status());
    assertTrue(ics.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
    calendar.validate();
    var events = calendar.getComponents().stream().filter(c -> c instanceof VEvent).map(c -> (VEvent) c).toList();
    assertEquals(1, events.size(), "only scheduled sessions are events");
    VEvent event = events.get(0);
    assertEquals("Đối thoại quý I", event.getSummary().getValue());
    assertEquals("Hội trường UBND phường", event.getLocation().getValue());
    assertEquals(404, api.get("/o/nowhere/calendar.ics").status());
  }
}
