package townhall.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What the join storm and the reconnect storm measured, for {@link MeasurementResult} under {@code storm.*} and
 * {@code reconnect.*}. Called from the event loops and the storm's timers; every method takes this object's lock
 * (joins and reconnects are a few per millisecond at most, not a frame rate).
 */
public final class StormMeasurements {
  private final Histogram joinTime = Latency.histogram();
  private final Histogram joinAttempt = Latency.histogram();
  private final Histogram joinScheduled = Latency.histogram();
  private final Histogram welcomeBytes = Latency.histogram();
  private final Histogram welcomeQuestions = Latency.histogram();
  private final Histogram backTime = Latency.histogram();
  private final List<Long> backNanos = new ArrayList<>();
  private long healthyNanos = Long.MIN_VALUE;
  private final CountMap refusals = new CountMap();
  private final CountMap closeCodes = new CountMap();
  private final CountMap connectFailures = new CountMap();
  private final CountMap droppedAfterJoin = new CountMap();
  private final CountMap reconnectRefusals = new CountMap();
  private final CountMap reconnectFailures = new CountMap();
  private final CountMap reconnectAnswers = new CountMap();
  private final PerSecond joinedBySecond;
  private final PerSecond backBySecond;
  private long planned;
  private long attempts;
  private long retries;
  private long joined;
  private long lost;
  private long back;
  private long reconnectAttempts;
  private long sameIdentity;

  /** @param originEpochMs the epoch milliseconds of the process's clock origin (for the per-second series) */
  public StormMeasurements(long originEpochMs) {
    this.joinedBySecond = new PerSecond(originEpochMs);
    this.backBySecond = new PerSecond(originEpochMs);
  }

  /** The storm of this process holds {@code joiners} joiners. */
  public synchronized void planned(long joiners) {
    planned = joiners;
  }

  /** A joiner connects (again, when {@code retry}). */
  public synchronized void attempt(boolean retry) {
    attempts++;
    if (retry) {
      retries++;
    }
  }

  /**
   * A joiner got its welcome.
   *
   * @param dueNanos when its first connection was due (the open-loop schedule)
   * @param firstHelloNanos when its first {@code hello} went out
   * @param helloNanos when the {@code hello} of the attempt that got in went out
   * @param epochMs now, for the per-second series
   */
  public synchronized void joined(long dueNanos, long firstHelloNanos, long helloNanos, long nowNanos, long epochMs,
      int bytes, int questions) {
    joined++;
    Latency.record(joinScheduled, dueNanos, nowNanos);
    Latency.record(joinTime, firstHelloNanos, nowNanos);
    Latency.record(joinAttempt, helloNanos, nowNanos);
    welcomeBytes.recordValue(bytes);
    welcomeQuestions.recordValue(questions);
    joinedBySecond.add(epochMs, 1);
  }

  /** An attempt was answered with an {@code error} frame of this code before its welcome. */
  public synchronized void refused(String code) {
    refusals.increment(code);
  }

  /** An attempt's socket closed before its welcome, with this close code ({@code null}: no close frame). */
  public synchronized void closedBeforeWelcome(Short code) {
    closeCodes.increment(String.valueOf(code));
  }

  /** An attempt could not connect (or saw no welcome in time). */
  public synchronized void connectFailed(String why) {
    connectFailures.increment(why);
  }

  /** A joiner's socket was closed by the server after its welcome. */
  public synchronized void droppedAfterJoin(Short code) {
    droppedAfterJoin.increment(String.valueOf(code));
  }

  /** A resident of the killed node lost its connection. */
  public synchronized void lost() {
    lost++;
  }

  /** A resident of the killed node tries to come back. */
  public synchronized void reconnectAttempt() {
    reconnectAttempts++;
  }

  /** A reconnect attempt was refused by the node: an error code, or the node closed it before answering. */
  public synchronized void reconnectRefused(String why) {
    reconnectRefusals.increment(why);
  }

  /** A reconnect attempt failed without the node's answer: could not connect (the node down), no answer in time. */
  public synchronized void reconnectFailed(String why) {
    reconnectFailures.increment(why);
  }

  /**
   * A resident of the killed node is back.
   *
   * @param answer {@code resumed} or {@code welcome}
   * @param same whether it came back as the same participant
   */
  public synchronized void back(String answer, boolean same, long killNanos, long nowNanos, long epochMs) {
    back++;
    reconnectAnswers.increment(answer);
    if (same) {
      sameIdentity++;
    }
    Latency.record(backTime, killNanos, nowNanos);
    backNanos.add(nowNanos);
    backBySecond.add(epochMs, 1);
  }

  /**
   * The killed node, started again, first answered its health check at {@code nanos} (a restart storm: one node,
   * killed and restarted). From then on a resident's time back is also counted from this moment: how long a page
   * takes to come back once its server is healthy, whatever the length of the outage.
   */
  public synchronized void healthy(long nanos) {
    if (healthyNanos == Long.MIN_VALUE) {
      healthyNanos = nanos;
    }
  }

  /** Adds everything to {@code result}. */
  public synchronized void addTo(MeasurementResult result) {
    if (healthyNanos != Long.MIN_VALUE) {
      // a resident back before the poll saw the node healthy (the poll runs every 50 ms) counts as back at once
      Histogram afterHealthy = Latency.histogram();
      for (long at : backNanos) {
        Latency.record(afterHealthy, Math.min(at, healthyNanos), at);
      }
      result.histogram("reconnect.backAfterHealthy", afterHealthy);
    }
    result.count("storm.planned", planned).count("storm.attempts", attempts).count("storm.retries", retries)
        .count("storm.joined", joined)
        .histogram("storm.joinTime", joinTime).histogram("storm.joinAttempt", joinAttempt)
        .histogram("storm.joinScheduled", joinScheduled).histogram("storm.welcomeBytes", welcomeBytes)
        .histogram("storm.welcomeQuestions", welcomeQuestions)
        .counts("storm.refusals", refusals.snapshot()).counts("storm.closeCodes", closeCodes.snapshot())
        .counts("storm.connectFailures", connectFailures.snapshot())
        .counts("storm.droppedAfterJoin", droppedAfterJoin.snapshot())
        .series("storm.joined", joinedBySecond.snapshot())
        .count("reconnect.lost", lost).count("reconnect.back", back).count("reconnect.attempts", reconnectAttempts)
        .count("reconnect.sameIdentity", sameIdentity).histogram("reconnect.backTime", backTime)
        .counts("reconnect.refusals", reconnectRefusals.snapshot())
        .counts("reconnect.failures", reconnectFailures.snapshot())
        .counts("reconnect.answers", reconnectAnswers.snapshot())
        .series("reconnect.back", backBySecond.snapshot());
  }
}
