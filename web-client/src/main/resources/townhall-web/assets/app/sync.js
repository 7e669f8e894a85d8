// Keeps one session in sync over the socket: says hello, feeds server messages into the store, and delivers the
// outbox — every queued action is (re)sent after each hello until it is acknowledged or refused for good.

import * as protocol from './protocol.js';
import { ReconnectingSocket, sessionSocketUrl } from './socket.js';
import { storage } from './storage.js';

const DEFAULT_RETRY_MS = 2000;

/** What an acknowledgement means for the store, per action type. */
const ON_ACK = {
  ask: (sync, entry, ack) => sync.store.markMine(ack.questionId),
  vote: (sync, entry, ack) => {
    if (sync.outbox.voteFor(entry.questionId)) return; // a newer toggle is on its way; its ack will decide
    const voted = typeof ack.voted === 'boolean' ? ack.voted : entry.value === 1;
    sync.store.setVoted(entry.questionId, voted, ack.votes, ack.version);
  },
  withdraw: (sync, entry) => sync.store.setStatusLocally(entry.questionId, 'withdrawn'),
  answerPoll: (sync, entry) => sync.store.setMyAnswer(entry.poll, pollAnswerOf(entry)),
  // moderate and session: the server's question or session event carries the change; nothing to do here.
};

/** The answer part of an answerPoll message. */
function pollAnswerOf(entry) {
  if (entry.choices) return { choices: entry.choices };
  if (Number.isInteger(entry.rating)) return { rating: entry.rating };
  return { text: entry.text };
}

/** How to undo or hand back an action the server refused for good. */
const ON_REFUSED = {
  ask: (sync, entry) => sync.callbacks.onAskRefused(entry),
  vote: (sync, entry) => {
    if (sync.outbox.voteFor(entry.questionId)) return;
    sync.store.toggleVoteLocally(entry.questionId, entry.value !== 1);
  },
  withdraw: () => {},
};

/**
 * The resident's own identity, kept per session in localStorage. A resident whose token the server refuses (it
 * expired, say) drops it and joins again as a new resident.
 */
const RESIDENT_TOKENS = {
  get: (sessionId) => storage.token(sessionId),
  set: (sessionId, token) => storage.setToken(sessionId, token),
  drop: (sessionId) => storage.setToken(sessionId, null),
};

export class SessionSync {
  /**
   * @param {object} options
   * @param {string} options.sessionId
   * @param {import('./store.js').Store} options.store
   * @param {import('./outbox.js').Outbox} options.outbox
   * @param {object} options.callbacks onConnState(state), onError(code, entry, message), onAskRefused(entry),
   *   onTerminal(closeCode); optional: onHello(welcomeOrResumed) before it is applied (false: stop there), onAck(entry,
   *   ack), onRejoined() after a refused token was dropped and a new identity was asked for
   * @param {{get: (sessionId) => string|null, set: (sessionId, token, message) => void,
   *   drop?: (sessionId) => void}} [options.tokens] where the hello token comes from and where the one the server
   *   hands out goes (default: the resident's, in localStorage). With `drop`, a refused token (close 4403) is dropped
   *   and the page joins again without one; without it, the refusal ends the connection (onTerminal).
   * @param {(url: string) => WebSocket|null} [options.adoptSocket] a socket the page opened early, for the first
   *   connection (see ReconnectingSocket)
   * @param {object} [options.socketOptions] more options for the ReconnectingSocket (random, timers: for tests)
   */
  constructor({ sessionId, store, outbox, callbacks, tokens = RESIDENT_TOKENS, adoptSocket, socketOptions = {} }) {
    this.sessionId = sessionId;
    this.tokens = tokens;
    this.store = store;
    this.outbox = outbox;
    this.callbacks = callbacks;
    this.ready = false;
    /** True from a refused token until the next welcome: hello then carries neither token nor since. */
    this.rejoining = false;
    this.helloHadToken = false;
    this.inflight = new Set();
    this.waiting = new Map();
    this.requests = new Map(); // ref -> callback(error, answer) of a request that is not an action
    this.handlers = {
      welcome: (m) => this.welcome(m),
      resumed: (m) => this.resumed(m),
      ack: (m) => this.ack(m),
      error: (m) => this.error(m),
      question: (m) => this.store.applyEvent(m),
      stage: (m) => this.store.applyEvent(m),
      session: (m) => this.store.applyEvent(m),
      votes: (m) => this.store.applyVotes(m.counts, m.versions),
      // a poll with a seq is a logged event; without one, the poll's coalesced state (newest results by version)
      poll: (m) => (m.seq === undefined ? this.store.applyPollState(m.poll) : this.store.applyEvent(m)),
      presence: (m) => this.store.applyPresence(m.count),
      signals: (m) => this.answered(m.ref, null, m),
      page: (m) => this.answered(m.ref, null, m),
    };
    this.socket = new ReconnectingSocket(sessionSocketUrl(sessionId), {
      onOpen: () => this.sendHello(),
      onMessage: (message) => this.handlers[message.type]?.(message),
      onState: (state) => this.socketState(state),
      onTerminal: (code) => this.terminal(code),
    }, { adopt: adoptSocket, ...socketOptions });
  }

