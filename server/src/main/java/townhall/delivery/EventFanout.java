package townhall.delivery;

import java.util.List;
import townhall.domain.SessionEvent;
import townhall.metrics.Metrics;
import townhall.protocol.Audience;
import townhall.protocol.EventMessages;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;

/**
 * Writes one logged event to every member that may see it: one buffer for moderators (with the content flags), one
 * for the question's author (with its private details; the moderators' buffer when that holds nothing more), one
 * for the other residents, each encoded once. Confined to the hub context.
 */
final class EventFanout {
  private final MessageCodec codec;
  private final Metrics metrics;

  EventFanout(MessageCodec codec, Metrics metrics) {
    this.codec = codec;
    this.metrics = metrics;
  }

  void deliver(Members members, SessionEvent.Sequenced event) {
    metrics.broadcast();
    Fanout toModerators = new Fanout();
    members.moderators().forEach(recipient -> {
      if (take(recipient, event)) {
        toModerators.add(recipient);
      }
    });
    boolean same = EventMessages.sameForAuthorAndModerators(event);
    Fanout toAuthor = same ? toModerators : new Fanout();
    members.of(event.privateRecipient()).forEach(recipient -> {
      if (take(recipient, event)) {
        toAuthor.add(recipient);
      }
    });
    if (!toModerators.isEmpty()) {
      send(toModerators, EventMessages.of(event, Audience.MODERATOR));
    }
    if (!same && !toAuthor.isEmpty()) {
      send(toAuthor, EventMessages.of(event, Audience.AUTHOR));
    }
    if (event.reachesResidents()) {
      Fanout everyone = Fanout.of(members.all(), recipient -> take(recipient, event));
      if (!everyone.isEmpty()) {
        send(everyone, EventMessages.of(event, Audience.PUBLIC));
      }
    }
  }

  /** Gives one recipient, alone, the events it may see of {@code events} after what it was given. */
  void catchUp(Recipient recipient, List<SessionEvent.Sequenced> events) {
    for (SessionEvent.Sequenced event : events) {
      if (event.seq() > recipient.deliveredSeq() && event.visibleTo(recipient.participant())) {
        ServerMessage message = EventMessages.of(event,
            Audience.of(recipient.participant(), event.privateTo(recipient.participant())));
        Fanout.sendTo(recipient, codec.encode(message), message.type(), metrics);
      }
    }
  }

  /** Encodes the message once and writes it to every member. */
  void toEveryone(Members members, ServerMessage message) {
    send(Fanout.everyone(members.all()), message);
  }

  /** Encodes the message once and writes it to every member {@code wanted} picks. */
  void toSome(Members members, java.util.function.Predicate<Recipient> wanted, ServerMessage message) {
    Fanout some = Fanout.of(members.all(), wanted);
    if (!some.isEmpty()) {
      send(some, message);
    }
  }

  private void send(Fanout fanout, ServerMessage message) {
    fanout.send(codec.encode(message), message.type(), metrics);
  }

  /** Marks the event as given to the recipient; answers false when it already had it. */
  private static boolean take(Recipient recipient, SessionEvent.Sequenced event) {
    if (recipient.deliveredSeq() >= event.seq()) {
      return false;
    }
    recipient.deliveredSeq(event.seq());
    return true;
  }
}
