package townhall.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import townhall.delivery.LocalHub;
import townhall.domain.DomainException;
import townhall.domain.RateLimit;
import townhall.domain.TextRules;
import townhall.service.SessionService;
import townhall.store.RateLimiter;

/**
 * {@code GET /api/sessions/{id}/similar?text=...} (anyone, {@code rateLimits.similar} per client address): the
 * questions residents may see in the session that are most like {@code text}, for a resident about to ask it again:
 * {@code {"similar": [{"id", "text", "score"}]}}, the most similar first, at most three, empty when none is alike
 * enough. The text follows the rules of a question (not empty, not longer than {@code limits.questionLength}).
 */
public final class SimilarRoutes {
  /** The most questions offered at once. */
  static final int MOST = 3;

  private final SessionService sessions;
  private final LocalHub hub;
  private final RateLimiter limiter;
  private final RateLimit perAddress;
  private final ClientAddresses addresses;
  private final int maxLength;

  public SimilarRoutes(SessionService sessions, LocalHub hub, RateLimiter limiter, RateLimit perAddress,
      ClientAddresses addresses, int maxLength) {
    this.sessions = sessions;
    this.hub = hub;
    this.limiter = limiter;
    this.perAddress = perAddress;
    this.addresses = addresses;
    this.maxLength = maxLength;
  }

  public void mount(Router router) {
    router.get("/api/sessions/:id/similar").handler(this::similar);
  }

  private void similar(RoutingContext rc) {
    String id = SessionRoutes.sessionIdOf(rc);
    if (id == null) {
      return;
    }
    String text;
    try {
      List<String> given = rc.queryParam("text");
      if (given.size() != 1) {
        throw DomainException.badRequest("Give the text once: ?text=...");
      }
      text = TextRules.questionText(given.get(0), maxLength);
    } catch (DomainException e) {
      rc.fail(e);
      return;
    }
    limiter.take(RateLimiter.Bucket.SIMILAR, addresses.of(rc.request().remoteAddress(), rc.request().headers()),
            perAddress)
        .compose(ok -> sessions.find(id))
        .compose(session -> hub.similar(id, text, MOST))
        .onSuccess(found -> {
          JsonArray similar = new JsonArray();
          found.forEach(s -> similar.add(new JsonObject().put("id", s.id()).put("text", s.text())
              .put("score", Math.round(s.score() * 1000) / 1000.0)));
          SessionRoutes.json(rc, 200, new JsonObject().put("similar", similar));
        })
        .onFailure(rc::fail);
  }
}
