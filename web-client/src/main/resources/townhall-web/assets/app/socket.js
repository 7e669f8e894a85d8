// One WebSocket that keeps itself connected: reconnect with backoff, a heartbeat that notices a dead link,
// and the close-code policy of docs/protocol.md. It knows nothing of the messages beyond JSON.

import { IMMEDIATE_CLOSE_CODES, TERMINAL_CLOSE_CODES, ping } from './protocol.js';

const HEARTBEAT_MS = 20000;
const DEAD_LINK_CLOSE = 4000;

/**
 * Exponential backoff with jitter, so a crowd of phones that lost the same node does not come back in one wave:
 * attempt n waits between half and one and a half times baseMs·2ⁿ while that stays under maxMs — the first
 * reconnect comes within 0.5–1.5 s — and, once at the cap, between half of maxMs and maxMs, evenly (not half of
 * the draws at maxMs itself: how long a page waits after its server is healthy again is the rest of its current
 * wait, and an even spread makes that p95 2.0 s instead of 2.3 s for the same cap, for 8–17 % more attempts
 * while the server is down: load-tests/backoff-floor.py). A server's `retryAfterMs` wins over the backoff: that long plus 0–50 % more.
 * The cap is short (2.5 s) on purpose: a page must be back within about 3 s of its server being healthy again,
 * however long the outage was, and a long backoff cannot know when that is. Spreading a crowd that arrives at once
 * is the server's job (its join line answers `rate_limited` with `retryAfterMs`); an attempt against a server that
 * is down costs a refused connection.
 * `random` is injectable for tests. (Here rather than in a module of its own: one request fewer before the
 * resident page can connect.)
 */
export class Backoff {
  constructor({ baseMs = 1000, maxMs = 2500, random = Math.random } = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.random = random;
    this.attempt = 0;
  }

  next() {
    const grown = this.baseMs * 2 ** this.attempt;
    this.attempt += 1;
    if (grown >= this.maxMs) return Math.round(this.maxMs * (0.5 + 0.5 * this.random()));
    return Math.min(this.maxMs, grown * (0.5 + this.random()));
  }

  /** How long to wait when the server said when to come back. */
  after(retryAfterMs) {
    this.attempt += 1;
    return retryAfterMs * (1 + 0.5 * this.random());
  }

  reset() {
    this.attempt = 0;
  }
}

/** The close code that follows a refused hello (`rate_limited` with `retryAfterMs`). */
export const RATE_LIMITED_CLOSE = 4429;

