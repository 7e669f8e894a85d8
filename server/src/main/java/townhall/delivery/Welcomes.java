package townhall.delivery;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import townhall.domain.Participant;
import townhall.domain.Question;
import townhall.protocol.Audience;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;

/**
 * Encodes welcomes from a room's view. A question in its public form, neither voted nor asked by the joiner, is
 * the same bytes for every joiner: it is encoded once and shared until the question changes, so concurrent joiners
 * share one encoded public part and only their own questions and votes are encoded per joiner.
 *
 * <p>Threading: confined to the hub context.
 */
final class Welcomes {
  private record Fragment(Question question, Buffer encoded) {
  }

  private final MessageCodec codec;
  private final Map<String, Fragment> publicFragments = new HashMap<>();

  Welcomes(MessageCodec codec) {
    this.codec = codec;
  }

  /** What a welcome holds, taken from the view at one seq. */
  record Contents(long seq, String epoch, townhall.domain.Session session, String stage, int presence,
      List<Question> questions, boolean more, List<townhall.domain.Poll> polls) {
  }

  Buffer encode(Participant participant, String token, Contents contents, Set<String> voted) {
    List<Buffer> questions = new ArrayList<>(contents.questions().size());
    for (Question q : contents.questions()) {
      boolean mine = participant.id().equals(q.authorId());
      boolean up = voted.contains(q.id());
      Audience audience = Audience.of(participant, q.privateDetailsVisibleTo(participant));
      if (audience == Audience.PUBLIC && !mine && !up) {
        questions.add(shared(q));
      } else {
        questions.add(codec.encodeQuestionView(new ServerMessage.QuestionView(q, up, mine, audience)));
      }
    }
    ServerMessage.Welcome head = new ServerMessage.Welcome(new ServerMessage.Identity(participant.id(), token),
        participant.role(), contents.session(), contents.seq(), contents.epoch(), contents.stage(),
        contents.presence(), List.of(), contents.more(), pollsFor(participant, contents.polls()));
    return codec.encodeWelcome(head, questions);
  }

  /** The polls the participant may see, each with its results only when they may see those (hidden until close). */
  static List<ServerMessage.PollView> pollsFor(Participant participant, List<townhall.domain.Poll> polls) {
    List<ServerMessage.PollView> views = new ArrayList<>();
    for (townhall.domain.Poll poll : polls) {
      if (poll.visibleTo(participant.role())) {
        views.add(new ServerMessage.PollView(poll, poll.resultsVisibleTo(participant.role())));
      }
    }
    return views;
  }

  private Buffer shared(Question q) {
    Fragment known = publicFragments.get(q.id());
    if (known != null && (known.question() == q || known.question().equals(q))) {
      return known.encoded();
    }
    Buffer encoded = codec.encodeQuestionView(new ServerMessage.QuestionView(q, false, false, Audience.PUBLIC));
    publicFragments.put(q.id(), new Fragment(q, encoded));
    return encoded;
  }

  /** Forgets every shared fragment (the view was rebuilt). */
  void clear() {
    publicFragments.clear();
  }
}
