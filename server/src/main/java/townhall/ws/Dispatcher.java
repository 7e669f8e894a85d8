package townhall.ws;

import io.vertx.core.Future;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.protocol.ClientMessage;
import townhall.protocol.ServerMessage;
import townhall.service.AskQuestion;
import townhall.service.CastVote;
import townhall.service.WithdrawQuestion;

/** Routes each client message of a joined participant to its use case and turns the result into the answer. */
public final class Dispatcher {
  private final AskQuestion askQuestion;
  private final CastVote castVote;
  private final WithdrawQuestion withdrawQuestion;
  private final ModeratorActions moderatorActions;

  public Dispatcher(AskQuestion askQuestion, CastVote castVote, WithdrawQuestion withdrawQuestion,
      ModeratorActions moderatorActions) {
    this.askQuestion = askQuestion;
    this.castVote = castVote;
    this.withdrawQuestion = withdrawQuestion;
    this.moderatorActions = moderatorActions;
  }

  /** Handles moderator-only messages; only ever given a moderator. */
  public interface ModeratorActions {
    Future<ServerMessage> moderate(Participant moderator, ClientMessage.Moderate message);

    Future<ServerMessage> session(Participant moderator, ClientMessage.SessionControl message);
  }

  ClientMessage.Visitor<Future<ServerMessage>> forParticipant(Participant participant) {
    return new ClientMessage.Visitor<>() {
      @Override
      public Future<ServerMessage> hello(ClientMessage.Hello hello) {
        return Future.failedFuture(DomainException.badRequest("Hello was already said"));
      }

      @Override
      public Future<ServerMessage> ask(ClientMessage.Ask ask) {
        return askQuestion.ask(participant, ask.ref(), ask.text(), ask.author())
            .map(r -> new ServerMessage.Ack(ask.ref(), r.questionId(), null, null, r.duplicate()));
      }

      @Override
      public Future<ServerMessage> vote(ClientMessage.Vote vote) {
        return castVote.vote(participant, vote.ref(), vote.questionId(), vote.up())
            .map(r -> new ServerMessage.Ack(vote.ref(), r.questionId(), r.votes(), r.voted(), r.duplicate()));
      }

      @Override
      public Future<ServerMessage> withdraw(ClientMessage.Withdraw withdraw) {
        return withdrawQuestion.withdraw(participant, withdraw.ref(), withdraw.questionId())
            .map(r -> new ServerMessage.Ack(withdraw.ref(), r.questionId(), null, null, r.duplicate()));
      }

      @Override
      public Future<ServerMessage> moderate(ClientMessage.Moderate moderate) {
        return participant.role() == Role.MODERATOR ? moderatorActions.moderate(participant, moderate)
            : Future.failedFuture(DomainException.forbidden("Only moderators can moderate"));
      }

      @Override
      public Future<ServerMessage> session(ClientMessage.SessionControl session) {
        return participant.role() == Role.MODERATOR ? moderatorActions.session(participant, session)
            : Future.failedFuture(DomainException.forbidden("Only moderators can open, pause or close a session"));
      }

      @Override
      public Future<ServerMessage> ping(ClientMessage.Ping ping) {
        return Future.succeededFuture(new ServerMessage.Pong());
      }
    };
  }
}
