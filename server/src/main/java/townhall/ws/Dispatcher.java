package townhall.ws;

import io.vertx.core.Future;
import townhall.delivery.LocalHub;
import townhall.domain.DomainException;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.protocol.ClientMessage;
import townhall.protocol.ServerMessage;
import townhall.service.AnswerPoll;
import townhall.service.AskQuestion;
import townhall.service.CastVote;
import townhall.service.ChangeSessionStatus;
import townhall.service.FollowUps;
import townhall.service.ModerateQuestion;
import townhall.service.ReadSignals;
import townhall.service.RunPolls;
import townhall.service.WithdrawQuestion;
import townhall.store.ActionResult;
import townhall.store.PollStore;

/**
 * Routes each message of a joined participant to its use case and turns the result into the answer. Messages are
 * authorised here, per message, from the role the participant's token carries: moderator messages need a
 * moderator; a stage screen may only ping and page; a clerk asks only on behalf of someone (and only a clerk may),
 * withdraws its own entries, and neither votes nor moderates. Pages of questions come from the hub's view of the session.
 */
public final class Dispatcher {
  /** The {@code moderate} action that takes a follow-up step (not a {@code ModerationAction}: it goes on after the close). */
  private static final String FOLLOW_UP = "followUp";
  private static final String ANSWER = "answer";

  private final AskQuestion askQuestion;
  private final CastVote castVote;
  private final WithdrawQuestion withdrawQuestion;
  private final ModerateQuestion moderateQuestion;
  private final ChangeSessionStatus changeSessionStatus;
  private final ReadSignals readSignals;
  private final FollowUps followUps;
  private final LocalHub hub;
  private final RunPolls runPolls;
  private final AnswerPoll answerPoll;

  public Dispatcher(AskQuestion askQuestion, CastVote castVote, WithdrawQuestion withdrawQuestion,
      ModerateQuestion moderateQuestion, ChangeSessionStatus changeSessionStatus, ReadSignals readSignals,
      FollowUps followUps, LocalHub hub, RunPolls runPolls, AnswerPoll answerPoll) {
    this.hub = hub;
    this.runPolls = runPolls;
    this.answerPoll = answerPoll;
    this.followUps = followUps;
    this.askQuestion = askQuestion;
    this.castVote = castVote;
    this.withdrawQuestion = withdrawQuestion;
    this.moderateQuestion = moderateQuestion;
    this.changeSessionStatus = changeSessionStatus;
    this.readSignals = readSignals;
  }

