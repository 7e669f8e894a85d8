package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * The organizer's home over HTTP: editing a session's catalog fields (leaders included), duplicating it, handing out
 * its links, closing and publishing it as a signed-in organizer, the series and per-session calendar; bad input to
 * each answers a JSON error and changes nothing; a write without the CSRF token is refused.
 */
class OrganizerHomeApiTest extends HomeTestBase {
  private static final String PASSWORD = "organizer password 1";
  private final OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(7)).plusDays(3)
      .truncatedTo(ChronoUnit.HOURS);
  private SignedInClient organizer;

  @BeforeEach
  void wardAndItsOrganizer() {
    assertEquals(201, api.post("/api/orgs", new JsonObject().put("slug", "ben-nghe").put("name", "Phường Bến Nghé")
        .put("kind", "ward").encode(), TestNodes.ADMIN_TOKEN).status());
    String link = api.post("/api/orgs/ben-nghe/invitations", new JsonObject().put("email", "ward@example.vn")
        .put("role", "organizer").encode(), TestNodes.ADMIN_TOKEN).json().getString("link");
    organizer = SignedInClient.from(api, node.port(), api.post("/api/invitations/accept", new JsonObject()
        .put("token", link.substring(link.indexOf("#invite=") + 8)).put("password", PASSWORD).put("name", "Anh Minh")
        .encode(), null));
  }

  private JsonObject scheduled(String title) {
    return new JsonObject().put("title", title).put("organization", "ben-nghe")
        .put("scheduledStart", start.toString()).put("scheduledEnd", start.plusHours(2).toString())
        .put("place", "Hội trường UBND phường").put("agenda", "Vỉa hè").put("series", "quy")
        .put("leaders", new JsonArray().add(new JsonObject().put("name", "Bà Lan").put("title", "Chủ tịch UBND")));
  }

  private JsonObject create(String title) {
    Api.Reply created = organizer.post("/api/sessions", scheduled(title).encode());
    assertEquals(201, created.status(), created.body());
    return created.json();
  }

  private JsonObject listed(String id) {
    JsonArray sessions = api.get("/api/orgs/ben-nghe/sessions").json().getJsonArray("sessions");
    for (int i = 0; i < sessions.size(); i++) {
      if (sessions.getJsonObject(i).getString("id").equals(id)) {
        return sessions.getJsonObject(i);
      }
    }
    throw new AssertionError("not listed: " + id);
  }

  private List<String> auditActions() {
    JsonArray entries = organizer.get("/api/orgs/ben-nghe/audit").json().getJsonArray("entries");
    return entries.stream().map(e -> ((JsonObject) e).getString("action")).toList();
  }

  @Test
  void anOrganizerEditsTheScheduleAndLeadersOfASession() {
    String id = create("Đối thoại quý I").getString("id");
    assertEquals("Bà Lan", listed(id).getJsonArray("leaders").getJsonObject(0).getString("name"));
    OffsetDateTime later = start.plusDays(7);
    Api.Reply edited = organizer.send("PUT", "/api/sessions/" + id + "/catalog", new JsonObject()
        .put("title", "Đối thoại quý I (dời lịch)").put("scheduledStart", later.toString())
        .put("scheduledEnd", later.plusHours(3).toString()).put("place", "Nhà văn hóa khu phố 2")
        .put("agenda", "Vỉa hè\nRác").put("series", "quy").put("leaders", new JsonArray()
            .add(new JsonObject().put("name", "Bà Lan").put("title", "Chủ tịch UBND"))
            .add(new JsonObject().put("name", "Ông Hùng").put("title", "Trưởng công an phường"))).encode());
    assertEquals(200, edited.status(), edited.body());
    JsonObject s = listed(id);
    assertEquals("Đối thoại quý I (dời lịch)", s.getString("title"));
    assertEquals(later.toInstant().toString(), s.getString("scheduledStart"));
    assertEquals("Nhà văn hóa khu phố 2", s.getString("place"));
    assertEquals(2, s.getJsonArray("leaders").size());
    assertEquals("Trưởng công an phường", s.getJsonArray("leaders").getJsonObject(1).getString("title"));
    assertTrue(auditActions().contains("session.edit"), auditActions().toString());
  }

  @Test
  void aDuplicateCopiesPlaceAgendaLeadersAndSeriesButNotTheDate() {
    String id = create("Đối thoại quý I").getString("id");
    OffsetDateTime next = start.plusMonths(3);
    Api.Reply copy = organizer.post("/api/sessions/" + id + "/duplicate", new JsonObject()
        .put("title", "Đối thoại quý II").put("scheduledStart", next.toString())
        .put("scheduledEnd", next.plusHours(2).toString()).encode());
    assertEquals(201, copy.status(), copy.body());
    String copyId = copy.json().getString("id");
    assertNotEquals(id, copyId);
    assertNotEquals(listed(id).getString("code"), copy.json().getString("code"));
    assertTrue(copy.json().getJsonObject("links").getString("moderator").contains("#token="));
    JsonObject s = listed(copyId);
    assertEquals("Đối thoại quý II", s.getString("title"));
    assertEquals(next.toInstant().toString(), s.getString("scheduledStart"));
    assertEquals("Hội trường UBND phường", s.getString("place"));
    assertEquals("quy", s.getString("series"));
    assertEquals("Bà Lan", s.getJsonArray("leaders").getJsonObject(0).getString("name"));

    Api.Reply bare = organizer.post("/api/sessions/" + id + "/duplicate", "");
    assertEquals(201, bare.status(), bare.body());
    assertNull(listed(bare.json().getString("id")).getValue("scheduledStart"), "times are never copied");
    assertTrue(auditActions().contains("session.duplicate"));
  }

  @Test
  void anOrganizerHandsOutLinksClosesAndPublishesWhatAModeratorLinkCannot() {
    JsonObject created = create("Đối thoại quý I");
    String id = created.getString("id");
    String moderatorToken = created.getString("moderatorToken");
    Api.Reply links = organizer.post("/api/sessions/" + id + "/links", "{}");
    assertEquals(200, links.status(), links.body());
    for (String key : List.of("moderator", "stage", "speaker")) {
      String link = links.json().getJsonObject("links").getString(key);
      assertTrue(link.contains("#token=") && !link.contains("?"), "the token after #, never in a query: " + link);
    }
    assertEquals(401, api.post("/api/sessions/" + id + "/publish", "{}", moderatorToken).status());
    assertEquals(401, api.post("/api/sessions/" + id + "/links", "{}", moderatorToken).status());
    assertNull(listed(id).getValue("record"));

    assertEquals(200, organizer.post("/api/sessions/" + id + "/status", "{\"status\":\"closed\"}").status());
    Api.Reply published = organizer.post("/api/sessions/" + id + "/publish", "{}");
    assertEquals(200, published.status(), published.body());
    assertTrue(listed(id).getString("record").endsWith("/r/" + id));
    assertEquals("closed", listed(id).getString("status"));
    List<String> actions = auditActions();
    for (String action : List.of("session.links", "session.status.closed", "session.publish")) {
      assertTrue(actions.contains(action), action + " in " + actions);
    }
  }

  @Test
  void aWriteWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    String id = create("Đối thoại quý I").getString("id");
    String before = api.get("/api/orgs/ben-nghe/sessions").body();
    for (String path : List.of("/status", "/publish", "/links", "/duplicate", "/moderator-token")) {
      String body = path.equals("/status") ? "{\"status\":\"closed\"}" : "{}";
      Api.Reply reply = organizer.post("/api/sessions/" + id + path, body, false);
      assertEquals(403, reply.status(), path + " " + reply.body());
    }
    Api.Reply edit = api.request("PUT", "/api/sessions/" + id + "/catalog", "{\"title\":\"x\"}",
        "Content-Type", "application/json", "Cookie", organizer.cookie());
    assertEquals(403, edit.status());
    assertEquals(before, api.get("/api/orgs/ben-nghe/sessions").body());
  }

  @Test
  void badInputToEveryNewRouteIsAJsonErrorAndChangesNothing() {
    String id = create("Đối thoại quý I").getString("id");
    String before = api.get("/api/orgs/ben-nghe/sessions").body();
    String edit = "/api/sessions/" + id + "/catalog";
    String duplicate = "/api/sessions/" + id + "/duplicate";
    List<String[]> cases = List.of(
        new String[] {"PUT", edit, "not json"},
        new String[] {"PUT", edit, "[]"},
        new String[] {"PUT", edit, "{}"},
        new String[] {"PUT", edit, "{\"title\":\"  \"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"organization\":\"main\"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"scheduledStart\":\"tomorrow\"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"scheduledStart\":\"2030-01-02T10:00:00+07:00\","
            + "\"scheduledEnd\":\"2030-01-01T10:00:00+07:00\"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"series\":\"Not A Slug\"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"place\":\"" + "x".repeat(301) + "\"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"leaders\":\"Bà Lan\"}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"leaders\":[{\"name\":\"\"}]}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"leaders\":[{\"name\":\"A\",\"email\":\"a@b.vn\"}]}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"leaders\":[{\"name\":\"A\",\"title\":7}]}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"leaders\":[" + "{\"name\":\"A\"},".repeat(20)
            + "{\"name\":\"A\"}]}"},
        new String[] {"PUT", edit, "{\"title\":\"t\",\"agenda\":\"a\\u0000b\"}"},
        new String[] {"POST", duplicate, "{\"place\":\"elsewhere\"}"},
        new String[] {"POST", duplicate, "{\"title\":5}"},
        new String[] {"POST", duplicate, "{\"scheduledEnd\":\"soon\"}"},
        new String[] {"POST", "/api/sessions", scheduled("x").put("leaders", new JsonArray().add("Bà Lan")).encode()});
    for (String[] c : cases) {
      Api.Reply reply = organizer.send(c[0], c[1], c[2]);
      assertEquals(400, reply.status(), String.join(" ", c) + " -> " + reply.body());
      assertEquals("bad_request", reply.json().getString("error"), reply.body());
      assertTrue(reply.json().getString("message").length() > 5, reply.body());
    }
    assertEquals(before, api.get("/api/orgs/ben-nghe/sessions").body(), "nothing changed");
    for (String path : List.of("/api/sessions/NOSUCHSESSION/catalog", "/api/sessions/bad!id/catalog")) {
      Api.Reply reply = organizer.send("PUT", path, "{\"title\":\"t\"}");
      assertEquals(404, reply.status(), reply.body());
      assertEquals("not_found", reply.json().getString("error"));
    }
    for (String path : List.of("/api/orgs/ben-nghe/series/none", "/api/orgs/ben-nghe/series/Bad_Slug",
        "/api/orgs/nowhere/series/quy", "/o/ben-nghe/sessions/" + id, "/o/ben-nghe/sessions/NOSUCH.ics",
        "/o/main/sessions/" + id + ".ics")) {
      Api.Reply reply = api.get(path);
      assertEquals(404, reply.status(), path + " " + reply.body());
      assertEquals("not_found", reply.json().getString("error"), path);
    }
  }

  @Test
  void theSeriesAndTheSessionsCalendarArePublic() throws Exception {
    String first = create("Đối thoại quý I").getString("id");
    String second = create("Đối thoại quý II").getString("id");
    create("Ngoài chuỗi");
    Api.Reply unrelated = organizer.post("/api/sessions", new JsonObject().put("title", "Khác")
        .put("organization", "ben-nghe").put("series", "khac").encode());
    assertEquals(201, unrelated.status());

    Api.Reply series = api.get("/api/orgs/ben-nghe/series/quy");
    assertEquals(200, series.status(), series.body());
    assertEquals("Phường Bến Nghé", series.json().getJsonObject("organization").getString("name"));
    List<String> ids = series.json().getJsonArray("sessions").stream()
        .map(s -> ((JsonObject) s).getString("id")).toList();
    assertTrue(ids.containsAll(List.of(first, second)) && !ids.contains(unrelated.json().getString("id")),
        ids.toString());

    Api.Reply ics = api.get("/o/ben-nghe/sessions/" + first + ".ics");
    assertEquals(200, ics.status(), ics.body());
    assertTrue(ics.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
    calendar.validate();
    List<VEvent> events = calendar.getComponents(net.fortuna.ical4j.model.Component.VEVENT);
    assertEquals(1, events.size());
    assertEquals(first + "@townhall", events.get(0).getUid().orElseThrow().getValue());
    assertTrue(events.get(0).getDescription().getValue().contains("Bà Lan, Chủ tịch UBND"));
  }

  @Test
  void theHomeListsTheSessionsOfTheOrganizationsBelowMine() {
    assertEquals(201, api.post("/api/orgs", new JsonObject().put("slug", "kp-2").put("name", "Khu phố 2")
        .put("kind", "agency").put("parent", "ben-nghe").encode(), TestNodes.ADMIN_TOKEN).status());
    String mine = create("Đối thoại quý I").getString("id");
    String below = organizer.post("/api/sessions", new JsonObject().put("title", "Ở khu phố")
        .put("organization", "kp-2").encode()).json().getString("id");
    String elsewhere = api.post("/api/sessions", new JsonObject().put("title", "Ở gốc").encode(),
        TestNodes.ADMIN_TOKEN).json().getString("id");
    Api.Reply home = organizer.get("/api/me/sessions");
    assertEquals(200, home.status(), home.body());
    List<String> ids = home.json().getJsonArray("sessions").stream()
        .map(s -> ((JsonObject) s).getString("id")).toList();
    assertTrue(ids.contains(mine) && ids.contains(below) && !ids.contains(elsewhere), ids.toString());
    List<String> orgs = home.json().getJsonArray("organizations").stream()
        .map(o -> ((JsonObject) o).getString("slug")).toList();
    assertEquals(List.of("ben-nghe", "kp-2"), orgs);
    assertEquals(401, api.get("/api/me/sessions").status());
  }

  /** An account invited by the organizer with {@code role} in the ward, signed in. */
  private SignedInClient invitedByTheOrganizer(String email, String role) {
    Api.Reply invited = organizer.post("/api/orgs/ben-nghe/invitations", new JsonObject().put("email", email)
        .put("role", role).encode());
    assertEquals(201, invited.status(), invited.body());
    String link = invited.json().getString("link");
    return SignedInClient.from(api, node.port(), api.post("/api/invitations/accept", new JsonObject()
        .put("token", link.substring(link.indexOf("#invite=") + 8)).put("password", PASSWORD).encode(), null));
  }

  @Test
  void aModeratorInvitedByTheOrganizerOpensTheConsoleOfTheWardsSessionsAsItself() {
    String id = create("Đối thoại quý I").getString("id");
    assertEquals(403, organizer.post("/api/orgs/ben-nghe/invitations", new JsonObject()
        .put("email", "other@example.vn").put("role", "organizer").encode()).status(),
        "an organizer invites moderators and clerks, never another organizer");
    SignedInClient moderator = invitedByTheOrganizer("mod@example.vn", "moderator");

    JsonObject home = moderator.get("/api/me/sessions").json();
    assertEquals(1, home.getJsonArray("organizations").size(), home.encode());
    assertEquals(new JsonArray().add("moderate"), home.getJsonArray("organizations").getJsonObject(0)
        .getJsonArray("may"));
    assertEquals(id, home.getJsonArray("sessions").getJsonObject(0).getString("id"));

    Api.Reply console = moderator.post("/api/sessions/" + id + "/console", "{}");
    assertEquals(200, console.status(), console.body());
    String token = console.json().getString("moderatorToken");
    String link = console.json().getJsonObject("links").getString("moderator");
    assertTrue(link.endsWith("/m/" + id + "#token=" + token) && !link.contains("?"), link);
    String participant = token.split("\\.")[3];
    assertTrue(participant.startsWith("m-account-"), token);
    assertEquals(participant, moderator.post("/api/sessions/" + id + "/console", "{}").json()
        .getString("moderatorToken").split("\\.")[3], "the same moderator each time the account opens it");
    assertEquals(200, api.get("/api/sessions/" + id + "/record", token).status(), "a moderator's credential");
    assertEquals(2, auditActions().stream().filter("session.console"::equals).count());
    assertEquals(403, moderator.post("/api/sessions/" + id + "/console", "{}", false).status(), "CSRF");
    assertEquals(401, api.post("/api/sessions/" + id + "/console", "{}", null).status());
    assertEquals(404, moderator.post("/api/sessions/nosuchsession/console", "{}").status());
    assertEquals(404, moderator.post("/api/sessions/not-an-id!/console", "{}").status());

    SignedInClient clerk = invitedByTheOrganizer("clerk@example.vn", "clerk");
    // a clerk sees the ward's sessions to open their clerk's page (issue 17), never a moderator console
    JsonObject clerkHome = clerk.get("/api/me/sessions").json();
    assertEquals(new JsonArray().add("enter_questions"), clerkHome.getJsonArray("organizations").getJsonObject(0)
        .getJsonArray("may"), clerkHome.encode());
    assertTrue(clerkHome.encode().contains(id), clerkHome.encode());
    assertEquals(403, clerk.post("/api/sessions/" + id + "/console", "{}").status());
    Api.Reply desk = clerk.post("/api/sessions/" + id + "/clerk", "{}");
    assertEquals(200, desk.status(), desk.body());
    assertTrue(desk.json().getJsonObject("links").getString("clerk").contains("/clerk/" + id + "#token="));
    assertEquals(403, moderator.post("/api/sessions/" + id + "/clerk", "{}").status(),
        "a moderator enters no questions on behalf of others");
  }
}
