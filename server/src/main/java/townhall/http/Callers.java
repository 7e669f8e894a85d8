package townhall.http;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.org.Actor;
import townhall.service.SignIns;
import townhall.store.AccountStore;

/**
 * Who a request comes from, in one place: the automation bearer ({@code Authorization: Bearer <admin token>}) or a
 * signed-in browser (the {@value #COOKIE} cookie). A cookie-authenticated request that changes state must carry the
 * sign-in's CSRF token in {@value #CSRF_HEADER}: a page of another site can make the browser send the cookie, but
 * cannot read the token nor set that header. What the caller may then do is {@code Access}'s decision.
 */
final class Callers {
  static final String COOKIE = "th_session";
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final SignIns signIns;
  private final Bearers bearers;
  private final String publicUrl;

  Callers(SignIns signIns, Bearers bearers, String publicUrl) {
    this.signIns = signIns;
    this.bearers = bearers;
    this.publicUrl = publicUrl;
  }

  /** The caller, or {@code unauthorized} (no or a wrong credential) or {@code forbidden} (a missing CSRF token). */
  Future<Actor> actor(RoutingContext rc) {
    String bearer = Bearers.bearer(rc.request().getHeader("Authorization"));
    if (bearer != null) {
      // Bearers checks the admin token (in constant time, refused bearers rate-limited per client address)
      return bearers.admin(rc).map(admitted -> Actor.ADMIN_TOKEN);
    }
    return signedIn(rc).map(found -> {
      AccountStore.SignedIn signedIn = found.orElseThrow(
          () -> new DomainException(ErrorCode.UNAUTHORIZED, "Sign in first"));
      if (changesState(rc) && !same(rc.request().getHeader(CSRF_HEADER), signedIn.csrfToken())) {
        throw DomainException.forbidden("The " + CSRF_HEADER + " header of this sign-in is required");
      }
      return Actor.of(signedIn.account());
    });
  }

  /** The signed-in browser of the request's cookie, if any. */
  Future<Optional<AccountStore.SignedIn>> signedIn(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(COOKIE);
    return signIns.signedIn(cookie == null ? null : cookie.getValue());
  }

  /** Sets the sign-in cookie: HttpOnly, SameSite=Strict, Secure when the server is reached over TLS. */
  void setCookie(RoutingContext rc, String token) {
    rc.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(overTls(rc)).setMaxAge(SignIns.SIGN_IN_TTL.toSeconds()));
  }

  void clearCookie(RoutingContext rc) {
    rc.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT).setSecure(overTls(rc)).setMaxAge(0));
  }

  String cookieToken(RoutingContext rc) {
    Cookie cookie = rc.request().getCookie(COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  /** TLS here, or at the proxy in front of us (the public URL is https). */
  private boolean overTls(RoutingContext rc) {
    return rc.request().isSSL() || publicUrl.startsWith("https://");
  }

  private static boolean changesState(RoutingContext rc) {
    HttpMethod method = rc.request().method();
    return !(method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.OPTIONS));
  }

  private static boolean same(String given, String expected) {
    return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        expected.getBytes(StandardCharsets.UTF_8));
  }
}