  ClientMessage.Visitor<Future<ServerMessage>> forParticipant(Participant participant) {
    return new ClientMessage.Visitor<>() {
      @Override
      public Future<ServerMessage> hello(ClientMessage.Hello hello) {
        return Future.failedFuture(DomainException.badRequest("Hello was already said"));
      }

      @Override
      public Future<ServerMessage> ask(ClientMessage.Ask ask) {
        if (!participant.role().asks()) {
          return watchOnly();
        }
        if (participant.role().entersOnBehalf() != (ask.onBehalf() != null)) {
          return Future.failedFuture(participant.role().entersOnBehalf()
              ? DomainException.badRequest("A clerk's question says on whose behalf it is entered ('onBehalf')")
              : DomainException.forbidden("Only a clerk enters questions on behalf of someone"));
        }
        ClientMessage.OnBehalf on = ask.onBehalf();
        return askQuestion.ask(participant, ask.ref(), ask.text(), ask.author(), on == null ? null
                : new AskQuestion.OnBehalf(on.name(), on.area(), on.channel(), on.askingNow()))
            .map(r -> ack(ask.ref(), r));
      }

      @Override
      public Future<ServerMessage> vote(ClientMessage.Vote vote) {
        if (participant.role().entersOnBehalf()) {
          return Future.failedFuture(DomainException.forbidden("A clerk enters questions; it does not vote"));
        }
        if (!participant.role().votes()) {
          return watchOnly();
        }
        return castVote.vote(participant, vote.ref(), vote.questionId(), vote.up())
            .map(r -> ack(vote.ref(), r));
      }

      @Override
      public Future<ServerMessage> withdraw(ClientMessage.Withdraw withdraw) {
        if (!participant.role().asks()) {
          return watchOnly();
        }
        return withdrawQuestion.withdraw(participant, withdraw.ref(), withdraw.questionId())
            .map(r -> ack(withdraw.ref(), r));
      }

      @Override
      public Future<ServerMessage> moderate(ClientMessage.Moderate m) {
        if (participant.role() != Role.MODERATOR) {
          return Future.failedFuture(DomainException.forbidden("Only moderators can moderate"));
        }
        if (FOLLOW_UP.equals(m.action())) {
          return followUps.duringSession(participant, m.ref(), m.questionId(), m.step(), m.agency(), m.due(),
              m.note()).map(r -> ack(m.ref(), r));
        }
        if (m.step() != null || m.agency() != null || m.due() != null || m.note() != null) {
          return Future.failedFuture(DomainException.badRequest("'step', 'agency', 'due' and 'note' go with followUp"));
        }
        return moderateQuestion.moderate(participant, m.ref(), m.questionId(), m.action(), m.text(), m.reason(),
            m.into(), m.category(), m.publishOriginal()).map(r -> {
              if (ANSWER.equals(m.action())) {
                // askers who asked to be told hear of the answer on stage (once per answer: its ref)
                followUps.answeredOnStage(participant.sessionId(), m.questionId(), participant.id() + ":" + m.ref(),
                    m.text());
              }
              return ack(m.ref(), r);
            });
      }

      @Override
      public Future<ServerMessage> session(ClientMessage.SessionControl s) {
        if (participant.role() != Role.MODERATOR) {
          return Future.failedFuture(DomainException.forbidden("Only moderators can open, pause or close a session"));
        }
        return changeSessionStatus.change(participant, s.ref(), s.action())
            .map(r -> ack(s.ref(), r));
      }

      @Override
      public Future<ServerMessage> signals(ClientMessage.Signals s) {
        if (participant.role() != Role.MODERATOR) {
          return Future.failedFuture(DomainException.forbidden("Only moderators can see the vote signals"));
        }
        return readSignals.read(participant).map(report -> new ServerMessage.Signals(s.ref(), report));
      }

      @Override
      public Future<ServerMessage> page(ClientMessage.Page p) {
        return hub.page(participant, p.ref(), p.order(), p.cursor(), p.limit(), p.status()).map(page -> page);
      }

      @Override
      public Future<ServerMessage> ping(ClientMessage.Ping ping) {
        return Future.succeededFuture(new ServerMessage.Pong());
      }

      @Override
      public Future<ServerMessage> poll(ClientMessage.PollAdmin p) {
        if (participant.role() != Role.MODERATOR) {
          return Future.failedFuture(DomainException.forbidden("Only moderators can prepare, open or close polls"));
        }
        return runPolls.run(participant, p.ref(), p.action(), p.poll(), p.kind(), p.question(), p.options(), p.max(),
            p.hidden(), p.answer()).map(outcome -> pollAck(p.ref(), outcome));
      }

      @Override
      public Future<ServerMessage> answerPoll(ClientMessage.AnswerPoll a) {
        if (!participant.role().answersPolls()) {
          return Future.failedFuture(DomainException.forbidden("A stage screen and a clerk cannot answer polls"));
        }
        return answerPoll.answer(participant, a.ref(), a.poll(), a.choices(), a.rating(), a.text())
            .map(outcome -> pollAck(a.ref(), outcome));
      }
    };
  }

  private static Future<ServerMessage> watchOnly() {
    return Future.failedFuture(
        DomainException.forbidden("A stage screen only watches: it cannot ask, vote or withdraw"));
  }

  private static ServerMessage pollAck(String ref, PollStore.Outcome outcome) {
    return new ServerMessage.Ack(ref, null, null, null, null, null, outcome.duplicate(), outcome.pollId());
  }

  private static ServerMessage ack(String ref, ActionResult result) {
    return new ServerMessage.Ack(ref, result.questionId(), result.votes(), result.voted(),
        result.votes() == null ? null : result.voteVersion(), result.status(), result.duplicate());
  }
}
