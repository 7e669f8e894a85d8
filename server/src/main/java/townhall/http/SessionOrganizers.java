package townhall.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.org.Actor;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.OrgAction;
import townhall.service.ReadRecord;

/**
 * Who acts as the organizer of the session in the request's path: the admin bearer, or a signed-in account (cookie
 * and CSRF token, {@link Callers}) whose roles allow managing sessions in the organization whose catalog holds the
 * session ({@code service.Access}). A moderator's or stage link is never enough. Used by every route that only the
 * organizer may call on one session: its links, status, publication.
 */
public final class SessionOrganizers {
  private final Bearers bearers;
  /** Null on a node without PostgreSQL: then only the admin bearer. */
  private final HomeServices home;
  private final Callers callers;

  public SessionOrganizers(Bearers bearers, HomeServices home, String publicUrl) {
    this.bearers = bearers;
    this.home = home;
    this.callers = home == null ? null : new Callers(home.signIns(), bearers, publicUrl);
  }

  /**
   * The organizer's call on one session.
   *
   * @param entry the session's catalog entry; null when the admin bearer acts on a session no catalog holds
   */
  public record Call(String sessionId, Actor actor, CatalogEntry entry) {
    /** As whom the live session sees the organizer (the record names the organizer, not a moderator). */
    public Participant participant() {
      return new Participant(sessionId, Bearers.ORGANIZER, Role.MODERATOR);
    }
  }

  /**
   * The organizer's call, or {@code not_found} (a malformed id, or a session of no catalog for an account),
   * {@code unauthorized} (no or a refused credential), {@code forbidden} (roles that do not reach the session's
   * organization, or a missing CSRF token), {@code rate_limited} (too many refused bearers).
   */
  public Future<Call> of(RoutingContext rc) {
    if (home == null || bearerPresent(rc)) {
      return bearers.sessionForAdmin(rc).compose(id -> home == null
          ? Future.succeededFuture(new Call(id, Actor.ADMIN_TOKEN, null))
          : home.catalog().find(id).map(found -> new Call(id, Actor.ADMIN_TOKEN, found.orElse(null))));
    }
    String id = rc.pathParam("id");
    if (id == null || !id.matches("[A-Za-z0-9]{1,64}")) {
      return Future.failedFuture(DomainException.notFound("No such session"));
    }
    return callers.actor(rc).compose(actor -> home.access().requireSession(actor, OrgAction.MANAGE_SESSIONS, id)
        .map(entry -> new Call(id, actor, entry)));
  }

  /**
   * Who reads the session's record when the request carries no bearer: {@code MODERATOR} for a signed-in account
   * (the sign-in cookie) that may moderate in the organization whose catalog holds the session (its organizers,
   * moderators and administrators, there or above), {@code NOT_A_MODERATOR} for another signed-in account, else
   * {@code ANYONE} (no sign-in, an expired one, a node without PostgreSQL, or PostgreSQL down: a published record
   * stays readable). A GET needs no CSRF token. Never fails.
   */
  public Future<ReadRecord.Reader> recordReader(RoutingContext rc, String sessionId) {
    if (home == null || bearerPresent(rc) || rc.request().getCookie(Callers.COOKIE) == null) {
      return Future.succeededFuture(ReadRecord.Reader.ANYONE);
    }
    return callers.actor(rc)
        .compose(actor -> home.access().requireSession(actor, OrgAction.MODERATE, sessionId))
        .map(entry -> ReadRecord.Reader.MODERATOR)
        .otherwise(e -> e instanceof DomainException d
            && (d.code() == ErrorCode.FORBIDDEN || d.code() == ErrorCode.NOT_FOUND)
            ? ReadRecord.Reader.NOT_A_MODERATOR : ReadRecord.Reader.ANYONE);
  }

  /** Notes the organizer's action in the session's organization's audit log (nothing on a node without one). */
  public Future<Void> note(Call call, String action) {
    return home == null ? Future.succeededFuture() : home.catalog().note(call.actor(), call.entry(), action);
  }

  static boolean bearerPresent(RoutingContext rc) {
    return rc.request().getHeader("Authorization") != null;
  }
}
