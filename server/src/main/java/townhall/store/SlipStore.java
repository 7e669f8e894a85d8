package townhall.store;

import io.vertx.core.Future;
import java.util.Optional;

/**
 * The photos of paper slips (PostgreSQL): each the re-encoded JPEG of one question a clerk entered, named by the
 * SHA-256 of its bytes, private until a moderator publishes it. Which photo is a question's current one is the live
 * session's (its question names the SHA-256); this store only keeps the bytes and whether they are public. Futures
 * complete on the caller's context; a failure of the database fails them.
 */
public interface SlipStore {

  /** One kept photo: a JPEG of {@code width} x {@code height} pixels whose SHA-256 is {@code sha256}. */
  record SlipPhoto(String sessionId, String questionId, String sha256, int width, int height, byte[] jpeg,
      boolean published) {
  }

  /** Keeps the photo (a repeat of the same bytes for the same question keeps one row). */
  Future<Void> keep(SlipPhoto photo);

  /** The question's photo with this SHA-256, published or not. */
  Future<Optional<SlipPhoto>> photo(String sessionId, String questionId, String sha256);

  /** Deletes the question's unpublished photos other than {@code keptSha256} (replaced ones); answers how many. */
  Future<Integer> dropReplaced(String sessionId, String questionId, String keptSha256);

  /** Marks the photo public (the record chain commits to it); false when no such photo is kept. */
  Future<Boolean> markPublished(String sessionId, String questionId, String sha256);

  /** A published photo by its SHA-256, whatever its session. */
  Future<Optional<SlipPhoto>> published(String sha256);

  /** Deletes every unpublished photo of the session (its record was published, or it was deleted); how many. */
  Future<Integer> dropUnpublished(String sessionId);

  /** Deletes every photo of the session, published ones too (the session and its record are gone); how many. */
  Future<Integer> dropSession(String sessionId);
}
