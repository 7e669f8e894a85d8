package townhall.delivery;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import townhall.domain.Participant;
import townhall.domain.TokenGenerations;

/**
 * One connection as delivery sees it: a participant's screen that receives a session's frames. The transport
 * implements it (a WebSocket in {@code ws}); delivery never names the transport.
 *
 * <p>Threading: {@link #write} runs on the recipient's own {@link #context()} (delivery hops there through
 * {@link Fanout}); {@link #deliveredSeq} belongs to the hub's context; the rest may be called anywhere.
 */
public interface Recipient {

  /** The event loop that owns the connection; every write happens there. */
  Context context();

  /** The participant, once identified. */
  Participant participant();

  /** False once the connection is closed or closing. */
  boolean isOpen();

  /**
   * Writes an encoded frame, or closes a connection that cannot keep up. Call it on {@link #context()}.
   *
   * @return whether the frame was written
   */
  boolean write(Buffer encoded);

  /**
   * Writes a message that other recipients on the same event loop are given too: the transport may frame it once
   * for all of them ({@link SharedMessage#form}). Same contract as {@link #write(Buffer)}.
   */
  default boolean write(SharedMessage message) {
    return write(message.encoded());
  }

  /** Ends the connection for a delivery reason; the client reconnects (or not) as the reason says. */
  void evict(Eviction reason);

  /** The seq of the last event this recipient was given (hub context only). */
  long deliveredSeq();

  void deliveredSeq(long seq);

  /** The generation of the moderator's or stage token the recipient said hello with (0 for residents). */
  long tokenGeneration();

  /** Whether the token this recipient said hello with is among those {@code generations} revokes. */
  default boolean revokedBy(TokenGenerations generations) {
    Participant holder = participant();
    return holder != null && holder.role().privileged() && generations.revokes(holder.role(), tokenGeneration());
  }

  /** Whether the recipient is a stage screen (a projector), which presence does not count. */
  default boolean isStage() {
    return participant() != null && participant().role() == townhall.domain.Role.STAGE;
  }

  /** Whether the recipient is a moderator's console. */
  default boolean isModerator() {
    return participant() != null && participant().role() == townhall.domain.Role.MODERATOR;
  }
}
