package townhall.service;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.Language;
import townhall.domain.Moderation;
import townhall.domain.Session;
import townhall.domain.SessionStatus;
import townhall.domain.org.Actor;
import townhall.domain.org.AuditEntry;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.Leader;
import townhall.domain.org.OrgAction;
import townhall.domain.org.Organization;
import townhall.domain.org.Slugs;
import townhall.store.AuditLog;
import townhall.store.CatalogStore;

/**
 * Sessions in their organization's catalog: the live session is created in Redis as always, and its schedule, place,
 * agenda, leaders and series are kept in PostgreSQL under the same id. Every use case asks {@link Access} first.
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

  /**
   * Where and when, as asked for; every field may be null except the organization (the root by default) and the
   * leaders (none by default).
   */
  public record Schedule(String organization, Instant scheduledStart, Instant scheduledEnd,
      Instant questionsOpenFrom, String place, String agenda, String series, List<Leader> leaders) {
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
      leaders = leaders == null ? List.of() : List.copyOf(leaders);
      if (leaders.size() > Leader.MAX) {
        throw DomainException.badRequest("'leaders' lists at most " + Leader.MAX + " people");
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

  /**
   * An organization of an account's home: what the account may do there ({@link #HOME_ACTIONS} only) and its
   * listed sessions (none unless it may manage or moderate them).
   */
  public record OrganizationSessions(Organization organization, java.util.Set<OrgAction> may, List<Listed> sessions) {
    public OrganizationSessions {
      may = java.util.Set.copyOf(may);
      sessions = List.copyOf(sessions);
    }
  }

  /** What an account's home offers, per organization; an organization where it may do none of them is not shown. */
  public static final List<OrgAction> HOME_ACTIONS = List.of(OrgAction.MANAGE_SESSIONS, OrgAction.MODERATE,
      OrgAction.MANAGE_PEOPLE, OrgAction.INVITE_SESSION_STAFF, OrgAction.MANAGE_ORGANIZATIONS, OrgAction.READ_AUDIT,
      OrgAction.ENTER_QUESTIONS, OrgAction.RESPOND);

  /** Creates the session for an actor allowed to manage sessions in the organization (or above it). */
  public Future<Scheduled> schedule(Actor actor, SessionService.NewSession request, Schedule schedule) {
    return access.require(actor, OrgAction.MANAGE_SESSIONS, schedule.organization())
        .compose(org -> create(actor, org.id(), request, schedule, "session.create"));
  }

  private Future<Scheduled> create(Actor actor, long organizationId, SessionService.NewSession request,
      Schedule schedule, String auditAction) {
    return sessions.create(request).compose(created -> {
      Session s = created.session();
      CatalogEntry entry = new CatalogEntry(s.id(), organizationId, s.title(), schedule.place(), schedule.agenda(),
          schedule.series(), schedule.scheduledStart(), schedule.scheduledEnd(), schedule.questionsOpenFrom(),
          null, schedule.leaders());
      Instant opensAt = schedule.questionsOpenFrom() != null ? schedule.questionsOpenFrom()
          : schedule.scheduledStart();
      boolean openNow = opensAt == null || !opensAt.isAfter(clock.instant());
      // not yet open: the live session waits paused until the scheduler opens it (ScheduleSessions)
      Future<?> waiting = openNow ? Future.succeededFuture()
          : changeStatus.changeTo(ScheduleSessions.organizer(s.id()), "schedule-wait", "paused");
      return waiting.compose(paused -> catalog.add(entry, actor.auditName(), openNow))
          .compose(added -> audit.append(actor.auditName(), organizationId, auditAction, s.id()))
          .map(new Scheduled(created, entry));
    });
  }

  /**
   * Replaces what the organizer may edit of a catalogued session: title, schedule, place, agenda, series and
   * leaders ({@code changes.organization()} is ignored: a session stays in its organization). The live session keeps
   * the title it was created with; the catalog, the public pages and the calendars show the new one.
   */
  public Future<CatalogEntry> edit(Actor actor, String sessionId, String title, Schedule changes) {
    String clean;
    try {
      clean = sessions.title(title);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return access.requireSession(actor, OrgAction.MANAGE_SESSIONS, sessionId).compose(old -> {
      CatalogEntry edited = new CatalogEntry(old.sessionId(), old.organizationId(), clean, changes.place(),
          changes.agenda(), changes.series(), changes.scheduledStart(), changes.scheduledEnd(),
          changes.questionsOpenFrom(), old.publishedAt(), changes.leaders());
      return catalog.update(edited)
          .compose(updated -> audit.append(actor.auditName(), old.organizationId(), "session.edit", sessionId))
          .map(edited);
    });
  }

  /**
   * A new session like {@code sessionId}: its place, agenda, leaders, series and moderation settings, with the
   * title of {@code title} when given, and the times of {@code times} only (a copy is for another date; the
   * original's times are never copied). Its own join code and links.
   */
  public Future<Scheduled> duplicate(Actor actor, String sessionId, String title, Schedule times) {
    return access.requireSession(actor, OrgAction.MANAGE_SESSIONS, sessionId).compose(original -> {
      String copyTitle = title != null ? title : original.title();
      return sessions.find(sessionId).map(live -> new SessionService.NewSession(copyTitle, live.moderation(),
              live.anonymousAllowed(), live.language()))
          .recover(e -> e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
              ? Future.succeededFuture(new SessionService.NewSession(copyTitle, Moderation.PRE, true, Language.VI))
              : Future.failedFuture(e))
          .compose(request -> create(actor, original.organizationId(), request, new Schedule(null,
              times.scheduledStart(), times.scheduledEnd(), times.questionsOpenFrom(), original.place(),
              original.agenda(), original.seriesSlug(), original.leaders()), "session.duplicate"));
    });
  }

  /**
   * Notes in the session's organization's audit log what the actor did to it (links handed out, closed,
   * published); {@code entry} null for a session no catalog holds (the admin bearer's older sessions).
   */
  public Future<Void> note(Actor actor, CatalogEntry entry, String action) {
    return entry == null ? Future.succeededFuture()
        : audit.append(actor.auditName(), entry.organizationId(), action, entry.sessionId());
  }

  /** The session's catalog entry, if a catalog holds it (no access check: for noting what an actor did). */
  public Future<java.util.Optional<CatalogEntry>> find(String sessionId) {
    return catalog.find(sessionId);
  }

  /** The newest entries of the organization's audit log (the caller's right to read it is checked before). */
  public Future<List<AuditEntry>> audit(long organizationId) {
    return audit.recent(organizationId, 200);
  }

  /**
   * The account's home: every organization where its roles allow one of {@link #HOME_ACTIONS} (those it holds a
   * role in and all below them), with what it may do there and, where it may manage, moderate or enter questions in
   * them, the sessions.
   */
  public Future<List<OrganizationSessions>> mine(Actor actor) {
    return access.reach(actor).compose(reached -> {
      List<Future<OrganizationSessions>> each = new ArrayList<>();
      for (Access.Reach reach : reached) {
        java.util.Set<OrgAction> allowed = java.util.EnumSet.noneOf(OrgAction.class);
        HOME_ACTIONS.stream().filter(reach.may()::contains).forEach(allowed::add);
        if (allowed.isEmpty()) {
          continue;
        }
        // a clerk sees the sessions too: its home opens the clerk's page of each
        boolean seesSessions = allowed.contains(OrgAction.MANAGE_SESSIONS) || allowed.contains(OrgAction.MODERATE)
            || allowed.contains(OrgAction.ENTER_QUESTIONS);
        each.add((seesSessions ? list(reach.organization()) : Future.succeededFuture(List.<Listed>of()))
            .map(listed -> new OrganizationSessions(reach.organization(), allowed, listed)));
      }
      return Future.all(each).map(all -> each.stream().map(Future::result).toList());
    });
  }

  /** The sessions of one series of the organization, public; not_found when it has none. */
  public Future<List<Listed>> series(Organization org, String seriesSlug) {
    return list(org).map(listed -> {
      List<Listed> inSeries = listed.stream().filter(l -> seriesSlug.equals(l.entry().seriesSlug())).toList();
      if (inSeries.isEmpty()) {
        throw DomainException.notFound("No series '" + seriesSlug + "' in this organization");
      }
      return inSeries;
    });
  }

  /** One session of the organization, public; not_found for a session of another organization. */
  public Future<CatalogEntry> entry(Organization org, String sessionId) {
    return catalog.find(sessionId).map(found -> found.filter(e -> e.organizationId() == org.id()).orElseThrow(
        () -> DomainException.notFound("No such session in this organization")));
  }

  /** The organization and its sessions, public. */
  public Future<List<Listed>> list(Organization org) {
    return catalog.list(org.id()).compose(entries -> {
      List<Future<Listed>> listed = new ArrayList<>();
      for (CatalogEntry entry : entries) {
        listed.add(listed(entry));
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
  public Future<Listed> listed(CatalogEntry entry) {
    return sessions.find(entry.sessionId()).map(session -> {
      boolean before = entry.scheduledStart() != null && clock.instant().isBefore(entry.scheduledStart());
      String status = before && session.status() != SessionStatus.CLOSED ? "scheduled" : session.status().wireName();
      return new Listed(entry, status, session.code());
    }).recover(e -> e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
        ? Future.succeededFuture(new Listed(entry, SessionStatus.CLOSED.wireName(), null)) : Future.failedFuture(e));
  }
}
