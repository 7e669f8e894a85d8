package townhall.protocol;

import townhall.domain.SessionEvent;

/** The wire message of each logged event. */
public final class EventMessages {
  private EventMessages() {
  }

  /**
   * @param privileged whether the recipient may see a question's private details (moderators, the author)
   */
  public static ServerMessage of(SessionEvent.Sequenced event, boolean privileged) {
    if (event instanceof SessionEvent.QuestionChanged q) {
      return new ServerMessage.QuestionEvent(q.seq(), q.question(), privileged);
    }
    if (event instanceof SessionEvent.StageChanged s) {
      return new ServerMessage.Stage(s.seq(), s.questionId());
    }
    SessionEvent.SessionChanged s = (SessionEvent.SessionChanged) event;
    return new ServerMessage.SessionUpdate(s.seq(), s.session());
  }
}
