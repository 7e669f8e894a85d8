package townhall.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import townhall.testing.Api;
import townhall.testing.HomeTestBase;
import townhall.testing.SignedInClient;
import townhall.testing.TestNodes;

/**
 * Every account-facing route, for every role in every organization, against a ward of its own and a ward of
 * another branch of the tree: role × organization × action (80 cases), and every organizer's and moderator's route
 * on one session of either ward, also with the session's own moderator link (180 cases). The expectations are written
 * out here, not derived from the production rules.
 */
@org.junit.jupiter.api.Timeout(value = 300, unit = java.util.concurrent.TimeUnit.SECONDS)
class RoleOrganizationMatrixTest extends HomeTestBase {
  private static final String PASSWORD = "matrix password 1";
  private static final List<String> ACTIONS = List.of("createSession", "createOrganization", "invite",
      "inviteOrganizer", "readAudit");

  /** Who may do what where: actor -> the "action@org" pairs allowed; everything else is refused. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("administrator@main", Set.of("createSession@ward-a", "createOrganization@ward-a", "invite@ward-a",
        "inviteOrganizer@ward-a", "readAudit@ward-a", "createSession@ward-b", "createOrganization@ward-b",
        "invite@ward-b", "inviteOrganizer@ward-b", "readAudit@ward-b"));
    // an organizer invites the staff of its sessions (a clerk here), never another organizer
    ALLOWED.put("organizer@quan-1", Set.of("createSession@ward-a", "invite@ward-a", "readAudit@ward-a"));
    ALLOWED.put("organizer@ward-a", Set.of("createSession@ward-a", "invite@ward-a", "readAudit@ward-a"));
    ALLOWED.put("organizer@ward-b", Set.of("createSession@ward-b", "invite@ward-b", "readAudit@ward-b"));
    ALLOWED.put("moderator@ward-a", Set.of());
    ALLOWED.put("clerk@ward-a", Set.of());
    ALLOWED.put("responder@ward-a", Set.of());
    ALLOWED.put("anonymous", Set.of());
  }

  /** The organizer's and moderator's routes on one session of a ward, each tried on a fresh session of that ward. */
  private static final List<String> SESSION_ACTIONS = List.of("editSession", "duplicateSession", "links",
      "moderatorToken", "stageToken", "clerkToken", "closeSession", "publish", "revokeLinks", "seeInHome",
      "openConsole", "openClerk");
  private static final Set<String> EVERY_SESSION_ACTION = Set.of("editSession", "duplicateSession", "links",
      "moderatorToken", "stageToken", "clerkToken", "closeSession", "publish", "revokeLinks", "seeInHome",
      "openConsole", "openClerk");

  /** Who may do what to a session where: actor -> the "action@org" pairs allowed; everything else is refused. */
  private static final Map<String, Set<String>> SESSION_ALLOWED = new LinkedHashMap<>();

  static {
    SESSION_ALLOWED.put("administrator@main", both(EVERY_SESSION_ACTION));
    SESSION_ALLOWED.put("organizer@quan-1", at("ward-a", EVERY_SESSION_ACTION));
    SESSION_ALLOWED.put("organizer@ward-a", at("ward-a", EVERY_SESSION_ACTION));
    SESSION_ALLOWED.put("organizer@ward-b", at("ward-b", EVERY_SESSION_ACTION));
    // a moderator of ward A sees ward A's sessions in its home and opens their console, and nothing of ward B
    SESSION_ALLOWED.put("moderator@ward-a", at("ward-a", Set.of("seeInHome", "openConsole")));
    // a clerk of ward A sees ward A's sessions and opens their clerk's page, and nothing else
    SESSION_ALLOWED.put("clerk@ward-a", at("ward-a", Set.of("seeInHome", "openClerk")));
    SESSION_ALLOWED.put("responder@ward-a", Set.of());
    SESSION_ALLOWED.put("anonymous", Set.of());
    // the session's own moderator link: it may close and show the stage, never hand out links nor publish
    SESSION_ALLOWED.put("moderator-link", both(Set.of("stageToken", "clerkToken", "closeSession")));
  }

