package townhall.service;

import io.vertx.core.Future;
import java.util.List;
import townhall.domain.DomainException;
import townhall.domain.FollowUp;
import townhall.domain.FollowUpStep;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.TextRules;
import townhall.domain.org.Actor;
import townhall.domain.org.CatalogEntry;
import townhall.domain.org.OrgAction;
import townhall.domain.org.OrgKind;
import townhall.domain.org.Organization;
import townhall.store.ActionResult;
import townhall.store.CatalogStore;
import townhall.store.FollowUpStore;
import townhall.store.OrganizationStore;

/**
 * Follow-up steps on a question (promised, referred, referred up, noted, out of remit), by a moderator during the
 * session ({@code moderate} {@code followUp}) or by an organizer or moderator of the session's organization after
 * it (HTTP). The step's inputs are checked here ({@link FollowUp#of}); so is the agency of a referral: an agency
 * directly below the session's organization for {@code referred}, below an organization above it for
 * {@code referredUp} ({@code forbidden} otherwise). The step is appended to the session's chain wherever it lives:
 * in Redis while Redis holds the session, else in the archive ({@link ArchivedFollowUps}).
 */
public final class FollowUps {
  private final FollowUpStore live;
  /** Null on a node without PostgreSQL: no referral can be checked there, so none is taken. */
  private final CatalogStore catalog;
  private final OrganizationStore organizations;
  private final Access access;
  private final ArchivedFollowUps archived;
  private final RecordArchive archive;
  private final RandomIds ids;
  /** Null without PostgreSQL: no inbox. */
  private final InboxProjection inbox;
  /** Askers told of each step by email (or another sender); null: nobody is told. */
  private final FollowSubscriptions askers;

  public FollowUps(FollowUpStore live, CatalogStore catalog, OrganizationStore organizations, Access access,
      ArchivedFollowUps archived, RecordArchive archive, RandomIds ids) {
    this(live, catalog, organizations, access, archived, archive, ids, null, null);
  }

  /**
   * @param archive where a published record is archived again after a step taken after the session while Redis
   *                still holds it, so that the archive never lags the chain it will hold once Redis lets the session
   *                go; null without PostgreSQL
   * @param askers  tells the askers who asked to be told of each step (after it is chained); null: nobody
   */
  public FollowUps(FollowUpStore live, CatalogStore catalog, OrganizationStore organizations, Access access,
      ArchivedFollowUps archived, RecordArchive archive, RandomIds ids, InboxProjection inbox,
      FollowSubscriptions askers) {
    this.inbox = inbox;
    this.askers = askers;
    this.live = live;
    this.archive = archive;
    this.catalog = catalog;
    this.organizations = organizations;
    this.access = access;
    this.archived = archived;
    this.ids = ids;
  }

