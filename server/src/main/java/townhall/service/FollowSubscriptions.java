package townhall.service;

import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import java.util.logging.Logger;
import townhall.domain.DomainException;
import townhall.domain.ErrorCode;
import townhall.domain.FollowCodes;
import townhall.domain.FollowedQuestion;
import townhall.domain.RateLimit;
import townhall.logging.LogLine;
import townhall.notify.FollowNotice;
import townhall.notify.FollowUpNotifier;
import townhall.store.FollowSubscriptionStore;
import townhall.store.RateLimiter;

/**
 * Askers told of their question's follow-up ({@code POST /api/follow/{code}/subscribe}): an address is kept only
 * once confirmed by the link sent to it, gets one message per follow-up step and per published answer (exactly once
 * per step and address whatever the number of nodes: each message is claimed in PostgreSQL before it is sent), and
 * is deleted when the follow-up ends ({@link FollowedQuestion#followUpEnded()}: a written answer, or out of remit),
 * when its owner unsubscribes, or, never confirmed, after {@link #UNCONFIRMED_TTL} (confirmed: after
 * {@link #CONFIRMED_TTL} at most). No answer tells whether an
 * address was already subscribed; no log line holds an address.
 */
public final class FollowSubscriptions {
  private static final Logger LOG = Logger.getLogger(FollowSubscriptions.class.getName());
  /** Subscriptions per address (a hash of it): a few at once, then one a minute. */
  static final RateLimit PER_ADDRESS = new RateLimit(3, 1);
  /** Subscriptions per question. */
  static final RateLimit PER_CODE = new RateLimit(10, 2);
  /** How long a confirmation link works; unconfirmed addresses are deleted after it. */
  public static final Duration UNCONFIRMED_TTL = Duration.ofHours(48);
  /** The longest a confirmed address is kept for a follow-up that never ends (a session deleted unpublished). */
  public static final Duration CONFIRMED_TTL = Duration.ofDays(365);
  private static final int TOKEN_LENGTH = 100;

  /** Null without PostgreSQL: nothing is kept, so subscribing is unavailable. */
  private final FollowSubscriptionStore store;
  private final FollowQuestion follow;
  private final FollowUpNotifier notifier;
  private final FollowLinks links;
  private final RateLimiter limiter;
  private final RandomIds ids;
  private final Clock clock;

  public FollowSubscriptions(FollowSubscriptionStore store, FollowQuestion follow, FollowUpNotifier notifier,
      FollowLinks links, RateLimiter limiter, RandomIds ids, Clock clock) {
    this.store = store;
    this.follow = follow;
    this.notifier = notifier;
    this.links = links;
    this.limiter = limiter;
    this.ids = ids;
    this.clock = clock;
  }

  /** Whether this node can keep and tell addresses (PostgreSQL and a sender). */
  public boolean available() {
    return store != null && notifier.sends();
  }

  /**
   * Sends a confirmation link to {@code email} unless it is already confirmed for the question; the same answer
   * either way. Fails {@code bad_request} for something that is not an address, {@code not_found} for a code the
   * public may not follow, {@code conflict} when the follow-up has ended, {@code rate_limited}, or
   * {@code unavailable} on a node that sends no email.
   */
  public Future<Void> subscribe(String typedCode, String email, String language, String clientAddress) {
    if (!available()) {
      return Future.failedFuture(new DomainException(ErrorCode.UNAVAILABLE,
          "This server sends no email to askers (mail.host and PostgreSQL)"));
    }
    String address;
    try {
      address = SignIns.email(email);
    } catch (DomainException e) {
      return Future.failedFuture(e);
    }
    String lang = "en".equals(language) ? "en" : "vi";
    return follow.locate(typedCode, clientAddress).compose(found -> {
      String code = FollowCodes.normalize(typedCode);
      if (found.sessionId() == null) {
        return Future.failedFuture(DomainException.notFound("No question with this follow-up code"));
      }
      if (found.question().followUpEnded()) {
        return Future.failedFuture(new DomainException(ErrorCode.CONFLICT,
            "The follow-up of this question has ended"));
      }
      String token = ids.secret(24);
      return limiter.take(RateLimiter.Bucket.FOLLOW_SUBSCRIPTIONS, SignIns.accountKey(address), PER_ADDRESS)
          .compose(ok -> limiter.take(RateLimiter.Bucket.FOLLOW_SUBSCRIPTIONS, "code:" + code, PER_CODE))
          .compose(ok -> store.subscribe(found.sessionId(), found.question().id(), code, address, lang,
              sha256(token)))
          .compose(created -> created.isEmpty() ? Future.<Void>succeededFuture()
              : notifier.send(new FollowNotice.Confirmation(address, lang, code, links.confirmLink(code, token)))
                  .recover(e -> {
                    // the asker may ask again; the answer stays the same, so it does not tell a known address
                    LogLine.of(LOG).with("code", code).with("error", e.getClass().getSimpleName())
                        .warning("A follow-up confirmation could not be sent");
                    return Future.succeededFuture();
                  }));
    });
  }

