package townhall.delivery;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import townhall.domain.Participant;
import townhall.domain.Question;
import townhall.domain.SessionEvent;
import townhall.logging.LogLine;
import townhall.metrics.Metrics;
import townhall.protocol.Audience;
import townhall.protocol.EventMessages;
import townhall.protocol.MessageCodec;
import townhall.protocol.ServerMessage;
import townhall.similar.SimilarQuestions;
import townhall.store.EventLog;
import townhall.store.PresenceStore;

/**
 * One session on this node: its members, the ordered stream of its events ({@link EventOrder}), the events it
 * delivered lately ({@link RecentEvents}), its {@link SessionView} (which welcomes joiners and serves resumes and
 * pages), vote counts and presence coalesced per tick, and the fan-out of each event ({@link EventFanout}).
 *
 * <p>Threading: confined to the hub context.
 */
final class Room implements EventOrder.Sink {
  private static final Logger LOG = Logger.getLogger(Room.class.getName());
  private static final int PRESENCE_TICKS = 10;
  /** The most ticks between two results (or vote-count) frames, however many screens. */
  private static final int MAX_TICKS_APART = 5;

  private final String sessionId;
  private final EventLog log;
  private final PresenceStore presence;
  private final Metrics metrics;
  private final String presenceId;
  private final long presenceTtlMs;
  private final Members members = new Members();
  private final EventOrder order;
  private final RecentEvents recent;
  private final VoteTally votes = new VoteTally();
  private final PollTally pollTally = new PollTally();
  private final PresenceTally presenceTally = new PresenceTally();
  private final EventFanout fanout;
  private final DeliverySettings settings;
  private final MessageCodec codec;
  private final Welcomes welcomes;
  private final VotedLookup votedLookup;
  private final QuestionPager pager = new QuestionPager();
  /** The index of the public questions, kept by the view (rebuilt with it) once someone searches it. */
  private final SimilarQuestions similar;
  /**
   * Whether a search has asked for {@link #similar}: until then no view builds it. Built with the view, a
   * 100 000-question session's index took a worker over a minute of CPU, which a join storm's event loops on a
   * small node need; a session nobody types a question into never needs it.
   */
  private boolean similarWanted;
  /** The view, or null until it is built (again). */
  private SessionView view;
  private Future<SessionView> building;
  /** The read under way while {@link #building}: counts that arrive meanwhile go to it too. */
  private ViewRead reading;
  /** Counts every time the stream starts again, so a view read before that is not installed after it. */
  private long streamGeneration;
  /** Joiners waiting for the view to reach a seq, with that seq. */
  private final List<Map.Entry<Long, Promise<Void>>> waiting = new ArrayList<>();
  private final Vertx vertx;
  /** Whether a join or reconnect storm is on on this node ({@link JoinQueue#storming}). */
  private final BooleanSupplier joinStorm;
  /** Every count up to this vote version has gone out to the members (in a votes frame or a question event). */
  private long flushedVoteVersion;
  private final Throttle votesFlush;
  private final Throttle pollsFlush;
  private final Throttle presenceFlush;
  private final Throttle presenceReport;
  private boolean disposed;

  /** Completes when the session's feed subscription is active. */
  Future<Void> followed;
  /** Recipients between {@link LocalHub#prepare} and {@link LocalHub#join}. */
  int preparing;

