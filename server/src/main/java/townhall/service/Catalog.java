package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Session;
import townhall.domain.SessionStatus;
import townhall.domain.org.Actor;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.OrgAction;
import townhall.domain.org.Organization;
import townhall.domain.org.Slugs;
import townhall.store.AuditLog;
import townhall.store.CatalogStore;

/**
 * Sessions in their organization's catalog: the live session is created in Redis as always, and its schedule, place,
 * agenda and series are kept in PostgreSQL under the same id.
 */
public final class Catalog {
  public static final int PLACE_LENGTH = 300;
  public static final int AGENDA_LENGTH = 5000;

  private final SessionService sessions;
  private final CatalogStore catalog;
  private final Access access;
  private final AuditLog audit;
  private final ChangeSessionStatus changeStatus;
  private final Clock clock;

  public Catalog(SessionService sessions, CatalogStore catalog, Access access, AuditLog audit,
      ChangeSessionStatus changeStatus, Clock clock) {
    this.sessions = sessions;
    this.changeStatus = changeStatus;
    this.catalog = catalog;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
  }

  /** Where and when, as asked for; every field may be null except the organization (the root by default). */
  public record Schedule(String organization, Instant scheduledStart, Instant scheduledEnd,
      Instant questionsOpenFrom, String place, String agenda, String series) {
    public Schedule {
      if (scheduledStart != null && scheduledEnd != null && !scheduledEnd.isAfter(scheduledStart)) {
        throw DomainException.badRequest("'scheduledEnd' must come after 'scheduledStart'");
      }
      if (questionsOpenFrom != null && scheduledEnd != null && questionsOpenFrom.isAfter(scheduledEnd)) {
        throw DomainException.badRequest("'questionsOpenFrom' must come before 'scheduledEnd'");
      }
      place = text(place, "place", PLACE_LENGTH);
      agenda = text(agenda, "agenda", AGENDA_LENGTH);
      if (series != null && !Slugs.valid(series)) {
        throw DomainException.badRequest("'series': " + Slugs.RULE);
      }
    }

    private static String text(String value, String field, int max) {
      String text = value == null ? "" : value.strip();
      if (text.length() > max || text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
        throw DomainException.badRequest("'" + field + "' holds at most " + max + " characters, no control codes");
      }
      return text;
    }
  }

  /** A created session with its place in the catalog. */
  public record Scheduled(SessionService.CreatedSession created, CatalogEntry entry) {
  }

  /**
   * A catalog entry as the public sees it, with where its live session stands and its join code (null once Redis no
   * longer holds the session).
   */
  public record Listed(CatalogEntry entry, String status, String code) {
  }

  /** Creates the session for an actor allowed to manage sessions in the organization (or above it). */
  public Future<Scheduled> schedule(Actor actor, SessionService.NewSession request, Schedule schedule) {
    return access.require(actor, OrgAction.MANAGE_SESSIONS, schedule.organization())
        .compose(org -> sessions.create(request).compose(created -> {
          Session s = created.session();
          CatalogEntry entry = new CatalogEntry(s.id(), org.id(), s.title(), schedule.place(), schedule.agenda(),
              schedule.series(), schedule.scheduledStart(), schedule.scheduledEnd(), schedule.questionsOpenFrom(),
              null);
          Instant opensAt = schedule.questionsOpenFrom() != null ? schedule.questionsOpenFrom()
              : schedule.scheduledStart();
          boolean openNow = opensAt == null || !opensAt.isAfter(clock.instant());
          // not yet open: the live session waits paused until the scheduler opens it (ScheduleSessions)
          Future<?> waiting = openNow ? Future.succeededFuture()
              : changeStatus.changeTo(ScheduleSessions.organizer(s.id()), "schedule-wait", "paused");
          return waiting.compose(paused -> catalog.add(entry, actor.auditName(), openNow))
              .compose(added -> audit.append(actor.auditName(), org.id(), "session.create", s.id()))
              .map(new Scheduled(created, entry));
        }));
  }

  /** The newest entries of the organization's audit log (the caller's right to read it is checked before). */
  public Future<List<townhall.domain.org.AuditEntry>> audit(long organizationId) {
    return audit.recent(organizationId, 200);
  }

  /** The organization and its sessions, public. */
  public Future<List<Listed>> list(Organization org) {
    return catalog.list(org.id()).compose(entries -> {
      List<Future<Listed>> listed = new ArrayList<>();
      for (CatalogEntry entry : entries) {
        listed.add(live(entry));
      }
      return Future.all(listed).map(all -> {
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
          out.add(all.resultAt(i));
        }
        return out;
      });
    });
  }

  /**
   * {@code scheduled} before its start while its live session has not been closed, the live status
   * ({@code open}, {@code paused}, {@code closed}) otherwise, and {@code closed} once Redis no longer holds it.
   */
  private Future<Listed> live(CatalogEntry entry) {
    return sessions.find(entry.sessionId()).map(session -> {
      boolean before = entry.scheduledStart() != null && clock.instant().isBefore(entry.scheduledStart());
      String status = before && session.status() != SessionStatus.CLOSED ? "scheduled" : session.status().wireName();
      return new Listed(entry, status, session.code());
    }).recover(e -> e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
        ? Future.succeededFuture(new Listed(entry, SessionStatus.CLOSED.wireName(), null)) : Future.failedFuture(e));
  }
}