  /** Confirms an address by the token of its link; {@code not_found} for a token used, expired or unknown. */
  public Future<Void> confirm(String typedCode, String token) {
    String code = FollowCodes.normalize(typedCode);
    if (store == null || code == null || token == null || token.isEmpty() || token.length() > TOKEN_LENGTH) {
      return Future.failedFuture(linkRefused());
    }
    return store.confirm(code, sha256(token), clock.instant().minus(UNCONFIRMED_TTL))
        .compose(done -> done ? Future.<Void>succeededFuture() : Future.failedFuture(linkRefused()));
  }

  /** Deletes the address of an unsubscribe link (done already: the same answer); {@code not_found} for a forgery. */
  public Future<Void> unsubscribe(String token) {
    OptionalLong id = links.unsubscribed(token);
    if (store == null || id.isEmpty()) {
      return Future.failedFuture(linkRefused());
    }
    return store.unsubscribe(id.getAsLong()).mapEmpty();
  }

  /**
   * Tells the confirmed askers of a question that a step was appended to its chain, each once: {@code stepKey}
   * names the step whatever the node and the retry ({@code <who>:<ref>}, as its ref). When the step ends the
   * follow-up, every address of the question is deleted after the messages (unless one could not be sent: then a
   * retry of the step sends it and deletes them; else the sweep does, {@link #CONFIRMED_TTL}). Never fails: answers how many messages
   * were handed over (a message that could not be sent gives its claim back, so a retry of the step sends it).
   *
   * @param answer the answer's text (step {@code answered}; {@code answeredOnStage}: empty when given aloud only),
   *               else {@code null}; with one, the message carries the rating link
   */
  public Future<Integer> stepTaken(String sessionId, String questionId, String stepKey, String step, String agency,
      String due, String note, String answer) {
    if (!available()) {
      return Future.succeededFuture(0);
    }
    boolean last = FollowedQuestion.endsFollowUp(step);
    java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    return store.confirmed(sessionId, questionId).compose(subscribers -> {
      List<Future<Boolean>> sent = new ArrayList<>();
      for (FollowSubscriptionStore.Subscriber s : subscribers) {
        sent.add(store.claim(s.id(), stepKey).compose(claimed -> !claimed ? Future.succeededFuture(false)
            : notifier.send(new FollowNotice.Step(s.email(), s.language(), s.code(), step, agency, due, note, answer,
                    links.page(s.code()), links.unsubscribeLink(s.code(), s.id()),
                    answer == null ? null : links.rateLink(s.code()), last))
                .map(true)
                .recover(e -> {
                  failed.set(true);
                  LogLine.session(LOG, sessionId).with("code", s.code()).with("step", step)
                      .with("error", e.getClass().getSimpleName())
                      .warning("A follow-up message could not be sent; a retry of the step sends it");
                  return store.release(s.id(), stepKey).transform(ignored -> Future.succeededFuture(false));
                })));
      }
      return Future.join(sent).transform(done -> {
        int count = (int) sent.stream().filter(f -> f.succeeded() && Boolean.TRUE.equals(f.result())).count();
        // the addresses go once the last message is out; one that could not be sent keeps them for the retry
        return last && !failed.get() ? store.end(sessionId, questionId).map(count) : Future.succeededFuture(count);
      });
    }).recover(e -> {
      LogLine.session(LOG, sessionId).with("question", questionId).with("error", e.getClass().getSimpleName())
          .warning("Askers could not be told of a follow-up step");
      return Future.succeededFuture(0);
    });
  }

  /**
   * Deletes the addresses never confirmed within {@link #UNCONFIRMED_TTL}, and those confirmed more than
   * {@link #CONFIRMED_TTL} ago; answers how many.
   */
  public Future<Integer> sweep() {
    return store == null ? Future.succeededFuture(0)
        : store.sweep(clock.instant().minus(UNCONFIRMED_TTL), clock.instant().minus(CONFIRMED_TTL));
  }

  private static DomainException linkRefused() {
    return DomainException.notFound("This link was used already, has expired or does not exist");
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