  /** A moderator's step during the session (the transport calls this for moderators only). */
  public Future<ActionResult> duringSession(Participant moderator, String ref, String questionId, String step,
      String agency, String due, String note) {
    if (moderator.role() != Role.MODERATOR) {
      return Future.failedFuture(DomainException.forbidden("Only moderators take follow-up steps"));
    }
    FollowUp followUp;
    try {
      followUp = FollowUp.of(step, agency, due, note);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    String sessionId = moderator.sessionId();
    String role = "organizer".equals(moderator.id()) ? "organizer" : "moderator";
    return sessionOrganization(sessionId, followUp)
        .compose(org -> checkAgency(org, followUp))
        .compose(ok -> live.followUp(sessionId, moderator.id(), ref, questionId, followUp, role))
        .compose(applied -> archiveIfPublished(sessionId).map(applied))
        .compose(applied -> projected(applied, inbox == null ? null
            : inbox.stepChained(sessionId, questionId, followUp)))
        .onSuccess(applied -> tell(sessionId, questionId, moderator.id() + ":" + ref, followUp, null));
  }

  /** The chained step's answer, once the inbox was brought up to date (or failed to be: logged there). */
  private static Future<ActionResult> projected(ActionResult applied, Future<Void> projection) {
    return projection == null ? Future.succeededFuture(applied) : projection.map(applied);
  }

  /**
   * Tells the askers that a moderator answered the question on stage ({@code moderate} {@code answer}, already
   * applied): a notice of step {@link #ANSWERED_ON_STAGE}, with the written text if any and the rating link. It does
   * not end the follow-up (a written answer may follow).
   *
   * @param stepKey the answer's {@code <moderator>:<ref>}
   */
  public void answeredOnStage(String sessionId, String questionId, String stepKey, String text) {
    if (askers != null) {
      askers.stepTaken(sessionId, questionId, stepKey, ANSWERED_ON_STAGE, null, null, null, text == null ? "" : text);
    }
  }

  /** The step name of an answer on stage in askers' notices (a moderation action, not a follow-up step). */
  public static final String ANSWERED_ON_STAGE = "answeredOnStage";

  /**
   * Tells the askers of a step now chained, in the background (the step's answer does not wait for mail). A
   * repeated ref tells again: each address is told once per step whatever the number of calls and nodes
   * ({@link FollowSubscriptions#stepTaken}), so a step whose first telling was cut short is told by its retry.
   */
  private void tell(String sessionId, String questionId, String stepKey, FollowUp step, String answer) {
    if (askers == null) {
      return;
    }
    if (step == null) {
      askers.stepTaken(sessionId, questionId, stepKey, FollowUpStep.ANSWERED, null, null, null, answer);
    } else {
      askers.stepTaken(sessionId, questionId, stepKey, step.step().wireName(), step.agency(), step.dueText(),
          step.note(), null);
    }
  }

  /**
   * Archives again a record published already (the public tracker reads published records from the archive), so a
   * step taken during a session whose record is public shows there at once; a record not published costs one
   * catalog read. Should archiving fail, the step stands and the next publication, step or sweep archives it.
   */
  private Future<Void> archiveIfPublished(String sessionId) {
    if (archive == null || catalog == null) {
      return Future.succeededFuture();
    }
    return catalog.find(sessionId)
        .compose(entry -> entry.isPresent() && entry.get().publishedAt() != null
            ? archive.archive(sessionId).<Void>mapEmpty() : Future.<Void>succeededFuture())
        .recover(e -> Future.succeededFuture());
  }

  /**
   * A step after the session, by the admin bearer or an account that may moderate in the session's organization;
   * {@code ref} may be {@code null} (a retry is then a new step).
   */
  public Future<ActionResult> afterSession(Actor actor, String sessionId, String questionId, String ref,
      String step, String agency, String due, String note) {
    FollowUp followUp;
    try {
      followUp = FollowUp.of(step, agency, due, note);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (access == null) {
      return Future.failedFuture(DomainException.notFound("Follow-up after the session needs PostgreSQL"));
    }
    String safeRef = ref == null ? ids.secret(12) : ref;
    return access.requireSession(actor, OrgAction.MODERATE, sessionId)
        .compose(entry -> roleOf(actor, entry).compose(role -> organization(entry.organizationId())
            .compose(org -> checkAgency(org, followUp))
            .compose(ok -> {
              String actorId = actor.adminToken() ? "organizer" : "account:" + actor.accountId();
              return live.followUp(sessionId, actorId, safeRef, questionId, followUp, role)
                  .compose(applied -> archive == null ? Future.succeededFuture(applied)
                      // the step is applied; should archiving fail, the next publication or sweep archives it
                      : archive.archive(sessionId).map(applied).recover(e -> Future.succeededFuture(applied)))
                  .recover(e -> isSessionGone(e) && archived != null
                      ? archived.append(sessionId, actorId + ":" + safeRef, questionId, followUp, role)
                      : Future.failedFuture(e))
                  .compose(applied -> projected(applied, inbox == null ? null
                      : inbox.stepChained(sessionId, questionId, followUp)))
                  .onSuccess(applied -> tell(sessionId, questionId, actorId + ":" + safeRef, followUp, null));
            })));
  }

  /**
   * The agencies a session may refer to, for the console's picker: {@code own} those directly below the session's
   * organization ({@code referred}), {@code above} those directly below each organization above it, the nearest
   * first ({@code referredUp}), each with the organization it belongs to. Empty lists when the session belongs to
   * no organization. The caller has been checked ({@link #agenciesFor} or a moderator's bearer of the session).
   */
  public Future<Agencies> agencies(String sessionId) {
    if (catalog == null) {
      return Future.succeededFuture(new Agencies(List.of(), List.of()));
    }
    return catalog.find(sessionId).compose(found -> found.isEmpty()
        ? Future.succeededFuture(new Agencies(List.of(), List.of()))
        : organization(found.get().organizationId()).compose(this::agenciesOf));
  }

  /** {@link #agencies} for an account that may moderate in the session's organization (or the admin bearer). */
  public Future<Agencies> agenciesFor(Actor actor, String sessionId) {
    if (access == null) {
      return Future.succeededFuture(new Agencies(List.of(), List.of()));
    }
    return access.requireSession(actor, OrgAction.MODERATE, sessionId).compose(entry -> agencies(sessionId));
  }

  /** An agency a session may refer to, and the organization it is an agency of. */
  public record Agency(Organization agency, Organization of) {
  }

  /** The agencies of {@link #agencies}. */
  public record Agencies(List<Agency> own, List<Agency> above) {
  }

  private Future<Agencies> agenciesOf(Organization sessionOrg) {
    return organizations.lineage(sessionOrg.id()).compose(lineage -> {
      List<Future<List<Agency>>> levels = new java.util.ArrayList<>();
      for (long id : lineage) {
        levels.add(organizations.byId(id).compose(org -> org.isEmpty() ? Future.succeededFuture(List.<Agency>of())
            : organizations.children(id).map(children -> children.stream()
                .filter(child -> child.kind() == OrgKind.AGENCY)
                .map(child -> new Agency(child, org.get())).toList())));
      }
      return Future.all(levels).map(done -> {
        List<Agency> own = List.of();
        List<Agency> above = new java.util.ArrayList<>();
        for (int i = 0; i < lineage.size(); i++) {
          List<Agency> level = done.resultAt(i);
          if (lineage.get(i) == sessionOrg.id()) {
            own = level;
          } else {
            above.addAll(level);
          }
        }
        return new Agencies(own, above);
      });
    });
  }

  /** Who publishes a written answer: how the record names them, and the agency they answer for (null: any). */
  private record Answerer(String role, String agency) {
  }

  /**
   * A written answer published after the session ({@code POST …/answer}): by the admin bearer or an organizer of
   * the session's organization, or by a responder of the agency the question stands referred to (its latest
   * {@code referred} or {@code referredUp}: an agency of a parent organization answers what was referred up to it).
   * Appended to the chain wherever it lives, as a step {@code answered}; it becomes the question's written answer.
   */
  public Future<ActionResult> answerInWriting(Actor actor, String sessionId, String questionId, String ref,
      String text) {
    return answerInWriting(actor, sessionId, questionId, ref, text, List.of());
  }

  /** As above, the answer carrying {@code files} (already checked and kept): the chain commits to each one. */
  public Future<ActionResult> answerInWriting(Actor actor, String sessionId, String questionId, String ref,
      String text, List<townhall.domain.Attachment> files) {
    String clean;
    try {
      clean = TextRules.answer(text, ModerateQuestion.ANSWER_LENGTH);
      if (clean.isEmpty()) {
        throw DomainException.badRequest("'text' holds the written answer");
      }
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (catalog == null) {
      return Future.failedFuture(DomainException.notFound("Written answers need PostgreSQL"));
    }
    String safeRef = ref == null ? ids.secret(12) : ref;
    String actorId = actor.adminToken() ? "organizer" : "account:" + actor.accountId();
    return catalog.find(sessionId)
        .compose(found -> found.isEmpty() ? Future.failedFuture(DomainException.notFound("No such session in a catalog"))
            : answerer(actor, found.get(), sessionId, questionId))
        .compose(who -> chainAnswer(sessionId, actorId, safeRef, questionId, clean, who.role(), who.agency(),
            files));
  }

  /**
   * A carried-over question answered on stage in a later session of its series (the on-the-spot variant of the
   * written answer): step {@code answered} with {@code text} (what the moderator wrote of the answer) is chained
   * onto the earlier question's chain, by role {@code moderator} (or {@code organizer} for the admin token), for
   * whatever agency it stood referred to. The caller checked the moderator and that the question is carried over.
   */
  public Future<ActionResult> answerCarriedOver(String earlierSessionId, String questionId, String actorId,
      String ref, String text) {
    String clean;
    try {
      clean = TextRules.answer(text, ModerateQuestion.ANSWER_LENGTH);
      if (clean.isEmpty()) {
        throw DomainException.badRequest("'text' holds what was answered on stage");
      }
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    String role = "organizer".equals(actorId) ? "organizer" : "moderator";
    return chainAnswer(earlierSessionId, actorId, ref, questionId, clean, role, null, List.of());
  }

  /**
   * The answer appended to the chain wherever it lives (Redis while it holds the session, else the archive), then
   * the agency's inbox told (the question leaves it).
   */
  private Future<ActionResult> chainAnswer(String sessionId, String actorId, String ref, String questionId,
      String text, String role, String agency, List<townhall.domain.Attachment> files) {
    return live.answer(sessionId, actorId, ref, questionId, text, role, agency, files)
        .compose(applied -> archive == null ? Future.succeededFuture(applied)
            : archive.archive(sessionId).map(applied).recover(e -> Future.succeededFuture(applied)))
        .recover(e -> isSessionGone(e) && archived != null
            ? archived.answer(sessionId, actorId + ":" + ref, questionId, text, role, agency, files)
            : Future.failedFuture(e))
        .compose(applied -> projected(applied, inbox == null ? null
            : inbox.answerChained(sessionId, questionId, files)))
        .onSuccess(applied -> tell(sessionId, questionId, actorId + ":" + ref, null, text));
  }

  private Future<Answerer> answerer(Actor actor, CatalogEntry entry, String sessionId, String questionId) {
    if (actor.adminToken()) {
      return Future.succeededFuture(new Answerer("organizer", null));
    }
    return access.require(actor, OrgAction.MANAGE_SESSIONS, entry.organizationId())
        .map(organizer -> new Answerer("organizer", null))
        .recover(notOrganizer -> referredAgency(sessionId, questionId).compose(agency -> {
          if (agency.isEmpty()) {
            return Future.failedFuture(DomainException.forbidden(
                "Only an organizer answers a question that was not referred to an agency"));
          }
          return organizations.findBySlug(agency.get()).compose(org -> org.isEmpty()
              ? Future.failedFuture(DomainException.forbidden("The agency it was referred to is gone"))
              // an organizer of the agency (of its organization or above) publishes for it
              : access.require(actor, OrgAction.MANAGE_SESSIONS, org.get().id())
                  .map(organizer -> new Answerer("organizer", agency.get()))
                  .recover(notItsOrganizer -> access.require(actor, OrgAction.RESPOND, org.get().id())
                      .compose(responder -> respondersPublish(org.get()))
                      .map(responder -> new Answerer("responder", agency.get()))));
        }));
  }

  /**
   * Succeeds when the responders of the agency publish their answers themselves: the agency's organization (its
   * parent) allows it ({@code answer_settings}, default off); else forbidden, an organizer publishes their draft.
   */
  private Future<Void> respondersPublish(Organization agency) {
    if (inbox == null || agency.parentId() == null) {
      return Future.failedFuture(DomainException.forbidden("An organizer publishes the agency's answers"));
    }
    return inbox.respondersPublish(agency.parentId()).compose(allowed -> allowed ? Future.<Void>succeededFuture()
        : Future.failedFuture(DomainException.forbidden(
            "Your organization has an organizer publish the agency's answers; save it as a draft")));
  }

  private Future<java.util.Optional<String>> referredAgency(String sessionId, String questionId) {
    return live.referredAgency(sessionId, questionId)
        .recover(e -> isSessionGone(e) && archived != null ? archived.referredAgency(sessionId, questionId)
            : Future.failedFuture(e));
  }

  private static boolean isSessionGone(Throwable e) {
    return e instanceof DomainException d && d.code() == townhall.domain.ErrorCode.NOT_FOUND
        && "No such session".equals(d.getMessage());
  }

  /** How the record names who took a step after the session: organizer (or the admin bearer) or moderator. */
  private Future<String> roleOf(Actor actor, CatalogEntry entry) {
    if (actor.adminToken()) {
      return Future.succeededFuture("organizer");
    }
    return access.require(actor, OrgAction.MANAGE_SESSIONS, entry.organizationId())
        .map("organizer").recover(e -> Future.succeededFuture("moderator"));
  }

  /** The session's organization when the step needs one (a referral), else {@code null}. */
  private Future<Organization> sessionOrganization(String sessionId, FollowUp followUp) {
    if (!followUp.step().needsAgency()) {
      return Future.succeededFuture();
    }
    if (catalog == null) {
      return Future.failedFuture(DomainException.notFound("No agencies without organizations (PostgreSQL)"));
    }
    return catalog.find(sessionId).compose(found -> found.isEmpty()
        ? Future.failedFuture(DomainException.notFound("The session belongs to no organization with agencies"))
        : organization(found.get().organizationId()));
  }

  private Future<Organization> organization(long id) {
    return organizations.byId(id).map(found -> found.orElseThrow(
        () -> DomainException.notFound("No such organization")));
  }

  /**
   * A referral's agency: an organization of kind agency directly below the session's organization
   * ({@code referred}), or below one of the organizations above it ({@code referredUp}).
   */
  private Future<Void> checkAgency(Organization sessionOrg, FollowUp followUp) {
    if (!followUp.step().needsAgency()) {
      return Future.succeededFuture();
    }
    return organizations.findBySlug(followUp.agency()).compose(found -> {
      Organization agency = found.orElse(null);
      if (agency == null) {
        return Future.failedFuture(DomainException.notFound("No organization '" + followUp.agency() + "'"));
      }
      if (agency.kind() != OrgKind.AGENCY) {
        return Future.failedFuture(DomainException.badRequest("'" + followUp.agency() + "' is not an agency"));
      }
      if (followUp.step() == FollowUpStep.REFERRED) {
        return agency.parentId() != null && agency.parentId() == sessionOrg.id() ? Future.succeededFuture()
            : Future.failedFuture(DomainException.forbidden(
                "'referred' goes to an agency of the session's own organization"));
      }
      return organizations.lineage(sessionOrg.id()).compose(lineage -> {
        List<Long> above = lineage.subList(1, lineage.size());
        return agency.parentId() != null && above.contains(agency.parentId()) ? Future.<Void>succeededFuture()
            : Future.failedFuture(DomainException.forbidden(
                "'referredUp' goes to an agency of an organization above the session's"));
      });
    });
  }
}
