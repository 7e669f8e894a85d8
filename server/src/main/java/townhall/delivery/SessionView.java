package townhall.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import townhall.domain.Participant;
import townhall.domain.Poll;
import townhall.domain.PollResults;
import townhall.domain.Question;
import townhall.domain.QuestionStatus;
import townhall.domain.Role;
import townhall.domain.Session;
import townhall.domain.SessionEvent;
import townhall.similar.SimilarQuestions;
import townhall.store.EventLog;

/**
 * A node's copy of one session, read in slices ({@link ViewRead}) and then kept by the session's events in seq
 * order and its vote counts: a cache that welcomes joiners and pages through questions without asking Redis.
 * Redis stays the only truth; nothing is ever written here first. Holds every question (moderators see them all),
 * indexed by votes and by age for the public set, and by status and author. It keeps the session's
 * {@link SimilarQuestions} index too: rebuilt with the view, then told of each question that becomes public, is
 * edited, or leaves the public set.
 *
 * <p>Threading: confined to the hub context.
 */
final class SessionView {
  /** Most votes first; of equal votes, the newer question first. */
  private final Comparator<String> byVotes;
  private final Map<String, Question> questions = new HashMap<>();
  private final NavigableSet<String> publicByVotes;
  /** Public question ids, newest first (ids count up). */
  private final NavigableSet<Long> publicNewest = new TreeSet<>(Comparator.reverseOrder());
  private final Map<QuestionStatus, NavigableSet<Long>> newestByStatus = new EnumMap<>(QuestionStatus.class);
  /** Each author's question ids, oldest first: a welcome lists them in the same order however the view was read. */
  private final Map<String, Set<String>> byAuthor = new HashMap<>();
  /** Question ids by the vote version of their count: what changed after a version, without a walk of them all. */
  private final NavigableMap<Long, Set<String>> byVoteVersion = new TreeMap<>();
  /** The session's polls by number, oldest first. */
  private final NavigableMap<Long, Poll> polls = new TreeMap<>();
  private Session session;
  private long seq;
  private final String epoch;
  private String stage;
  private int presence;
  /** The highest vote version applied: the view's counts are those of Redis at this version or later. */
  private long voteVersion;
  private final PopularOrders popular = new PopularOrders();
  /** The index this view keeps once a room installs it ({@link #keepSimilar}); none while it is being read. */
  private SimilarQuestions similar = SimilarQuestions.none();

  private SessionView(EventLog.SessionState state) {
    this.byVotes = (a, b) -> {
      Question qa = questions.get(a);
      Question qb = questions.get(b);
      int votes = Integer.compare(qb.votes(), qa.votes());
      return votes != 0 ? votes : Long.compare(number(b), number(a));
    };
    this.publicByVotes = new TreeSet<>(byVotes);
    this.session = state.session();
    this.seq = state.seq();
    this.epoch = state.epoch();
    this.stage = state.stage();
    this.presence = state.presence();
    this.voteVersion = state.voteVersion();
    for (QuestionStatus status : QuestionStatus.values()) {
      newestByStatus.put(status, new TreeSet<>(Comparator.reverseOrder()));
    }
    state.questions().forEach(this::put);
    state.polls().forEach(p -> polls.put(number(p.id()), p));
  }

  static SessionView of(EventLog.SessionState state) {
    return new SessionView(state);
  }

  /**
   * Makes {@code index} the similar-questions index of this view's public questions: rebuilt from them now, then
   * told of each question event this view applies.
   */
  void keepSimilar(SimilarQuestions index) {
    similar = index;
    List<SimilarQuestions.Indexed> candidates = new ArrayList<>();
    for (Question q : questions.values()) {
      if (similarCandidate(q)) {
        candidates.add(new SimilarQuestions.Indexed(q.id(), q.text()));
      }
    }
    index.reset(candidates);
  }

  /** Whether residents may be offered the question as similar to theirs: public, and not merged into another. */
  static boolean similarCandidate(Question question) {
    return question.status().visibleToResidents() && question.mergedInto() == null;
  }

