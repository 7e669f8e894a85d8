// One client's view of one session: what the server told us, plus which questions are mine and which I upvoted.
// The resident page, the moderator console and the stage displays share it; `role` says what the server made us.
// Listeners receive one change at a time: {kind: 'reset' | 'question' | 'votes' | 'stage' | 'session' | 'presence', ...}.

const EVENT_APPLIERS = {
  question: (store, message) => store.upsertQuestion(message.question),
  stage: (store, message) => {
    // an earlier session's question on stage (series carry-over), named by its follow-up code
    store.carriedOver = message.carriedOver ?? null;
    store.setStage(message.questionId ?? null);
  },
  session: (store, message) => store.setSession(message.session),
  poll: (store, message) => store.upsertPoll(message.poll),
};

export class Store {
  constructor() {
    this.listeners = new Set();
    this.session = null;
    this.questions = new Map();
    this.mine = new Set();
    this.voted = new Set();
    this.stage = null;
    this.presence = null;
    this.seq = null;
    this.epoch = null;
    this.participantId = null;
    this.role = null;
    /** The session's polls by id, as this participant may see them (results only when visible to them). */
    this.polls = new Map();
    /** This participant's answers on this page, by poll id ({choices} | {rating} | {text}). */
    this.myAnswers = new Map();
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change) {
    for (const listener of this.listeners) listener(change);
  }

  /** Whether we hold a snapshot that a reconnect may resume from. */
  hasSnapshot() {
    return this.seq !== null && Boolean(this.epoch);
  }

  /** Session facts known before the socket answers (from the join-code lookup). */
  setInitialSession(session) {
    if (this.session) return;
    this.session = session;
    this.emit({ kind: 'session' });
  }

  applyWelcome(message) {
    this.session = message.session;
    this.seq = message.seq;
    this.epoch = message.epoch;
    this.stage = message.stage ?? null;
    this.presence = message.presence ?? null;
    this.participantId = message.participant?.id ?? null;
    this.role = message.role ?? null;
    this.questions = new Map();
    this.mine = new Set();
    this.voted = new Set();
    this.polls = new Map();
    for (const poll of message.polls ?? []) this.polls.set(poll.id, poll);
    for (const question of message.questions ?? []) {
      this.questions.set(question.id, stripFlags(question));
      if (question.mine) this.mine.add(question.id);
      if (question.voted) this.voted.add(question.id);
    }
    this.emit({ kind: 'reset' });
  }

  /**
   * Questions read with `page`: added when not known yet (a known one is already as new as the events made it),
   * with my upvote and authorship; emits one `page` change naming the added ids.
   */
  mergeQuestions(questions) {
    const ids = [];
    for (const question of questions) {
      if (!question?.id || this.questions.has(question.id)) continue;
      this.questions.set(question.id, stripFlags(question));
      if (question.mine) this.mine.add(question.id);
      if (question.voted) this.voted.add(question.id);
      ids.push(question.id);
    }
    if (ids.length) this.emit({ kind: 'page', ids });
    return ids;
  }

  applyResumed(message) {
    if (message.role) this.role = message.role;
    if (message.presence !== undefined) this.applyPresence(message.presence);
  }

  /** Applies a question, stage or session event once: events at or below the last applied seq are skipped. */
  applyEvent(message) {
    const apply = EVENT_APPLIERS[message.type];
    if (!apply || this.seq === null) return false;
    if (!Number.isInteger(message.seq) || message.seq <= this.seq) return false;
    this.seq = message.seq;
    apply(this, message);
    return true;
  }

  upsertQuestion(question) {
    if (!question?.id) return;
    const next = stripFlags(question);
    const known = this.questions.get(question.id);
    if (known && isNewer(known.voteVersion, next.voteVersion)) {
      // a votes frame already brought a newer count than the one this event was written with
      next.votes = known.votes;
      next.voteVersion = known.voteVersion;
    }
    this.questions.set(question.id, next);
    this.emit({ kind: 'question', id: question.id });
  }

