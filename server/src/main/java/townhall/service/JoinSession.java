package townhall.service;

import io.vertx.core.Future;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.store.EventLog;

/**
 * A client says hello: it gets its identity back (or a new one) and either the events it missed since {@code since}
 * or a full snapshot.
 */
public final class JoinSession {
  private final EventLog log;
  private final Tokens tokens;
  private final RandomIds ids;

  public JoinSession(EventLog log, Tokens tokens, RandomIds ids) {
    this.log = log;
    this.tokens = tokens;
    this.ids = ids;
  }

  /**
   * The result of a hello: exactly one of {@code snapshot} and {@code history} is set.
   *
   * @param token the participant's token, to be sent in later hellos
   */
  public record Joined(Participant participant, String token, EventLog.Snapshot snapshot, EventLog.History history) {
    /** The seq the client holds once it has applied this result. */
    public long seq() {
      return snapshot != null ? snapshot.seq() : history.seq();
    }
  }

  public Future<Joined> join(String sessionId, String token, Long since, String epoch) {
    Participant participant = tokens.verify(token, sessionId)
        .orElseGet(() -> new Participant(sessionId, ids.participantId(), Role.RESIDENT));
    String ownToken = tokens.sign(participant);
    if (since == null) {
      return snapshot(participant, ownToken);
    }
    return log.since(sessionId, since, epoch, true).compose(history -> history.gone()
        ? snapshot(participant, ownToken)
        : Future.succeededFuture(new Joined(participant, ownToken, null, history)));
  }

  private Future<Joined> snapshot(Participant participant, String token) {
    return log.snapshot(participant).map(snapshot -> new Joined(participant, token, snapshot, null));
  }
}
