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
 * another branch of the tree: role × organization × action. The expectations are written out here, not derived from
 * the production rules.
 */
class RoleOrganizationMatrixTest extends HomeTestBase {
  private static final String PASSWORD = "matrix password 1";
  private static final List<String> ACTIONS = List.of("createSession", "createOrganization", "invite", "readAudit");

  /** Who may do what where: actor -> the "action@org" pairs allowed; everything else is refused. */
  private static final Map<String, Set<String>> ALLOWED = new LinkedHashMap<>();

  static {
    ALLOWED.put("administrator@main", Set.of("createSession@ward-a", "createOrganization@ward-a", "invite@ward-a",
        "readAudit@ward-a", "createSession@ward-b", "createOrganization@ward-b", "invite@ward-b",
        "readAudit@ward-b"));
    ALLOWED.put("organizer@quan-1", Set.of("createSession@ward-a", "readAudit@ward-a"));
    ALLOWED.put("organizer@ward-a", Set.of("createSession@ward-a", "readAudit@ward-a"));
    ALLOWED.put("organizer@ward-b", Set.of("createSession@ward-b", "readAudit@ward-b"));
    ALLOWED.put("moderator@ward-a", Set.of());
    ALLOWED.put("clerk@ward-a", Set.of());
    ALLOWED.put("responder@ward-a", Set.of());
    ALLOWED.put("anonymous", Set.of());
  }

  private int fresh;

  @Test
  void everyRoleActsOnlyWhereItsRoleReaches() {
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
    assertEquals(64, cases);
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

  private void organization(String slug, String kind, String parent) {
    Api.Reply reply = api.post("/api/orgs", new JsonObject().put("slug", slug).put("name", slug).put("kind", kind)
        .put("parent", parent).encode(), TestNodes.ADMIN_TOKEN);
    assertEquals(201, reply.status(), reply.body());
  }

  /** An account invited with the role of {@code "role@org"}, signed in. */
  private SignedInClient invited(SignedInClient admin, String roleAtOrg) {
    String[] parts = roleAtOrg.split("@");
    String email = parts[0] + "." + parts[1] + "@example.vn";
    String link = admin.post("/api/orgs/" + parts[1] + "/invitations", new JsonObject().put("email", email)
        .put("role", parts[0]).encode()).json().getString("link");
    String token = link.substring(link.indexOf("#invite=") + "#invite=".length());
    return SignedInClient.from(api, node.port(), api.post("/api/invitations/accept", new JsonObject()
        .put("token", token).put("password", PASSWORD).encode(), null));
  }
}
