package townhall.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.service.CarryOver;
import townhall.service.FollowQuestion;
import townhall.service.FollowSubscriptions;
import townhall.service.RateAnswer;

/**
 * The organization's home over HTTP: organizations, sign-in and the catalog's public routes. On a node without a
 * PostgreSQL (some tests) the same paths answer {@code unavailable}.
 */
public final class HomeRoutes {
  private final HomeServices home;
  private final ClientAddresses addresses;
  private final Bearers bearers;
  private final String publicUrl;
  private final FollowQuestion follow;
  private final CarryOver carryOver;
  private final FollowSubscriptions subscriptions;
  private final RateAnswer rating;

  /**
   * @param home          null on a node without PostgreSQL
   * @param subscriptions askers told by email; null: the subscription routes answer unavailable
   * @param rating        the asker's rating of an answer; null: unavailable
   * @param slips         the photos of paper slips; null on a node without PostgreSQL
   */
  private final townhall.service.SlipPhotos slips;

  public HomeRoutes(HomeServices home, ClientAddresses addresses, Bearers bearers, String publicUrl,
      FollowQuestion follow, CarryOver carryOver, FollowSubscriptions subscriptions, RateAnswer rating,
      townhall.service.SlipPhotos slips) {
    this.slips = slips;
    this.subscriptions = subscriptions;
    this.rating = rating;
    this.home = home;
    this.follow = follow;
    this.carryOver = carryOver;
    this.addresses = addresses;
    this.bearers = bearers;
    this.publicUrl = publicUrl;
  }

  public void mount(Router router) {
    new FollowRoutes(follow, addresses, subscriptions, rating).mount(router);
    new CarryOverRoutes(carryOver, bearers).mount(router);
    if (home == null) {
      for (String path : new String[] {"/api/orgs", "/api/orgs/*", "/api/setup", "/api/login", "/api/logout",
          "/api/me", "/api/me/*", "/api/invitations/*", "/api/password-reset", "/api/password-reset/*",
          "/o/:slug/calendar.ics", "/o/:slug/sessions/*", "/api/sessions/:id/questions/*",
          "/api/agencies/*", "/api/sessions/:id/inbox/*", "/api/attachments/*", "/api/sessions/:id/agencies",
          "/api/slips/*"}) {
        router.route(path).handler(HomeRoutes::noDatabase);
      }
      return;
    }
    Callers callers = new Callers(home.signIns(), bearers, publicUrl);
    new OrgRoutes(home, callers, publicUrl).mount(router);
    new AccountRoutes(home, callers, addresses).mount(router);
    new FollowUpRoutes(home.followUps(), callers, bearers).mount(router);
    new InboxRoutes(home.inbox(), callers).mount(router);
    new SlipRoutes(slips, bearers).mount(router);
    new TrackerRoutes(home.tracker()).mount(router);
  }

  private static void noDatabase(RoutingContext rc) {
    rc.fail(new DomainException(ErrorCode.UNAVAILABLE, "This node runs without PostgreSQL"));
  }
}
