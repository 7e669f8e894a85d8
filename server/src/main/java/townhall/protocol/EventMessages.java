package townhall.protocol;

import townhall.domain.SessionEvent;

/** The wire message of each logged event. */
public final class EventMessages {
  private EventMessages() {
  }

  /** The event's message in the form for {@code audience}. */
  public static ServerMessage of(SessionEvent.Sequenced event, Audience audience) {
    if (event instanceof SessionEvent.QuestionChanged q) {
      return new ServerMessage.QuestionEvent(q.seq(), q.question(), audience);
    }
    if (event instanceof SessionEvent.StageChanged s) {
      return new ServerMessage.Stage(s.seq(), s.questionId(), s.carriedOver());
    }
    if (event instanceof SessionEvent.PollChanged p) {
      boolean withResults = audience == Audience.MODERATOR || p.poll().resultsVisibleTo(townhall.domain.Role.RESIDENT);
      return new ServerMessage.PollEvent(p.seq(), new ServerMessage.PollView(p.poll(), withResults));
    }
    SessionEvent.SessionChanged s = (SessionEvent.SessionChanged) event;
    return new ServerMessage.SessionUpdate(s.seq(), s.session());
  }

  /** Whether moderators and the author receive the same message (it has nothing only moderators may see). */
  public static boolean sameForAuthorAndModerators(SessionEvent.Sequenced event) {
    if (event instanceof SessionEvent.PollChanged p) {
      return p.poll().resultsVisibleTo(townhall.domain.Role.RESIDENT);
    }
    return !(event instanceof SessionEvent.QuestionChanged q) || !q.question().screening().isFlagged();
  }
}