  /** Adds a question read after the view's start (a later slice of a {@link ViewRead}), replacing any held. */
  void add(Question question) {
    remove(question.id());
    put(question);
  }

  Session session() {
    return session;
  }

  long seq() {
    return seq;
  }

  String epoch() {
    return epoch;
  }

  String stage() {
    return stage;
  }

  int presence() {
    return presence;
  }

  void presence(int count) {
    if (count >= 0) {
      presence = count;
    }
  }

  long voteVersion() {
    return voteVersion;
  }

  Question question(String id) {
    return questions.get(id);
  }

  /** Every question, in no particular order. */
  java.util.Collection<Question> questions() {
    return questions.values();
  }

  /** The questions whose count changed after vote version {@code seen}, oldest change first. */
  List<Question> countChangedAfter(long seen) {
    List<Question> changed = new ArrayList<>();
    byVoteVersion.tailMap(seen, false).values().forEach(ids -> ids.forEach(id -> changed.add(questions.get(id))));
    return changed;
  }

  PopularOrders popular() {
    return popular;
  }

  /**
   * Applies the event that follows the view's seq; answers false, changing nothing, for any other (an older one
   * is already in the view; a newer one means a gap the caller must fill first).
   */
  boolean apply(SessionEvent.Sequenced event) {
    if (event.seq() != seq + 1) {
      return false;
    }
    seq = event.seq();
    if (event instanceof SessionEvent.QuestionChanged changed) {
      Question incoming = changed.question();
      Question known = questions.get(incoming.id());
      if (known != null && known.voteVersion() > incoming.voteVersion()) {
        incoming = withCount(incoming, new SessionEvent.VoteCount(known.votes(), known.voteVersion()));
      }
      remove(incoming.id());
      put(incoming);
      voteVersion = Math.max(voteVersion, incoming.voteVersion());
      if (similarCandidate(incoming)) {
        if (known == null || !similarCandidate(known) || !known.text().equals(incoming.text())) {
          similar.put(incoming.id(), incoming.text());
        }
      } else if (known != null && similarCandidate(known)) {
        similar.remove(incoming.id());
      }
    } else if (event instanceof SessionEvent.StageChanged staged) {
      stage = staged.questionId();
    } else if (event instanceof SessionEvent.SessionChanged changed) {
      session = changed.session();
    } else if (event instanceof SessionEvent.PollChanged changed) {
      Poll known = polls.get(number(changed.poll().id()));
      Poll incoming = changed.poll();
      if (known != null && known.results() != null && incoming.results() != null
          && known.results().version() > incoming.results().version()) {
        incoming = new Poll(incoming.id(), incoming.kind(), incoming.question(), incoming.options(), incoming.max(),
            incoming.hidden(), incoming.status(), incoming.createdAt(), incoming.openedAt(), incoming.closedAt(),
            known.results());
      }
      polls.put(number(incoming.id()), incoming);
    }
    return true;
  }

  /** Keeps a poll's results when they are newer than those held. */
  void pollResults(String pollId, PollResults results) {
    Poll known = polls.get(number(pollId));
    if (known != null) {
      polls.put(number(pollId), known.withResults(results));
    }
  }

  /** The poll with this id, or {@code null}. */
  Poll poll(String pollId) {
    return polls.get(number(pollId));
  }

  /** Every poll of the session, oldest first. */
  java.util.Collection<Poll> polls() {
    return polls.values();
  }

  /** Keeps a question's count when it is newer than the one held. */
  void count(String questionId, SessionEvent.VoteCount count) {
    Question known = questions.get(questionId);
    voteVersion = Math.max(voteVersion, count.version());
    if (known == null || count.version() <= known.voteVersion()) {
      return;
    }
    remove(questionId);
    put(withCount(known, count));
  }