  private static Set<String> at(String org, Set<String> actions) {
    Set<String> pairs = new java.util.HashSet<>();
    actions.forEach(a -> pairs.add(a + "@" + org));
    return pairs;
  }

  private static Set<String> both(Set<String> actions) {
    Set<String> pairs = new java.util.HashSet<>(at("ward-a", actions));
    pairs.addAll(at("ward-b", actions));
    return pairs;
  }

  private int fresh;

  @Test
  void everySessionRouteActsOnlyWhereItsRoleReaches() {
    Map<String, SignedInClient> actors = tree();
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (String actor : SESSION_ALLOWED.keySet()) {
      for (String org : List.of("ward-a", "ward-b")) {
        for (String action : SESSION_ACTIONS) {
          cases++;
          JsonObject created = api.post("/api/sessions", new JsonObject().put("title", "Phiên " + (++fresh))
              .put("organization", org).encode(), TestNodes.ADMIN_TOKEN).json();
          String id = created.getString("id");
          String before = catalogState(org);
          boolean expected = SESSION_ALLOWED.get(actor).contains(action + "@" + org);
          Api.Reply reply = sessionAct(actor, actors.get(actor), created, action);
          boolean allowed;
          int refusal;
          if (action.equals("seeInHome")) {
            allowed = reply.status() == 200 && reply.body().contains(id);
            refusal = actors.get(actor) == null ? 401 : 200;
          } else {
            allowed = reply.status() == 200 || reply.status() == 201;
            refusal = actor.equals("moderator-link") || actors.get(actor) == null ? 401 : 403;
          }
          if (allowed != expected || (!allowed && reply.status() != refusal)) {
            mismatches.add(actor + " " + action + " " + org + " -> " + reply.status() + " " + reply.body());
          }
          if (!allowed && !catalogState(org).equals(before)) {
            mismatches.add(actor + " " + action + " " + org + " changed something although refused");
          }
        }
      }
    }
    assertEquals(9 * 2 * 12, cases);
    assertEquals(List.of(), mismatches);
  }

  /** The organization's public list and its audit log: what a refused call must leave as it was. */
  private String catalogState(String org) {
    return api.get("/api/orgs/" + org + "/sessions").body() + api.get("/api/orgs/" + org + "/audit",
        TestNodes.ADMIN_TOKEN).body();
  }

  private Api.Reply sessionAct(String name, SignedInClient actor, JsonObject session, String action) {
    String id = session.getString("id");
    String path = "/api/sessions/" + id;
    String bearer = name.equals("moderator-link") ? session.getString("moderatorToken") : null;
    return switch (action) {
      case "editSession" -> send(actor, bearer, "PUT", path + "/catalog", new JsonObject()
          .put("title", "Đã sửa").put("place", "Hội trường").put("leaders", new io.vertx.core.json.JsonArray()
              .add(new JsonObject().put("name", "Ông A").put("title", "Chủ tịch"))).encode());
      case "duplicateSession" -> send(actor, bearer, "POST", path + "/duplicate", "{}");
      case "links" -> send(actor, bearer, "POST", path + "/links", "{}");
      case "moderatorToken" -> send(actor, bearer, "POST", path + "/moderator-token", "{}");
      case "stageToken" -> send(actor, bearer, "POST", path + "/stage-token", "{}");
      case "closeSession" -> send(actor, bearer, "POST", path + "/status", "{\"status\":\"closed\"}");
      case "publish" -> send(actor, bearer, "POST", path + "/publish", "{}");
      case "revokeLinks" -> send(actor, bearer, "POST", path + "/revoke-tokens", "{\"roles\":[\"stage\"]}");
      case "seeInHome" -> actor == null ? api.get("/api/me/sessions") : actor.get("/api/me/sessions");
      case "openConsole" -> send(actor, bearer, "POST", path + "/console", "{}");
      case "clerkToken" -> send(actor, bearer, "POST", path + "/clerk-token", "{}");
      case "openClerk" -> send(actor, bearer, "POST", path + "/clerk", "{}");
      default -> throw new IllegalArgumentException(action);
    };
  }

