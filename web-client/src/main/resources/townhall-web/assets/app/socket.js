// One WebSocket that keeps itself connected: reconnect with backoff, a heartbeat that notices a dead link,
// and the close-code policy of docs/protocol.md. It knows nothing of the messages beyond JSON.

import { IMMEDIATE_CLOSE_CODES, TERMINAL_CLOSE_CODES, ping } from './protocol.js';

const HEARTBEAT_MS = 20000;
const DEAD_LINK_CLOSE = 4000;

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so a crowd of phones that lost
 * the same node does not come back in one wave. (Here rather than in a module of its own: one request fewer before
 * the resident page can connect.)
 */
export class Backoff {
  constructor({ baseMs = 500, maxMs = 15000 } = {}) {
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.attempt = 0;
  }

  next() {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt += 1;
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  reset() {
    this.attempt = 0;
  }
}

export function sessionSocketUrl(sessionId) {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws/sessions/${encodeURIComponent(sessionId)}`;
}

export class ReconnectingSocket {
  /**
   * @param {string} url
   * @param {{onOpen: Function, onMessage: Function, onState: Function, onTerminal: Function}} handlers
   *   onState receives 'connecting' | 'open' | 'closed'; onTerminal the close code that ends the session.
   * @param {{adopt?: (url: string) => WebSocket|null}} [options] adopt: for the first connection, a socket to this
   *   URL already opening or open (the page opened it early), or null to open one
   */
  constructor(url, handlers, { adopt } = {}) {
    this.url = url;
    this.handlers = handlers;
    this.adopt = adopt ?? null;
    this.backoff = new Backoff();
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
    clearTimeout(this.retryTimer);
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
    clearTimeout(this.retryTimer);
    this.connect();
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
    clearTimeout(this.retryTimer);
    const delay = immediately ? 0 : this.backoff.next();
    this.retryTimer = setTimeout(() => this.connect(), delay);
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
