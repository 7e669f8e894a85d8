package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.org.Account;
import townhall.service.SignIns;

/**
 * Signing in: {@code POST /api/setup} (the first administrator, with the setup link's token), {@code POST
 * /api/login}, {@code POST /api/logout}, {@code GET /api/me}, {@code POST /api/invitations/accept}, {@code POST
 * /api/password-reset} and {@code POST /api/password-reset/confirm}. A successful
 * sign-in sets the {@value Callers#COOKIE} cookie and answers the CSRF token the pages send back.
 */
final class AccountRoutes {
  private final HomeServices home;
  private final Callers callers;
  private final ClientAddresses addresses;

  AccountRoutes(HomeServices home, Callers callers, ClientAddresses addresses) {
    this.home = home;
    this.callers = callers;
    this.addresses = addresses;
  }

  void mount(Router router) {
    router.post("/api/setup").handler(this::setUp);
    router.post("/api/login").handler(this::signIn);
    router.post("/api/logout").handler(this::signOut);
    router.get("/api/me").handler(this::me);
    router.post("/api/invitations/accept").handler(this::acceptInvitation);
    router.post("/api/password-reset").handler(this::requestReset);
    router.post("/api/password-reset/confirm").handler(this::confirmReset);
  }

  /** Answers the same for every well-formed email, whether or not it has an account. */
  private void requestReset(RoutingContext rc) {
    try {
      JsonObject body = OrgRoutes.strict(rc, Set.of("email"));
      home.passwordResets().request(OrgRoutes.text(body, "email", null),
              addresses.of(rc.request().remoteAddress(), rc.request().headers()))
          .onSuccess(done -> SessionRoutes.json(rc, 202, new JsonObject().put("requested", true)))
          .onFailure(rc::fail);
    } catch (DomainException e) {
      rc.fail(e);
    }
  }

  private void confirmReset(RoutingContext rc) {
    try {
      JsonObject body = OrgRoutes.strict(rc, Set.of("token", "password"));
      signedIn(rc, home.passwordResets().confirm(OrgRoutes.text(body, "token", null),
          OrgRoutes.text(body, "password", null)));
    } catch (DomainException e) {
      rc.fail(e);
    }
  }

  private void setUp(RoutingContext rc) {
    try {
      JsonObject body = OrgRoutes.strict(rc, Set.of("token", "email", "password", "name"));
      signedIn(rc, home.signIns().setUp(OrgRoutes.text(body, "token", null), OrgRoutes.text(body, "email", null),
          OrgRoutes.text(body, "password", null), OrgRoutes.text(body, "name", "")));
    } catch (DomainException e) {
      rc.fail(e);
    }
  }

  private void signIn(RoutingContext rc) {
    try {
      JsonObject body = OrgRoutes.strict(rc, Set.of("email", "password"));
      signedIn(rc, home.signIns().signIn(OrgRoutes.text(body, "email", null), OrgRoutes.text(body, "password", null),
          addresses.of(rc.request().remoteAddress(), rc.request().headers())));
    } catch (DomainException e) {
      rc.fail(e);
    }
  }

  private void acceptInvitation(RoutingContext rc) {
    try {
      JsonObject body = OrgRoutes.strict(rc, Set.of("token", "password", "name"));
      signedIn(rc, home.signIns().acceptInvitation(OrgRoutes.text(body, "token", null),
          OrgRoutes.text(body, "password", null), OrgRoutes.text(body, "name", "")));
    } catch (DomainException e) {
      rc.fail(e);
    }
  }

  private void signedIn(RoutingContext rc, Future<SignIns.NewSignIn> signIn) {
    signIn.onSuccess(s -> {
      callers.setCookie(rc, s.token());
      SessionRoutes.json(rc, 200, new JsonObject().put("account", json(s.account())).put("csrfToken", s.csrfToken()));
    }).onFailure(rc::fail);
  }

  private void signOut(RoutingContext rc) {
    callers.actor(rc).compose(actor -> home.signIns().signOut(callers.cookieToken(rc))).onSuccess(done -> {
      callers.clearCookie(rc);
      rc.response().setStatusCode(204).end();
    }).onFailure(rc::fail);
  }

  private void me(RoutingContext rc) {
    callers.signedIn(rc).onSuccess(found -> {
      if (found.isEmpty()) {
        HttpErrors.send(rc, ErrorCode.UNAUTHORIZED, "Sign in first");
        return;
      }
      SessionRoutes.json(rc, 200, new JsonObject().put("account", json(found.get().account()))
          .put("csrfToken", found.get().csrfToken()));
    }).onFailure(rc::fail);
  }

  /** An account as its owner sees it: never the email (it stays in the accounts table) nor the hash. */
  static JsonObject json(Account account) {
    JsonArray roles = new JsonArray();
    account.grants().forEach(g -> roles.add(new JsonObject().put("organization", g.organizationSlug())
        .put("role", g.role().wireName())));
    return new JsonObject().put("id", account.id()).put("name", account.displayName()).put("roles", roles);
  }
}