  /** A poll event: the poll as it is now; results newer than the event's (a poll state came first) are kept. */
  upsertPoll(poll) {
    if (!poll?.id) return;
    const known = this.polls.get(poll.id);
    const next = { ...poll };
    if (known?.results && next.results && known.results.version > next.results.version) next.results = known.results;
    this.polls.set(poll.id, next);
    this.emit({ kind: 'poll', ids: [poll.id] });
  }

  /**
   * A poll's coalesced state (a `poll` frame without `seq`): not an event, so no seq is checked or moved; only its
   * results are taken, when newer (by version) than those held — its status changes come as logged events.
   */
  applyPollState(poll) {
    if (!poll?.id || !poll.results) return;
    const known = this.polls.get(poll.id);
    if (known?.results && known.results.version >= poll.results.version) return;
    this.polls.set(poll.id, known ? { ...known, results: poll.results } : { ...poll });
    this.emit({ kind: 'poll', ids: [poll.id] });
  }

  setMyAnswer(pollId, answer) {
    this.myAnswers.set(pollId, answer);
    this.emit({ kind: 'poll', ids: [pollId] });
  }

  /** Polls oldest first (ids count up). */
  pollList() {
    return [...this.polls.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  setStage(questionId) {
    const previous = this.stage;
    this.stage = questionId;
    this.emit({ kind: 'stage', ids: [previous, questionId].filter(Boolean) });
  }

  setSession(session) {
    if (!session) return;
    this.session = { ...this.session, ...session };
    this.emit({ kind: 'session' });
  }

  /** Absolute counts; a count whose version is older than the one shown is dropped (it was already on its way). */
  applyVotes(counts, versions) {
    const ids = [];
    for (const [id, votes] of Object.entries(counts ?? {})) {
      const question = this.questions.get(id);
      if (question && setCount(question, votes, versions?.[id])) ids.push(id);
    }
    if (ids.length) this.emit({ kind: 'votes', ids });
  }

  applyPresence(count) {
    if (!Number.isInteger(count)) return;
    this.presence = count;
    this.emit({ kind: 'presence' });
  }

  /**
   * My upvote state; `votes` is an absolute count when known (an ack, with its `version`), otherwise the count is
   * left alone.
   */
  setVoted(id, voted, votes, version) {
    if (voted) this.voted.add(id);
    else this.voted.delete(id);
    const question = this.questions.get(id);
    if (question && Number.isInteger(votes)) setCount(question, votes, version);
    this.emit({ kind: 'votes', ids: [id] });
  }

  /** An optimistic toggle: flips my vote and moves the count by one until the server's number arrives. */
  toggleVoteLocally(id, voted) {
    const question = this.questions.get(id);
    if (!question || this.voted.has(id) === voted) return;
    this.setVoted(id, voted, Math.max(0, question.votes + (voted ? 1 : -1)));
  }

  markMine(id) {
    if (!id || this.mine.has(id)) return;
    this.mine.add(id);
    if (this.questions.has(id)) this.emit({ kind: 'question', id });
  }

  /** A status we know from an ack before its event arrives (the event will carry the same). */
  setStatusLocally(id, status) {
    const question = this.questions.get(id);
    if (!question || question.status === status) return;
    question.status = status;
    this.emit({ kind: 'question', id });
  }

  isMine(id) {
    return this.mine.has(id);
  }

  hasVoted(id) {
    return this.voted.has(id);
  }

  status() {
    return this.session?.status ?? 'open';
  }
}

function stripFlags(question) {
  const { voted, mine, ...rest } = question;
  return rest;
}

/** Whether version `a` is newer than `b` (a count without a version is never known to be newer). */
function isNewer(a, b) {
  return Number.isInteger(a) && Number.isInteger(b) && a > b;
}

/** Sets a question's count unless the one shown is newer; answers whether it changed. */
function setCount(question, votes, version) {
  if (isNewer(question.voteVersion, version) || (question.voteVersion === version && question.votes === votes)) {
    return false;
  }
  const changed = question.votes !== votes;
  question.votes = votes;
  if (Number.isInteger(version)) question.voteVersion = version;
  return changed;
}