  /**
   * The questions a joiner's welcome shows: the top {@code n} public ones by votes, the newest {@code n}, the one on
   * stage and the joiner's own; for a moderator also the newest {@code n} of every status residents do not see.
   */
  List<Question> shownTo(Participant participant, int n) {
    Set<String> shown = new LinkedHashSet<>();
    int taken = 0;
    for (String id : publicByVotes) {
      if (taken++ >= n) {
        break;
      }
      shown.add(id);
    }
    taken = 0;
    for (long id : publicNewest) {
      if (taken++ >= n) {
        break;
      }
      shown.add(Long.toString(id));
    }
    if (participant.role() == Role.MODERATOR) {
      for (QuestionStatus status : QuestionStatus.values()) {
        if (!status.visibleToResidents()) {
          taken = 0;
          for (long id : newestByStatus.get(status)) {
            if (taken++ >= n) {
              break;
            }
            shown.add(Long.toString(id));
          }
        }
      }
    }
    if (stage != null && questions.containsKey(stage) && questions.get(stage).visibleTo(participant)) {
      shown.add(stage);
    }
    shown.addAll(byAuthor.getOrDefault(participant.id(), Set.of()));
    List<Question> list = new ArrayList<>(shown.size());
    shown.forEach(id -> list.add(questions.get(id)));
    return list;
  }

  /** How many questions the participant may see in all. */
  int visibleCount(Participant participant) {
    if (participant.role() == Role.MODERATOR) {
      return questions.size();
    }
    int own = 0;
    for (String id : byAuthor.getOrDefault(participant.id(), Set.of())) {
      if (!questions.get(id).status().visibleToResidents()) {
        own++;
      }
    }
    return publicNewest.size() + own;
  }

  /** Public question ids, most votes first (a live index: copy it to hold an order). */
  NavigableSet<String> publicByVotes() {
    return publicByVotes;
  }

  /** Question ids of one status (every status when null) or the public ones, newest first, older than {@code before}. */
  Iterable<Long> newest(QuestionStatus status, boolean everyStatus, long before) {
    if (everyStatus) {
      TreeSet<Long> all = new TreeSet<>(Comparator.reverseOrder());
      newestByStatus.values().forEach(ids -> all.addAll(ids.tailSet(before, false)));
      return all;
    }
    NavigableSet<Long> ids = status == null ? publicNewest : newestByStatus.get(status);
    return ids.tailSet(before, false);
  }

  /** Question ids of one status, most votes first (sorted now: for moderators' pages). */
  List<String> byVotes(QuestionStatus status) {
    List<String> ids = new ArrayList<>();
    for (Question q : questions.values()) {
      if (status == null || q.status() == status) {
        ids.add(q.id());
      }
    }
    ids.sort(byVotes);
    return ids;
  }

  private void put(Question question) {
    questions.put(question.id(), question);
    long number = number(question.id());
    newestByStatus.get(question.status()).add(number);
    if (question.status().visibleToResidents()) {
      publicByVotes.add(question.id());
      publicNewest.add(number);
    }
    if (question.authorId() != null) {
      byAuthor.computeIfAbsent(question.authorId(), a -> new TreeSet<>(Comparator.comparingLong(SessionView::number)))
          .add(question.id());
    }
    byVoteVersion.computeIfAbsent(question.voteVersion(), v -> new HashSet<>(2)).add(question.id());
  }

  private void remove(String id) {
    Question old = questions.get(id);
    if (old == null) {
      return;
    }
    long number = number(id);
    publicByVotes.remove(id); // before the question leaves the map: the index compares by it
    publicNewest.remove(number);
    newestByStatus.get(old.status()).remove(number);
    Set<String> sameVersion = byVoteVersion.get(old.voteVersion());
    if (sameVersion != null && sameVersion.remove(id) && sameVersion.isEmpty()) {
      byVoteVersion.remove(old.voteVersion());
    }
    questions.remove(id);
  }

  static Question withCount(Question q, SessionEvent.VoteCount count) {
    return new Question(q.id(), q.text(), q.author(), q.authorId(), q.status(), count.votes(), q.createdAt(),
        q.answer(), q.mergedInto(), q.edited(), q.rejectionReason(), count.version(), q.frozen(), q.screening(),
        q.rejectionCategory(), q.withheld(), q.authorBanned(), q.followCode(), q.intake(), q.followUp());
  }

  static long number(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