  Room(Vertx vertx, String sessionId, EventFanout fanout, MessageCodec codec, VotedLookup votedLookup,
      DeliverySettings settings, EventLog log, PresenceStore presence, Metrics metrics, String presenceId,
      SimilarQuestions similar, BooleanSupplier joinStorm) {
    this.similar = similar;
    this.joinStorm = joinStorm;
    long tickMs = settings.tickMs();
    long heartbeatMs = settings.heartbeatMs();
    this.vertx = vertx;
    this.sessionId = sessionId;
    this.fanout = fanout;
    this.codec = codec;
    this.settings = settings;
    this.welcomes = new Welcomes(codec);
    this.votedLookup = votedLookup;
    this.recent = new RecentEvents(settings.recentEvents());
    this.log = log;
    this.presence = presence;
    this.metrics = metrics;
    this.presenceId = presenceId;
    this.presenceTtlMs = heartbeatMs * 3;
    this.order = new EventOrder(vertx, sessionId, log, tickMs * 10, settings.countSlice(), this);
    this.votesFlush = new Throttle(vertx, this::voteCountsIntervalMs, this::flushVotes);
    this.pollsFlush = new Throttle(vertx, this::pollResultsIntervalMs, this::flushPolls);
    // presence is not urgent: a slower tick keeps join and leave storms from costing a frame per socket per tick
    this.presenceFlush = new Throttle(vertx, tickMs * PRESENCE_TICKS, this::flushPresence);
    this.presenceReport = new Throttle(vertx, Math.max(tickMs, 250), this::reportPresence);
  }

