package townhall.service;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.regex.Pattern;
import townhall.domain.DomainException;
import townhall.domain.ModerationAction;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.image.SlipImages;
import townhall.store.ModerationStore;
import townhall.store.SlipMarks;
import townhall.store.SlipStore;

/**
 * The photo of a paper slip (issue 17): a clerk attaches it to a question entered on someone's behalf; moderators
 * look at it; a moderator may publish it. Until then it is private: only the session's clerks and moderators fetch it,
 * and no public output names it.
 *
 * <p>An upload is re-encoded on a worker thread ({@link SlipImages}: size and pixel limits, EXIF orientation, JPEG
 * without metadata), then named on the live question (the atomic checks: a clerk's entry for someone, this clerk's
 * own unless a moderator attaches, not public yet, the session not closed), and only then kept: a refused upload
 * changes nothing. Should keeping fail after the question named the photo, uploading it again completes it (the same
 * bytes give the same photo). Publishing chains the photo's SHA-256 in the record ({@code moderate} action
 * {@code publishSlip}), then marks the kept photo public; publishing again completes a publication whose second step
 * failed, and adds nothing to the record.
 */
public final class SlipPhotos {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern QUESTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final SlipImages images;
  private final SlipStore store;
  private final SlipMarks marks;
  private final ModerationStore moderation;
  private final Vertx vertx;

  public SlipPhotos(SlipImages images, SlipStore store, SlipMarks marks, ModerationStore moderation, Vertx vertx) {
    this.images = images;
    this.store = store;
    this.marks = marks;
    this.moderation = moderation;
    this.vertx = vertx;
  }

  /** The photo kept for a question: its SHA-256 names it. */
  public record Attached(String questionId, String sha256, int width, int height, int size) {
  }

  /**
   * Attaches the uploaded photo to the question; {@code by} is the session's clerk who entered it or a moderator.
   * Fails with {@code forbidden} for anyone else, {@code too_long} or {@code bad_request} for a refused image, and
   * as {@link SlipMarks#attach} does.
   */
  public Future<Attached> attach(Participant by, String questionId, byte[] upload) {
    try {
      requireClerkOrModerator(by);
      requireQuestionId(questionId);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return vertx.executeBlocking(() -> images.reencode(upload), false)
        .compose(kept -> marks.attach(by, questionId, kept.sha256())
            .compose(named -> store.keep(new SlipStore.SlipPhoto(by.sessionId(), questionId, kept.sha256(),
                kept.width(), kept.height(), kept.jpeg(), false)))
            .compose(stored -> store.dropReplaced(by.sessionId(), questionId, kept.sha256()))
            .map(dropped -> new Attached(questionId, kept.sha256(), kept.width(), kept.height(), kept.jpeg().length)));
  }

  /** The question's photo with this SHA-256, for the session's clerks and moderators only; else {@code not_found}. */
  public Future<SlipStore.SlipPhoto> photo(Participant by, String questionId, String sha256) {
    try {
      requireClerkOrModerator(by);
      requireQuestionId(questionId);
      requireSha256(sha256);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    return store.photo(by.sessionId(), questionId, sha256)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("No such photo")));
  }

  /**
   * A moderator publishes the photo they looked at ({@code sha256}: still the question's, else {@code conflict}):
   * chained in the record, then public at {@code /api/slips/{sha256}}.
   */
  public Future<Void> publish(Participant moderator, String questionId, String sha256) {
    try {
      if (moderator.role() != Role.MODERATOR) {
        throw DomainException.forbidden("Only a moderator publishes the photo of a slip");
      }
      requireQuestionId(questionId);
      requireSha256(sha256);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    String sid = moderator.sessionId();
    return store.photo(sid, questionId, sha256)
        .compose(found -> found.isPresent() ? Future.succeededFuture()
            : Future.failedFuture(DomainException.notFound("No such photo")))
        .compose(kept -> moderation.moderate(moderator, "slip-" + sha256, questionId,
            new ModerationStore.Change(ModerationAction.PUBLISH_SLIP, sha256, null, null, null, false, null)))
        .compose(chained -> store.markPublished(sid, questionId, sha256))
        .mapEmpty();
  }

  /** A published photo by its SHA-256, for anyone; {@code not_found} for any other. */
  public Future<SlipStore.SlipPhoto> published(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      return Future.failedFuture(DomainException.notFound("No such photo"));
    }
    return store.published(sha256).map(found -> found.orElseThrow(() -> DomainException.notFound("No such photo")));
  }

  private static void requireClerkOrModerator(Participant by) {
    if (by.role() != Role.CLERK && by.role() != Role.MODERATOR) {
      throw DomainException.forbidden("Only the session's clerks and moderators handle photos of paper slips");
    }
  }

  private static void requireQuestionId(String questionId) {
    if (questionId == null || !QUESTION_ID.matcher(questionId).matches()) {
      throw DomainException.notFound("No such question");
    }
  }

  private static void requireSha256(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw DomainException.badRequest("'sha256' is the photo's SHA-256: 64 lowercase hex digits");
    }
  }
}