  start() {
    window.addEventListener('offline', () => this.socket.dropAndRetry());
    window.addEventListener('online', () => this.socket.reconnectNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.socket.reconnectNow();
    });
    this.socket.start();
  }

  /** Stops for good (e.g. the moderator link turned out not to be one). */
  stop() {
    this.ready = false;
    this.socket.stop();
  }

  isReady() {
    return this.ready;
  }

  /** Queues a question; answers its ref (the ack that answers it carries the same). */
  ask(text, author, topic = null) {
    const message = protocol.ask(text, author, topic);
    this.outbox.add(message);
    this.flush();
    return message.ref;
  }

  vote(questionId, upvote) {
    this.store.toggleVoteLocally(questionId, upvote);
    this.outbox.add(protocol.vote(questionId, upvote));
    this.flush();
  }

  withdraw(questionId) {
    if (this.outbox.withdrawFor(questionId)) return;
    this.outbox.add(protocol.withdraw(questionId));
    this.flush();
  }

  /** Queues any action message (moderate, session…) and sends it when possible; returns its ref. */
  act(message) {
    this.outbox.add(message);
    this.flush();
    return message.ref;
  }

  /**
   * Sends a request that reads rather than acts (signals): not queued, not resent; `callback(error, answer)` is
   * called once, with an error when the server refused it or the connection dropped first. Answers false (and calls
   * nothing) when not connected.
   */
  request(message, callback) {
    if (!this.ready || !this.socket.send(message)) return false;
    this.requests.set(message.ref, callback);
    return true;
  }

  answered(ref, error, answer) {
    const callback = this.requests.get(ref);
    if (!callback) return false;
    this.requests.delete(ref);
    callback(error, answer);
    return true;
  }

  failRequests(code) {
    for (const ref of [...this.requests.keys()]) this.answered(ref, { code }, null);
  }

  sendHello() {
    const resumable = !this.rejoining && this.store.hasSnapshot();
    const resume = resumable ? { since: this.store.seq, epoch: this.store.epoch } : {};
    const token = this.rejoining ? null : this.tokens.get(this.sessionId);
    this.helloHadToken = Boolean(token);
    this.socket.send(protocol.hello({ token, ...resume }));
  }

  // A refused token never works again. A resident drops it and joins as someone new, with a full welcome (what was
  // "mine" belonged to the old identity); other pages hold a link's token and can only say the link is spent.
  terminal(code) {
    if (code === protocol.TOKEN_REFUSED_CLOSE && this.tokens.drop && this.helloHadToken) {
      this.tokens.drop(this.sessionId);
      this.rejoining = true;
      this.callbacks.onRejoined?.();
      this.socket.start();
      return;
    }
    this.callbacks.onTerminal(code);
  }

  socketState(state) {
    if (state === 'open') return; // still "connecting" until the server answers hello
    this.ready = false;
    this.inflight.clear();
    this.failRequests('unavailable');
    const offline = state === 'closed' || navigator.onLine === false;
    this.callbacks.onConnState(offline ? 'offline' : 'connecting');
  }

  welcome(message) {
    this.rejoining = false;
    this.rememberToken(message);
    if (this.callbacks.onHello?.(message) === false) return;
    this.store.applyWelcome(message);
    this.reapplyQueuedVotes();
    this.resendLostAsks();
    this.becomeReady();
  }

  resumed(message) {
    this.rememberToken(message);
    if (this.callbacks.onHello?.(message) === false) return;
    this.store.applyResumed(message);
    this.becomeReady();
  }

  rememberToken(message) {
    const token = message.participant?.token;
    if (token) this.tokens.set(this.sessionId, token, message);
  }

  // A snapshot does not know about toggles still in the outbox; show them as the reader left them.
  reapplyQueuedVotes() {
    for (const entry of this.outbox.all()) {
      if (entry.type === 'vote') this.store.setVoted(entry.questionId, entry.value === 1);
    }
  }

  // A full snapshot holds every question of this participant, in any status: an acknowledged ask that is not among
  // them was lost by the store after it answered (a failover to a replica that lagged) and is sent again.
  resendLostAsks() {
    for (const entry of this.outbox.settled()) {
      if (!this.store.isMine(entry.settled)) this.outbox.resend(entry.ref);
    }
  }

  becomeReady() {
    this.ready = true;
    this.socket.confirmHealthy();
    this.callbacks.onConnState('online');
    this.flush();
  }

  ack(message) {
    this.inflight.delete(message.ref);
    const entry = this.outbox.get(message.ref);
    if (!entry) return;
    if (entry.type === 'ask' && message.questionId) {
      this.outbox.settle(entry.ref, message.questionId);
    } else {
      this.outbox.remove(entry.ref);
    }
    ON_ACK[entry.type]?.(this, entry, message);
    this.callbacks.onAck?.(entry, message);
  }

  error(message) {
    // A hello refused for now (the node's join queue is full): close 4429 follows; come back when the server says.
    if (!message.ref && message.code === 'rate_limited' && !this.ready) {
      this.socket.retryAfter(message.retryAfterMs);
      return;
    }
    if (message.ref && this.answered(message.ref, { code: message.code, message: message.message }, null)) return;
    const entry = message.ref ? this.outbox.get(message.ref) : null;
    if (entry) {
      this.inflight.delete(entry.ref);
      if (protocol.RETRYABLE_ERRORS.has(message.code)) {
        this.retryLater(entry.ref, message.retryAfterMs);
      } else {
        this.outbox.remove(entry.ref);
        ON_REFUSED[entry.type]?.(this, entry);
      }
    }
    this.callbacks.onError(message.code, entry, message.message);
  }

  retryLater(ref, retryAfterMs) {
    clearTimeout(this.waiting.get(ref));
    const delay = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : DEFAULT_RETRY_MS;
    this.waiting.set(ref, setTimeout(() => {
      this.waiting.delete(ref);
      this.flush();
    }, delay));
  }

  /** Sends every queued action not already on its way; only after hello was answered. */
  flush() {
    if (!this.ready) return;
    for (const entry of this.outbox.all()) {
      if (this.inflight.has(entry.ref) || this.waiting.has(entry.ref)) continue;
      if (!this.socket.send(entry)) return;
      this.inflight.add(entry.ref);
    }
  }
}