  String sessionId() {
    return sessionId;
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  /** Adds a recipient holding the session's state as of {@code seq}; one closed meanwhile is not added. */
  void add(Recipient recipient, long seq) {
    if (!recipient.isOpen()) {
      return;
    }
    recipient.deliveredSeq(seq);
    members.add(recipient);
    if (order.lastSeq() < 0) {
      order.startAt(seq);
    } else if (seq < order.lastSeq()) {
      catchUp(recipient);
    }
    presenceReport.trigger();
  }

  /** Removes a recipient; answers whether it was here. */
  boolean remove(Recipient recipient) {
    if (!members.remove(recipient)) {
      return false;
    }
    presenceReport.trigger();
    return true;
  }

  void onEvent(SessionEvent event) {
    if (event instanceof SessionEvent.Sequenced sequenced) {
      order.onEvent(sequenced);
    } else if (event instanceof SessionEvent.VoteCounts counts) {
      counts(counts.counts());
    } else if (event instanceof SessionEvent.PollResultsChanged results) {
      pollResults(results.results());
    } else if (event instanceof SessionEvent.TokensRevoked revoked) {
      evictRevoked(revoked);
    } else if (event instanceof SessionEvent.PresenceChanged change && presenceTally.note(change)) {
      if (view != null) {
        view.presence(presenceTally.count());
      }
      presenceFlush.trigger();
    }
  }

  /** Ends the moderators' and stage screens' connections whose tokens the organizer revoked. */
  private void evictRevoked(SessionEvent.TokensRevoked revoked) {
    List<Recipient> holders = new ArrayList<>(members.moderators());
    holders.addAll(members.stageScreens());
    holders.stream().filter(recipient -> recipient.revokedBy(revoked.generations()))
        .forEach(recipient -> recipient.evict(Eviction.TOKEN_REVOKED));
  }

  void catchUpWithLog() {
    order.catchUpWithLog();
  }

  @Override
  public void next(SessionEvent.Sequenced event) {
    if (view != null && !view.apply(event) && event.seq() > view.seq()) {
      view = null; // cannot happen while the stream is in order; if it does, the view is built again
    }
    recent.add(event, flushedVoteVersion);
    if (view != null) {
      wake(view.seq());
    }
    if (event instanceof SessionEvent.QuestionChanged changed) {
      // the event itself carries the count to every screen that shows the question; no votes frame is needed
      if (votes.note(changed.question().id(), new SessionEvent.VoteCount(changed.question().votes(),
          changed.question().voteVersion()))) {
        votes.delivered(changed.question().id());
      }
    } else if (event instanceof SessionEvent.PollChanged changed) {
      if (pollTally.note(changed.poll().id(), changed.poll().results())) {
        // the event carries the results to everyone who may see them; no poll state frame is needed
        pollTally.delivered(changed.poll().id());
      } else if (pollTally.hasChanges()) {
        pollsFlush.trigger(); // results that waited for the view to know this poll
      }
    }
    fanout.deliver(members, event);
  }

  @Override
  public void old(SessionEvent.Sequenced event) {
    if (recent.rewritten(event)) {
      // Redis lost events this room already delivered (a failover to a lagging replica) and numbers new ones with
      // the same seqs: every screen here shows a past that is gone
      LogLine.session(LOG, sessionId).with("seq", event.seq())
          .warning("an event differs from the one delivered under its seq: the session's log went back");
      startAgain(event.seq());
    }
  }

  @Override
  public void counts(Map<String, SessionEvent.VoteCount> counts) {
    counts.forEach(votes::note);
    if (view != null) {
      counts.forEach(view::count);
    } else if (reading != null) {
      reading.counts(counts);
    }
    if (votes.hasChanges()) {
      votesFlush.trigger();
    }
  }

  /** Keeps the newest results of each poll, for the view and the next results frame (at most one per tick). */
  private void pollResults(Map<String, townhall.domain.PollResults> results) {
    results.forEach(pollTally::note);
    if (view != null) {
      results.forEach(view::pollResults);
    }
    if (pollTally.hasChanges()) {
      pollsFlush.trigger();
    }
  }

  /** The view's polls, each with the newest results this room knows. */
  private List<townhall.domain.Poll> polls(SessionView v) {
    List<townhall.domain.Poll> polls = new ArrayList<>();
    for (townhall.domain.Poll poll : v.polls()) {
      townhall.domain.PollResults newest = pollTally.latest(poll.id());
      polls.add(newest == null ? poll : poll.withResults(newest));
    }
    return polls;
  }

  @Override
  public void epoch(String epoch) {
    if (view != null && epoch != null && !epoch.equals(view.epoch())) {
      LogLine.session(LOG, sessionId).info("the session has a new epoch; its screens here resync");
      evictAll(Eviction.RESYNC);
    }
  }

  @Override
  public void wentBack(long lastSeq) {
    LogLine.session(LOG, sessionId).with("lastSeq", lastSeq)
        .warning("the session's log ends before what this node delivered: the log went back");
    startAgain(lastSeq);
  }

  @Override
  public void lost() {
    LogLine.session(LOG, sessionId).with("lastSeq", order.lastSeq())
        .warning("missed events are no longer in the log; clients resync");
    evictAll(Eviction.RESYNC);
  }

  @Override
  public void sessionGone() {
    // the organizer deleted the session (or retention did): its screens stop for good
    LogLine.session(LOG, sessionId).info("session no longer exists; closing its sockets");
    evictAll(Eviction.NO_SESSION);
  }

  /**
   * The session's log went back past what this room delivered: a new epoch, so every client's resume becomes a full
   * snapshot, then every recipient here resyncs.
   */
  private void startAgain(long rewrittenSeq) {
    forgetStream();
    log.startNewEpoch(sessionId, rewrittenSeq).onComplete(done -> evictAll(Eviction.RESYNC));
  }

  private void forgetStream() {
    order.reset();
    recent.clear();
    view = null;
    welcomes.clear();
    pollTally.clear(); // a log that went back may number results versions again
    streamGeneration++;
    wake(-1); // the waiting joiners ask for the view again, which is read afresh
  }

  /**
   * The view, read in slices ({@link ViewRead}) when there is none: the joiners that arrive meanwhile wait for the
   * same read.
   */
  Future<SessionView> view() {
    if (view != null) {
      return Future.succeededFuture(view);
    }
    if (building == null) {
      long generation = streamGeneration;
      ViewRead read = new ViewRead(log, sessionId, settings.recentEvents(), settings.viewSlice());
      reading = read;
      building = read.read().compose(result -> {
        building = null;
        reading = null;
        if (generation != streamGeneration) {
          return view(); // the stream started again meanwhile: this read may be older than what it knows
        }
        install(result);
        return view != null ? Future.succeededFuture(view) : view();
      }, failure -> {
        building = null;
        reading = null;
        return Future.failedFuture(failure);
      });
    }
    return building;
  }

  /** Makes a fresh read the view, and starts the stream from it when it has not started. */
  private void install(ViewRead.Result read) {
    SessionView fresh = read.view();
    if (similarWanted) {
      fresh.keepSimilar(similar);
    }
    fresh.presence(presenceTally.count());
    if (order.lastSeq() < 0) {
      recent.clear();
      read.recent().forEach(e -> recent.add(e, -1));
      view = fresh;
      if (pollTally.hasChanges()) {
        pollsFlush.trigger();
      }
      order.startAt(fresh.seq()); // events that came early are applied to the view as they are delivered
      wake(view == null ? 0 : view.seq());
      return;
    }
    // the stream is running (the view was dropped and read again): bring the read up to what was delivered
    recent.after(fresh.seq()).forEach(fresh::apply);
    if (fresh.seq() >= order.lastSeq()) {
      view = fresh;
      wake(view.seq());
      if (pollTally.hasChanges()) {
        pollsFlush.trigger(); // results that came while the view was read again
      }
    } else {
      LogLine.session(LOG, sessionId).warning("the view cannot catch up with the delivered events; resync");
      evictAll(Eviction.RESYNC);
    }
  }

  /**
   * What a joiner is sent: {@code resumed} with the events after {@code since} when it holds the view's epoch and
   * the room still has those events (and they are not more than the replay limit), else a bounded {@code welcome}.
   * Redis is asked only for the joiner's own votes among what the welcome shows (not at all for a new resident).
   */
  Future<Admission> admit(Participant participant, String token, boolean fresh, Long since, String epoch) {
    SessionView v = view;
    boolean ahead = since != null && since > v.seq() && (epoch == null || epoch.equals(v.epoch()));
    if (since != null && (resumable(v, since, epoch) || ahead)) {
      // a client coming from another node may have seen events this node's view has not applied yet (a node
      // busy with a dead node's residents lags behind the other's): the resume starts from the view once it holds
      // every event up to the session's seq now, instead of a welcome. The same batched call reads the current
      // counts of what the resume will carry (the coalesced counts may not have reached the node yet), so a resume
      // costs one call (a second only for counts that changed meanwhile; for a client ahead of the view, the
      // changed counts are known once the view caught up). A seq beyond the session's still gets a welcome.
      Set<String> asked = ahead ? shownIds(v, participant) : resumeCounts(v, participant, since).keySet();
      return votedLookup.voted(sessionId, participant.id(), List.copyOf(asked))
          .compose(this::reached)
          .compose(now -> resumable(now, since, epoch) ? resume(now, participant, token, since, asked)
              : welcomed(now, participant, token, fresh));
    }
    return welcomed(v, participant, token, fresh);
  }

  private Set<String> shownIds(SessionView v, Participant participant) {
    Set<String> ids = new java.util.HashSet<>();
    v.shownTo(participant, settings.welcomeQuestions()).forEach(q -> ids.add(q.id()));
    return ids;
  }

  private Future<Admission> welcomed(SessionView v, Participant participant, String token, boolean fresh) {
    // one batched call reads the joiner's votes among what the welcome shows (none for a new identity) and the
    // session's seq now: the welcome waits until the view has reached it, so a joiner sees what it just did
    List<String> asked = fresh ? List.of()
        : v.shownTo(participant, settings.welcomeQuestions()).stream().map(Question::id).toList();
    return votedLookup.voted(sessionId, participant.id(), asked)
        .compose(answer -> reached(answer).map(now -> welcome(now, participant, token, answer.voted())));
  }

  private Admission welcome(SessionView v, Participant participant, String token, Set<String> voted) {
    List<Question> shown = v.shownTo(participant, settings.welcomeQuestions());
    Welcomes.Contents contents = new Welcomes.Contents(v.seq(), v.epoch(), v.session(), v.stage(), v.presence(),
        shown, v.visibleCount(participant) > shown.size(), polls(v));
    return new Admission(contents.seq(), List.of(new Admission.Frame(
        welcomes.encode(participant, token, contents, voted), townhall.protocol.ServerType.WELCOME)));
  }

  /**
   * The view once it holds every event up to the session's seq in {@code answer}, and the same past: when the event
   * logged under that seq is not the one this room delivered, the log went back (a failover lost events and new ones
   * reuse their seqs) and the pub/sub copy of the new event may not have come yet; a welcome from this view would
   * show a past that is gone, so the room starts again and the joiner waits for a view read afresh.
   */
  private Future<SessionView> reached(VotedLookup.Answer answer) {
    if (answer.head() != null && recent.rewritten(answer.head())) {
      LogLine.session(LOG, sessionId).with("seq", answer.seq())
          .warning("the logged event under the session's seq is not the one delivered: the session's log went back");
      startAgain(answer.seq());
      return view();
    }
    return reached(answer.seq());
  }

  /** The view once it holds every event up to {@code seq} (the log is read when pub/sub is slow to bring them). */
  private Future<SessionView> reached(long seq) {
    if (view != null && view.seq() >= seq) {
      return Future.succeededFuture(view);
    }
    Promise<Void> reached = Promise.promise();
    waiting.add(Map.entry(seq, reached));
    vertx.setTimer(settings.tickMs(), id -> order.catchUpWithLog());
    return reached.future().compose(ok -> view());
  }

  /** Wakes the joiners waiting for the view to reach {@code seq} or less (all of them with -1 as "any"). */
  private void wake(long seq) {
    if (waiting.isEmpty()) {
      return;
    }
    List<Map.Entry<Long, Promise<Void>>> woken = new ArrayList<>();
    waiting.removeIf(w -> {
      if (seq < 0 || w.getKey() <= seq) {
        woken.add(w);
        return true;
      }
      return false;
    });
    woken.forEach(w -> w.getValue().tryComplete());
  }

  private boolean resumable(SessionView v, long since, String epoch) {
    if ((epoch != null && !epoch.equals(v.epoch())) || since > v.seq()
        || v.seq() - since > settings.replayLimit()) {
      return false;
    }
    return since == v.seq() || recent.covers(since);
  }

  /**
   * {@code resumed}, the events after {@code since} from the room's recent events, then the counts: every one
   * changed since the client's seq (all, when that is not known) and those a welcome would show, read afresh with
   * one batched call (the coalesced counts may not have reached the node yet).
   */
  private Future<Admission> resume(SessionView v, Participant participant, String token, long since,
      Set<String> refreshed) {
    List<Admission.Frame> frames = new ArrayList<>();
    frames.add(frame(new ServerMessage.Resumed(new ServerMessage.Identity(participant.id(), token),
        participant.role(), since, v.seq(), v.epoch(), v.presence())));
    for (SessionEvent.Sequenced event : recent.after(since)) {
      if (event.seq() <= v.seq() && event.visibleTo(participant)) {
        frames.add(frame(EventMessages.of(event, Audience.of(participant, event.privateTo(participant)))));
      }
    }
    Map<String, SessionEvent.VoteCount> counts = resumeCounts(v, participant, since);
    long seq = v.seq();
    List<String> notRefreshed = counts.keySet().stream().filter(id -> !refreshed.contains(id)).toList();
    Future<?> fresh = notRefreshed.isEmpty() ? Future.succeededFuture()
        : votedLookup.voted(sessionId, participant.id(), notRefreshed);
    return fresh.map(ignored -> {
      if (view != null) {
        counts.replaceAll((id, count) -> {
          Question now = view.question(id);
          return now != null && now.voteVersion() > count.version()
              ? new SessionEvent.VoteCount(now.votes(), now.voteVersion()) : count;
        });
      }
      frames.add(frame(new ServerMessage.Votes(counts)));
      // then the newest results of every poll whose results the participant may see, one poll frame each, without
      // a seq (the events above may carry older ones)
      for (townhall.domain.Poll poll : polls(view != null ? view : v)) {
        if (poll.visibleTo(participant.role()) && poll.resultsVisibleTo(participant.role())
            && poll.results() != null) {
          frames.add(frame(new ServerMessage.PollState(new ServerMessage.PollView(poll, true))));
        }
      }
      return new Admission(seq, frames);
    });
  }

  /** The counts a resume carries: every one changed since the client's seq (all when that is not known), and those a welcome would show. */
  private Map<String, SessionEvent.VoteCount> resumeCounts(SessionView v, Participant participant, long since) {
    long seen = since == v.seq() ? flushedVoteVersion : recent.voteVersionAt(since);
    Map<String, SessionEvent.VoteCount> counts = new HashMap<>();
    for (Question q : v.shownTo(participant, settings.welcomeQuestions())) {
      counts.put(q.id(), new SessionEvent.VoteCount(q.votes(), q.voteVersion()));
    }
    for (Question q : v.countChangedAfter(seen)) {
      if (q.visibleTo(participant)) {
        counts.put(q.id(), new SessionEvent.VoteCount(q.votes(), q.voteVersion()));
      }
    }
    return counts;
  }

  private Admission.Frame frame(ServerMessage message) {
    return new Admission.Frame(codec.encode(message), message.type());
  }

  /** A page of the view's questions for a participant, with their own votes among them. */
  Future<ServerMessage.Page> page(Participant participant, String ref, String order, String cursor, Integer limit,
      String status) {
    return view().compose(v -> {
      QuestionPager.Result result = pager.page(v, participant, order, cursor,
          limit == null ? settings.pageSize() : limit, status);
      List<String> ids = result.questions().stream().map(Question::id).toList();
      return votedLookup.voted(sessionId, participant.id(), ids).map(answer -> new ServerMessage.Page(ref, order,
          status, result.questions().stream().map(q -> new ServerMessage.QuestionView(q,
              answer.voted().contains(q.id()),
              participant.id().equals(q.authorId()),
              Audience.of(participant, q.privateDetailsVisibleTo(participant)))).toList(), result.cursor()));
    });
  }

  /**
   * Up to {@code limit} public questions similar to {@code text}, the most similar first. The index may lag the view
   * by a moment, so what it finds is checked against the view: a question no longer public is left out.
   */
  Future<List<SimilarQuestions.Suggestion>> similar(String text, int limit) {
    return view().compose(v -> {
      if (!similarWanted) {
        similarWanted = true;
        v.keepSimilar(similar);
      }
      return similar.similar(text, limit * 2);
    }).map(matches -> {
      List<SimilarQuestions.Suggestion> found = new ArrayList<>();
      for (SimilarQuestions.Match match : matches) {
        Question q = view == null ? null : view.question(match.id());
        if (q != null && SessionView.similarCandidate(q) && found.size() < limit) {
          found.add(new SimilarQuestions.Suggestion(q.id(), q.text(), match.score()));
        }
      }
      return found;
    });
  }

  /** Gives a recipient whose snapshot is older than the room the events in between, or makes it resume. */
  private void catchUp(Recipient recipient) {
    if (!recent.covers(recipient.deliveredSeq())) {
      recipient.evict(Eviction.RESYNC);
      return;
    }
    fanout.catchUp(recipient, recent.after(recipient.deliveredSeq()));
    recipient.deliveredSeq(order.lastSeq());
  }

  private void flushVotes() {
    if (!votes.hasChanges()) {
      return;
    }
    if (view != null) {
      flushedVoteVersion = Math.max(flushedVoteVersion, view.voteVersion());
    }
    metrics.voteFlush();
    fanout.toEveryone(members, new ServerMessage.Votes(votes.takeChanges()));
  }

  /**
   * How often changed vote counts go out: once per tick, except during a join or reconnect storm on this node when
   * the room's screens would take more than {@code stormVoteFramesPerSecond} frames a second that way — then every
   * few ticks. A storm's joiners wait behind whatever the node's event loops are writing, and counts frames to every
   * screen of a big room were a third of it (docs/performance.md, series 8); a count a few hundred ms later costs a
   * resident nothing.
   */
  private long voteCountsIntervalMs() {
    return voteCountsIntervalMs(settings.tickMs(), members.all().size(), settings.stormVoteFramesPerSecond(),
        joinStorm.getAsBoolean());
  }

  /** {@link #voteCountsIntervalMs()} for a room of {@code screens} screens. */
  static long voteCountsIntervalMs(long tickMs, int screens, int stormVoteFramesPerSecond, boolean joinStorm) {
    return joinStorm ? framesIntervalMs(tickMs, screens, stormVoteFramesPerSecond) : tickMs;
  }

  /**
   * How often a changing poll's results go out: once per tick while the room's screens take no more than
   * {@code pollFramesPerSecond} frames a second that way, else every few ticks — so 20 000 phones answering at once
   * do not spend the node's CPU on results frames the answers are waiting behind (each screen still gets the
   * newest results, later). At most {@link #MAX_TICKS_APART} ticks apart: the results must show on every
   * screen within a second of the last answer.
   */
  private long pollResultsIntervalMs() {
    return framesIntervalMs(settings.tickMs(), members.all().size(), settings.pollFramesPerSecond());
  }

  /**
   * How often a frame may go to each of {@code screens} screens: the fewest whole ticks that keep them within
   * {@code framesPerSecondAtMost} frames a second, at most {@link #MAX_TICKS_APART}.
   */
  static long framesIntervalMs(long tickMs, int screens, int framesPerSecondAtMost) {
    long framesPerSecond = (long) screens * 1000 / tickMs;
    long ticks = Math.max(1, (framesPerSecond + framesPerSecondAtMost - 1) / framesPerSecondAtMost);
    return Math.min(MAX_TICKS_APART, ticks) * tickMs;
  }

  /**
   * Once per tick (every {@link #pollResultsIntervalMs()} in a big room), one {@code poll} frame (without a seq) per
   * poll whose results changed, the whole poll with its
   * newest results, each encoded once: moderators get every changed poll; residents and the stage only
   * the polls whose results they may see now (never one hidden until it closes). Results of a poll the view does not
   * know yet (or while the view is read again) wait for it.
   */
  private void flushPolls() {
    if (!pollTally.hasChanges() || view == null) {
      return;
    }
    for (Map.Entry<String, townhall.domain.PollResults> change : pollTally.takeChanges().entrySet()) {
      townhall.domain.Poll known = view.poll(change.getKey());
      if (known == null) {
        pollTally.waitFor(change.getKey(), change.getValue());
        continue;
      }
      // one form for everyone who gets it (the results are the same), encoded once
      boolean everyone = known.resultsVisibleTo(townhall.domain.Role.RESIDENT);
      fanout.toSome(members, r -> everyone || r.participant().role() == townhall.domain.Role.MODERATOR,
          new ServerMessage.PollState(new ServerMessage.PollView(known.withResults(change.getValue()), true)));
    }
  }

  private void flushPresence() {
    fanout.toEveryone(members, new ServerMessage.Presence(presenceTally.count()));
  }

  void reportPresence() {
    if (!disposed) {
      presence.report(sessionId, presenceId, members.people(), presenceTtlMs)
          .onFailure(e -> LogLine.session(LOG, sessionId).fine("presence not reported", e));
    }
  }

  void evictAll(Eviction reason) {
    members.all().snapshot().forEach(recipient -> recipient.evict(reason));
    if (reason == Eviction.RESYNC) {
      forgetStream();
    }
  }

  /** Stops the room's timers and withdraws this node's presence from the session. */
  Future<Void> dispose() {
    disposed = true;
    similar.close();
    order.stop();
    votesFlush.cancel();
    pollsFlush.cancel();
    presenceFlush.cancel();
    presenceReport.cancel();
    return presence.report(sessionId, presenceId, 0, presenceTtlMs).<Void>mapEmpty()
        .onFailure(e -> LogLine.session(LOG, sessionId).fine("presence not withdrawn", e));
  }
}