export function sessionSocketUrl(sessionId) {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws/sessions/${encodeURIComponent(sessionId)}`;
}

export class ReconnectingSocket {
  /**
   * @param {string} url
   * @param {{onOpen: Function, onMessage: Function, onState: Function, onTerminal: Function}} handlers
   *   onState receives 'connecting' | 'open' | 'closed'; onTerminal the close code that ends the session.
   * @param {{adopt?: (url: string) => WebSocket|null, random?: () => number,
   *   timers?: {set: Function, clear: Function}}} [options] adopt: for the first connection, a socket to this URL
   *   already opening or open (the page opened it early), or null to open one; random and timers: injectable for
   *   tests (default Math.random, setTimeout/clearTimeout)
   */
  constructor(url, handlers, { adopt, random, timers } = {}) {
    this.url = url;
    this.handlers = handlers;
    this.adopt = adopt ?? null;
    this.backoff = new Backoff({ random });
    this.timers = timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (id) => clearTimeout(id) };
    /** What the server last asked us to wait before the next hello (a full join queue), or null. */
    this.serverRetryAfterMs = null;
    this.ws = null;
    this.retryTimer = null;
    this.heartbeatTimer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.connect();
  }

  stop() {
    this.stopped = true;
    this.timers.clear(this.retryTimer);
    this.drop(1000);
  }

  /** Sends a message if the socket is open; returns whether it was handed to the browser. */
  send(message) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  isOpen() {
    return Boolean(this.ws) && this.ws.readyState === WebSocket.OPEN;
  }

  /** The server accepted us (welcome or resumed): the next failure starts the backoff from scratch. */
  confirmHealthy() {
    this.backoff.reset();
  }

  /** Reconnects now unless a connection is already open or under way. */
  reconnectNow() {
    if (this.stopped || this.ws) return;
    if (this.serverRetryAfterMs !== null) return; // the server said when; coming back earlier is refused again
    this.timers.clear(this.retryTimer);
    this.connect();
  }

  /**
   * The server refused the hello for now and said when to come back (`rate_limited` with `retryAfterMs`): the next
   * reconnect waits that long plus jitter instead of the backoff.
   */
  retryAfter(retryAfterMs) {
    if (Number.isFinite(retryAfterMs) && retryAfterMs > 0) this.serverRetryAfterMs = retryAfterMs;
  }

  /** Treats the link as lost (e.g. the browser says it is offline) and waits for the backoff or reconnectNow. */
  dropAndRetry() {
    if (this.ws) this.drop(DEAD_LINK_CLOSE);
  }

  connect() {
    this.retryTimer = null;
    this.handlers.onState('connecting');
    const adopt = this.adopt;
    this.adopt = null;
    let ws;
    try {
      ws = adopt?.(this.url) ?? new WebSocket(this.url);
    } catch {
      this.scheduleRetry(false);
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.opened(ws);
    ws.onmessage = (event) => this.received(ws, event);
    ws.onclose = (event) => this.closed(ws, event.code);
    ws.onerror = () => {}; // a close event always follows
    if (ws.readyState === WebSocket.OPEN) this.opened(ws); // adopted after its open event
  }

  opened(ws) {
    if (ws !== this.ws) return;
    this.lastReceivedAt = Date.now();
    this.pingSentAt = 0;
    this.handlers.onState('open');
    this.handlers.onOpen();
  }

  received(ws, event) {
    if (ws !== this.ws) return;
    this.lastReceivedAt = Date.now();
    let message;
    try {
      message = JSON.parse(event.data);
    } catch {
      return;
    }
    // The first answer is to our hello, so pings are allowed from here on.
    if (!this.heartbeatTimer) this.startHeartbeat();
    this.handlers.onMessage(message);
  }

  closed(ws, code) {
    if (ws !== this.ws) return;
    this.detach();
    this.handlers.onState('closed');
    if (this.stopped) return;
    if (TERMINAL_CLOSE_CODES.has(code)) {
      this.stopped = true;
      this.handlers.onTerminal(code);
      return;
    }
    this.scheduleRetry(IMMEDIATE_CLOSE_CODES.has(code));
  }

  scheduleRetry(immediately) {
    if (this.stopped) return;
    this.timers.clear(this.retryTimer);
    const delay = this.nextDelay(immediately);
    this.retryTimer = this.timers.set(() => {
      this.serverRetryAfterMs = null;
      this.connect();
    }, delay);
  }

  nextDelay(immediately) {
    if (this.serverRetryAfterMs !== null) return this.backoff.after(this.serverRetryAfterMs);
    return immediately ? 0 : this.backoff.next();
  }

  // Ping on every beat; if nothing at all arrived since the previous ping, the link is dead. Comparing with the
  // last ping (not with a fixed age) keeps throttled background timers from raising false alarms.
  startHeartbeat() {
    this.heartbeatTimer = setInterval(() => {
      if (this.pingSentAt && this.lastReceivedAt < this.pingSentAt) {
        this.drop(DEAD_LINK_CLOSE);
        return;
      }
      this.pingSentAt = Date.now();
      this.send(ping());
    }, HEARTBEAT_MS);
  }

  drop(code) {
    const ws = this.ws;
    if (!ws) return;
    this.detach();
    ws.onclose = null;
    try {
      ws.close(code);
    } catch {
      // Already closing.
    }
    this.handlers.onState('closed');
    if (!this.stopped) this.scheduleRetry(false);
  }

  detach() {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    this.ws = null;
  }
}