  private Api.Reply send(SignedInClient actor, String bearer, String method, String path, String body) {
    if (bearer != null) {
      return api.request(method, path, body, "Content-Type", "application/json", "Authorization", "Bearer " + bearer);
    }
    return actor == null ? api.request(method, path, body, "Content-Type", "application/json")
        : actor.send(method, path, body);
  }

  /** The tree (main > quan-1 > ward-a, main > ward-b) and one signed-in account per role of the matrices. */
  private Map<String, SignedInClient> tree() {
    SignedInClient admin = SignedInClient.from(api, node.port(), api.post("/api/setup", new JsonObject()
        .put("token", node.setupToken().orElseThrow()).put("email", "administrator@main.vn").put("password", PASSWORD)
        .encode(), null));
    organization("quan-1", "district", "main");
    organization("ward-a", "ward", "quan-1");
    organization("ward-b", "ward", "main");
    Map<String, SignedInClient> actors = new LinkedHashMap<>();
    actors.put("administrator@main", admin);
    for (String actor : ALLOWED.keySet()) {
      if (!actor.equals("administrator@main") && !actor.equals("anonymous")) {
        actors.put(actor, invited(admin, actor));
      }
    }
    actors.put("anonymous", null);
    actors.put("moderator-link", null);
    return actors;
  }

  @Test
  void everyRoleActsOnlyWhereItsRoleReaches() {
    Map<String, SignedInClient> actors = tree();
    actors.remove("moderator-link");
    runOrganizationMatrix(actors);
  }

  private void runOrganizationMatrix(Map<String, SignedInClient> actors) {
    List<String> mismatches = new ArrayList<>();
    int cases = 0;
    for (var actor : actors.entrySet()) {
      for (String org : List.of("ward-a", "ward-b")) {
        for (String action : ACTIONS) {
          cases++;
          boolean expected = ALLOWED.get(actor.getKey()).contains(action + "@" + org);
          int sessionsBefore = sessions(org);
          Api.Reply reply = act(actor.getValue(), action, org);
          boolean allowed = reply.status() == 200 || reply.status() == 201;
          int refusal = actor.getValue() == null ? 401 : 403;
          if (allowed != expected || (!allowed && reply.status() != refusal)) {
            mismatches.add(actor.getKey() + " " + action + " " + org + " -> " + reply.status() + " " + reply.body());
          }
          if (!allowed && sessions(org) != sessionsBefore) {
            mismatches.add(actor.getKey() + " " + action + " " + org + " changed the catalog although refused");
          }
        }
      }
    }
    assertEquals(8 * 2 * 5, cases);
    assertEquals(List.of(), mismatches);
  }

  private Api.Reply act(SignedInClient actor, String action, String org) {
    String slug = "made-" + (++fresh);
    return switch (action) {
      case "createSession" -> post(actor, "/api/sessions", new JsonObject().put("title", "Phiên " + fresh)
          .put("organization", org));
      case "createOrganization" -> post(actor, "/api/orgs", new JsonObject().put("slug", slug).put("name", slug)
          .put("kind", "agency").put("parent", org));
      case "invite" -> post(actor, "/api/orgs/" + org + "/invitations", new JsonObject()
          .put("email", slug + "@example.vn").put("role", "clerk"));
      case "inviteOrganizer" -> post(actor, "/api/orgs/" + org + "/invitations", new JsonObject()
          .put("email", slug + "@example.vn").put("role", "organizer"));
      case "readAudit" -> actor == null ? api.get("/api/orgs/" + org + "/audit")
          : actor.get("/api/orgs/" + org + "/audit");
      default -> throw new IllegalArgumentException(action);
    };
  }

  private Api.Reply post(SignedInClient actor, String path, JsonObject body) {
    return actor == null ? api.post(path, body.encode(), null) : actor.post(path, body.encode());
  }

  private int sessions(String org) {
    return api.get("/api/orgs/" + org + "/sessions").json().getJsonArray("sessions").size();
  }

  /** An account invited with the role of {@code "role@org"}, signed in. */
  private SignedInClient invited(SignedInClient admin, String roleAtOrg) {
    String[] parts = roleAtOrg.split("@");
    return invited(admin, parts[0], parts[1], PASSWORD);
  }
}
