package townhall;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import townhall.domain.Participant;
import townhall.domain.Role;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.protocol.ClientMessage;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;
import townhall.service.Tokens;

/**
 * Runs the code every {@code hello} and every frame goes through (the message codec both ways, a participant token
 * checked and signed afresh) a few thousand times on a background thread while the node starts, so that the JIT has
 * compiled it before a crowd arrives. A node restarted under its residents otherwise compiles while it resumes them:
 * the JIT took 44–60 % of a restarted node's CPU in the seconds after it was healthy (docs/performance.md, "Restart
 * and reconnect storms"). Startup itself is mostly one thread waiting on Redis, PostgreSQL and class loading, so this
 * uses a core that is idle then.
 *
 * <p>It never delays the node: nothing waits for it, it stops after {@link #ROUNDS} rounds or {@link #MOST_MS}, and
 * it touches nothing but its own throwaway codec and token key (a random secret, never the node's).
 */
final class WarmUp {
  private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());
  static final int ROUNDS = 20_000;
  private static final long MOST_MS = 10_000;

  private WarmUp() {
  }

  /** Starts the warm-up on a daemon thread of low priority. */
  static Thread start() {
    Thread thread = new Thread(() -> {
      long began = System.nanoTime();
      try {
        int rounds = run(ROUNDS, began + MOST_MS * 1_000_000);
        LogLine.of(LOG).with("rounds", rounds).with("ms", (System.nanoTime() - began) / 1_000_000)
            .info("codec and tokens warmed up");
      } catch (RuntimeException e) {
        LogLine.of(LOG).fine("warm-up stopped", e); // it only ever costs a little time: the node does not need it
      }
    }, "townhall-warm-up");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return thread;
  }

  /**
   * Up to {@code rounds} rounds of what a resume and a vote cost the node's own code, until {@code deadlineNanos}
   * ({@link System#nanoTime()}); answers the rounds run.
   */
  static int run(int rounds, long deadlineNanos) {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Tokens tokens = new Tokens(Base64.getUrlEncoder().withoutPadding().encodeToString(secret), List.of(),
        Duration.ofHours(1), Clock.systemUTC());
    MessageCodec codec = new MessageCodec();
    String sessionId = "WarmUpSession0001";
    Map<String, SessionEvent.VoteCount> counts = new HashMap<>();
    for (int q = 1; q <= 20; q++) {
      counts.put(Integer.toString(q), new SessionEvent.VoteCount(q * 7, q * 11L));
    }
    int done = 0;
    long sink = 0;
    for (; done < rounds && System.nanoTime() < deadlineNanos; done++) {
      Participant participant = new Participant(sessionId, "p" + (done % 1000), Role.RESIDENT);
      String token = tokens.sign(participant);
      String hello = codec.encodeClient(new ClientMessage.Hello(token, (long) done, "epoch-1"));
      ClientMessage.Hello said = (ClientMessage.Hello) codec.decode(hello);
      Participant back = tokens.require(said.token(), sessionId).participant();
      sink += codec.decode(codec.encodeClient(new ClientMessage.Vote("r" + done, "3", done % 2 == 0))).type()
          .ordinal();
      sink += codec.encode(new ServerMessage.Resumed(new ServerMessage.Identity(back.id(), tokens.sign(back)),
          back.role(), said.since(), said.since() + 1, said.epoch(), 1000 + done % 7)).length();
      sink += codec.encode(new ServerMessage.Votes(counts)).length();
      sink += codec.encode(new ServerMessage.Presence(done)).length();
    }
    if (sink == 42) {
      LOG.finest("a sum the JIT cannot drop");
    }
    return done;
  }
}
