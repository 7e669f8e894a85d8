package townhall.service;

import io.vertx.core.Future;
import townhall.domain.ContentRules;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.FollowCodes;
import townhall.domain.TextRules;
import townhall.store.ActionResult;
import townhall.store.RatingStore;

/**
 * The asker rates the answer to their question, once ({@code POST /api/follow/{code}/rate}): {@code satisfied} or
 * {@code notSatisfied}, with an optional public reason (at most {@value #REASON_LENGTH} characters; the content rules
 * refuse links, personal data and listed words). The asker is whoever holds the question's participant token (the
 * resident page, in the same browser; while Redis holds the session, where the question's author is known) or the
 * signed link of the answer mail ({@link FollowLinks#rateLink}; also once the session is archived). The rating is a
 * {@code rated} entry of the chain, counted in the record's {@code satisfaction}; a second one is {@code conflict},
 * anyone else {@code forbidden}.
 */
public final class RateAnswer {
  public static final int REASON_LENGTH = 300;

  private final FollowQuestion follow;
  private final RatingStore live;
  /** Null without PostgreSQL. */
  private final ArchivedRatings archived;
  /** Where a published record is archived again after a rating in Redis (as after a follow-up step); null without. */
  private final RecordArchive archive;
  private final CheckToken checkToken;
  private final FollowLinks links;
  private final ContentRules rules;
  private final RandomIds ids;

  public RateAnswer(FollowQuestion follow, RatingStore live, ArchivedRatings archived, RecordArchive archive,
      CheckToken checkToken, FollowLinks links, ContentRules rules, RandomIds ids) {
    this.archive = archive;
    this.follow = follow;
    this.live = live;
    this.archived = archived;
    this.checkToken = checkToken;
    this.links = links;
    this.rules = rules;
    this.ids = ids;
  }

  /**
   * @param participantToken the asker's participant token (an {@code Authorization: Bearer}), or {@code null}
   * @param rateToken        the token of the answer mail's rating link, or {@code null}
   * @param ref              makes a retry apply once; {@code null}: a new rating
   */
  public Future<ActionResult> rate(String typedCode, String clientAddress, String rating, String reason, String ref,
      String participantToken, String rateToken) {
    if (!"satisfied".equals(rating) && !"notSatisfied".equals(rating)) {
      return Future.failedFuture(DomainException.badRequest("'rating' is satisfied or notSatisfied"));
    }
    String cleanReason;
    try {
      cleanReason = reason(reason);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    if (participantToken == null && rateToken == null) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAUTHORIZED,
          "Only the asker rates: their participant token or the link of their answer email"));
    }
    String safeRef = ref == null ? ids.secret(12) : ref;
    return follow.locate(typedCode, clientAddress).compose(found -> {
      String code = FollowCodes.normalize(typedCode);
      String sessionId = found.sessionId();
      String questionId = found.question().id();
      if (sessionId == null) {
        return Future.failedFuture(DomainException.notFound("No question with this follow-up code"));
      }
      if (rateToken != null) {
        if (!links.isRateToken(code, rateToken)) {
          return Future.failedFuture(DomainException.forbidden("This rating link is not this question's"));
        }
        return live.rate(sessionId, "link", safeRef, questionId, rating, cleanReason, null)
            .compose(applied -> archived(sessionId, applied))
            .recover(e -> isSessionGone(e) && archived != null
                ? archived.rate(sessionId, "link:" + safeRef, questionId, rating, cleanReason)
                : Future.failedFuture(e));
      }
      return checkToken.check(participantToken, sessionId)
          .recover(e -> Future.failedFuture(DomainException.forbidden("Only the asker rates the answer")))
          .compose(verified -> live.rate(sessionId, "participant:" + verified.participant().id(), safeRef,
              questionId, rating, cleanReason, verified.participant().id()))
          .compose(applied -> archived(sessionId, applied))
          .recover(e -> Future.failedFuture(isSessionGone(e) ? DomainException.forbidden(
              "Once the session is archived, the asker rates by the link of their answer email") : e));
    });
  }

  /** The rating is applied; should archiving fail, the next publication or sweep archives it. */
  private Future<ActionResult> archived(String sessionId, ActionResult applied) {
    return archive == null ? Future.succeededFuture(applied)
        : archive.archive(sessionId).map(applied).recover(e -> Future.succeededFuture(applied));
  }

  private String reason(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String clean = TextRules.answer(raw, REASON_LENGTH);
    if (clean.isEmpty()) {
      return null;
    }
    if (rules.screen(clean).isFlagged()) {
      throw DomainException.badRequest("The reason cannot be kept as written (a link, personal data or a word the"
          + " rules refuse)");
    }
    return clean;
  }

  private static boolean isSessionGone(Throwable e) {
    return e instanceof DomainException d && d.code() == ErrorCode.NOT_FOUND
        && "No such session".equals(d.getMessage());
  }
}
